package io.newsdesk.cms.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.newsdesk.cms.common.cache.CachedAnswers;
import io.newsdesk.cms.common.cache.Invalidations;
import io.newsdesk.cms.common.cache.KeyedCache;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.RouteProblems;
import io.newsdesk.cms.media.storage.MediaStorage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves media files: {@code GET|HEAD /api/v1/media/files/<sha256>/<name>}. The URL names the bytes, so
 * they are cached for a year as immutable with a strong ETag; conditional requests, single byte ranges
 * (206, 416) and HEAD are honoured. From the filesystem the file goes out with zero copy where the
 * connection allows, straight from the event loop; from S3 it is streamed on a worker. A rendition not
 * made yet is made on this request (once, see {@link Renditions}). Only the configured widths exist: any
 * other width, or a resize or quality parameter, is 400, so no one can make the service resize on demand.
 */
@ApplicationScoped
public class MediaFileRoute {

    private static final Logger LOG = Logger.getLogger(MediaFileRoute.class);
    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final Set<String> RESIZE_PARAMETERS = Set.of("w", "h", "width", "height", "q", "quality", "fm", "format", "fit",
            "crop", "dpr", "resize", "size", "scale");

    @Inject
    MediaStorage storage;

    @Inject
    MediaFiles files;

    @Inject
    MediaService media;

    @Inject
    Renditions renditions;

    @Inject
    ObjectMapper mapper;

    @Inject
    CmsConfig config;

    @Inject
    Invalidations invalidations;

    /**
     * The most read small files, as read-only bytes. A file never changes; it only goes when its item is
     * deleted, on any instance (key {@code media-<hash>}).
     */
    private KeyedCache<ByteBuf> hot;

    private static final long KEEP_NANOS = TimeUnit.DAYS.toNanos(1);

    /** Files up to this size are kept in {@link #hot}. */
    static final int HOT_FILE_MAX = 256 * 1024;

    @PostConstruct
    void init() {
        long budget = config.media().cacheMaxBytes();
        hot = budget <= 0 ? null : new KeyedCache<>(invalidations, budget);
    }

    void install(@Observes Router router) {
        router.route(MediaFiles.PATH + "/*").order(CachedAnswers.ORDER + 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "GET, HEAD");
            problem(ctx, 405, "method-not-allowed", "Method not allowed", "Media files can only be read (GET, HEAD)");
            return;
        }
        String[] parts = ctx.normalizedPath().substring(MediaFiles.PATH.length() + 1).split("/", -1);
        if (parts.length != 2 || !MediaFiles.isHash(parts[0])) {
            problem(ctx, 404, "not-found", "Not found", "No media file has this address");
            return;
        }
        for (String name : ctx.queryParams().names()) {
            if (RESIZE_PARAMETERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                problem(ctx, 400, "invalid-input", "Invalid input", "Images come only in their ready-made sizes: "
                        + "use one of the renditions' URLs; `" + name + "` cannot be set");
                return;
            }
        }
        String sha = parts[0];
        String name = parts[1];
        if (!files.isConfiguredName(name)) {
            if (name.matches("[0-9]+\\.(jpg|png|gif|webp)")) {
                problem(ctx, 400, "invalid-input", "Invalid input", "Only the configured widths " + files.widths()
                        + " are made; " + name.substring(0, name.indexOf('.')) + " px is not one of them");
            } else {
                problem(ctx, 404, "not-found", "Not found", "No media file has this address");
            }
            return;
        }
        String key = MediaFiles.key(sha, name);
        KeyedCache.Item<ByteBuf> kept = hot == null ? null : hot.get(key);
        if (kept != null) {
            serveBytes(ctx, kept.value(), sha, name);
            return;
        }
        long stamp = invalidations.stamp();
        Optional<Path> local = storage.localFile(key);
        if (local.isPresent()) {
            long size;
            try {
                size = java.nio.file.Files.size(local.get());
                if (hot != null && size <= HOT_FILE_MAX) {
                    // A small file from the page cache: read once, then served from memory.
                    serveBytes(ctx, keep(key, sha, stamp, java.nio.file.Files.readAllBytes(local.get())), sha, name);
                    return;
                }
            } catch (IOException e) {
                size = -1;
            }
            if (size >= 0) {
                serveLocal(ctx, local.get(), size, sha, name);
                return;
            }
        }
        ctx.vertx().executeBlocking(() -> {
            serveFromStorage(ctx, sha, name, key, stamp);
            return null;
        }, false).onFailure(e -> {
            LOG.errorf(e, "Could not serve media file %s", key);
            if (!ctx.response().headWritten()) {
                problem(ctx, 500, "internal-error", "Internal server error", "The file could not be read");
            } else {
                ctx.response().reset();
            }
        });
    }

    /** Runs on a worker: finds the object, making a missing rendition of a known item first. */
    private void serveFromStorage(RoutingContext ctx, String sha, String name, String key, long stamp) throws IOException {
        Optional<MediaStorage.StoredObject> stored = storage.stat(key);
        if (stored.isEmpty()) {
            Optional<MediaService.Original> original = media.original(sha);
            Optional<MediaFiles.Variant> variant = original.flatMap(o -> files.variant(o.width(), o.height(), o.format(), name));
            if (variant.isEmpty()) {
                onContext(ctx, () -> problem(ctx, 404, "not-found", "Not found", "No media file has this address"));
                return;
            }
            MediaService.Original o = original.get();
            renditions.make(sha, o.width(), o.height(), o.format());
            Optional<Path> local = storage.localFile(key);
            if (local.isPresent()) {
                long size = java.nio.file.Files.size(local.get());
                onContext(ctx, () -> serveLocal(ctx, local.get(), size, sha, name));
                return;
            }
            stored = storage.stat(key);
            if (stored.isEmpty()) {
                throw new NoSuchFileException(key);
            }
        }
        long size = stored.get().size();
        if (hot != null && size <= HOT_FILE_MAX) {
            byte[] bytes;
            try (InputStream in = storage.open(key, 0, size)) {
                bytes = in.readAllBytes();
            }
            ByteBuf whole = keep(key, sha, stamp, bytes);
            onContext(ctx, () -> serveBytes(ctx, whole, sha, name));
            return;
        }
        Range range = decide(ctx, size, sha, name);
        if (range == null) {
            return;
        }
        if (ctx.request().method() == HttpMethod.HEAD || range.length() == 0) {
            onContext(ctx, () -> ctx.response().end());
            return;
        }
        HttpServerResponse response = ctx.response();
        try (InputStream in = storage.open(key, range.start(), range.length())) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (response.closed()) {
                    return;
                }
                if (response.writeQueueFull()) {
                    CompletableFuture<Void> drained = new CompletableFuture<>();
                    response.drainHandler(v -> drained.complete(null));
                    if (response.writeQueueFull()) {
                        try {
                            drained.get(60, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            response.reset();
                            return;
                        }
                    }
                }
                response.write(Buffer.buffer(java.util.Arrays.copyOf(chunk, n)));
            }
        }
        response.end();
    }

    /** Keeps a file read since {@code stamp}, unless its item was deleted meanwhile. */
    private ByteBuf keep(String key, String sha, long stamp, byte[] bytes) {
        ByteBuf buffer = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
        hot.put(key, stamp, buffer, Set.of(Keys.mediaFiles(sha)), bytes.length + key.length() + 64, KEEP_NANOS, 0);
        return buffer;
    }

    private void serveBytes(RoutingContext ctx, ByteBuf bytes, String sha, String name) {
        Range range = decide(ctx, bytes.capacity(), sha, name);
        if (range == null) {
            return;
        }
        if (ctx.request().method() == HttpMethod.HEAD || range.length() == 0) {
            ctx.response().end();
            return;
        }
        ctx.response().end(Buffer.buffer(bytes.slice((int) range.start(), (int) range.length())));
    }

    private void serveLocal(RoutingContext ctx, Path file, long size, String sha, String name) {
        Range range = decide(ctx, size, sha, name);
        if (range == null) {
            return;
        }
        if (ctx.request().method() == HttpMethod.HEAD || range.length() == 0) {
            ctx.response().end();
            return;
        }
        ctx.response().sendFile(file.toString(), range.start(), range.length());
    }

    /** A byte range of the file to send. */
    record Range(long start, long length) {
    }

    /**
     * Writes the status and headers: 304 for a matching If-None-Match, 416 for a range past the end, 206
     * for one satisfiable range, else 200. Returns the bytes to send, or null when the answer is complete.
     */
    private Range decide(RoutingContext ctx, long size, String sha, String name) {
        HttpServerResponse response = ctx.response();
        String etag = "\"" + sha.substring(0, 32) + "-" + name + "\"";
        ImageFormat format = ImageFormat.ofExtension(name.substring(name.indexOf('.') + 1)).orElseThrow();
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "sandbox")
                .putHeader("Cross-Origin-Resource-Policy", "cross-origin")
                // A CDN can purge every file of an item by this key when it is deleted.
                .putHeader("Surrogate-Key", Keys.mediaFiles(sha))
                .putHeader("Cache-Tag", Keys.mediaFiles(sha))
                // Images are compressed already: this keeps the HTTP layer's gzip off them.
                .putHeader(HttpHeaders.CONTENT_ENCODING, "identity");
        String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatusCode(304).end();
            return null;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, format.contentType());
        String rangeHeader = ctx.request().getHeader("Range");
        String ifRange = ctx.request().getHeader("If-Range");
        if (rangeHeader == null || (ifRange != null && !ifRange.strip().equals(etag))) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
            return new Range(0, size);
        }
        long[] r = parseRange(rangeHeader.strip(), size);
        if (r == null) { // not one well-formed byte range: the whole file, as if no range were asked
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
            return new Range(0, size);
        }
        if (r.length == 0) {
            response.setStatusCode(416).putHeader("Content-Range", "bytes */" + size);
            response.headers().remove(HttpHeaders.CONTENT_TYPE);
            problem(ctx, 416, "range-not-satisfiable", "Range not satisfiable",
                    "The file has " + size + " bytes; the range asked for lies past its end");
            return null;
        }
        long length = r[1] - r[0] + 1;
        response.setStatusCode(206)
                .putHeader("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        return new Range(r[0], length);
    }

    /** {first, last} of one byte range; an empty array when it cannot be satisfied; null when it is not one valid range. */
    static long[] parseRange(String header, long size) {
        if (!header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) { // the last b bytes
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix == 0 || size == 0) {
                    return new long[0];
                }
                return new long[] { Math.max(0, size - suffix), size - 1 };
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || (!b.isEmpty() && last < first)) {
                return null;
            }
            if (first >= size) {
                return new long[0];
            }
            return new long[] { first, Math.min(last, size - 1) };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private void problem(RoutingContext ctx, int status, String type, String title, String detail) {
        RouteProblems.send(ctx, mapper, status, type, title, detail);
    }

    private static void onContext(RoutingContext ctx, Runnable action) {
        ctx.vertx().runOnContext(v -> action.run());
    }
}
