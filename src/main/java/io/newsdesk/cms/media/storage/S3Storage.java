package io.newsdesk.cms.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Media objects in an S3-compatible bucket (AWS S3, MinIO, S3Mock, …), shared by every instance that is configured
 * with the same endpoint, bucket and prefix: an object one instance stored is served by all of them.
 *
 * <p>Guarantees:
 * <ul>
 * <li>a reader never sees a partly written object: S3 makes an object visible only once its upload is complete,
 * and a {@link #put} over an existing object replaces it as a whole;</li>
 * <li>keys follow the same rules as every storage's (see {@link StorageKeys}) and live under the configured prefix,
 * which {@link #list} strips again;</li>
 * <li>a range read fetches only that range ({@code Range: bytes=first-last}); a range that runs past the end yields
 * the bytes up to the end;</li>
 * <li>failures of the S3 service or the network surface as {@link IOException}s, an absent object as
 * {@link NoSuchFileException}.</li>
 * </ul>
 * There is no local file, so {@link #localFile} is always empty. The storage owns its {@link S3Client}; {@link #close}
 * releases it.
 */
public final class S3Storage implements MediaStorage, AutoCloseable {

    /**
     * How to reach the bucket.
     *
     * @param endpoint the service's URL (http://127.0.0.1:9090 for S3Mock or MinIO); empty for AWS itself
     * @param bucket the bucket holding the objects
     * @param region the bucket's region, e.g. {@code us-east-1}
     * @param pathStyle whether the bucket is addressed in the path rather than in the host name
     * @param accessKeyId with {@code secretAccessKey}: fixed credentials; both empty: the AWS SDK's default chain
     * @param secretAccessKey see {@code accessKeyId}
     * @param prefix a key prefix inside the bucket ("" for none); a {@code /} is added when it lacks one, so
     *        {@code media} and {@code media/} both keep objects under {@code media/}
     */
    public record Settings(Optional<URI> endpoint, String bucket, String region, boolean pathStyle,
            Optional<String> accessKeyId, Optional<String> secretAccessKey, String prefix) {

        public Settings {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("an S3 bucket name is required");
            }
            if (region == null || region.isBlank()) {
                throw new IllegalArgumentException("an S3 region is required");
            }
            if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
                throw new IllegalArgumentException(
                        "give both the S3 access key id and the secret access key, or neither (to use the AWS default credentials)");
            }
            prefix = prefix == null ? "" : prefix;
        }
    }

    private final S3Client client;
    private final AwsCredentialsProvider credentials;
    private final String bucket;
    private final Region region;
    private final String prefix;

    /** Builds the client (URLConnection HTTP client) for the settings; nothing is sent until the first call. */
    public S3Storage(Settings settings) {
        this.bucket = settings.bucket();
        this.region = Region.of(settings.region());
        this.prefix = normalizePrefix(settings.prefix());
        this.credentials = settings.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return "";
        }
        if (!p.endsWith("/")) {
            p = p + "/";
        }
        StorageKeys.requireValidPrefix(p);
        return p;
    }

    /** The bucket the objects live in. */
    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it does not exist yet (in the configured region); an existing one is left as it is. */
    public void ensureBucket() throws IOException {
        try {
            client.headBucket(request -> request.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // created below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("check of bucket " + bucket, e);
            }
        } catch (SdkException e) {
            throw failure("check of bucket " + bucket, e);
        }
        CreateBucketRequest.Builder create = CreateBucketRequest.builder().bucket(bucket);
        if (!Region.US_EAST_1.equals(region)) {
            // us-east-1 is the default location and must not be named; every other region must be.
            create.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(region.id()).build());
        }
        try {
            client.createBucket(create.build());
        } catch (BucketAlreadyOwnedByYouException e) {
            // another instance created it at the same moment
        } catch (SdkException e) {
            throw failure("creation of bucket " + bucket, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        String objectKey = objectKey(key);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(objectKey);
        if (contentType != null && !contentType.isBlank()) {
            request.contentType(contentType);
        }
        try {
            client.putObject(request.build(), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("upload of " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            HeadObjectResponse head = client.headObject(request -> request.bucket(bucket).key(objectKey));
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("stat of " + key, e);
        } catch (SdkException e) {
            throw failure("stat of " + key, e);
        }
    }

    /**
     * Fetches the range with one GET. A zero length answers an empty stream without asking S3 (so it does not say
     * whether the object exists).
     */
    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        String objectKey = objectKey(key);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        long last = offset + length - 1 < offset ? Long.MAX_VALUE : offset + length - 1;
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = client.getObject(request -> request.bucket(bucket).key(objectKey).range("bytes=" + offset + "-" + last));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the range starts at or past the end
            }
            throw failure("download of " + key, e);
        } catch (SdkException e) {
            throw failure("download of " + key, e);
        }
        if (body.response().contentRange() != null) {
            return body; // the server sent just the range
        }
        // The server ignored the Range header and sent the whole object: cut the range out ourselves.
        return new RangeInputStream(body, offset, length);
    }

    /** Always empty: the bytes are in the bucket, not on this machine. */
    @Override
    public Optional<Path> localFile(String key) {
        StorageKeys.requireValidKey(key);
        return Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(request -> request.bucket(bucket).key(objectKey));
        } catch (NoSuchKeyException e) {
            // already gone (S3 itself answers 204 either way; some compatible servers answer 404)
        } catch (SdkException e) {
            throw failure("deletion of " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String keyPrefix) throws IOException {
        StorageKeys.requireValidPrefix(keyPrefix);
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix + keyPrefix).build();
        List<StoredObject> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                // S3 lists in UTF-8 byte order, which is key order for the keys our code makes.
                found.add(new StoredObject(object.key().substring(prefix.length()), object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw failure("listing of " + (keyPrefix.isEmpty() ? "all objects" : "prefix " + keyPrefix), e);
        }
        return found;
    }

    /** Releases the S3 client and its connections. */
    @Override
    public void close() {
        client.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    private String objectKey(String key) {
        return prefix + StorageKeys.requireValidKey(key);
    }

    private IOException failure(String what, SdkException e) {
        return new IOException("S3 " + what + " in bucket " + bucket + " failed: " + e.getMessage(), e);
    }
}
