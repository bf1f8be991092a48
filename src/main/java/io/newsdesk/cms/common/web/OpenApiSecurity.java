package io.newsdesk.cms.common.web;

/**
 * Names used in the OpenAPI document: the bearer scheme, and {@value #ROLE_EXTENSION}, the lowest
 * role a protected operation admits, so generated clients and the guard test know.
 */
public final class OpenApiSecurity {

    public static final String BEARER = "bearer";
    public static final String ROLE_EXTENSION = "x-required-role";
    /** Marks the few writes anyone may make on purpose (a reader's comment), so the guard test knows them from forgotten ones. */
    public static final String PUBLIC_WRITE_EXTENSION = "x-public-write";
    public static final String SCHEME_DESCRIPTION = "An API token from POST /tokens (or CMS_BOOTSTRAP_TOKEN): "
            + "`Authorization: Bearer <token>`";

    private OpenApiSecurity() {
    }
}
