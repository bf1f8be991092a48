package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** POST /imports/wordpress with the fixtures of src/test/resources/wordpress (their README lists what each holds). */
@QuarkusTest
class WordPressImportTest {

    private static final String IMPORTS = "/api/v1/imports/wordpress";
    private static final String ARTICLES = "/api/v1/articles";

    @Test
    void shouldImportAClassicSiteWithItsTreeCommentsAndOldAddresses() {
        String site = "https://" + unique("classic") + ".example";
        JsonPath job = importAndWait(fixture("classic-site.xml", site), "");

        assertEquals("succeeded", job.getString("state"), () -> job.prettify());
        assertEquals(12, job.getInt("progress.done"));
        assertEquals(12, job.getInt("progress.total"));
        assertCounts(job, "posts", 7, 7, 0, 0, 0);
        assertCounts(job, "pages", 1, 0, 0, 0, 1);
        assertCounts(job, "attachments", 2, 0, 0, 0, 2);
        assertCounts(job, "menuItems", 1, 0, 0, 0, 1);
        assertCounts(job, "other", 1, 0, 0, 0, 1);
        assertCounts(job, "comments", 5, 5, 0, 0, 0);
        assertCounts(job, "pingbacks", 2, 0, 0, 0, 2);
        assertEquals(5, job.getInt("report.counts.categories.seen"));
        assertEquals(1, job.getInt("report.content.unknownShortcodes.contact-form-7"));
        assertEquals(1, job.getInt("report.content.galleries"));
        assertEquals(true, job.getInt("report.content.captions") >= 1);
        assertEquals(true, job.getInt("report.content.embeds") >= 2, "the YouTube line and [embed]");
        assertEquals(true, job.getList("report.warnings.message", String.class).stream().anyMatch(m -> m.contains("password-protected")));

        // Post 10: published, in AI under "Technology, News & Trends", with its byline, tags, cover and thread.
        String robots = slugAt("/?p=10");
        given().get(ARTICLES + "/" + robots).then().statusCode(200)
                .body("title", equalTo("Robots in the newsroom"))
                .body("category.path.name", contains("Technology, News & Trends", "AI"))
                .body("author.name", equalTo("Jane Doe"))
                .body("tags", containsInAnyOrder("Open Source", "robots"))
                .body("coverImage.url", endsWith("/robot.jpg"))
                .body("coverImage.alt", equalTo("A robot"))
                .body("bodyHtml", containsString("<figure>"))
                .body("commentCount", equalTo(2));
        given().get(ARTICLES + "/" + robots + "/comments").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].replies", hasSize(1));
        asAdmin().queryParam("article", robots).queryParam("size", 20).get("/api/v1/comments").then().statusCode(200)
                .body("items.status", containsInAnyOrder("approved", "approved", "pending", "spam", "trash"))
                .body("items.authorEmail", hasItem(containsString("@")));
        // The comment listing for readers never shows an email.
        given().get(ARTICLES + "/" + robots + "/comments").then().body(not(containsString("@example")));

        // Post 11 is scheduled for 2031, post 15 (password) and 12 (draft) are drafts: none is public.
        String future = slugAt("/?p=11");
        asAdmin().get(ARTICLES + "/" + future).then().body("status", equalTo("published")).body("publishedAt", equalTo("2031-01-15T08:00:00Z"));
        given().get(ARTICLES + "/" + future).then().statusCode(404);
        asAdmin().get(ARTICLES + "/" + slugAt("/?p=15")).then().body("status", equalTo("draft"));
        // Comments closed in WordPress stay closed.
        asAdmin().get(ARTICLES + "/" + slugAt("/?p=14")).then().body("status", equalTo("draft")).body("commentsOpen", equalTo(false));
        asAdmin().get(ARTICLES + "/" + robots).then().body("commentsOpen", equalTo(true));
        given().queryParam("path", "/?p=12").get("/api/v1/redirects").then().statusCode(404);

        // Old addresses: the permalink, the dated form with its percent-encoded slug, a whole URL.
        String cafe = slugAt("/2024/02/28/café-robots/");
        assertEquals(true, cafe.startsWith("cafe-robots"), cafe);
        assertEquals(cafe, slugAt("/2024/02/28/caf%c3%a9-robots"));
        assertEquals(robots, slugAt(site.replace("https://", "http://") + "/2024/02/23/robots-in-the-newsroom/?utm_source=x"));
        given().redirects().follow(false).queryParam("path", "/2024/02/23/robots-in-the-newsroom/").get("/api/v1/redirects")
                .then().statusCode(301).header("Location", endsWith("/api/v1/articles/" + robots))
                .body("url", endsWith("/ai/" + robots)).body("article.slug", equalTo(robots));
    }

    @Test
    void shouldChangeNothingWhenTheSameExportIsImportedAgainAndUpdateWhatChangedThere() {
        String site = "https://" + unique("again") + ".example";
        String first = fixture("classic-site.xml", site);
        assertEquals("succeeded", importAndWait(first, "").getString("state"));
        String robots = slugAt("/?p=10");
        int revisions = asAdmin().get(ARTICLES + "/" + robots + "/revisions").then().extract().jsonPath().getList("items").size();

        JsonPath again = importAndWait(first, "");
        assertCounts(again, "posts", 7, 0, 0, 7, 0);
        assertCounts(again, "comments", 5, 0, 0, 5, 0);
        assertEquals(0, again.getInt("report.counts.categories.imported"));
        assertEquals(robots, slugAt("/?p=10"), "the same article, not a copy");
        asAdmin().get(ARTICLES + "/" + robots + "/revisions").then().body("items", hasSize(revisions));
        asAdmin().queryParam("article", robots).get("/api/v1/comments").then().body("items", hasSize(5));

        JsonPath changed = importAndWait(first.replace("Robots in the newsroom]]></title>", "Robots run the newsroom]]></title>"), "");
        assertCounts(changed, "posts", 7, 0, 1, 6, 0);
        given().get(ARTICLES + "/" + robots).then().body("title", equalTo("Robots run the newsroom"));
        asAdmin().get(ARTICLES + "/" + robots + "/revisions").then().body("items[0].reason", equalTo("import"))
                .body("items[0].changed", hasItem("title"));
    }

    @Test
    void shouldReportEverythingAndWriteNothingInADryRun() {
        String site = "https://" + unique("dry") + ".example";
        String title = unique("Dry run only");
        JsonPath job = importAndWait(fixture("classic-site.xml", site).replace("Robots in the newsroom]]></title>", title + "]]></title>"),
                "?dryRun=true");

        assertEquals("succeeded", job.getString("state"), () -> job.prettify());
        assertEquals(true, job.getBoolean("dryRun"));
        assertEquals(7, job.getInt("report.counts.posts.seen"));
        assertEquals(7, job.getInt("report.counts.posts.imported") + job.getInt("report.counts.posts.updated"));
        assertEquals(5, job.getInt("report.counts.comments.imported"));
        given().queryParam("q", "\"" + title + "\"").get(ARTICLES).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldImportBlockContentAndEveryNamespaceFormGzippedOrNot() throws IOException {
        JsonPath blocks = importAndWait(gzip(fixture("block-site.xml", "https://" + unique("blocks") + ".example")), "application/gzip", "");
        assertEquals("succeeded", blocks.getString("state"), () -> blocks.prettify());
        assertEquals(2, blocks.getInt("report.counts.posts.imported"));
        assertEquals(1, blocks.getInt("report.counts.comments.imported"));
        String block = slugAt("/?p=101");
        given().get(ARTICLES + "/" + block).then().statusCode(200).body("body", not(containsString("wp:")))
                .body("bodyHtml", not(containsString("<!--")));

        JsonPath old = importAndWait(fixture("wxr-1.0.xml", "http://" + unique("old") + ".example"), "");
        assertEquals("succeeded", old.getString("state"), () -> old.prettify());
        assertEquals(1, old.getInt("report.counts.posts.imported"));
    }

    @Test
    void shouldRefuseDoctypesEntitiesAndFilesThatAreNoWordPressExport() {
        for (String hostile : new String[] { "xxe.xml", "billion-laughs.xml", "not-wordpress.xml" }) {
            asAdmin().contentType("application/xml").body(resource(hostile).getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("detail", not(containsString("root:"))).body("detail", not(containsString("Exception")));
        }
        asAdmin().contentType("application/xml").body("").post(IMPORTS).then().statusCode(422).contentType("application/problem+json");
        asAdmin().contentType("application/xml").body("<rss><channel><item>").post(IMPORTS).then().statusCode(422);
        // Bytes that are not UTF-8 (a Latin-1 file without an encoding declaration): a 422 naming the encoding, not a 500.
        asAdmin().contentType("application/xml").body(resource("wxr-1.0.xml").replace("Old Blog", "Caf\u00e9 Blog")
                .getBytes(StandardCharsets.ISO_8859_1)).post(IMPORTS).then().statusCode(anyOf(equalTo(202), equalTo(422)));
        given().queryParam("q", "passwd").get(ARTICLES).then().body("items", hasSize(0));
    }

    @Test
    void shouldLetOnlyAdminsImportAndFollowImports() {
        String xml = fixture("wxr-1.0.xml", "http://" + unique("roles") + ".example");
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        anonymous().contentType("application/xml").body(bytes).post(IMPORTS).then().statusCode(401);
        as(token("editor")).contentType("application/xml").body(bytes).post(IMPORTS).then().statusCode(403);
        given().get("/api/v1/imports/1").then().statusCode(401);
        asAdmin().get("/api/v1/imports/999999999").then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/api/v1/imports/abc").then().statusCode(404);
        asAdmin().contentType("application/xml").queryParam("dryRun", "maybe").body(bytes).post(IMPORTS).then().statusCode(400);
    }

    @Test
    void shouldAnswerRedirectLookupsItCannotMatchClearly() {
        given().get("/api/v1/redirects").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("path", "javascript:alert(1)").get("/api/v1/redirects").then().statusCode(400);
        given().queryParam("path", "/" + unique("never") + "/").get("/api/v1/redirects").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldBringTheSiteImagesIntoTheMediaLibraryFromAnUploadsZip() throws IOException {
        String site = "https://" + unique("media") + ".example";
        String xml = fixture("classic-site.xml", site);
        // The site's uploads folder zipped from its root: the robot's file and a resized copy; the espresso's file is missing.
        byte[] uploads = zip(Map.of(
                "wp-content/uploads/2024/02/robot.jpg", Images.jpeg(640, 400, System.nanoTime()),
                "wp-content/uploads/2024/02/robot-300x200.jpg", Images.jpeg(300, 200, System.nanoTime()),
                "wp-content/uploads/2024/02/notes.txt", "not an attachment".getBytes(StandardCharsets.UTF_8)));

        JsonPath job = importFormAndWait(xml, uploads, "");
        assertEquals("succeeded", job.getString("state"), () -> job.prettify());
        assertCounts(job, "attachments", 2, 1, 0, 0, 1);
        assertCounts(job, "posts", 7, 7, 0, 0, 0);
        List<String> warnings = job.getList("report.warnings.message", String.class);
        assertTrue(warnings.stream().anyMatch(m -> m.contains("/wp-content/uploads/2024/02/espresso.jpg is not in the uploads folder")),
                () -> String.join("\n", warnings));
        assertTrue(warnings.stream().noneMatch(m -> m.contains("were not copied")), "no summary of attachments left behind");

        // The featured image is the library item, with the attachment's alt text and caption; the body shows library images.
        String robots = slugAt("/?p=10");
        JsonPath article = given().get(ARTICLES + "/" + robots).then().statusCode(200).extract().jsonPath();
        Long item = article.getLong("coverImage.mediaId");
        assertTrue(item != null && item > 0, () -> article.prettify());
        assertEquals("A robot", article.getString("coverImage.alt"));
        asAdmin().get("/api/v1/media/" + item).then().statusCode(200)
                .body("alt", equalTo("A robot")).body("caption", equalTo("A robot pulls a shot")).body("filename", equalTo("robot.jpg"));
        assertTrue(article.getString("body").contains("](media:" + item), () -> article.getString("body"));
        assertTrue(!article.getString("bodyHtml").contains("/wp-content/uploads/2024/02/robot"), () -> article.getString("bodyHtml"));
        // The gallery's espresso, whose file was missing, is still shown from its WordPress URL.
        assertTrue(article.getString("bodyHtml").contains(site + "/wp-content/uploads/2024/02/espresso.jpg"), () -> article.getString("bodyHtml"));

        // The same form again: the item is reused, nothing is written twice.
        JsonPath again = importFormAndWait(xml, uploads, "");
        assertCounts(again, "attachments", 2, 0, 0, 1, 1);
        assertCounts(again, "posts", 7, 0, 0, 7, 0);
        given().get(ARTICLES + "/" + robots).then().body("coverImage.mediaId", equalTo(item.intValue()));

        // An uploads part that is no zip is refused before anything is queued.
        asAdmin().multiPart("file", "site.xml", xml.getBytes(StandardCharsets.UTF_8), "application/xml")
                .multiPart("uploads", "uploads.zip", "not a zip".getBytes(StandardCharsets.UTF_8), "application/zip")
                .post(IMPORTS).then().statusCode(422).contentType("application/problem+json").body("detail", containsString("uploads"))
                .body("detail", not(containsString("newsdesk-imports"))).body("detail", not(containsString(".zip ")));
        asAdmin().multiPart("uploads", "uploads.zip", uploads, "application/zip").post(IMPORTS).then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertCounts(JsonPath job, String kind, int seen, int imported, int updated, int unchanged, int skipped) {
        String base = "report.counts." + kind + ".";
        assertEquals(seen, job.getInt(base + "seen"), kind + " seen");
        assertEquals(imported, job.getInt(base + "imported"), kind + " imported");
        assertEquals(updated, job.getInt(base + "updated"), kind + " updated");
        assertEquals(unchanged, job.getInt(base + "unchanged"), kind + " unchanged");
        assertEquals(skipped, job.getInt(base + "skipped"), kind + " skipped");
    }

    /** The slug of the article an old address now leads to (as an editor sees it: drafts too). */
    private static String slugAt(String path) {
        return asAdmin().redirects().follow(false).queryParam("path", path).get("/api/v1/redirects")
                .then().statusCode(301).extract().path("article.slug");
    }

    private static JsonPath importAndWait(String xml, String query) {
        return importAndWait(xml.getBytes(StandardCharsets.UTF_8), "application/xml", query);
    }

    private static JsonPath importAndWait(byte[] body, String contentType, String query) {
        Response accepted = asAdmin().contentType(contentType).body(body).post(IMPORTS + query);
        accepted.then().statusCode(202).header("Location", startsWith("/api/v1/imports/"));
        return awaitJob(accepted.header("Location"));
    }

    private static JsonPath awaitJob(String location) {
        JsonPath[] job = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
            return job[0].getString("state").equals("succeeded") || job[0].getString("state").equals("failed");
        });
        return job[0];
    }

    private static JsonPath importFormAndWait(String xml, byte[] uploads, String query) {
        Response accepted = asAdmin().multiPart("file", "site.xml", xml.getBytes(StandardCharsets.UTF_8), "application/xml")
                .multiPart("uploads", "uploads.zip", uploads, "application/zip").post(IMPORTS + query);
        accepted.then().statusCode(202).header("Location", startsWith("/api/v1/imports/"));
        return awaitJob(accepted.header("Location"));
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String fixture(String name, String site) {
        String xml = resource(name);
        for (String original : new String[] { "https://example.com", "https://blocks.example.org", "http://old.example.net" }) {
            xml = xml.replace(original, site);
        }
        return xml;
    }

    private static String resource(String name) {
        try (InputStream in = WordPressImportTest.class.getResourceAsStream("/wordpress/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
