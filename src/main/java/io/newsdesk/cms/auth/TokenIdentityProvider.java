package io.newsdesk.cms.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a bearer secret into a security identity carrying the token's role and the {@link Caller}. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    public static final String CALLER_ATTRIBUTE = "newsdesk.caller";

    @Inject
    TokenService tokens;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            Caller caller = tokens.authenticate(request.secret())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired token"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.name()))
                    .addRoles(caller.role().grantedRoles())
                    .addAttribute(CALLER_ATTRIBUTE, caller)
                    .build();
        });
    }
}
