package io.newsdesk.cms.common.error;

/** 409: the request clashes with the current state (slug taken, category not empty). */
public class Conflict extends ApiException {
    public Conflict(String detail) {
        super(409, "conflict", "Conflict", detail);
    }
}
