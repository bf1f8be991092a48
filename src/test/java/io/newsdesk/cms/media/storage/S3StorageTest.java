package io.newsdesk.cms.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.S3MockServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The storage contract against a real S3-protocol server: Adobe's S3Mock, started once for the class as a child
 * process by {@link S3MockServer} (from the jar the build copies to {@code target/s3mock/s3mock.jar}, on free ports,
 * with its output in {@code target/s3mock/S3StorageTest.log}). Each test gets a prefix of its own in one bucket; a
 * second instance is a second {@link S3Storage} (and S3 client) on the same endpoint, bucket and prefix.
 */
class S3StorageTest extends MediaStorageContract {

    private static final String BUCKET = "media-contract";

    private static S3MockServer s3mock;
    private static URI endpoint;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private String prefix;

    @BeforeAll
    static void startS3Mock() throws IOException {
        s3mock = S3MockServer.start(S3StorageTest.class.getSimpleName());
        endpoint = s3mock.endpoint();
        try (S3Storage storage = storageOn(BUCKET, "")) {
            storage.ensureBucket();
        }
    }

    @AfterAll
    static void stopS3Mock() {
        if (s3mock != null) {
            s3mock.close();
            s3mock = null;
        }
    }

    @Override
    protected MediaStorage openFreshStorage() {
        prefix = "run-" + RUNS.incrementAndGet() + "/";
        return storageOn(BUCKET, prefix);
    }

    @Override
    protected MediaStorage openSameStorageAgain() {
        return storageOn(BUCKET, prefix);
    }

    @Test
    void shouldCreateAMissingBucketAndLeaveAnExistingOneAlone() throws IOException {
        try (S3Storage storage = storageOn("fresh-bucket", "")) {
            storage.ensureBucket();
            storage.put("kept.jpg", source(randomBytes(64, 30)), "image/jpeg");

            storage.ensureBucket();

            assertEquals(List.of("kept.jpg"), keys(storage.list("")));
        }
    }

    @Test
    void shouldKeepObjectsUnderThePrefixWithTheirContentType() throws IOException {
        byte[] bytes = randomBytes(128, 31);
        try (S3Storage nested = storageOn(BUCKET, "nest"); S3Storage other = storageOn(BUCKET, "elsewhere/");
                S3Client raw = rawClient()) {
            nested.put("a/b.webp", source(bytes), "image/webp");

            HeadObjectResponse head = raw.headObject(r -> r.bucket(BUCKET).key("nest/a/b.webp"));
            assertEquals("image/webp", head.contentType());
            assertEquals(List.of("a/b.webp"), keys(nested.list("")));
            assertEquals(List.of(), other.list(""));
            assertEquals(Optional.empty(), other.stat("a/b.webp"));
            try (S3Storage slashed = storageOn(BUCKET, "/nest/")) {
                assertArrayEquals(bytes, readFrom(slashed, "a/b.webp", 0, bytes.length));
            }
        }
    }

    @Test
    void shouldHaveNoLocalFile() throws IOException {
        storage().put("x/y.jpg", source(randomBytes(16, 32)), "image/jpeg");

        assertEquals(Optional.empty(), storage().localFile("x/y.jpg"));
    }

    @Test
    void shouldRefuseHalfGivenCredentials() {
        assertThrows(IllegalArgumentException.class, () -> new S3Storage.Settings(Optional.of(endpoint), BUCKET,
                "us-east-1", true, Optional.of("key"), Optional.empty(), ""));
    }

    private static S3Storage storageOn(String bucket, String prefix) {
        return new S3Storage(new S3Storage.Settings(Optional.of(endpoint), bucket, "us-east-1", true,
                Optional.of("s3mock-ignores-this"), Optional.of("and-this"), prefix));
    }

    /** A plain client on the same server, to look at what the storage left in the bucket. */
    private static S3Client rawClient() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build();
    }
}
