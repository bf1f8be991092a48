package io.newsdesk.cms.auth;

/** Who makes an authenticated request: the token's id, name and role. Anonymous callers are null. */
public record Caller(long tokenId, String name, Role role) {

    public boolean atLeast(Role other) {
        return role.atLeast(other);
    }
}
