package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.MEDIA;
import static io.newsdesk.cms.media.MediaApi.MERGE_PATCH;
import static io.newsdesk.cms.media.MediaApi.item;
import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadForm;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.cache.ResponseCache;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.Problems;
import io.newsdesk.cms.support.Statements;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An article's cover and body images may name items of the media library: every read of the article
 * (its page, the lists, other articles' related blocks) then shows the item's file, size, text and
 * srcset, the body's images come out sized and lazy, the library tells which articles use an item, and
 * none of it costs a statement more.
 */
@QuarkusTest
class MediaInArticlesTest {

    private static final String ARTICLES = "/api/v1/articles";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    ResponseCache responseCache;

    private Statements statements;

    @BeforeEach
    void countStatements() {
        statements = new Statements(sessionFactory, responseCache);
    }

    // ---- covers -------------------------------------------------------------------------------------

    @Test
    void shouldShowTheItemsFileSizeTextAndSrcsetOnThePageInListsAndInRelatedTeasers() {
        JsonPath item = upload(Map.of("alt", "Rows of GPU servers", "caption", "Training clusters draw power.",
                "credit", "Jane Doe / Newsdesk", "focalPoint", "{\"x\":0.5,\"y\":0.3}"));
        long id = item.getLong("id");
        String tag = unique("mediacover");
        String slug = article().tags(tag).with("coverImage", Map.of("mediaId", id)).createSlug();
        String other = article().createSlug();
        curate(other, slug);

        Map<String, Object> page = coverOf(page(slug));
        assertLibraryCover(page, item, "Rows of GPU servers", "Training clusters draw power.", "the article page");
        assertEquals("Jane Doe / Newsdesk", page.get("credit"), "the page's cover credit");
        @SuppressWarnings("unchecked")
        Map<String, Object> focal = (Map<String, Object>) page.get("focalPoint");
        assertNotNull(focal, "the page's cover has the item's focal point: " + page);
        assertEquals(0.5, ((Number) focal.get("x")).doubleValue(), 1e-6);
        assertEquals(0.3, ((Number) focal.get("y")).doubleValue(), 1e-6);

        JsonPath list = listByTag(tag);
        assertEquals(List.of(slug), list.getList("items.slug"), "the tag's list holds the article");
        Map<String, Object> inList = list.getMap("items[0].coverImage");
        assertLibraryCover(inList, item, "Rows of GPU servers", "Training clusters draw power.", "the list item");
        assertEquals(page, inList, "a list shows the same cover as the article page");

        JsonPath related = related(other);
        assertEquals(slug, related.getString("items[0].article.slug"), "the curated link comes first");
        Map<String, Object> teaser = related.getMap("items[0].coverImage");
        assertLibraryCover(teaser, item, "Rows of GPU servers", "Training clusters draw power.", "the related teaser");
        assertEquals(page, teaser, "a related teaser shows the same cover as the article page");
        assertEquals(page, related.getMap("items[0].article.coverImage"), "the teaser's linked article shows the same cover");

        JsonPath withBlock = given().when().get(ARTICLES + "/" + other + "?include=related").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(page, withBlock.getMap("related.items[0].coverImage"), "the page's included related block shows the same cover");
    }

    @Test
    void shouldPreferTheArticlesOwnAltAndCaptionOverTheItems() {
        JsonPath item = upload(Map.of("alt", "Item alt", "caption", "Item caption", "credit", "Item credit"));
        long id = item.getLong("id");
        String tag = unique("owntext");
        Map<String, Object> cover = new HashMap<>();
        cover.put("mediaId", id);
        cover.put("alt", "The article's own alt");
        cover.put("caption", "The article's own caption");
        String slug = article().tags(tag).with("coverImage", cover).createSlug();

        Map<String, Object> page = coverOf(page(slug));
        assertLibraryCover(page, item, "The article's own alt", "The article's own caption", "the article page");
        assertEquals("Item credit", page.get("credit"), "the credit is still the item's");
        assertLibraryCover(listByTag(tag).getMap("items[0].coverImage"), item, "The article's own alt", "The article's own caption",
                "the list item");
    }

    @Test
    void shouldRefuseAnUnknownItemAndACoverWithNeitherUrlNorItem() {
        Problems.assertProblem(post(article().with("coverImage", Map.of("mediaId", 999_999_999L)).body()), 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem("coverImage.mediaId"))
                .body("detail", containsString("coverImage.mediaId"));

        Problems.assertProblem(post(article().with("coverImage", Map.of()).body()), 400)
                .body("type", endsWith("/invalid-input"))
                .body("errors.field", hasItem("coverImage.url"))
                .body("detail", containsString("coverImage.url"));
    }

    @Test
    void shouldKeepExternalCoversAsTheyWere() {
        Map<String, Object> cover = new LinkedHashMap<>();
        cover.put("url", "https://images.example.com/2024/02/gpu-cluster.jpg");
        cover.put("alt", "Rows of GPU servers");
        cover.put("caption", "Photo: Jane Doe");
        cover.put("width", 1600);
        cover.put("height", 900);
        String tag = unique("external");
        String slug = article().tags(tag).with("coverImage", cover).createSlug();

        Map<String, Object> page = coverOf(page(slug));
        assertEquals(cover, page, "an external cover reads exactly as it was written, with no library fields");
        assertEquals(cover, listByTag(tag).getMap("items[0].coverImage"), "and so in lists");
    }

    @Test
    void shouldShowTheItemsNewAltAtOnceWhereverTheCoverIsShown() {
        JsonPath item = upload(Map.of("alt", "Old alt"));
        long id = item.getLong("id");
        String tag = unique("newalt");
        String slug = article().tags(tag).with("coverImage", Map.of("mediaId", id)).createSlug();
        String other = article().createSlug();
        curate(other, slug);
        List<String> urls = List.of(ARTICLES + "/" + slug, ARTICLES + "?tag=" + tag, ARTICLES + "/" + other + "/related",
                ARTICLES + "/" + other + "?include=related");
        for (String url : urls) {
            given().when().get(url).then().statusCode(200).body(containsString("Old alt"));
            given().when().get(url).then().statusCode(200).header("X-Cache", "hit");
        }

        asAdmin().contentType(MERGE_PATCH).body("{\"alt\":\"New alt\"}").when().patch(MEDIA + "/" + id)
                .then().statusCode(200).body("alt", equalTo("New alt"));

        given().when().get(ARTICLES + "/" + slug).then().statusCode(200).body("coverImage.alt", equalTo("New alt"));
        given().when().get(ARTICLES + "?tag=" + tag).then().statusCode(200).body("items[0].coverImage.alt", equalTo("New alt"));
        given().when().get(ARTICLES + "/" + other + "/related").then().statusCode(200)
                .body("items[0].coverImage.alt", equalTo("New alt"))
                .body("items[0].article.coverImage.alt", equalTo("New alt"));
        given().when().get(ARTICLES + "/" + other + "?include=related").then().statusCode(200)
                .body("related.items[0].coverImage.alt", equalTo("New alt"));
        for (String url : urls) {
            assertFalse(given().when().get(url).asString().contains("Old alt"), url + " no longer shows the old alt");
        }
    }

    /**
     * ArticleWrite: "Read-only fields of the Article answer are accepted and ignored, so a client may send
     * back what it read"; CoverImage is "the same shape in reads and writes". An editor that reads an
     * article and PUTs it back (with If-Match, as the README advises) must not be refused for the cover the
     * service itself answered. The external cover is the control: the same round trip works for it.
     */
    @Test
    void shouldTakeBackALibraryCoverAsItWasRead() {
        long id = upload(Map.of("alt", "Round trip")).getLong("id");
        String external = article().with("coverImage", Map.of("url", "https://img.example.com/round.jpg", "alt", "External"))
                .createSlug();
        String library = article().with("coverImage", Map.of("mediaId", id)).createSlug();

        for (String slug : List.of(external, library)) {
            Response read = asAdmin()
                    .when().get(ARTICLES + "/" + slug).then().statusCode(200).extract().response();
            Map<String, Object> asRead = read.jsonPath().getMap("$");
            Map<String, Object> cover = read.jsonPath().getMap("coverImage");
            Response put = asAdmin().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(asRead)
                    .when().put(ARTICLES + "/" + slug);
            assertEquals(200, put.statusCode(), "PUT back the " + (slug.equals(library) ? "library" : "external")
                    + " cover as read, " + cover + ", answered " + put.asString());
            put.then().body("coverImage.url", equalTo(cover.get("url"))).body("coverImage.mediaId", equalTo(cover.get("mediaId")));
        }
    }

    // ---- body images --------------------------------------------------------------------------------

    @Test
    void shouldRenderLibraryImagesInTheBodySizedLazyAndCaptioned() {
        JsonPath servers = upload(Map.of("alt", "Server racks"));
        JsonPath desk = upload(Map.of("caption", "The night desk at work"));
        String servers640 = rendition(servers, 640, "image/jpeg");
        String markdown = "Intro.\n\n"
                + "![Servers](media:" + servers.getLong("id") + " \"Racks at night\")\n\n"
                + "Text with ![x](" + servers640 + ") inline.\n\n"
                + "![Desk](media:" + desk.getLong("id") + ")\n\n"
                + "![gone](media:999999999)\n\n"
                + "The end.";
        String slug = article().body(markdown).createSlug();

        String bodyHtml = page(slug).getString("bodyHtml");
        Document doc = Jsoup.parseBodyFragment(bodyHtml);

        Element figure = figureCaptioned(doc, "Racks at night");
        Element img = figure.selectFirst("img");
        assertNotNull(img, "the figure holds the image: " + figure);
        assertSizedLibraryImage(img, servers, "the figure's image");
        assertEquals("Servers", img.attr("alt"), "the Markdown alt text is kept");
        assertEquals("figure", img.parent().tagName(), "the image sits in the figure, not in a paragraph: " + bodyHtml);

        Element inline = doc.selectFirst("img[alt=x]");
        assertNotNull(inline, "the inline image: " + bodyHtml);
        assertSizedLibraryImage(inline, servers, "the inline image named by a rendition's URL");
        assertEquals("p", inline.parent().tagName(), "an image inside text stays in its paragraph: " + bodyHtml);
        assertTrue(inline.parent().text().contains("Text with"), "its paragraph keeps the text");

        Element deskFigure = figureCaptioned(doc, "The night desk at work");
        Element deskImg = deskFigure.selectFirst("img");
        assertNotNull(deskImg, "the captioned item's figure holds the image: " + deskFigure);
        assertSizedLibraryImage(deskImg, desk, "the image captioned by its item");

        for (Element any : doc.select("img")) {
            assertFalse(any.attr("src").startsWith("media:"), "no media: source is left in the HTML: " + any);
        }
        assertFalse(bodyHtml.contains("media:999999999"), "a reference to a missing item is not resolved: " + bodyHtml);
        Element gone = doc.selectFirst("img[alt=gone]");
        if (gone != null) {
            assertTrue(gone.attr("src").isEmpty(), "the missing item's image has no source: " + gone);
            assertFalse(gone.hasAttr("srcset"), "nor a srcset: " + gone);
            assertFalse(gone.hasAttr("width"), "nor a size: " + gone);
        }
        assertEquals(2, doc.select("figure").size(), "two figures: " + bodyHtml);
    }

    // ---- uses ---------------------------------------------------------------------------------------

    @Test
    void shouldListTheArticlesThatUseAnItemAndKeepItWhileUsedUnlessForced() {
        JsonPath item = upload(Map.of("alt", "Used"));
        long id = item.getLong("id");
        String tag = unique("used");
        JsonPath asCover = article().title("As a cover " + unique("t")).tags(tag).with("coverImage", Map.of("mediaId", id)).create();
        String linking = article().createSlug();
        curate(linking, asCover.getString("slug"));
        JsonPath inBody = article().title("In the body " + unique("t")).body("Look:\n\n![Used](media:" + id + ")\n\nDone.").create();
        JsonPath byUrl = article().title("By its URL " + unique("t"))
                .body("See ![it](" + rendition(item, 320, "image/webp") + ") here.").create();

        List<Map<String, Object>> usedBy = item(id).getList("usedBy");
        assertUse(usedBy, asCover);
        assertUse(usedBy, inBody);
        assertUse(usedBy, byUrl);

        asAdmin().contentType(MERGE_PATCH).body(Map.of("body", "No pictures any more."))
                .when().patch(ARTICLES + "/" + inBody.getString("slug")).then().statusCode(200);

        List<Map<String, Object>> after = item(id).getList("usedBy");
        assertFalse(after.stream().anyMatch(u -> inBody.getString("slug").equals(u.get("slug"))),
                "an article whose body no longer shows the item is not listed: " + after);
        assertUse(after, asCover);
        assertUse(after, byUrl);

        asAdmin().contentType(MERGE_PATCH).body(Map.of("body", "Nothing here either."))
                .when().patch(ARTICLES + "/" + byUrl.getString("slug")).then().statusCode(200);
        Problems.assertProblem(asAdmin().when().delete(MEDIA + "/" + id), 409)
                .body("detail", containsString(asCover.getString("slug")))
                .body("detail", not(containsString(inBody.getString("slug"))));
        item(id);
        assertEquals(id, ((Number) coverOf(page(asCover.getString("slug"))).get("mediaId")).longValue(), "the cover is kept");
        assertEquals(id, listByTag(tag).getLong("items[0].coverImage.mediaId"), "and shown in lists");
        assertEquals(id, related(linking).getLong("items[0].coverImage.mediaId"), "and in related teasers");

        asAdmin().queryParam("force", true).when().delete(MEDIA + "/" + id).then().statusCode(204);
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(404);
        given().when().get(ARTICLES + "/" + asCover.getString("slug")).then().statusCode(200).body("coverImage", nullValue());
        given().queryParam("tag", tag).when().get(ARTICLES).then().statusCode(200)
                .body("items.slug", equalTo(List.of(asCover.getString("slug"))))
                .body("items[0].coverImage", nullValue());
        given().when().get(ARTICLES + "/" + linking + "/related").then().statusCode(200)
                .body("items[0].article.slug", equalTo(asCover.getString("slug")))
                .body("items[0].coverImage", nullValue())
                .body("items[0].article.coverImage", nullValue());
    }

    // ---- statements ---------------------------------------------------------------------------------

    @Test
    void shouldReadAPageWithALibraryCoverInAsManyStatementsAsWithAnExternalOne() {
        long id = upload(Map.of("alt", "Budget", "focalPoint", "{\"x\":0.2,\"y\":0.8}")).getLong("id");
        String external = article().with("coverImage", Map.of("url", "https://img.example.com/budget.jpg", "width", 1600, "height", 900))
                .createSlug();
        String library = article().with("coverImage", Map.of("mediaId", id)).createSlug();

        long externalCount = statements.of(() -> given().when().get(ARTICLES + "/" + external).then().statusCode(200)
                .body("coverImage.url", equalTo("https://img.example.com/budget.jpg")));
        long libraryCount = statements.of(() -> given().when().get(ARTICLES + "/" + library).then().statusCode(200)
                .body("coverImage.mediaId", equalTo((int) id)).body("coverImage.srcset", containsString("320w")));

        System.out.printf("[query budget] GET /articles/{slug}: external cover %d statements, library cover %d%n",
                externalCount, libraryCount);
        assertEquals(externalCount, libraryCount, "statements for an article page with a library cover");
    }

    @Test
    void shouldListArticlesWithLibraryCoversInAsManyStatementsAsWithExternalOnes() {
        String externalTag = unique("budgetx");
        String libraryTag = unique("budgetm");
        for (int i = 0; i < 3; i++) {
            article().tags(externalTag).with("coverImage", Map.of("url", "https://img.example.com/b" + i + ".jpg")).createSlug();
            long id = upload(Map.of("alt", "Budget " + i)).getLong("id");
            article().tags(libraryTag).with("coverImage", Map.of("mediaId", id)).createSlug();
        }

        long externalCount = statements.of(() -> given().queryParam("tag", externalTag).queryParam("size", 2).when().get(ARTICLES)
                .then().statusCode(200).body("items.coverImage.url", hasItem(containsString("img.example.com"))));
        long libraryCount = statements.of(() -> given().queryParam("tag", libraryTag).queryParam("size", 2).when().get(ARTICLES)
                .then().statusCode(200).body("items.coverImage.srcset", hasItem(containsString("320w"))));

        System.out.printf("[query budget] GET /articles?tag=&size=2 (of 3): external covers %d statements, library covers %d%n",
                externalCount, libraryCount);
        assertEquals(externalCount, libraryCount, "statements for a full page of articles with library covers");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Uploads a fresh 800 × 600 JPEG as a form with these text fields and answers the new item. */
    private static JsonPath upload(Map<String, String> fields) {
        return uploadForm(Images.jpeg(WIDTH, HEIGHT, seed()), unique("photo") + ".jpg", "image/jpeg", fields)
                .then().statusCode(201).extract().jsonPath();
    }

    private static Response post(Map<String, Object> body) {
        return asAdmin().contentType(ContentType.JSON).body(body).when().post(ARTICLES);
    }

    /** The article page, anonymously. */
    private static JsonPath page(String slug) {
        return given().when().get(ARTICLES + "/" + slug).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> coverOf(JsonPath article) {
        Map<String, Object> cover = article.getMap("coverImage");
        assertNotNull(cover, "the article has a cover");
        return cover;
    }

    private static JsonPath listByTag(String tag) {
        return given().queryParam("tag", tag).when().get(ARTICLES).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath related(String slug) {
        return given().when().get(ARTICLES + "/" + slug + "/related").then().statusCode(200).extract().jsonPath();
    }

    private static void curate(String slug, String target) {
        asAdmin().contentType(ContentType.JSON).body(List.of(Map.of("articleSlug", target)))
                .when().put(ARTICLES + "/" + slug + "/related").then().statusCode(200);
    }

    /** The URL of the item's rendition of this width and type, as the item lists it. */
    private static String rendition(JsonPath item, int width, String type) {
        List<Map<String, Object>> renditions = item.getList("renditions");
        return renditions.stream()
                .filter(r -> ((Number) r.get("width")).intValue() == width && type.equals(r.get("contentType")))
                .map(r -> (String) r.get("url")).findFirst()
                .orElseThrow(() -> new AssertionError("the item has a " + width + " px " + type + " rendition: " + renditions));
    }

    /** A cover showing the item, with this alt text and caption. */
    private static void assertLibraryCover(Map<String, Object> cover, JsonPath item, String alt, String caption, String where) {
        assertNotNull(cover, where + " has a cover");
        assertEquals(item.getLong("id"), ((Number) cover.get("mediaId")).longValue(), where + ": mediaId in " + cover);
        assertEquals(item.getString("url"), cover.get("url"), where + ": the item's full-size file");
        assertTrue(((String) cover.get("url")).endsWith("/full.jpg"), where + ": the url is the full-size file: " + cover.get("url"));
        assertEquals(WIDTH, ((Number) cover.get("width")).intValue(), where + ": the item's width");
        assertEquals(HEIGHT, ((Number) cover.get("height")).intValue(), where + ": the item's height");
        assertEquals(item.getInt("width"), ((Number) cover.get("width")).intValue(), where + ": width as the item says");
        assertEquals(item.getInt("height"), ((Number) cover.get("height")).intValue(), where + ": height as the item says");
        assertEquals(alt, cover.get("alt"), where + ": alt");
        assertEquals(caption, cover.get("caption"), where + ": caption");
        String srcset = (String) cover.get("srcset");
        assertNotNull(srcset, where + ": a srcset in " + cover);
        assertTrue(srcset.contains("320w"), where + ": the srcset has the 320 px rendition: " + srcset);
        assertEquals(item.getString("srcset"), srcset, where + ": the item's srcset");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) cover.get("sources");
        assertNotNull(sources, where + ": sources in " + cover);
        assertFalse(sources.isEmpty(), where + ": sources");
        assertEquals("image/webp", sources.get(0).get("type"), where + ": WebP first in " + sources);
        assertTrue(((String) sources.get(0).get("srcset")).contains(".webp 320w"), where + ": the WebP srcset: " + sources.get(0));
        assertEquals(item.getList("sources"), sources, where + ": the item's sources");
    }

    /** An image shown at the item's full-size URL with its size, srcset, sizes and lazy loading. */
    private static void assertSizedLibraryImage(Element img, JsonPath item, String what) {
        assertEquals(item.getString("url"), img.attr("src"), what + ": the item's full-size file: " + img);
        assertEquals(Integer.toString(item.getInt("width")), img.attr("width"), what + ": width: " + img);
        assertEquals(Integer.toString(item.getInt("height")), img.attr("height"), what + ": height: " + img);
        assertEquals(item.getString("srcset"), img.attr("srcset"), what + ": srcset: " + img);
        assertTrue(img.attr("srcset").contains("320w"), what + ": srcset with the 320 px rendition: " + img);
        assertFalse(img.attr("sizes").isBlank(), what + ": sizes: " + img);
        assertEquals("lazy", img.attr("loading"), what + ": loading: " + img);
        assertFalse(img.hasAttr("data-caption"), what + ": no working attribute left: " + img);
    }

    private static Element figureCaptioned(Document doc, String caption) {
        for (Element figure : doc.select("figure")) {
            Elements captions = figure.select("figcaption");
            if (captions.size() == 1 && caption.equals(captions.get(0).text())) {
                return figure;
            }
        }
        throw new AssertionError("a figure captioned '" + caption + "' in " + doc.body().html());
    }

    private static void assertUse(List<Map<String, Object>> usedBy, JsonPath article) {
        Map<String, Object> use = usedBy.stream().filter(u -> article.getString("slug").equals(u.get("slug"))).findFirst()
                .orElseThrow(() -> new AssertionError("usedBy lists " + article.getString("slug") + ": " + usedBy));
        assertEquals(article.getLong("id"), ((Number) use.get("id")).longValue(), "the use names the article's id");
        assertEquals(article.getString("title"), use.get("title"), "the use names the article's title");
    }
}
