package io.newsdesk.cms.common.error;

import java.util.Map;

/** 412: the client's If-Match no longer names the current version. */
public class PreconditionFailed extends ApiException {

    private final Integer currentRevision;

    public PreconditionFailed(String currentEtag) {
        super(412, "precondition-failed", "Precondition failed",
                "The resource has changed since you read it (If-Match does not match the current ETag "
                        + currentEtag + "); read it again and retry",
                null, Map.of("ETag", currentEtag));
        this.currentRevision = null;
    }

    /** The same about an article, naming its newest revision. */
    public PreconditionFailed(String currentEtag, int currentRevision) {
        super(412, "precondition-failed", "Precondition failed",
                "The article has changed since you read it (If-Match does not match the current ETag " + currentEtag
                        + "; its newest revision is " + currentRevision + "); read it again and retry",
                null, Map.of("ETag", currentEtag));
        this.currentRevision = currentRevision;
    }

    public String currentEtag() {
        return headers().get("ETag");
    }

    @Override
    public Integer currentRevision() {
        return currentRevision;
    }
}
