package io.newsdesk.cms.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that presents a token has it checked on every route, public reads included: a client
 * whose token was revoked learns it (401) instead of silently reading as an anonymous visitor.
 */
public class TokenCheck {

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter
    public Uni<Void> checkPresentedToken(ContainerRequestContext request) {
        if (request.getHeaderString("Authorization") == null) {
            return null;
        }
        return identity.getDeferredIdentity().replaceWithVoid();
    }
}
