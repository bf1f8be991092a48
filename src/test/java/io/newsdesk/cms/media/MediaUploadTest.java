package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.MEDIA;
import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadForm;
import static io.newsdesk.cms.media.MediaApi.uploadRaw;
import static io.newsdesk.cms.support.Callers.anonymous;
import static io.newsdesk.cms.support.Callers.as;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Callers.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.newsdesk.cms.support.Fixtures;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Uploading as WordPress clients do (raw body) and as forms do (multipart): what comes back, what is
 * stored, the same bytes twice, the fields a form may carry, and who may upload and delete.
 */
@QuarkusTest
class MediaUploadTest {

    // ---- raw body -------------------------------------------------------------------------------

    @Test
    void shouldUploadRawJpegWith201LocationETagAndDescription() {
        byte[] jpeg = Images.jpeg(700, 500, seed());
        String name = Fixtures.unique("newsroom") + ".jpg";

        ExtractableResponse<Response> created = uploadRaw(jpeg, "image/jpeg", name)
                .then().statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern(".*" + MEDIA + "/\\d+"))
                .header("ETag", matchesPattern("\".+\""))
                .body("id", greaterThan(0))
                .body("contentType", equalTo("image/jpeg"))
                .body("width", equalTo(700))
                .body("height", equalTo(500))
                .body("bytes", greaterThan(0))
                .body("sha256", equalTo(Images.sha256(jpeg)))
                .body("filename", equalTo(name))
                .body("url", equalTo(MediaApi.file(Images.sha256(jpeg), "full.jpg")))
                .body("alt", nullValue())
                .body("caption", nullValue())
                .body("credit", nullValue())
                .body("focalPoint", nullValue())
                .body("uploadedBy", notNullValue())
                .body("createdAt", notNullValue())
                .body("usedBy", hasSize(0))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith(MEDIA + "/" + id), created.header("Location"));

        asAdmin().when().get(created.header("Location"))
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo((int) id))
                .body("sha256", equalTo(Images.sha256(jpeg)))
                .body("width", equalTo(700))
                .body("height", equalTo(500))
                .body("filename", equalTo(name))
                .body("renditions", equalTo(created.jsonPath().getList("renditions")))
                .body("srcset", equalTo(created.jsonPath().getString("srcset")));
    }

    @Test
    void shouldListRenditionsOnlyBelowOriginalWidthInJpegAndWebp() {
        byte[] jpeg = Images.jpeg(700, 500, seed());
        JsonPath item = uploadRaw(jpeg, "image/jpeg", null).then().statusCode(201).extract().jsonPath();
        String sha = Images.sha256(jpeg);

        List<Map<String, Object>> renditions = item.getList("renditions");
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> r : renditions) {
            int width = (Integer) r.get("width");
            assertTrue(width <= 700, "never upscaled: " + r);
            String url = (String) r.get("url");
            assertTrue(url.startsWith(MediaApi.FILES + "/" + sha + "/"), url);
            names.add(url.substring(url.lastIndexOf('/') + 1) + " " + r.get("contentType") + " " + width + "x" + r.get("height"));
        }
        assertEquals(new TreeSet<>(Set.of(
                "320.jpg image/jpeg 320x229", "320.webp image/webp 320x229",
                "640.jpg image/jpeg 640x457", "640.webp image/webp 640x457",
                "full.jpg image/jpeg 700x500", "full.webp image/webp 700x500")), names);

        String srcset = item.getString("srcset");
        assertTrue(srcset.contains(MediaApi.file(sha, "320.jpg") + " 320w"), srcset);
        assertTrue(srcset.contains(MediaApi.file(sha, "640.jpg") + " 640w"), srcset);
        assertTrue(!srcset.contains("1024w") && !srcset.contains(".webp"), srcset);
        assertEquals("image/webp", item.getString("sources[0].type"), "WebP first");
        assertTrue(item.getString("sources[0].srcset").contains(MediaApi.file(sha, "320.webp") + " 320w"));
        assertEquals("image/jpeg", item.getString("sources[1].type"));
        assertEquals(srcset, item.getString("sources[1].srcset"));
    }

    @Test
    void shouldListNoScaledRenditionForImageNarrowerThanSmallestWidth() {
        JsonPath item = uploadRaw(Images.png(200, 150, seed()), "image/png", null).then().statusCode(201).extract().jsonPath();

        assertEquals(List.of(200, 200), item.getList("renditions.width", Integer.class));
        assertEquals(List.of("image/png", "image/webp"), item.getList("renditions.contentType", String.class));
        assertTrue(item.getString("srcset").endsWith("full.png 200w"), item.getString("srcset"));
    }

    @Test
    void shouldScaleOriginalDownToLongestEdgeOf2560() {
        byte[] jpeg = Images.jpeg(3000, 1500, seed());

        JsonPath item = uploadRaw(jpeg, "image/jpeg", null)
                .then().statusCode(201)
                .body("width", equalTo(2560))
                .body("height", equalTo(1280))
                .body("sha256", equalTo(Images.sha256(jpeg)))
                .body("renditions.width", everyItem(lessThanOrEqualTo(2560)))
                .body("renditions.width", hasItems(320, 640, 1024, 1600, 2048, 2560))
                .extract().jsonPath();

        byte[] served = given().when().get(item.getString("url")).then().statusCode(200).extract().asByteArray();
        BufferedImage image = Images.decode(served);
        assertEquals(2560, image.getWidth());
        assertEquals(1280, image.getHeight());
        assertEquals(served.length, item.getLong("bytes"), "bytes is the served original's size");
    }

    @Test
    void shouldAcceptEachFormatByItsBytes() {
        uploadRaw(Images.png(400, 300, seed()), "image/png", "chart.png").then().statusCode(201)
                .body("contentType", equalTo("image/png")).body("url", endsWith("/full.png")).body("width", equalTo(400));
        uploadRaw(Images.gif(400, 300, seed()), "image/gif", "anim.gif").then().statusCode(201)
                .body("contentType", equalTo("image/gif")).body("url", endsWith("/full.gif")).body("height", equalTo(300));
        uploadRaw(Images.webp(400, 300, seed()), "image/webp", "photo.webp").then().statusCode(201)
                .body("contentType", equalTo("image/webp")).body("url", endsWith("/full.webp"))
                .body("renditions.contentType", everyItem(equalTo("image/webp")))
                .body("sources", hasSize(1));
        uploadRaw(Images.jpeg(400, 300, seed()), "application/octet-stream", "no-type-given.jpeg").then().statusCode(201)
                .body("contentType", equalTo("image/jpeg"));
    }

    @Test
    void shouldAcceptGrayscaleJpegAnd16BitPngAndMakeTheirRenditions() {
        for (byte[] image : List.of(Images.jpegGray(700, 500, seed()), Images.png16BitGray(700, 500, seed()))) {
            JsonPath item = uploadRaw(image, "application/octet-stream", null).then().statusCode(201)
                    .body("width", equalTo(700)).extract().jsonPath();
            for (String url : item.getList("renditions.url", String.class)) {
                byte[] bytes = given().when().get(url).then().statusCode(200).extract().asByteArray();
                assertTrue(Images.decode(bytes).getWidth() <= 700, url);
            }
        }
    }

    @Test
    void shouldKeepOneItemWithItsFilesWhenSameBytesAreUploadedAtOnce() throws Exception {
        byte[] jpeg = Images.jpeg(1800, 1200, seed());
        int uploads = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.CompletableFuture<Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            answers.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return uploadRaw(jpeg, "image/jpeg", "same.jpg");
            }));
        }
        start.countDown();
        Set<Integer> ids = new java.util.HashSet<>();
        int created = 0;
        for (java.util.concurrent.CompletableFuture<Response> answer : answers) {
            Response response = answer.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(response.statusCode() == 201 || response.statusCode() == 200, response.statusCode() + " " + response.asString());
            created += response.statusCode() == 201 ? 1 : 0;
            ids.add(response.jsonPath().getInt("id"));
        }
        assertEquals(1, ids.size(), "one item: " + ids);
        assertEquals(1, created, "one 201, the others 200");

        // The item's files are all there: a losing upload must not remove the winner's original.
        String sha = Images.sha256(jpeg);
        byte[] full = given().when().get(MediaApi.file(sha, "full.jpg")).then().statusCode(200).extract().asByteArray();
        assertEquals(1800, Images.decode(full).getWidth());
        given().when().get(MediaApi.file(sha, "320.webp")).then().statusCode(200);
        given().when().get(MediaApi.file(sha, "1600.jpg")).then().statusCode(200);
    }

    @Test
    void shouldGiveBackExistingItemFor200WhenSameBytesUploadedAgain() {
        byte[] jpeg = Images.jpeg(500, 400, seed());
        JsonPath first = uploadRaw(jpeg, "image/jpeg", "first.jpg").then().statusCode(201).extract().jsonPath();

        uploadRaw(jpeg, "image/jpeg", "second-name.jpg")
                .then().statusCode(200)
                .header("ETag", matchesPattern("\".+\""))
                .body("id", equalTo(first.getInt("id")))
                .body("filename", equalTo("first.jpg"))
                .body("sha256", equalTo(Images.sha256(jpeg)));

        uploadForm(jpeg, "third.jpg", "image/jpeg", Map.of("alt", "ignored"))
                .then().statusCode(200)
                .body("id", equalTo(first.getInt("id")));
    }

    @Test
    void shouldMakeUpFilenameWhenNoneIsSentAndKeepOnlyLastPathSegment() {
        uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", null).then().statusCode(201)
                .body("filename", equalTo("upload.jpg"));
        // In a quoted-string a backslash escapes the next character (RFC 9110), so a Windows path is sent doubled.
        uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", "C:\\\\Users\\\\maya\\\\holiday.jpg").then().statusCode(201)
                .body("filename", equalTo("holiday.jpg"));
        asAdmin().contentType("image/jpeg").body(Images.jpeg(300, 200, seed()))
                .header("Content-Disposition", "attachment; filename*=UTF-8''caf%C3%A9%20cr%C3%A8me.jpg")
                .when().post(MEDIA)
                .then().statusCode(201)
                .body("filename", equalTo("café crème.jpg"));
        uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", "../../etc/passwd.jpg").then().statusCode(201)
                .body("filename", equalTo("passwd.jpg"));
    }

    // ---- multipart ------------------------------------------------------------------------------

    @Test
    void shouldUploadFormWithTextFieldsAndFocalPoint() {
        byte[] jpeg = Images.jpeg(800, 600, seed());
        String caption = Fixtures.unique("Caption") + ": the newsroom at night";

        ExtractableResponse<Response> created = uploadForm(jpeg, "night.jpg", "image/jpeg", Map.of(
                "alt", "Desks under lamps", "caption", caption, "credit", "Maya Lind / Newsdesk", "focalPoint", "{\"x\":0.5,\"y\":0.3}"))
                .then().statusCode(201)
                .header("Location", matchesPattern(".*" + MEDIA + "/\\d+"))
                .header("ETag", notNullValue())
                .body("sha256", equalTo(Images.sha256(jpeg)))
                .body("filename", equalTo("night.jpg"))
                .body("width", equalTo(800))
                .body("height", equalTo(600))
                .body("alt", equalTo("Desks under lamps"))
                .body("caption", equalTo(caption))
                .body("credit", equalTo("Maya Lind / Newsdesk"))
                .body("focalPoint.x", equalTo(0.5f))
                .body("focalPoint.y", equalTo(0.3f))
                .body("srcset", containsString("320w"))
                .extract();

        asAdmin().when().get(created.header("Location"))
                .then().statusCode(200)
                .body("alt", equalTo("Desks under lamps"))
                .body("caption", equalTo(caption))
                .body("credit", equalTo("Maya Lind / Newsdesk"))
                .body("focalPoint.x", equalTo(0.5f))
                .body("focalPoint.y", equalTo(0.3f));
    }

    @Test
    void shouldRefuseFormWithFocalPointOutsideImage() {
        Problems.assertProblem(uploadForm(Images.jpeg(300, 200, seed()), "f.jpg", "image/jpeg", Map.of("focalPoint", "{\"x\":2,\"y\":0.3}")), 400)
                .body("errors.field", hasItem(containsString("focalPoint")));
    }

    @Test
    void shouldRefuseFormWithFocalPointThatIsNotJson() {
        Problems.assertProblem(uploadForm(Images.jpeg(300, 200, seed()), "f.jpg", "image/jpeg", Map.of("focalPoint", "middle")), 400)
                .body("errors.field", hasItem("focalPoint"));
    }

    @Test
    void shouldRefuseFormWithoutFilePart() {
        Problems.assertProblem(asAdmin().multiPart("alt", "no file").when().post(MEDIA), 400)
                .body("errors.field", hasItem("file"));
    }

    @Test
    void shouldRefuseFormWithAltTextOver300Characters() {
        Problems.assertProblem(uploadForm(Images.jpeg(300, 200, seed()), "f.jpg", "image/jpeg", Map.of("alt", "a".repeat(301))), 400)
                .body("errors.field", hasItem(containsString("alt")));
    }

    // ---- who may ---------------------------------------------------------------------------------

    @Test
    void shouldLetAuthorUploadAndRead() {
        String author = token("author");
        byte[] jpeg = Images.jpeg(300, 200, seed());

        long id = as(author)
                .contentType("image/jpeg").body(jpeg)
                .when().post(MEDIA)
                .then().statusCode(201)
                .body("uploadedBy", startsWith("token-author-"))
                .extract().jsonPath().getLong("id");

        as(author).when().get(MEDIA + "/" + id).then().statusCode(200);
        as(author).when().get(MEDIA).then().statusCode(200);
    }

    @Test
    void shouldRefuseAnonymousUploadWith401() {
        Problems.assertProblem(anonymous().contentType("image/jpeg").body(Images.jpeg(300, 200, seed())).when().post(MEDIA), 401);
        Problems.assertProblem(anonymous().multiPart("file", "x.jpg", Images.jpeg(300, 200, seed()), "image/jpeg").when().post(MEDIA), 401);
    }

    @Test
    void shouldRefuseAnonymousReadsOfLibraryWith401() {
        long id = MediaApi.newJpeg(300, 200).getLong("id");

        Problems.assertProblem(given().when().get(MEDIA), 401);
        Problems.assertProblem(given().when().get(MEDIA + "/" + id), 401);
    }

    @Test
    void shouldRefuseDeleteByAuthorWith403() {
        String author = token("author");
        long id = MediaApi.newJpeg(300, 200).getLong("id");

        Problems.assertProblem(as(author).when().delete(MEDIA + "/" + id), 403);
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldLetEditorDelete() {
        String editor = token("editor");
        long id = MediaApi.newJpeg(300, 200).getLong("id");

        as(editor).when().delete(MEDIA + "/" + id).then().statusCode(204);
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(404);
    }

    @Test
    void shouldNotLeakOriginalFilenameIntoFileUrls() {
        JsonPath item = uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", "secret-merger-plan.jpg")
                .then().statusCode(201).extract().jsonPath();

        assertTrue(item.getList("renditions.url", String.class).stream().noneMatch(u -> u.contains("secret")));
        assertTrue(!item.getString("url").contains("secret"));
        assertTrue(!item.getString("srcset").contains("secret"), item.getString("srcset"));
        assertTrue(item.getString("url").matches(".*/[0-9a-f]{64}/full\\.jpg"), item.getString("url"));
        assertTrue(not(containsString("secret")).matches(item.getString("sources[0].srcset")));
    }
}
