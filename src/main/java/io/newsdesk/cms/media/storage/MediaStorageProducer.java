package io.newsdesk.cms.media.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.quarkus.runtime.Startup;

/**
 * Makes the one {@link MediaStorage} of the application from CMS_MEDIA_STORAGE_KIND: {@code filesystem} keeps files
 * under CMS_MEDIA_STORAGE_DIRECTORY (created when missing), {@code s3} keeps objects in the configured bucket (created
 * when missing). The storage is made when the application starts, so a wrong setting or an unreachable bucket stops
 * the start instead of the first upload; the S3 client is closed when the application stops.
 */
@ApplicationScoped
public class MediaStorageProducer {

    private static final Logger LOG = Logger.getLogger(MediaStorageProducer.class);

    @Produces
    @ApplicationScoped
    @Startup
    MediaStorage mediaStorage(CmsConfig config) {
        CmsConfig.Media.Storage storage = config.media().storage();
        String kind = storage.kind().strip().toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "filesystem" -> fileSystem(storage);
                case "s3" -> s3(storage.s3());
                default -> throw new IllegalStateException("CMS_MEDIA_STORAGE_KIND (cms.media.storage.kind) is '"
                        + storage.kind() + "'; it must be 'filesystem' or 's3'");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("the " + kind + " media storage could not be prepared: " + e.getMessage(), e);
        }
    }

    private static MediaStorage fileSystem(CmsConfig.Media.Storage storage) throws IOException {
        FileSystemStorage fs = new FileSystemStorage(Path.of(storage.directory()));
        LOG.infof("Media files are kept in %s", fs.root());
        return fs;
    }

    private static MediaStorage s3(CmsConfig.Media.Storage.S3 s3) throws IOException {
        S3Storage.Settings settings;
        try {
            settings = new S3Storage.Settings(s3.endpoint().filter(e -> !e.isBlank()).map(URI::create), s3.bucket(),
                    s3.region(), s3.pathStyle(), nonBlank(s3.accessKeyId()), nonBlank(s3.secretAccessKey()),
                    s3.prefix().orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CMS_MEDIA_STORAGE_S3_*: " + e.getMessage(), e);
        }
        S3Storage storage = new S3Storage(settings);
        try {
            storage.ensureBucket();
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
        LOG.infof("Media objects are kept in S3 bucket %s%s", settings.bucket(),
                settings.endpoint().map(endpoint -> " at " + endpoint).orElse(""));
        return storage;
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    void close(@Disposes MediaStorage storage) {
        if (storage instanceof S3Storage s3) {
            s3.close();
        }
    }
}
