package io.newsdesk.cms.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer secret presented in the Authorization header, on its way to {@link TokenIdentityProvider}. */
public class TokenAuthenticationRequest extends BaseAuthenticationRequest {

    private final String secret;

    public TokenAuthenticationRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "TokenAuthenticationRequest[secret hidden]";
    }
}
