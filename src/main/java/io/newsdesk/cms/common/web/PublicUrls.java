package io.newsdesk.cms.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.common.config.CmsConfig;

/**
 * The front-end's URLs of the site's pages, from the CMS_PUBLIC_* templates: what feeds, sitemaps and
 * webhook payloads link to. Slugs are URL-safe by construction, so they are put in as they are.
 */
@ApplicationScoped
public class PublicUrls {

    /** The {category} of an article filed under no category. */
    public static final String NO_CATEGORY = "news";

    private final String site;
    private final java.net.URI api;
    private final String article;
    private final String category;

    @Inject
    public PublicUrls(CmsConfig config) {
        this.site = config.publicSite().siteUrl().replaceAll("/+$", "");
        this.api = java.net.URI.create(config.publicSite().apiUrl().replaceAll("/+$", "") + "/api/v1/");
        this.article = config.publicSite().articleUrl();
        this.category = config.publicSite().categoryUrl();
    }

    /** The API's public base ({@code https://api.example.com/api/v1/}), from CMS_PUBLIC_API_URL, never from a request header. */
    public java.net.URI apiBase() {
        return api;
    }

    /**
     * A URL of this API as answers carry it in Link and Location: its path and query only, which the client resolves
     * against the URL it asked for. Never built from a request's Host or X-Forwarded-* headers, so no answer (the shared
     * cache may give it to anyone, and a CDN keys it on the URL alone) can carry an origin a caller made up.
     */
    public static String reference(java.net.URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The same path and query on the API's public origin. */
    public String onApi(java.net.URI request) {
        return api.resolve(request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery())).toString();
    }

    /** The site's home page. */
    public String home() {
        return site + "/";
    }

    /** An article's page. */
    public String article(long id, String slug, String categorySlug) {
        return article.replace("{site}", site).replace("{category}", categorySlug == null ? NO_CATEGORY : categorySlug)
                .replace("{slug}", slug).replace("{id}", Long.toString(id));
    }

    /** A category's page. */
    public String category(String slug) {
        return category.replace("{site}", site).replace("{category}", slug).replace("{slug}", slug);
    }
}
