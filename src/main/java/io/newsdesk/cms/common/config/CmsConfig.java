package io.newsdesk.cms.common.config;

import java.time.Duration;
import java.util.List;
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

    Comments comments();

    Cors cors();

    interface Cors {
        /**
         * CMS_CORS_WRITE_ORIGINS: comma-separated origins (https://www.example.com) whose pages may write
         * (POST, PUT, PATCH, DELETE, e.g. post a comment). Any origin may read.
         */
        Optional<List<String>> writeOrigins();

        /** CMS_CORS_MAX_AGE: seconds a browser may cache a preflight answer. */
        @WithDefault("86400")
        int maxAge();
    }

    Related related();

    interface Related {
        /** CMS_RELATED_COUNT: how many items a related block shows; suggestions fill up what curation leaves. */
        @WithDefault("4")
        int count();

        /** CMS_RELATED_MAX_LINKS: the most links an editor may curate for one article. */
        @WithDefault("20")
        int maxLinks();
    }

    interface Comments {
        /** CMS_COMMENTS_RATE_LIMIT: comment submissions one client address may make per window. */
        @WithDefault("5")
        int rateLimit();

        /** CMS_COMMENTS_RATE_WINDOW: the rate limit's fixed window. */
        @WithDefault("PT10M")
        Duration rateWindow();

        /** CMS_COMMENTS_DUPLICATE_WINDOW: the same body from the same email within this time is refused (409). */
        @WithDefault("PT10M")
        Duration duplicateWindow();

        /** CMS_COMMENTS_MAX_LINKS: a comment with more links than this is kept as spam. */
        @WithDefault("2")
        int maxLinks();

        /** CMS_COMMENTS_BLOCKED_WORDS: comma-separated words (any case) that send a comment to spam. */
        Optional<List<String>> blockedWords();

        /** CMS_COMMENTS_BLOCKED_EMAIL_DOMAINS: comma-separated email domains whose comments go to spam. */
        Optional<List<String>> blockedEmailDomains();

        /** CMS_COMMENTS_ADDRESS_RETENTION_DAYS: client addresses and user agents are erased after this many days. */
        @WithDefault("30")
        int addressRetentionDays();
    }

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

        /**
         * CMS_CACHE_SERVER_TTL: how long the service keeps a public answer (and the blocks it is made of)
         * in memory as fresh; 0 turns the in-memory caches off. A write on any instance drops exactly what
         * it changed at once (PostgreSQL NOTIFY), so this is only a safety net. Past it, one request
         * computes the answer again while the others are served the kept one for up to
         * CMS_CACHE_STALE_WHILE_REVALIDATE seconds more.
         */
        @WithDefault("PT5M")
        Duration serverTtl();

        /**
         * CMS_CACHE_SEARCH_TTL: how long a search answer is kept in memory. An edit to an article a search
         * answer shows, and every publication or withdrawal, drops it at once; an edit that makes some
         * other article match the search shows within this time. Never more than the server TTL.
         */
        @WithDefault("PT1M")
        Duration searchTtl();

        /**
         * CMS_CACHE_SERVER_MAX_BYTES: the memory the in-process answer cache may use, in bytes (least
         * recently and least often used answers go first). gzip copies, made when a client asks for one,
         * come on top.
         */
        @WithDefault("67108864")
        long serverMaxBytes();

        /**
         * CMS_CACHE_BLOCK_MAX_BYTES: the memory the blocks that pages are composed of may use (article,
         * related block, first page of comments), in bytes.
         */
        @WithDefault("25165824")
        long blockMaxBytes();
    }
}
