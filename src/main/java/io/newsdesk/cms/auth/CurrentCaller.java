package io.newsdesk.cms.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the current request, or null when anonymous. Asking resolves the bearer token, so a
 * bad token fails the request with 401 even on routes that anonymous readers may use.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    public Caller get() {
        return identity.isAnonymous() ? null : identity.getAttribute(TokenIdentityProvider.CALLER_ATTRIBUTE);
    }
}
