package io.newsdesk.cms.common.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings (prefix {@code cms}, environment variables {@code CMS_...}). */
@ConfigMapping(prefix = "cms")
public interface CmsConfig {

    /**
     * CMS_BOOTSTRAP_TOKEN: on a database with no token at all, this value becomes the first admin
     * token, so a fresh install can be driven with curl. At least 32 characters.
     */
    Optional<String> bootstrapToken();

    /**
     * CMS_SECRET: the key that signs preview tokens. When absent, a random key is generated on first
     * start and kept in the database, so every instance on that database agrees on it.
     */
    Optional<String> secret();

    Preview preview();

    Cache cache();

    interface Preview {
        /** CMS_PREVIEW_TTL: how long a draft preview token stays valid. */
        @WithDefault("PT1H")
        Duration ttl();
    }

    interface Cache {
        /** CMS_CACHE_MAX_AGE: seconds a browser or CDN may reuse a public answer. */
        @WithDefault("60")
        int maxAge();

        /** CMS_CACHE_STALE_WHILE_REVALIDATE: seconds a stale public answer may still be served while refreshed. */
        @WithDefault("300")
        int staleWhileRevalidate();
    }
}
