package io.newsdesk.cms.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.Sight;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.common.cache.ContentChanges;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.Conflict;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Cursors;
import io.newsdesk.cms.common.text.MarkdownRenderer;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.media.storage.MediaStorage;
import io.newsdesk.cms.webhook.EventType;
import io.newsdesk.cms.webhook.Revalidate;
import io.newsdesk.cms.webhook.WebhookEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The media library: takes uploads (checked by their bytes, cleaned of metadata, stored), describes
 * items with their renditions and uses, edits their text and removes them with their files.
 */
@ApplicationScoped
public class MediaService {

    private static final Logger LOG = Logger.getLogger(MediaService.class);

    /** One image is decoded at a time: with the decode budget, this bounds the memory image work can take. */
    static final Semaphore DECODING = new Semaphore(1, true);

    private static final java.util.regex.Pattern MEDIA_REF = java.util.regex.Pattern.compile("media:([1-9][0-9]{0,17})");
    private static final java.util.regex.Pattern FILE_REF = java.util.regex.Pattern.compile(
            "/media/files/([0-9a-f]{64})/(full|[0-9]{1,5})\\.(jpg|png|gif|webp)$");

    @Inject
    Clock clock;

    @Inject
    CmsConfig config;

    @Inject
    MediaRepository repository;

    @Inject
    MediaStorage storage;

    @Inject
    MediaFiles files;

    @Inject
    Renditions renditions;

    @Inject
    InputValidator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    Cursors cursors;

    @Inject
    ContentChanges changes;

    @Inject
    WebhookEvents webhooks;

    /** A received file, already on local disk, with what the client said about it. */
    public record Upload(Path file, long size, String sha256, String declaredType, String filename, MediaEdit fields) {
    }

    /** An item with its ETag; {@code created} is false when the same bytes were already in the library. */
    public record Versioned(MediaView view, String etag, boolean created) {
    }

    /**
     * Takes an upload: refuses what is not an accepted image by its bytes (415), over the size limits
     * (422) or corrupt (422); gives back the existing item for bytes already in the library; otherwise
     * stores the cleaned original and the item. Renditions are made right after, off the request path.
     */
    public Versioned upload(Upload upload, Caller caller) {
        validator.check(upload.fields());
        ImageFormat format = checkType(upload);
        Sight sight = Sight.of(caller);
        Optional<Versioned> existing = existing(upload.sha256(), sight);
        if (existing.isPresent() && hasOriginal(upload.sha256(), format)) {
            return existing.get();
        }
        ImageCodec.Size size = checkSize(upload.file(), format);
        EmbeddedMetadata embedded = EmbeddedMetadata.read(upload.file());
        Path cleaned = null;
        String key = null;
        try {
            cleaned = Files.createTempFile("newsdesk-media-", "." + format.extension());
            ImageCodec.Size served = clean(upload.file(), format, size, embedded.orientation(), cleaned);
            key = MediaFiles.key(upload.sha256(), "full." + format.extension());
            storage.put(key, cleaned, format.contentType());
            long bytes = Files.size(cleaned);
            if (existing.isPresent()) {
                // The item is known but its storage lost the file (a storage moved or restored without it): these bytes bring it back.
                MediaView known = existing.get().view();
                renditions.makeLater(upload.sha256(), known.width(), known.height(), format);
                return existing.get();
            }
            Media media = QuarkusTransaction.requiringNew().call(() -> insert(upload, caller, format, served, bytes, embedded));
            renditions.makeLater(media.sha256, media.width, media.height, format);
            return versioned(media, true, sight);
        } catch (IOException | RuntimeException e) {
            // Two uploads of the same bytes at once: the second finds the first's item, whose file is the one it wrote too.
            Optional<Versioned> raced = existing(upload.sha256(), sight);
            if (raced.isPresent()) {
                return raced.get();
            }
            removeQuietly(key);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            deleteQuietly(cleaned);
        }
    }

    /**
     * Takes a file already on disk (a form's part, an imported site's image) as {@link #upload} does, once it is
     * hashed and held to the upload limit (413) like a streamed upload.
     */
    public Versioned uploadFile(Path file, String declaredType, String filename, MediaEdit fields, Caller caller) {
        Received received;
        try (InputStream in = Files.newInputStream(file)) {
            received = receive(in, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return upload(new Upload(file, received.size(), received.sha256(), declaredType, filename, fields), caller);
    }

    /** What reading an upload found: its size and the SHA-256 of its bytes. */
    public record Received(long size, String sha256) {
    }

    /** Reads an upload to its end, hashing it, into {@code target} when one is given; past the upload limit, 413. */
    public Received receive(InputStream body, Path target) throws IOException {
        long limit = config.media().maxUploadSize().asLongValue();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (DigestInputStream in = new DigestInputStream(body, digest);
                OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw MediaRefused.tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return new Received(total, HexFormat.of().formatHex(digest.digest()));
    }

    /** The ids among these that name an item of the library. */
    @Transactional
    public java.util.Set<Long> existing(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return ((List<?>) repository.getEntityManager().createNativeQuery("select id from media where id = any(cast(:ids as bigint[]))")
                .setParameter("ids", io.newsdesk.cms.common.persistence.SqlArrays.bigint(ids)).getResultList())
                .stream().map(id -> ((Number) id).longValue()).collect(java.util.stream.Collectors.toSet());
    }

    private boolean hasOriginal(String sha256, ImageFormat format) {
        try {
            return storage.stat(MediaFiles.key(sha256, "full." + format.extension())).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Versioned> existing(String sha256, Sight sight) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findBySha(sha256).map(m -> versioned(m, false, sight)));
    }

    private Media insert(Upload upload, Caller caller, ImageFormat format, ImageCodec.Size served, long bytes, EmbeddedMetadata embedded) {
        MediaEdit fields = upload.fields();
        Media media = new Media();
        media.sha256 = upload.sha256();
        media.filename = filename(upload.filename(), format);
        media.contentType = format.contentType();
        media.bytes = bytes;
        media.width = served.width();
        media.height = served.height();
        media.alt = blankToNull(fields.alt());
        media.caption = firstNonBlank(fields.caption(), embedded.caption());
        media.credit = firstNonBlank(fields.credit(), embedded.credit());
        if (fields.focalPoint() != null) {
            media.focalX = fields.focalPoint().x();
            media.focalY = fields.focalPoint().y();
        }
        media.uploadedBy = caller == null ? "anonymous" : caller.name();
        media.createdAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        media.updatedAt = media.createdAt;
        repository.persistAndFlush(media);
        publish(EventType.MEDIA_UPLOADED, media, List.of());
        return media;
    }

    /** The webhook data of a media event: the item's id, its file and its size, and the articles that show it. */
    @Schema(name = "MediaEventData")
    public record MediaEvent(long id, String url, String contentType, int width, int height, String sha256,
            @Schema(description = "The articles that show the item (their covers or bodies)") List<MediaView.MediaUse> usedBy,
            Revalidate revalidate) {
    }

    private void publish(EventType type, Media media, List<MediaView.MediaUse> uses) {
        List<String> paths = new ArrayList<>();
        paths.add("/api/v1/media/" + media.id);
        List<String> tags = new ArrayList<>();
        for (MediaView.MediaUse use : uses) {
            paths.add("/api/v1/articles/" + use.slug());
            tags.add(Keys.article(use.id()));
        }
        if (type != EventType.MEDIA_UPLOADED) {
            tags.add(Keys.mediaFiles(media.sha256));
        }
        webhooks.publish(type, "media-" + media.id, new MediaEvent(media.id, files.url(media.sha256, "full." + media.format().extension()),
                media.contentType, media.width, media.height, media.sha256, uses, new Revalidate(paths, tags)), List.of());
    }

    /** The type by the file's first bytes, which must agree with the declared type and the file name's extension. */
    static ImageFormat checkType(Upload upload) {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(upload.file())) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == 0) {
            throw MediaRefused.invalidImage("The file is empty");
        }
        String declared = upload.declaredType() == null ? null : upload.declaredType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        String ext = extension(upload.filename());
        Optional<ImageFormat> sniffed = ImageFormat.sniff(head, n);
        if (sniffed.isEmpty()) {
            if (ImageFormat.looksLikeMarkup(head, n) || "image/svg+xml".equals(declared) || "svg".equals(ext) || "svgz".equals(ext)) {
                throw MediaRefused.unsupportedType("SVG and other markup are not accepted: they can carry scripts. "
                        + "Upload a JPEG, PNG, GIF or WebP image");
            }
            throw MediaRefused.unsupportedType("The file is not a JPEG, PNG, GIF or WebP image");
        }
        ImageFormat format = sniffed.get();
        // No type, a generic one, or curl's default for --data-binary (form-urlencoded) declares nothing.
        boolean undeclared = declared == null || declared.isEmpty() || declared.equals("application/octet-stream")
                || declared.equals("application/x-www-form-urlencoded") || declared.startsWith("multipart/");
        if (!undeclared && ImageFormat.ofContentType(declared).orElse(null) != format) {
            throw MediaRefused.unsupportedType("The file was sent as " + declared + " but its bytes are " + format.contentType());
        }
        if (ext != null && !format.hasExtension(ext)) {
            throw MediaRefused.unsupportedType("The file is named ." + ext + " but its bytes are " + format.contentType());
        }
        return format;
    }

    /** The declared size, from the header alone, within the limits; a header that cannot be read is a corrupt file. */
    private ImageCodec.Size checkSize(Path file, ImageFormat format) {
        ImageCodec.Size size;
        try {
            size = ImageCodec.headerSize(file, format);
        } catch (IOException | RuntimeException e) {
            throw MediaRefused.invalidImage("The file is truncated or corrupt: its " + format.extension().toUpperCase(Locale.ROOT)
                    + " header cannot be read");
        }
        CmsConfig.Media limits = config.media();
        if (size.width() < 1 || size.height() < 1) {
            throw MediaRefused.invalidImage("The image has no pixels");
        }
        if (size.width() > limits.maxSide() || size.height() > limits.maxSide()) {
            throw MediaRefused.invalidImage("The image is " + size.width() + " × " + size.height() + " px; at most "
                    + limits.maxSide() + " px on a side are accepted");
        }
        if (size.pixels() > limits.maxPixels()) {
            throw MediaRefused.invalidImage("The image has " + size.pixels() + " pixels; at most " + limits.maxPixels()
                    + " are accepted");
        }
        try {
            if (!ImageCodec.looksComplete(file, format)) {
                throw MediaRefused.invalidImage("The file is truncated: it ends before the image does");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return size;
    }

    /** Decodes, turns upright, scales down to the longest edge allowed and re-encodes without metadata. */
    private ImageCodec.Size clean(Path source, ImageFormat format, ImageCodec.Size size, int orientation, Path target) throws IOException {
        DECODING.acquireUninterruptibly();
        try {
            BufferedImage image;
            try {
                image = ImageCodec.decode(source, format, size);
            } catch (IOException | RuntimeException e) {
                throw MediaRefused.invalidImage("The file is truncated or corrupt: its image data cannot be decoded");
            }
            image = ImageCodec.orient(image, orientation);
            int edge = config.media().maxEdge();
            int w = image.getWidth();
            int h = image.getHeight();
            if (Math.max(w, h) > edge) {
                double f = (double) edge / Math.max(w, h);
                w = Math.max(1, (int) Math.round(w * f));
                h = Math.max(1, (int) Math.round(h * f));
                image = ImageCodec.scale(image, w, h);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                ImageCodec.encode(image, format, config.media().jpegQuality(), out);
            }
            return new ImageCodec.Size(w, h);
        } finally {
            DECODING.release();
        }
    }

    /** What the file server needs to know of the item with this hash: the served original's size and format. */
    public record Original(String sha256, int width, int height, ImageFormat format) {
    }

    @Transactional
    public Optional<Original> original(String sha256) {
        return repository.findBySha(sha256).map(m -> new Original(m.sha256, m.width, m.height, m.format()));
    }

    /**
     * The library image an image source in an article body names: {@code media:42}, or a file URL of an
     * item (any of its renditions, root-relative or under CMS_MEDIA_BASE_URL).
     */
    @Transactional
    public Optional<MarkdownRenderer.LibraryImage> image(String src) {
        if (src == null) {
            return Optional.empty();
        }
        Optional<Media> found = Optional.empty();
        java.util.regex.Matcher byId = MEDIA_REF.matcher(src.strip());
        java.util.regex.Matcher byFile = FILE_REF.matcher(src.strip());
        if (byId.matches()) {
            found = repository.findByIdOptional(Long.parseLong(byId.group(1)));
        } else if (byFile.find()) {
            found = repository.findBySha(byFile.group(1));
        }
        return found.map(m -> {
            MediaFiles.Picture picture = files.picture(m.sha256, m.contentType, m.width, m.height);
            return new MarkdownRenderer.LibraryImage(m.id, picture.url(), m.width, m.height, picture.srcset(), m.alt, m.caption);
        });
    }

    /** An item's alt text and caption. */
    public record Texts(String alt, String caption) {
    }

    @Transactional
    public Texts texts(long id) {
        Media media = load(id);
        return new Texts(media.alt, media.caption);
    }

    @Transactional
    public boolean exists(long id) {
        return repository.count("id", id) > 0;
    }

    @Transactional
    public Versioned get(long id, Caller caller) {
        return versioned(load(id), false, Sight.of(caller));
    }

    /** A cursor page of the library, newest first, optionally only items whose file name, alt text or caption contain {@code q}. */
    @Transactional
    public Page<MediaView> list(String q, String cursor, int size, Caller caller) {
        String query = q == null || q.isBlank() ? null : q.strip();
        String filters = "media|" + (query == null ? "" : query.toLowerCase(Locale.ROOT));
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor.strip(), filters);
        List<Media> rows = repository.page(query, after == null ? null : after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            long last = rows.get(size - 1).id;
            next = cursors.encode(new Cursors.Position(last, last), filters);
        }
        Map<Long, List<MediaView.MediaUse>> uses = repository.uses(rows.stream().map(m -> m.id).toList(), Sight.of(caller));
        return Page.cursor(rows.stream().map(m -> view(m, uses.getOrDefault(m.id, List.of()))).toList(), next);
    }

    /** Edits the text fields and focal point (JSON Merge Patch), honouring If-Match. */
    @Transactional
    public Versioned patch(long id, JsonNode patch, String ifMatch, Caller caller) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidInput("A merge patch must be a JSON object", null);
        }
        Media media = load(id);
        ETags.checkIfMatch(ifMatch, () -> etag(media));
        MediaEdit current = new MediaEdit(media.alt, media.caption, media.credit, focal(media));
        MediaEdit edit = MergePatch.convert(mapper, MergePatch.apply(mapper.valueToTree(current), patch), MediaEdit.class);
        validator.check(edit);
        media.alt = blankToNull(edit.alt());
        media.caption = blankToNull(edit.caption());
        media.credit = blankToNull(edit.credit());
        media.focalX = edit.focalPoint() == null ? null : edit.focalPoint().x();
        media.focalY = edit.focalPoint() == null ? null : edit.focalPoint().y();
        media.updatedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        repository.flush();
        List<MediaView.MediaUse> uses = repository.uses(List.of(media.id), Sight.ALL).getOrDefault(media.id, List.of());
        announce(uses);
        publish(EventType.MEDIA_UPDATED, media, uses);
        return versioned(media, false, Sight.of(caller));
    }

    /**
     * Removes an item and its files. An item still shown by an article is refused (409, naming the articles)
     * unless forced; forcing takes it off those articles' covers.
     */
    public void delete(long id, boolean force, String ifMatch) {
        String sha = QuarkusTransaction.requiringNew().call(() -> {
            Media media = load(id);
            ETags.checkIfMatch(ifMatch, () -> etag(media));
            List<MediaView.MediaUse> uses = repository.uses(List.of(media.id), Sight.ALL).getOrDefault(media.id, List.of());
            if (!uses.isEmpty() && !force) {
                throw new Conflict("The item is used by " + uses.size() + (uses.size() == 1 ? " article: " : " articles: ")
                        + String.join(", ", uses.stream().map(MediaView.MediaUse::slug).toList())
                        + ". Remove it from them first, or delete with force=true");
            }
            announce(uses);
            // Every instance drops the item's files from memory; a CDN can purge them by this key.
            changes.changed(List.of(Keys.mediaFiles(media.sha256)));
            publish(EventType.MEDIA_DELETED, media, uses);
            repository.delete(media);
            return media.sha256;
        });
        // Renditions being made for the item finish first (they hold its lock), then its files go.
        QuarkusTransaction.requiringNew().run(() -> {
            renditions.lock(sha);
            removeFiles(sha);
            // Once more now the files are gone: a copy read into memory meanwhile is not kept either.
            changes.changed(List.of(Keys.mediaFiles(sha)));
        });
    }

    /** Articles that show an item show its text and size: their answers go when it changes. */
    private void announce(List<MediaView.MediaUse> uses) {
        if (!uses.isEmpty()) {
            changes.changed(uses.stream().map(u -> Keys.article(u.id())).toList());
        }
    }

    /** Removes every stored file of an item; what cannot be removed now is left to the orphan cleanup. */
    void removeFiles(String sha256) {
        try {
            for (MediaStorage.StoredObject object : storage.list(MediaFiles.prefix(sha256))) {
                storage.delete(object.key());
            }
        } catch (IOException e) {
            LOG.warnf(e, "Could not remove the files of media %s; the orphan cleanup will", sha256);
        }
    }

    private Media load(long id) {
        return repository.findByIdOptional(id).orElseThrow(() -> new NotFound("No media item has id " + id));
    }

    /** The item as the caller sees it: {@code usedBy} names only articles the caller may see ({@link Sight}). */
    private Versioned versioned(Media media, boolean created, Sight sight) {
        List<MediaView.MediaUse> uses = repository.uses(List.of(media.id), sight).getOrDefault(media.id, List.of());
        return new Versioned(view(media, uses), etag(media), created);
    }

    private static String etag(Media media) {
        return ETags.of("media", media.id, media.version);
    }

    MediaView view(Media m, List<MediaView.MediaUse> uses) {
        MediaFiles.Picture picture = files.picture(m.sha256, m.contentType, m.width, m.height);
        List<MediaView.Rendition> list = picture.variants().stream()
                .map(v -> new MediaView.Rendition(v.width(), v.height(), v.format().contentType(), files.url(m.sha256, v.name())))
                .toList();
        return new MediaView(m.id, picture.url(), m.contentType, m.bytes, m.width, m.height, m.sha256, m.filename, m.alt, m.caption,
                m.credit, focal(m), m.uploadedBy, m.createdAt, m.updatedAt, uses, list, picture.srcset(), picture.sources());
    }

    private static FocalPoint focal(Media m) {
        return m.focalX == null ? null : new FocalPoint(m.focalX, m.focalY);
    }

    private void removeQuietly(String key) {
        if (key == null) {
            return;
        }
        try {
            storage.delete(key);
        } catch (IOException e) {
            LOG.warnf(e, "Could not remove %s after a failed upload; the orphan cleanup will", key);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debugf(e, "Could not remove temporary file %s", file);
            }
        }
    }

    static String extension(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 || dot == name.length() - 1 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name kept for the item: its last path segment, printable, at most 255 characters; a name is made up when none was sent. */
    static String filename(String filename, ImageFormat format) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "upload." + format.extension();
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstNonBlank(String given, String embedded) {
        String g = blankToNull(given);
        return g != null ? g : blankToNull(embedded);
    }
}
