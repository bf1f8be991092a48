package io.newsdesk.cms.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.media.storage.MediaStorage;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Makes an item's renditions once: right after its upload, on one background thread, or on the first
 * request for one that is missing. Two requests never both do the work: within an instance they share one
 * computation, and across instances sharing storage a PostgreSQL advisory lock on the item's hash lets
 * only one of them make the files while the others wait and then find them made.
 */
@ApplicationScoped
public class Renditions {

    private static final Logger LOG = Logger.getLogger(Renditions.class);

    @Inject
    CmsConfig config;

    @Inject
    MediaStorage storage;

    @Inject
    MediaFiles files;

    @Inject
    EntityManager em;

    private final ConcurrentHashMap<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "media-renditions");
        t.setDaemon(true);
        return t;
    });

    /** Queues the making of an item's renditions. */
    public void makeLater(String sha256, int width, int height, ImageFormat format) {
        background.execute(() -> {
            try {
                make(sha256, width, height, format);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Renditions of media %s could not be made now; they will be on first request", sha256);
            }
        });
    }

    /** Makes whatever renditions of the item are missing, or waits for the computation already doing so. */
    public void make(String sha256, int width, int height, ImageFormat format) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = running.putIfAbsent(sha256, mine);
        if (other != null) {
            await(other);
            return;
        }
        try {
            QuarkusTransaction.requiringNew().timeout(300).run(() -> {
                lock(sha256);
                // An item deleted meanwhile gets no files.
                if (((Number) em.createNativeQuery("select count(*) from media where sha256 = :sha")
                        .setParameter("sha", sha256).getSingleResult()).longValue() > 0) {
                    makeMissing(sha256, width, height, format);
                }
            });
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(sha256, mine);
        }
    }

    /** Takes the item's lock until the current transaction ends: whoever makes or removes its files holds it. */
    void lock(String sha256) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", "media:" + sha256).getSingleResult();
    }

    private static void await(CompletableFuture<Void> other) {
        try {
            other.get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("renditions took too long", e);
        }
    }

    private void makeMissing(String sha256, int width, int height, ImageFormat format) {
        try {
            List<MediaFiles.Variant> missing = new ArrayList<>();
            for (MediaFiles.Variant v : files.variants(width, height, format)) {
                if (!(v.full() && v.format() == format) && storage.stat(MediaFiles.key(sha256, v.name())).isEmpty()) {
                    missing.add(v);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Path original = Files.createTempFile("newsdesk-original-", "." + format.extension());
            try {
                String key = MediaFiles.key(sha256, "full." + format.extension());
                Optional<Path> local = storage.localFile(key);
                if (local.isPresent()) {
                    Files.copy(local.get(), original, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    try (InputStream in = storage.open(key, 0, storage.stat(key).orElseThrow().size())) {
                        Files.copy(in, original, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                MediaService.DECODING.acquireUninterruptibly();
                try {
                    BufferedImage image = ImageCodec.decode(original, format, new ImageCodec.Size(width, height));
                    for (MediaFiles.Variant v : missing) {
                        BufferedImage scaled = ImageCodec.scale(image, v.width(), v.height());
                        Path out = Files.createTempFile("newsdesk-rendition-", "." + v.format().extension());
                        try {
                            try (OutputStream o = Files.newOutputStream(out)) {
                                float quality = v.format() == ImageFormat.WEBP ? config.media().webpQuality() : config.media().jpegQuality();
                                ImageCodec.encode(scaled, v.format(), quality, o);
                            }
                            storage.put(MediaFiles.key(sha256, v.name()), out, v.format().contentType());
                        } finally {
                            Files.deleteIfExists(out);
                        }
                    }
                } finally {
                    MediaService.DECODING.release();
                }
            } finally {
                Files.deleteIfExists(original);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
