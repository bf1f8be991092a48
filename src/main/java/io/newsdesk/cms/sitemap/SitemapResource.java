package io.newsdesk.cms.sitemap;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.error.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/" + Sitemaps.PATH)
@Produces(SitemapResource.XML)
@Tag(name = "Sitemaps", description = "XML sitemaps of the front-end's pages for search engines (sitemaps.org protocol, "
        + "Google image and news extensions)")
public class SitemapResource {

    static final String XML = "application/xml";
    private static final MediaType XML_UTF8 = MediaType.valueOf("application/xml; charset=utf-8");

    private static final String ETAG = "A tag of this version; send it back in If-None-Match to get 304 while nothing changed";
    private static final String CACHE = "public, max-age=N, stale-while-revalidate=M, as on the public JSON routes";
    private static final String FRESHNESS = " Conditional requests: ETag and If-None-Match (304); there is no Last-Modified, since an article "
            + "that is deleted or withdrawn leaves no date behind. Absolute URLs of the sitemap files and of library images are made "
            + "from the host this request reached; pages are linked at the front-end's URLs (CMS_PUBLIC_SITE_URL, "
            + "CMS_PUBLIC_ARTICLE_URL, CMS_PUBLIC_CATEGORY_URL).";

    @Inject
    Clock clock;

    @Inject
    Sitemaps sitemaps;


    @Inject
    io.newsdesk.cms.common.web.PublicUrls urls;

    @GET
    @Path("/" + Sitemaps.INDEX)
    @PermitAll
    @Operation(operationId = "getSitemapIndex", summary = "The sitemap index",
            description = "A sitemaps.org index of every sitemap of the site: the article files `articles-1.xml`, `articles-2.xml`... "
                    + "(public articles in the order they were created, at most 50,000 to a file, or CMS_SITEMAP_URLS_PER_FILE; a new "
                    + "article only ever changes the last file), then `categories.xml` and `news.xml`, each with `lastmod`, the "
                    + "newest change among what it lists. The same answer is served at the site root, `GET /sitemap.xml` (outside "
                    + "/api/v1): not a redirect, because a sitemap index applies to the URLs under the path it is fetched from, and a "
                    + "front-end that proxies its own /sitemap.xml to this service should not hand crawlers on to an API path."
                    + FRESHNESS)
    @APIResponse(responseCode = "200", description = "The sitemap index",
            content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING),
                    example = "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap>"
                            + "<loc>https://api.example.com/api/v1/sitemaps/articles-1.xml</loc><lastmod>2024-02-23T09:30:00Z</lastmod>"
                            + "</sitemap></sitemapindex>"),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)) })
    public RestResponse<StreamingOutput> index() {
        return ok(sitemaps.index(site(), clock.instant()));
    }

    @GET
    @Path("/articles-{n}.xml")
    @PermitAll
    @Operation(operationId = "getArticleSitemap", summary = "One article sitemap file",
            description = "Public articles only (published, with a publication time that has come; never drafts, scheduled or archived "
                    + "articles), in the order they were created: each with `loc`, its page on the front-end, `lastmod`, its last "
                    + "edit or its publication when that came later (W3C datetime, UTC), and its cover as `image:image` (Google "
                    + "image sitemap extension). Written while it is read, so a file of 50,000 articles costs the service little "
                    + "memory." + FRESHNESS)
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING),
                    example = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                            + "xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"><url>"
                            + "<loc>https://www.example.com/ai/smaller-language-models</loc><lastmod>2024-02-23T09:30:00Z</lastmod>"
                            + "<image:image><image:loc>https://cdn.example.com/cover.jpg</image:loc></image:image></url></urlset>"),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "404", description = "There is no such file (the index lists those there are)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<StreamingOutput> articles(
            @Parameter(description = "The file's number, from 1", example = "1") @PathParam("n") String n) {
        int file = SitemapPaging.parse(n).orElseThrow(() -> new NotFound("There is no article sitemap named articles-" + n + ".xml"));
        return ok(sitemaps.articles(file, site()));
    }

    @GET
    @Path("/" + Sitemaps.CATEGORIES)
    @PermitAll
    @Operation(operationId = "getCategorySitemap", summary = "The category pages sitemap",
            description = "The front-end's home page and every category page, in tree order, each with `lastmod`: the last edit of the "
                    + "category or of one on its breadcrumb, or the newest change of a public article in it or a subcategory."
                    + FRESHNESS)
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING)),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)) })
    public RestResponse<StreamingOutput> categories() {
        return ok(sitemaps.categories());
    }

    @GET
    @Path("/" + Sitemaps.NEWS)
    @PermitAll
    @Operation(operationId = "getNewsSitemap", summary = "The Google News sitemap",
            description = "Public articles published in the last 48 hours (one published exactly 48 hours ago still counts), newest "
                    + "first, at most 1,000, with the Google News extension: `news:publication` (CMS_PUBLIC_SITE_NAME and the "
                    + "language of CMS_PUBLIC_SITE_LANGUAGE), `news:publication_date` and `news:title`. Titles keep their text; "
                    + "characters XML cannot carry (control characters) are left out. When nothing was published in 48 hours the "
                    + "`urlset` is empty." + FRESHNESS)
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = XML, schema = @Schema(type = SchemaType.STRING)),
            headers = { @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHE, schema = @Schema(type = SchemaType.STRING)) })
    public RestResponse<StreamingOutput> news() {
        return ok(sitemaps.news(clock.instant()));
    }

    private Sitemaps.Site site() {
        return new Sitemaps.Site(urls.apiBase());
    }

    /** The answer is written after this returns; StreamedAnswers gives it its conditional GET. */
    private static RestResponse<StreamingOutput> ok(Streamed sitemap) {
        return RestResponse.ResponseBuilder.<StreamingOutput> ok(sitemap, XML_UTF8).header("ETag", sitemap.etag()).build();
    }
}
