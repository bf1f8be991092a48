package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.S3MockServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * "With S3, an item uploaded through one instance is served by another": two instances (A and B) on one database,
 * both keeping media in one bucket of one S3Mock, as behind a load balancer. An image uploaded through A is served by
 * B byte for byte (the original, a WebP rendition and a byte range), B describes the same item, and deleting it
 * through B removes its objects from the shared bucket, so A answers 404 for its files at once.
 */
class SharedMediaIT {

    private static final String BUCKET = "shared-media";
    private static final String MEDIA = "/api/v1/media";
    private static final String FILES = MEDIA + "/files/";
    /** How long the renditions made after the upload (by A's background job, or by B on demand) may take. */
    private static final Duration RENDITIONS = Duration.ofSeconds(30);

    private static S3MockServer s3mock;
    private static S3Client bucket;
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static String admin;
    private static final HttpClient RAW = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void start() {
        s3mock = S3MockServer.start("SharedMediaIT");
        System.out.printf("[it] %s ready in %d ms%n", s3mock, s3mock.startup().toMillis());
        bucket = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(s3mock.endpoint())
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-reader", "any")))
                .build();
        TestDatabase db = TestDatabase.create("shared_media");
        admin = ServiceProcess.randomSecret();
        // One after the other, as TwoInstances: B finds the schema, the first token and the bucket already there.
        a = onSharedBucket(ServiceProcess.on("shared-media-a", db.jdbcUrl()).bootstrapToken(admin)).start();
        b = onSharedBucket(ServiceProcess.on("shared-media-b", db.jdbcUrl()).bootstrapToken(admin)).start();
    }

    private static ServiceProcess.Builder onSharedBucket(ServiceProcess.Builder service) {
        return service.env("CMS_MEDIA_STORAGE_KIND", "s3")
                .env("CMS_MEDIA_STORAGE_S3_ENDPOINT", s3mock.endpoint().toString())
                .env("CMS_MEDIA_STORAGE_S3_BUCKET", BUCKET)
                .env("CMS_MEDIA_STORAGE_S3_PATH_STYLE", "true")
                .env("CMS_MEDIA_STORAGE_S3_REGION", "us-east-1")
                .env("CMS_MEDIA_STORAGE_S3_ACCESS_KEY_ID", "s3mock-takes-any-key")
                .env("CMS_MEDIA_STORAGE_S3_SECRET_ACCESS_KEY", "and-any-secret");
    }

    @AfterAll
    static void stop() {
        // The services first, so that neither of them sees its bucket vanish while it is still running.
        for (AutoCloseable c : new AutoCloseable[] { b, a, bucket, s3mock }) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.out.println("[it] could not close " + c + ": " + e);
                }
            }
        }
    }

    @Test
    void anImageUploadedThroughOneInstanceIsServedByTheOtherAndDeletedForBoth() {
        byte[] png = Images.png(800, 600, 0x5EED_2024L);
        String sha = Images.sha256(png);

        // 1. Upload through A.
        long uploadStart = System.nanoTime();
        HttpResponse<byte[]> uploaded = send(a, HttpRequest.newBuilder(uri(a, MEDIA))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "image/png")
                .header("Content-Disposition", "attachment; filename=\"shared-newsroom.png\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)));
        long uploadMillis = Duration.ofNanos(System.nanoTime() - uploadStart).toMillis();
        assertEquals(201, uploaded.statusCode(), () -> "upload to A: " + describe(uploaded));
        JsonNode item = json(uploaded);
        long id = item.path("id").asLong();
        String full = FILES + sha + "/full.png";
        String webp640 = FILES + sha + "/640.webp";
        assertEquals(sha, item.path("sha256").asText(), "the item is named by the uploaded bytes");
        assertEquals(full, item.path("url").asText());
        assertEquals(800, item.path("width").asInt());
        assertEquals(600, item.path("height").asInt());
        List<String> urls = StreamSupport.stream(item.path("renditions").spliterator(), false).map(r -> r.path("url").asText()).toList();
        assertTrue(urls.contains(webp640), () -> "a 640 px WebP rendition is listed: " + urls);

        // 2. B serves the original A stored, byte for byte, with the same validator.
        HttpResponse<byte[]> fullFromB = get(b, full);
        HttpResponse<byte[]> fullFromA = get(a, full);
        assertEquals(200, fullFromB.statusCode(), () -> "full.png from B: " + describe(fullFromB));
        assertEquals(200, fullFromA.statusCode(), () -> "full.png from A: " + describe(fullFromA));
        assertEquals("image/png", contentType(fullFromB));
        assertArrayEquals(fullFromA.body(), fullFromB.body(), "B serves the same bytes as A for " + full);
        assertEquals(item.path("bytes").asLong(), fullFromB.body().length, "the item's size is that of the served original");
        assertEquals(fullFromA.headers().firstValue("ETag"), fullFromB.headers().firstValue("ETag"));
        BufferedImage original = Images.decode(fullFromB.body());
        assertEquals(800, original.getWidth());
        assertEquals(600, original.getHeight());

        // A WebP rendition, from B first: made on demand there, or already made by A's background job.
        HttpResponse<byte[]> webpFromB = get(b, webp640);
        assertEquals(200, webpFromB.statusCode(), () -> "640.webp from B: " + describe(webpFromB));
        assertEquals("image/webp", contentType(webpFromB));
        byte[] webp = webpFromB.body();
        assertTrue(webp.length > 12 && "RIFF".equals(new String(webp, 0, 4, StandardCharsets.US_ASCII))
                && "WEBP".equals(new String(webp, 8, 4, StandardCharsets.US_ASCII)), "640.webp from B is a RIFF/WEBP file");
        BufferedImage rendition = Images.decode(webp);
        assertEquals(640, rendition.getWidth(), "640.webp is 640 px wide");
        assertEquals(480, rendition.getHeight(), "640.webp keeps the aspect ratio");
        HttpResponse<byte[]> webpFromA = get(a, webp640);
        assertEquals(200, webpFromA.statusCode(), () -> "640.webp from A: " + describe(webpFromA));
        assertArrayEquals(webp, webpFromA.body(), "A serves the same rendition bytes as B");

        // Byte ranges from B come out of the shared object.
        HttpResponse<byte[]> middle = get(b, full, "Range", "bytes=100-1123");
        assertEquals(206, middle.statusCode(), () -> "a range of full.png from B: " + describe(middle));
        assertEquals("bytes 100-1123/" + fullFromA.body().length, middle.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(fullFromA.body(), 100, 1124), middle.body(), "the range's bytes");
        HttpResponse<byte[]> tail = get(b, webp640, "Range", "bytes=-64");
        assertEquals(206, tail.statusCode(), () -> "the last bytes of 640.webp from B: " + describe(tail));
        assertArrayEquals(Arrays.copyOfRange(webp, webp.length - 64, webp.length), tail.body(), "the suffix range's bytes");

        // 3. B describes the same item as A does, and as A's answer to the upload did.
        Http.Response onB = b.http().get(MEDIA + "/" + id, admin);
        Http.Response onA = a.http().get(MEDIA + "/" + id, admin);
        assertEquals(200, onB.status(), () -> "the item on B: " + onB);
        assertEquals(200, onA.status(), () -> "the item on A: " + onA);
        assertEquals(onA.json(), onB.json(), () -> "B describes the item as A does:\nA " + onA.body() + "\nB " + onB.body());
        assertEquals(uploaded.headers().firstValue("ETag"), onB.header("ETag"), "the same version on both");
        // The upload's own answer gives its times in nanoseconds, which the database keeps only to the microsecond:
        // they are compared to that precision, everything else exactly.
        assertEquals(withoutTimes(item), withoutTimes(onB.json()), () -> "B describes the item as A's upload answer did:\nA "
                + item + "\nB " + onB.body());
        for (String time : List.of("createdAt", "updatedAt")) {
            Duration apart = Duration.between(Instant.parse(item.path(time).asText()), Instant.parse(onB.json().path(time).asText())).abs();
            assertTrue(apart.compareTo(Duration.ofNanos(1000)) <= 0, () -> time + " on B " + onB.json().path(time) + " is the one A gave, "
                    + item.path(time) + ", to the microsecond");
        }

        // Every file the item lists ends up in the bucket, once, whoever made it. The delete waits for that: one that comes
        // while renditions are still being made leaves the ones written after it in the bucket (served by both instances
        // until the orphan cleanup), a race between deleting and making renditions that this test is not about.
        Set<String> listed = urls.stream().map(u -> u.substring(u.lastIndexOf('/') + 1)).collect(Collectors.toCollection(TreeSet::new));
        Duration made = Await.until("every rendition of " + sha + " in the bucket " + listed, RENDITIONS,
                () -> objectNames(sha).equals(listed));

        // 4. Deleted through B: the objects leave the shared bucket, and A no longer serves any of them.
        Http.Response deleted = b.http().delete(MEDIA + "/" + id, admin);
        assertEquals(204, deleted.status(), () -> "DELETE on B: " + deleted);
        assertEquals(Set.of(), objectNames(sha), "no object of the deleted item is left in the bucket");
        for (String url : urls) {
            HttpResponse<byte[]> gone = get(a, url);
            assertEquals(404, gone.statusCode(), () -> url + " from A after the delete on B: " + describe(gone));
        }
        HttpResponse<byte[]> goneOnB = get(b, full);
        assertEquals(404, goneOnB.statusCode(), () -> "full.png from B after its delete: " + describe(goneOnB));
        Http.Response itemOnA = a.http().get(MEDIA + "/" + id, admin);
        assertEquals(404, itemOnA.status(), () -> "the item on A after the delete on B: " + itemOnA);

        System.out.printf("[it] shared media: %d-byte PNG uploaded through A in %d ms; B served full.png (%d bytes) and 640.webp "
                + "(%d bytes); all %d files were in the bucket %d ms after the checks; deleted through B, A answers 404%n",
                png.length, uploadMillis, fullFromB.body().length, webp.length, listed.size(), made.toMillis());
    }

    private static JsonNode withoutTimes(JsonNode item) {
        ObjectNode copy = item.deepCopy();
        copy.remove(List.of("createdAt", "updatedAt"));
        return copy;
    }

    /** The names of the item's objects in the bucket ({@code full.png}, {@code 640.webp}…). */
    private static Set<String> objectNames(String sha) {
        String prefix = sha.substring(0, 2) + "/" + sha + "/";
        return bucket.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).map(k -> k.substring(prefix.length())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static URI uri(ServiceProcess service, String path) {
        return URI.create(service.baseUrl() + path);
    }

    /** GET of a file, with the given header pairs, the body as bytes. */
    private static HttpResponse<byte[]> get(ServiceProcess service, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(service, request);
    }

    private static HttpResponse<byte[]> send(ServiceProcess service, HttpRequest.Builder request) {
        try {
            return RAW.send(request.timeout(Http.DEFAULT_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + service + "; log:\n" + service.logTail(40), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> answer) {
        try {
            return Http.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + describe(answer), e);
        }
    }

    private static String contentType(HttpResponse<byte[]> answer) {
        return answer.headers().firstValue("Content-Type").map(v -> v.split(";")[0].strip()).orElse("");
    }

    private static String describe(HttpResponse<byte[]> answer) {
        String type = contentType(answer);
        boolean text = type.contains("json") || type.startsWith("text/");
        String body = text ? new String(answer.body(), StandardCharsets.UTF_8) : answer.body().length + " bytes";
        return answer.request().method() + " " + answer.uri().getPath() + " -> " + answer.statusCode() + " " + type + ": "
                + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
}
