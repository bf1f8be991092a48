package io.newsdesk.cms.common.error;

/** 404: unknown, or not visible to this caller (hidden content answers exactly like missing content). */
public class NotFound extends ApiException {
    public NotFound(String detail) {
        super(404, "not-found", "Not found", detail);
    }
}
