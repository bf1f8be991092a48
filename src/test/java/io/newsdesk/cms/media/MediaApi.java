package io.newsdesk.cms.media;

import static io.newsdesk.cms.support.Callers.asAdmin;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.newsdesk.cms.support.Fixtures;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** What the media tests say again and again: uploading and reading as admin, fresh seeds. */
final class MediaApi {

    static final String MEDIA = "/api/v1/media";
    static final String FILES = "/api/v1/media/files";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private MediaApi() {
    }

    /** A seed no other fixture of this run uses, so every image's bytes are new to the library. */
    static long seed() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** POSTs the bytes as the admin, as the raw body, with a Content-Disposition naming the file when a name is given. */
    static Response uploadRaw(byte[] bytes, String contentType, String filename) {
        RequestSpecification request = asAdmin().contentType(contentType).body(bytes);
        if (filename != null) {
            request.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        return request.when().post(MEDIA);
    }

    /** POSTs the bytes as the admin, as a form's {@code file} part, with the given text fields. */
    static Response uploadForm(byte[] bytes, String filename, String contentType, Map<String, String> fields) {
        RequestSpecification request = asAdmin().multiPart("file", filename, bytes, contentType);
        fields.forEach(request::multiPart);
        return request.when().post(MEDIA);
    }

    /** Uploads a fresh JPEG as the admin and answers the new item. */
    static JsonPath newJpeg(int width, int height) {
        return uploadRaw(io.newsdesk.cms.support.Images.jpeg(width, height, seed()), "image/jpeg", Fixtures.unique("photo") + ".jpg")
                .then().statusCode(201).extract().jsonPath();
    }

    /** Reads an item as admin. */
    static JsonPath item(long id) {
        return asAdmin().when().get(MEDIA + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The URL of one of an item's files, from its hash and the file's name. */
    static String file(String sha256, String name) {
        return FILES + "/" + sha256 + "/" + name;
    }
}
