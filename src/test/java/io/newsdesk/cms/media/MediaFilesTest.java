package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.IMMUTABLE;
import static io.newsdesk.cms.media.MediaApi.file;
import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadRaw;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The file server as browsers and CDNs use it: immutable caching, strong ETags and 304, HEAD, byte
 * ranges, safe headers on user-supplied bytes, and only the configured sizes (no resizing on demand).
 */
@QuarkusTest
class MediaFilesTest {

    private static JsonPath upload(int width, int height) {
        return uploadRaw(Images.jpeg(width, height, seed()), "image/jpeg", null).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void shouldServeOriginalWithImmutableCachingAndSafeHeaders() {
        JsonPath item = upload(600, 400);

        ExtractableResponse<Response> full = given().when().get(item.getString("url"))
                .then().statusCode(200)
                .contentType("image/jpeg")
                .header("Cache-Control", IMMUTABLE)
                .header("ETag", matchesPattern("\"[^\"]+\""))
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Content-Length", Long.toString(item.getLong("bytes")))
                .header("Set-Cookie", nullValue())
                .extract();

        assertTrue(!full.header("ETag").startsWith("W/"), "a strong ETag: " + full.header("ETag"));
        byte[] bytes = full.asByteArray();
        assertEquals(item.getLong("bytes"), bytes.length);
        BufferedImage image = Images.decode(bytes);
        assertEquals(600, image.getWidth());
        assertEquals(400, image.getHeight());
    }

    @Test
    void shouldServeFilesWithoutToken() {
        JsonPath item = upload(400, 300);

        given().when().get(item.getString("url")).then().statusCode(200);
        given().when().get(file(item.getString("sha256"), "320.webp")).then().statusCode(200).contentType("image/webp");
    }

    @Test
    void shouldAnswerHeadWithLengthAndNoBody() {
        JsonPath item = upload(500, 400);
        long size = given().when().get(item.getString("url")).then().statusCode(200).extract().asByteArray().length;

        ExtractableResponse<Response> head = given().when().head(item.getString("url"))
                .then().statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Length", Long.toString(size))
                .header("Cache-Control", IMMUTABLE)
                .header("ETag", matchesPattern("\".+\""))
                .extract();
        assertEquals(0, head.asByteArray().length);
    }

    @Test
    void shouldAnswerHeadOfRenditionNotMadeYetWithItsLength() {
        JsonPath item = upload(900, 600);
        String url = file(item.getString("sha256"), "640.webp");

        String length = given().when().head(url).then().statusCode(200).contentType("image/webp").extract().header("Content-Length");
        byte[] bytes = given().when().get(url).then().statusCode(200).extract().asByteArray();
        assertEquals(Integer.toString(bytes.length), length);
    }

    @Test
    void shouldAnswer304ForMatchingIfNoneMatch() {
        JsonPath item = upload(400, 300);
        String url = item.getString("url");
        String etag = given().when().get(url).then().statusCode(200).extract().header("ETag");

        ExtractableResponse<Response> notModified = given().header("If-None-Match", etag).when().get(url)
                .then().statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", IMMUTABLE)
                .extract();
        assertEquals(0, notModified.asByteArray().length);

        given().header("If-None-Match", "\"something-else\", " + etag).when().get(url).then().statusCode(304);
        given().header("If-None-Match", "W/" + etag).when().get(url).then().statusCode(304);
        given().header("If-None-Match", "\"something-else\"").when().get(url).then().statusCode(200);
        given().header("If-None-Match", etag).when().head(url).then().statusCode(304);
    }

    @Test
    void shouldGiveEachFileItsOwnETag() {
        JsonPath item = upload(700, 500);
        String sha = item.getString("sha256");

        String full = given().when().get(file(sha, "full.jpg")).then().statusCode(200).extract().header("ETag");
        String small = given().when().get(file(sha, "320.jpg")).then().statusCode(200).extract().header("ETag");
        String smallWebp = given().when().get(file(sha, "320.webp")).then().statusCode(200).extract().header("ETag");
        assertEquals(3, new java.util.HashSet<>(List.of(full, small, smallWebp)).size(), full + " " + small + " " + smallWebp);
    }

    @Test
    void shouldServeByteRanges() {
        JsonPath item = upload(600, 400);
        String url = item.getString("url");
        byte[] all = given().when().get(url).then().statusCode(200).extract().asByteArray();
        int n = all.length;

        byte[] first = given().header("Range", "bytes=0-99").when().get(url)
                .then().statusCode(206)
                .header("Content-Range", "bytes 0-99/" + n)
                .header("Content-Length", "100")
                .contentType("image/jpeg")
                .header("Cache-Control", IMMUTABLE)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(all, 0, 100), first);

        byte[] last = given().header("Range", "bytes=-50").when().get(url)
                .then().statusCode(206)
                .header("Content-Range", "bytes " + (n - 50) + "-" + (n - 1) + "/" + n)
                .header("Content-Length", "50")
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(all, n - 50, n), last);

        byte[] tail = given().header("Range", "bytes=" + (n - 10) + "-").when().get(url)
                .then().statusCode(206)
                .header("Content-Range", "bytes " + (n - 10) + "-" + (n - 1) + "/" + n)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(all, n - 10, n), tail);

        byte[] clipped = given().header("Range", "bytes=" + (n - 5) + "-" + (n + 1000)).when().get(url)
                .then().statusCode(206)
                .header("Content-Range", "bytes " + (n - 5) + "-" + (n - 1) + "/" + n)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(all, n - 5, n), clipped);
    }

    @Test
    void shouldServeRangesOfRenditionToo() {
        JsonPath item = upload(700, 500);
        String url = file(item.getString("sha256"), "320.webp");
        byte[] all = given().when().get(url).then().statusCode(200).extract().asByteArray();

        byte[] middle = given().header("Range", "bytes=10-19").when().get(url)
                .then().statusCode(206)
                .header("Content-Range", "bytes 10-19/" + all.length)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(all, 10, 20), middle);
    }

    @Test
    void shouldAnswer416ForRangePastEnd() {
        JsonPath item = upload(400, 300);
        String url = item.getString("url");
        int n = given().when().get(url).then().statusCode(200).extract().asByteArray().length;

        Problems.assertProblem(given().header("Range", "bytes=" + n + "-").when().get(url), 416)
                .header("Content-Range", "bytes */" + n);
        Problems.assertProblem(given().header("Range", "bytes=" + (n + 500) + "-" + (n + 600)).when().get(url), 416)
                .header("Content-Range", "bytes */" + n);
    }

    @Test
    void shouldServeWholeFileForRangeItCannotParseOrStaleIfRange() {
        JsonPath item = upload(400, 300);
        String url = item.getString("url");
        int n = given().when().get(url).then().statusCode(200).extract().asByteArray().length;

        given().header("Range", "bytes=0-9,20-29").when().get(url).then().statusCode(200).header("Content-Length", Integer.toString(n));
        given().header("Range", "pages=1").when().get(url).then().statusCode(200);
        given().header("Range", "bytes=0-9").header("If-Range", "\"older\"").when().get(url)
                .then().statusCode(200).header("Content-Length", Integer.toString(n));
    }

    @Test
    void shouldRefuseUnconfiguredWidthWith400() {
        JsonPath item = upload(700, 500);
        String sha = item.getString("sha256");

        Problems.assertProblem(given().when().get(file(sha, "500.jpg")), 400)
                .body("detail", containsString("500"))
                .header("Cache-Control", not(containsString("immutable")));
        Problems.assertProblem(given().when().get(file(sha, "321.webp")), 400);
    }

    @Test
    void shouldRefuseResizeParametersWith400() {
        JsonPath item = upload(700, 500);
        String url = item.getString("url");

        Problems.assertProblem(given().queryParam("w", 100).when().get(url), 400);
        Problems.assertProblem(given().queryParam("q", 10).when().get(url), 400);
        Problems.assertProblem(given().queryParam("width", 100).when().get(file(item.getString("sha256"), "320.jpg")), 400);
    }

    @Test
    void shouldAnswer404ForWidthNotBelowOriginal() {
        JsonPath item = upload(600, 400);
        String sha = item.getString("sha256");

        Problems.assertProblem(given().when().get(file(sha, "2048.jpg")), 404);
        Problems.assertProblem(given().when().get(file(sha, "640.webp")), 404);
        Problems.assertProblem(given().when().get(file(sha, "full.png")), 404);
        given().when().get(file(sha, "320.jpg")).then().statusCode(200);
    }

    @Test
    void shouldAnswer404ForUnknownHashAndMalformedNames() {
        String unknown = "0".repeat(63) + "1";

        Problems.assertProblem(given().when().get(file(unknown, "full.jpg")), 404);
        Problems.assertProblem(given().when().get(file(unknown, "320.webp")), 404);
        Problems.assertProblem(given().when().get(MediaApi.FILES + "/not-a-hash/full.jpg"), 404);
        JsonPath item = upload(400, 300);
        String sha = item.getString("sha256");
        Problems.assertProblem(given().when().get(file(sha, "full.jpg.bak")), 404);
        Problems.assertProblem(given().when().get(file(sha, "..%2F..%2Fetc%2Fpasswd")), 404);
        Problems.assertProblem(given().when().get(MediaApi.FILES + "/" + sha + "/full.jpg/extra"), 404);
    }

    @Test
    void shouldRefuseWritesToFileUrlsWith405() {
        JsonPath item = upload(400, 300);
        String url = item.getString("url");

        Problems.assertProblem(asAdmin().contentType("image/jpeg").body(new byte[] { 1, 2, 3 }).when().post(url), 405)
                .header("Allow", containsString("GET"));
        Problems.assertProblem(asAdmin().when().delete(url), 405);
        Problems.assertProblem(asAdmin().contentType("image/jpeg").body(new byte[] { 1 }).when().put(url), 405);
        given().when().get(url).then().statusCode(200);
    }

    @Test
    void shouldServePngOriginalAndWebpRenditionsThatDecodeToDeclaredSizes() {
        byte[] png = Images.pngWithAlpha(700, 500, seed());
        JsonPath item = uploadRaw(png, "image/png", "chart.png").then().statusCode(201)
                .body("contentType", equalTo("image/png"))
                .extract().jsonPath();
        String sha = item.getString("sha256");

        given().when().get(file(sha, "full.png")).then().statusCode(200).contentType("image/png");
        given().when().get(file(sha, "320.webp")).then().statusCode(200).contentType("image/webp");

        List<Map<String, Object>> renditions = item.getList("renditions");
        assertEquals(6, renditions.size(), renditions.toString());
        for (Map<String, Object> r : renditions) {
            String url = (String) r.get("url");
            byte[] bytes = given().when().get(url)
                    .then().statusCode(200)
                    .contentType((String) r.get("contentType"))
                    .header("Cache-Control", IMMUTABLE)
                    .extract().asByteArray();
            BufferedImage image = Images.decode(bytes);
            assertEquals(r.get("width"), image.getWidth(), url);
            assertEquals(r.get("height"), image.getHeight(), url);
        }
    }

    @Test
    void shouldServeGifAndItsRenditions() {
        JsonPath item = uploadRaw(Images.gif(500, 300, seed()), "image/gif", null).then().statusCode(201).extract().jsonPath();
        String sha = item.getString("sha256");

        byte[] gif = given().when().get(file(sha, "320.gif")).then().statusCode(200).contentType("image/gif").extract().asByteArray();
        assertEquals(320, Images.decode(gif).getWidth());
        byte[] webp = given().when().get(file(sha, "320.webp")).then().statusCode(200).contentType("image/webp").extract().asByteArray();
        assertEquals(192, Images.decode(webp).getHeight());
    }

    @Test
    void shouldMakeEveryRenditionOnceEvenWhenAskedTogether() throws Exception {
        JsonPath item = upload(1700, 1000);
        String sha = item.getString("sha256");
        List<String> names = List.of("1600.jpg", "1600.webp", "1024.jpg", "640.webp", "320.jpg", "full.webp");

        List<java.util.concurrent.CompletableFuture<byte[]>> answers = new java.util.ArrayList<>();
        for (String name : names) {
            for (int i = 0; i < 2; i++) {
                answers.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> given().when().get(file(sha, name)).then().statusCode(200).extract().asByteArray()));
            }
        }
        for (int i = 0; i < names.size(); i++) {
            byte[] a = answers.get(2 * i).get(60, java.util.concurrent.TimeUnit.SECONDS);
            byte[] b = answers.get(2 * i + 1).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertArrayEquals(a, b, names.get(i) + " served the same bytes to both");
            BufferedImage image = Images.decode(a);
            int width = names.get(i).startsWith("full") ? 1700 : Integer.parseInt(names.get(i).substring(0, names.get(i).indexOf('.')));
            assertEquals(width, image.getWidth(), names.get(i));
        }
    }
}
