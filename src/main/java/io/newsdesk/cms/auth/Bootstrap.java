package io.newsdesk.cms.auth;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.runtime.StartupEvent;

/** At start: CMS_BOOTSTRAP_TOKEN becomes an admin token, for CMS_BOOTSTRAP_TOKEN_LIFETIME, on a database with no usable one. */
@Singleton
public class Bootstrap {

    @Inject
    CmsConfig config;

    @Inject
    TokenService tokens;

    void onStart(@Observes @jakarta.annotation.Priority(1) StartupEvent event) {
        config.bootstrapToken().filter(t -> !t.isBlank()).ifPresent(token -> tokens.bootstrap(token, config.bootstrapTokenLifetime()));
    }
}
