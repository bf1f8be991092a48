package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.MEDIA;
import static io.newsdesk.cms.media.MediaApi.MERGE_PATCH;
import static io.newsdesk.cms.media.MediaApi.file;
import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadForm;
import static io.newsdesk.cms.media.MediaApi.uploadRaw;
import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.newsdesk.cms.media.storage.MediaStorage;
import io.newsdesk.cms.support.Fixtures;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The library as an editor's media picker uses it: newest first by cursor, search by name, alt text and
 * caption, editing with optimistic locking, deleting with the files, and the cleanup of stray files.
 */
@QuarkusTest
class MediaLibraryTest {

    @Inject
    OrphanCleanup cleanup;

    @Inject
    MediaStorage storage;

    private static long uploadWithCaption(String caption) {
        return uploadForm(Images.jpeg(320, 240, seed()), "lib.jpg", "image/jpeg", Map.of("caption", caption))
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    // ---- listing --------------------------------------------------------------------------------

    @Test
    void shouldListNewestFirstWithCursorPaging() {
        String word = Fixtures.unique("paging").replace("-", "");
        long a = uploadWithCaption("First " + word);
        long b = uploadWithCaption("Second " + word);
        long c = uploadWithCaption("Third " + word);

        ExtractableResponse<Response> first = asAdmin().queryParam("q", word).queryParam("size", 2).when().get(MEDIA)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo((int) c))
                .body("items[1].id", equalTo((int) b))
                .body("items[0].srcset", containsString("320w"))
                .body("nextCursor", notNullValue())
                .header("Link", containsString("rel=\"next\""))
                .extract();
        String cursor = first.jsonPath().getString("nextCursor");
        assertTrue(first.header("Link").contains("cursor="), first.header("Link"));

        asAdmin().queryParam("q", word).queryParam("size", 2).queryParam("cursor", cursor).when().get(MEDIA)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) a))
                .body("nextCursor", nullValue());
    }

    @Test
    void shouldFollowLinkHeaderToNextPage() {
        String word = Fixtures.unique("linked").replace("-", "");
        long a = uploadWithCaption(word + " one");
        long b = uploadWithCaption(word + " two");

        String link = asAdmin().queryParam("q", word).queryParam("size", 1).when().get(MEDIA)
                .then().statusCode(200).body("items[0].id", equalTo((int) b)).extract().header("Link");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));

        asAdmin().urlEncodingEnabled(false).when().get(next)
                .then().statusCode(200)
                .body("items[0].id", equalTo((int) a));
    }

    @Test
    void shouldListWholeLibraryNewestFirst() {
        long older = MediaApi.newJpeg(300, 200).getLong("id");
        long newer = MediaApi.newJpeg(300, 200).getLong("id");

        List<Integer> ids = asAdmin().queryParam("size", 100).when().get(MEDIA)
                .then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class);
        assertTrue(ids.indexOf((int) newer) >= 0 && ids.indexOf((int) newer) < ids.indexOf((int) older), ids.toString());
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort((x, y) -> Integer.compare(y, x));
        assertEquals(sorted, ids, "newest first");
    }

    @Test
    void shouldSearchFilenameAltAndCaptionIgnoringCase() {
        String word = Fixtures.unique("zebra").replace("-", "");
        long byName = uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", "Photo-" + word.toUpperCase() + ".jpg")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long byAlt = uploadForm(Images.jpeg(300, 200, seed()), "x.jpg", "image/jpeg", Map.of("alt", "A " + word.toUpperCase() + " at rest"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long byCaption = uploadWithCaption("Caption with " + capitalized(word));
        long other = uploadWithCaption("Nothing to see");

        List<Integer> found = asAdmin().queryParam("q", word).when().get(MEDIA)
                .then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class);
        assertEquals(List.of((int) byCaption, (int) byAlt, (int) byName), found);
        assertFalse(found.contains((int) other));

        asAdmin().queryParam("q", word.toUpperCase()).when().get(MEDIA).then().statusCode(200).body("items", hasSize(3));
        asAdmin().queryParam("q", "photo-" + word).when().get(MEDIA).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo((int) byName));
    }

    @Test
    void shouldTreatSearchWildcardsLiterally() {
        String word = Fixtures.unique("pct").replace("-", "");
        uploadWithCaption(word + " 100% sure");

        asAdmin().queryParam("q", word + " 100%").when().get(MEDIA).then().statusCode(200).body("items", hasSize(1));
        asAdmin().queryParam("q", word + "%sure").when().get(MEDIA).then().statusCode(200).body("items", hasSize(0));
        asAdmin().queryParam("q", word + "_100").when().get(MEDIA).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldRefuseBadPagingInput() {
        Problems.assertProblem(asAdmin().queryParam("size", 101).when().get(MEDIA), 400);
        Problems.assertProblem(asAdmin().queryParam("size", 0).when().get(MEDIA), 400);
        Problems.assertProblem(asAdmin().queryParam("q", "x".repeat(201)).when().get(MEDIA), 400);
        Problems.assertProblem(asAdmin().queryParam("cursor", "not-a-cursor").when().get(MEDIA), 400);
    }

    @Test
    void shouldRefuseCursorFromAnotherSearch() {
        String word = Fixtures.unique("cursor").replace("-", "");
        uploadWithCaption(word + " a");
        uploadWithCaption(word + " b");
        String cursor = asAdmin().queryParam("q", word).queryParam("size", 1).when().get(MEDIA)
                .then().statusCode(200).extract().jsonPath().getString("nextCursor");
        assertNotNull(cursor);

        Problems.assertProblem(asAdmin().queryParam("q", "other").queryParam("cursor", cursor).when().get(MEDIA), 400);
    }

    // ---- editing --------------------------------------------------------------------------------

    @Test
    void shouldPatchAltCaptionAndFocalPointWithIfMatch() {
        ExtractableResponse<Response> created = uploadForm(Images.jpeg(400, 300, seed()), "e.jpg", "image/jpeg",
                Map.of("caption", "Old caption", "credit", "Old credit")).then().statusCode(201).extract();
        long id = created.jsonPath().getLong("id");
        String etag = created.header("ETag");

        String newEtag = asAdmin().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"alt\":\"Desks in a row\",\"caption\":null,\"focalPoint\":{\"x\":0.25,\"y\":0.75}}")
                .when().patch(MEDIA + "/" + id)
                .then().statusCode(200)
                .body("alt", equalTo("Desks in a row"))
                .body("caption", nullValue())
                .body("credit", equalTo("Old credit"))
                .body("focalPoint.x", equalTo(0.25f))
                .body("focalPoint.y", equalTo(0.75f))
                .extract().header("ETag");
        assertNotNull(newEtag);
        assertNotEquals(etag, newEtag);

        asAdmin().when().get(MEDIA + "/" + id)
                .then().statusCode(200)
                .header("ETag", newEtag)
                .body("alt", equalTo("Desks in a row"))
                .body("caption", nullValue())
                .body("focalPoint.x", equalTo(0.25f));

        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"alt\":\"Lost update\"}")
                .when().patch(MEDIA + "/" + id), 412);
        asAdmin().when().get(MEDIA + "/" + id).then().body("alt", equalTo("Desks in a row"));

        asAdmin().contentType(ContentType.JSON).body("{\"focalPoint\":null,\"credit\":\"New credit\"}")
                .when().patch(MEDIA + "/" + id)
                .then().statusCode(200)
                .body("focalPoint", nullValue())
                .body("credit", equalTo("New credit"))
                .body("alt", equalTo("Desks in a row"));
    }

    @Test
    void shouldRefuseFocalPointOutsideImageOnPatch() {
        long id = MediaApi.newJpeg(300, 200).getLong("id");

        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"focalPoint\":{\"x\":2,\"y\":0.5}}").when().patch(MEDIA + "/" + id), 400)
                .body("errors.field", hasItem(containsString("focalPoint")));
        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"focalPoint\":{\"x\":0.5}}").when().patch(MEDIA + "/" + id), 400);
        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"alt\":\"" + "a".repeat(301) + "\"}").when().patch(MEDIA + "/" + id), 400)
                .body("errors.field", hasItem("alt"));
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200).body("focalPoint", nullValue()).body("alt", nullValue());
    }

    @Test
    void shouldRefuseReadOnlyFieldsOnPatch() {
        JsonPath item = MediaApi.newJpeg(300, 200);
        long id = item.getLong("id");

        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"width\":5000}").when().patch(MEDIA + "/" + id), 400);
        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"sha256\":\"" + "a".repeat(64) + "\"}").when().patch(MEDIA + "/" + id), 400);
        asAdmin().when().get(MEDIA + "/" + id).then().body("width", equalTo(300)).body("sha256", equalTo(item.getString("sha256")));
    }

    @Test
    void shouldAnswer404ForUnknownItem() {
        Problems.assertProblem(asAdmin().when().get(MEDIA + "/987654321"), 404);
        Problems.assertProblem(asAdmin().contentType(MERGE_PATCH).body("{\"alt\":\"x\"}").when().patch(MEDIA + "/987654321"), 404);
        Problems.assertProblem(asAdmin().when().delete(MEDIA + "/987654321"), 404);
    }

    // ---- deleting -------------------------------------------------------------------------------

    @Test
    void shouldDeleteItemAndItsFiles() throws Exception {
        JsonPath item = MediaApi.newJpeg(700, 500);
        long id = item.getLong("id");
        String sha = item.getString("sha256");
        List<String> names = List.of("full.jpg", "full.webp", "320.jpg", "320.webp", "640.jpg", "640.webp");
        for (String name : names) { // made, or waited for, so no rendition is still being written
            given().when().get(file(sha, name)).then().statusCode(200);
        }
        assertEquals(names.size(), storage.list(MediaFiles.prefix(sha)).size());

        asAdmin().when().delete(MEDIA + "/" + id).then().statusCode(204);

        Problems.assertProblem(asAdmin().when().get(MEDIA + "/" + id), 404);
        for (String name : names) {
            Problems.assertProblem(given().when().get(file(sha, name)), 404);
        }
        assertEquals(List.of(), storage.list(MediaFiles.prefix(sha)), "files really removed");
        Problems.assertProblem(asAdmin().when().delete(MEDIA + "/" + id), 404);
    }

    @Test
    void shouldNotServeRenditionsOfItemDeletedWhileTheyWereBeingMade() throws Exception {
        // Deleted right after upload, while the background job may still be writing its renditions.
        JsonPath item = MediaApi.newJpeg(2560, 1700);
        String sha = item.getString("sha256");
        asAdmin().when().delete(MEDIA + "/" + item.getLong("id")).then().statusCode(204);

        // The background job runs one item at a time, in order: once a later upload's renditions are made, the deleted item's job is over.
        awaitBackgroundRenditions(MediaApi.newJpeg(400, 300).getString("sha256"));

        for (String name : List.of("320.jpg", "320.webp", "2048.webp", "full.webp", "full.jpg")) {
            Problems.assertProblem(given().when().get(file(sha, name)), 404);
        }
        assertEquals(List.of(), storage.list(MediaFiles.prefix(sha)), "no file of the deleted item is left in storage");
    }

    @Test
    void shouldMakeRenditionsInBackgroundAfterUpload() throws Exception {
        JsonPath item = MediaApi.newJpeg(700, 500);
        String sha = item.getString("sha256");

        awaitBackgroundRenditions(sha);

        for (String name : List.of("320.jpg", "320.webp", "640.jpg", "640.webp", "full.webp", "full.jpg")) {
            assertTrue(storage.stat(MediaFiles.key(sha, name)).isPresent(), name + " made without being asked for");
        }
        assertTrue(storage.stat(MediaFiles.key(sha, "1024.jpg")).isEmpty(), "never wider than the original");
    }

    /** Waits (never sleeps) until the background job has written every rendition of the item. */
    private void awaitBackgroundRenditions(String sha) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> storage.stat(MediaFiles.key(sha, "full.webp")).isPresent()
                        && storage.stat(MediaFiles.key(sha, "320.webp")).isPresent()
                        && storage.stat(MediaFiles.key(sha, "320.jpg")).isPresent());
    }

    @Test
    void shouldAcceptSameBytesAgainAfterDelete() {
        byte[] jpeg = Images.jpeg(400, 300, seed());
        long first = uploadRaw(jpeg, "image/jpeg", null).then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().when().delete(MEDIA + "/" + first).then().statusCode(204);

        JsonPath again = uploadRaw(jpeg, "image/jpeg", null).then().statusCode(201).extract().jsonPath();
        assertNotEquals(first, again.getLong("id"));
        given().when().get(again.getString("url")).then().statusCode(200);
        given().when().get(file(again.getString("sha256"), "320.webp")).then().statusCode(200);
    }

    @Test
    void shouldHonourIfMatchOnDelete() {
        ExtractableResponse<Response> created = uploadRaw(Images.jpeg(300, 200, seed()), "image/jpeg", null).then().statusCode(201).extract();
        long id = created.jsonPath().getLong("id");
        asAdmin().contentType(MERGE_PATCH).body("{\"alt\":\"changed\"}").when().patch(MEDIA + "/" + id).then().statusCode(200);

        Problems.assertProblem(asAdmin().header("If-Match", created.header("ETag")).when().delete(MEDIA + "/" + id), 412);
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200);
    }

    @Test
    void shouldRefuseToDeleteItemUsedAsCoverUnlessForced() {
        JsonPath item = MediaApi.newJpeg(400, 300);
        long id = item.getLong("id");
        String slug = Fixtures.article().with("coverImage", Map.of("mediaId", id, "alt", "Cover")).createSlug();

        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200).body("usedBy.slug", hasItem(slug));
        Problems.assertProblem(asAdmin().when().delete(MEDIA + "/" + id), 409)
                .body("detail", containsString(slug));
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200);

        asAdmin().queryParam("force", true).when().delete(MEDIA + "/" + id).then().statusCode(204);
        asAdmin().when().get(MEDIA + "/" + id).then().statusCode(404);
        given().when().get("/api/v1/articles/" + slug).then().statusCode(200)
                .body("coverImage.mediaId", not(equalTo((int) id)));
    }

    // ---- orphan cleanup -------------------------------------------------------------------------

    @Test
    void shouldRemoveOrphanFilesButKeepItemsFiles() throws Exception {
        JsonPath item = MediaApi.newJpeg(400, 300);
        String sha = item.getString("sha256");
        given().when().get(file(sha, "320.webp")).then().statusCode(200);
        String orphan = orphanKey();
        put(orphan);
        assertTrue(storage.stat(orphan).isPresent());

        cleanup.removeOrphans(Instant.now().plusSeconds(60));

        assertTrue(storage.stat(orphan).isEmpty(), "the orphan is gone");
        assertTrue(storage.stat(MediaFiles.key(sha, "full.jpg")).isPresent(), "the item's original stays");
        assertTrue(storage.stat(MediaFiles.key(sha, "320.webp")).isPresent(), "the item's rendition stays");
        given().when().get(item.getString("url")).then().statusCode(200);
    }

    @Test
    void shouldLeaveFreshOrphanWithinGrace() throws Exception {
        String orphan = orphanKey();
        put(orphan);
        try {
            cleanup.removeOrphans(Instant.now().minusSeconds(3600));

            assertTrue(storage.stat(orphan).isPresent(), "an upload in progress looks like this: it stays");
        } finally {
            storage.delete(orphan);
        }
        assertNull(storage.stat(orphan).orElse(null));
    }

    /** A key under which no item can have files: a random hash starting with ab. */
    private static String orphanKey() {
        byte[] random = new byte[31];
        ThreadLocalRandom.current().nextBytes(random);
        String sha = "ab" + HexFormat.of().formatHex(random);
        return "ab/" + sha + "/full.jpg";
    }

    private void put(String key) throws Exception {
        Path temp = Files.createTempFile("orphan-", ".jpg");
        try {
            Files.write(temp, Images.jpeg(64, 64, seed()));
            storage.put(key, temp, "image/jpeg");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
