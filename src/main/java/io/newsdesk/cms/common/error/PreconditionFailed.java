package io.newsdesk.cms.common.error;

import java.util.Map;

/** 412: the client's If-Match no longer names the current version. */
public class PreconditionFailed extends ApiException {
    public PreconditionFailed(String currentEtag) {
        super(412, "precondition-failed", "Precondition failed",
                "The resource has changed since you read it (If-Match does not match the current ETag "
                        + currentEtag + "); read it again and retry",
                null, Map.of("ETag", currentEtag));
    }
}
