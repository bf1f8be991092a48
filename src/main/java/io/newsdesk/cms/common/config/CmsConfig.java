package io.newsdesk.cms.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.newsdesk.cms.common.persistence.LocalDatabaseSource;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings (prefix {@code cms}, environment variables {@code CMS_...}). */
@ConfigMapping(prefix = "cms")
public interface CmsConfig {

    /**
     * CMS_BOOTSTRAP_TOKEN: on a database where no admin token is usable (a fresh install, or one whose admin tokens have
     * all expired or been revoked), this value becomes an admin token, so the install can be driven with curl. At least 32
     * characters. A value that was a token once never becomes one again.
     */
    Optional<String> bootstrapToken();

    /** CMS_BOOTSTRAP_TOKEN_LIFETIME: the token made from CMS_BOOTSTRAP_TOKEN expires this long after it is made. */
    @WithDefault("PT24H")
    Duration bootstrapTokenLifetime();

    /**
     * CMS_SECRET: the master secret the keys that sign preview tokens and cursors are derived from, at least 32 bytes.
     * When absent, a random master is generated on first start and kept in the database, so every instance on that
     * database agrees on it.
     */
    Optional<String> secret();

    /**
     * CMS_SECRET_PREVIOUS: after a rotation, the value CMS_SECRET had before. What its keys signed is still accepted (never
     * signed with any more) for one preview lifetime from the first start with the new secret. At least 32 bytes.
     */
    Optional<String> secretPrevious();

    /**
     * CMS_MAX_BODY_SIZE: the largest JSON request body (413 past it). Media uploads have their own limit,
     * CMS_MEDIA_MAX_UPLOAD_SIZE; QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE is only an outer bound above both.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    Preview preview();

    LocalDatabase localDatabase();

    /**
     * Dev and test only: where the database comes from when no datasource URL is configured. Read by
     * LocalDatabaseConfigSourceFactory before the configuration exists; the production profile ignores them.
     */
    interface LocalDatabase {
        /**
         * CMS_LOCAL_DATABASE_SOURCE: {@code local} (the PostgreSQL at 127.0.0.1:5432), {@code docker} (Quarkus Dev
         * Services), {@code embedded} (a PostgreSQL run from a jar, kept in .data/postgres-dev), or {@code auto}: the
         * first of those that is there.
         */
        @WithDefault("auto")
        LocalDatabaseSource source();

        /** CMS_LOCAL_DATABASE_NAME: the database used, created when missing; cms_dev, or cms_test for the tests. */
        Optional<String> name();

        /** CMS_LOCAL_DATABASE_ENABLED: {@code false} is {@code source=docker}. */
        @WithDefault("true")
        boolean enabled();
    }

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

    ApiDocs apiDocs();

    /**
     * The API description on the API port. Read by application.properties, which hands it to
     * quarkus.smallrye-openapi.enabled and quarkus.swagger-ui.enabled (both read at start); typed and documented here
     * with the other settings.
     */
    interface ApiDocs {
        /** CMS_API_DOCS_ENABLED: {@code false} makes /q/openapi and /q/swagger-ui answer 404. */
        @WithDefault("true")
        boolean enabled();
    }

    Related related();

    Media media();

    History history();

    Trash trash();

    Imports imports();

    /** Imports from other systems (CMS_IMPORTS_...). */
    interface Imports {
        /** CMS_IMPORTS_MAX_SIZE: the largest export file an import may upload, gzip counted as sent (413 past it). */
        @WithDefault("512M")
        MemorySize maxSize();

        /** CMS_IMPORTS_DIRECTORY: where uploaded exports wait for their import; each is removed when its import ends. */
        @WithDefault("${java.io.tmpdir}/newsdesk-imports")
        String directory();

        /** CMS_IMPORTS_BATCH_SIZE: how many items one transaction of an import writes. */
        @WithDefault("100")
        int batchSize();

        /**
         * CMS_IMPORTS_WORKERS: batches of an import written at once, each by a thread and a transaction of its own (posts
         * wanting the same slug always share one, so slugs come out the same whatever the number).
         */
        @WithDefault("2")
        int workers();
    }

    /** The trash of articles and comments (CMS_TRASH_...). */
    interface Trash {
        /**
         * CMS_TRASH_RETENTION: how long a deleted article or a comment moved to the trash stays there, restorable, before it
         * is removed for good.
         */
        @WithDefault("P30D")
        Duration retention();
    }

    /** How much of each article's history is kept (CMS_HISTORY_...). */
    interface History {
        /** CMS_HISTORY_KEEP: the newest revisions of each article that are always kept. */
        @WithDefault("50")
        int keep();

        /** CMS_HISTORY_KEEP_PUBLISHED: beyond those, every published state younger than this is kept too. */
        @WithDefault("P30D")
        Duration keepPublished();
    }

    Webhooks webhooks();

    interface Webhooks {
        /**
         * CMS_WEBHOOKS_ALLOWED_HOSTS: comma-separated host names or addresses that webhooks may target even though they
         * resolve to a loopback, private or link-local address (an internal rebuild service); every other such target is refused.
         */
        Optional<List<String>> allowedHosts();

        /** CMS_WEBHOOKS_TIMEOUT: how long one attempt waits for the receiver's answer. */
        @WithDefault("PT15S")
        Duration timeout();

        /** CMS_WEBHOOKS_DISABLE_AFTER: an endpoint that has failed for this long without one success is disabled. */
        @WithDefault("P5D")
        Duration disableAfter();

        /** CMS_WEBHOOKS_SECRET_OVERLAP: after a secret is rotated, the old one still signs beside the new one for this long. */
        @WithDefault("PT24H")
        Duration secretOverlap();

        /**
         * CMS_WEBHOOKS_RETRY_SCHEDULE: the waits before each retry of a failed delivery (each give or take a fifth;
         * a longer Retry-After wins); after the last, the delivery has failed. About three days in all.
         */
        @WithDefault("PT5S,PT30S,PT2M,PT10M,PT30M,PT1H,PT3H,PT6H,PT12H,PT24H,PT24H")
        List<Duration> retrySchedule();

        /** CMS_WEBHOOKS_WORKERS: deliveries sent at once by this instance. */
        @WithDefault("4")
        int workers();

        /**
         * CMS_WEBHOOKS_RETENTION: events, their deliveries and the record of every attempt are kept this long, then
         * removed (an event still being retried is kept until it is finished).
         */
        @WithDefault("P30D")
        Duration retention();
    }

    /** Where the site's pages live: the front-end's URLs, for feeds and sitemaps (CMS_PUBLIC_...). */
    @io.smallrye.config.WithName("public")
    PublicSite publicSite();

    interface PublicSite {
        /** CMS_PUBLIC_SITE_URL: the front-end's home page, e.g. https://www.example.com. */
        @WithDefault("http://localhost:3000")
        String siteUrl();

        /**
         * CMS_PUBLIC_API_URL: this API's public origin (as readers and crawlers reach it, e.g. https://api.example.com), for
         * the absolute links of feeds and sitemaps; never taken from a request's Host header.
         */
        @WithDefault("http://localhost:8080")
        String apiUrl();

        /** CMS_PUBLIC_SITE_NAME: the site's name, as feeds and the news sitemap give it. */
        @WithDefault("Newsdesk")
        String siteName();

        /** CMS_PUBLIC_SITE_LANGUAGE: the language of the site's articles (ISO 639), for feeds and the news sitemap. */
        @WithDefault("en")
        String language();

        /**
         * CMS_PUBLIC_ARTICLE_URL: an article's page on the front-end; {site}, {category} (its category's slug,
         * or "news" for an article without one), {slug} and {id} are filled in.
         */
        @WithDefault("{site}/{category}/{slug}")
        String articleUrl();

        /** CMS_PUBLIC_CATEGORY_URL: a category's page on the front-end; {site} and {category} (its slug) are filled in. */
        @WithDefault("{site}/{category}")
        String categoryUrl();
    }

    interface Media {
        /** CMS_MEDIA_MAX_UPLOAD_SIZE: the largest file an upload may carry (413 past it). JSON bodies keep their own 1 MB limit. */
        @WithDefault("20M")
        MemorySize maxUploadSize();

        /** CMS_MEDIA_MAX_PIXELS: images with more pixels than this are refused (422) before they are decoded. */
        @WithDefault("50000000")
        long maxPixels();

        /** CMS_MEDIA_MAX_SIDE: images wider or taller than this many pixels are refused (422) before they are decoded. */
        @WithDefault("16384")
        int maxSide();

        /**
         * CMS_MEDIA_MAX_EDGE: the longest side of the image served as the original; larger uploads are scaled down to it
         * (as WordPress does past 2560 px), which also bounds the memory one image takes while it is processed.
         */
        @WithDefault("2560")
        int maxEdge();

        /** CMS_MEDIA_WIDTHS: the rendition widths, in pixels; a rendition is never wider than the original. */
        @WithDefault("320,640,1024,1600,2048")
        List<Integer> widths();

        /** CMS_MEDIA_JPEG_QUALITY: JPEG quality of re-encoded originals and renditions, 0 to 1. */
        @WithDefault("0.85")
        float jpegQuality();

        /** CMS_MEDIA_WEBP_QUALITY: WebP quality of the WebP renditions, 0 to 1. */
        @WithDefault("0.8")
        float webpQuality();

        /**
         * CMS_MEDIA_BASE_URL: the absolute URL media files are served from (a CDN in front of this service, e.g.
         * https://cdn.example.com/api/v1/media/files). When absent, media URLs are root-relative
         * (/api/v1/media/files/...), to be resolved against the API's own origin.
         */
        Optional<String> baseUrl();

        /**
         * CMS_MEDIA_CACHE_MAX_BYTES: memory for the most read small media files (256 KB or less), served from it
         * without touching the disk or the object store; 0 turns it off.
         */
        @WithDefault("16777216")
        long cacheMaxBytes();

        /** CMS_MEDIA_ORPHAN_GRACE: stored objects without an item are removed by the cleanup job once older than this. */
        @WithDefault("PT1H")
        Duration orphanGrace();

        Storage storage();

        interface Storage {
            /** CMS_MEDIA_STORAGE_KIND: {@code filesystem} (one instance) or {@code s3} (shared by every instance). */
            @WithDefault("filesystem")
            String kind();

            /** CMS_MEDIA_STORAGE_DIRECTORY: where the filesystem storage keeps files. */
            @WithDefault("data/media")
            String directory();

            S3 s3();

            interface S3 {
                /** CMS_MEDIA_STORAGE_S3_ENDPOINT: the S3 endpoint, e.g. http://127.0.0.1:9090 for S3Mock or MinIO; absent for AWS itself. */
                Optional<String> endpoint();

                /** CMS_MEDIA_STORAGE_S3_BUCKET: the bucket that holds media objects. */
                @WithDefault("newsdesk-media")
                String bucket();

                /** CMS_MEDIA_STORAGE_S3_REGION: the bucket's region. */
                @WithDefault("us-east-1")
                String region();

                /** CMS_MEDIA_STORAGE_S3_PATH_STYLE: address the bucket in the path (MinIO, S3Mock) rather than the host name. */
                @WithDefault("true")
                boolean pathStyle();

                /** CMS_MEDIA_STORAGE_S3_ACCESS_KEY_ID: with the secret below; when absent, the AWS SDK's default credential chain. */
                Optional<String> accessKeyId();

                /** CMS_MEDIA_STORAGE_S3_SECRET_ACCESS_KEY. */
                Optional<String> secretAccessKey();

                /** CMS_MEDIA_STORAGE_S3_PREFIX: a key prefix inside the bucket, e.g. {@code media/}. */
                Optional<String> prefix();
            }
        }
    }

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

        /**
         * CMS_COMMENTS_AUTO_APPROVE: which readers' comments skip the moderation queue. {@code commenter-key} (the
         * default): a comment that presents the commenter key handed out with an earlier comment of the same email, once
         * a moderator approved that one; {@code known-email}: any comment whose email already has an approved comment,
         * which lets anyone who knows a regular's address post without moderation; {@code never}: every reader's
         * comment waits for a moderator. Staff comments are always published at once.
         */
        @WithDefault("commenter-key")
        AutoApprove autoApprove();

        /** The values of CMS_COMMENTS_AUTO_APPROVE. */
        enum AutoApprove {
            NEVER, KNOWN_EMAIL, COMMENTER_KEY
        }
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
