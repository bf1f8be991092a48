package io.newsdesk.cms.common.error;

/** 403: the caller is known, but its role may not do this. */
public class Forbidden extends ApiException {
    public Forbidden(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
