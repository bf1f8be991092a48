package io.newsdesk.cms.wordpress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleStatus;
import io.newsdesk.cms.article.ArticleWrite;
import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.category.CategoryView;
import io.newsdesk.cms.category.CategoryWrite;
import io.newsdesk.cms.comment.CommentService;
import io.newsdesk.cms.comment.CommentStatus;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.FieldError;
import io.newsdesk.cms.common.text.Slugs;
import io.newsdesk.cms.common.error.ApiException;
import io.newsdesk.cms.common.web.HttpUrls;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.media.ImageFormat;
import io.newsdesk.cms.media.MediaEdit;
import io.newsdesk.cms.media.MediaService;
import io.newsdesk.cms.redirect.RedirectService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Brings a WordPress export in: categories, then posts with their comments in batches, each batch one transaction.
 * Every object is keyed by its site and WordPress id, so running the same file again changes only what changed
 * there and an interrupted run, run again, ends where an uninterrupted one would. A dry run does it all in one
 * transaction that is rolled back.
 */
@ApplicationScoped
public class WordPressImporter {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WordPressImporter.class);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> PUBLISHED = Set.of("publish", "future");
    private static final Set<String> HELD = Set.of("draft", "pending", "private", "auto-draft", "inherit");
    private static final String NO_TITLE = "(no title)";

    @Inject
    Clock clock;

    @Inject
    ImportJobs jobs;

    @Inject
    ArticleService articles;

    @Inject
    CategoryService categories;

    @Inject
    CommentService comments;

    @Inject
    RedirectService redirects;

    @Inject
    MediaService media;

    @Inject
    InputValidator validator;

    @Inject
    CmsConfig config;

    @Inject
    EntityManager em;

    @Inject
    jakarta.transaction.TransactionManager transactions;

    /**
     * What to import: {@code pages} too or not, and from where the media files come ({@code uploads}: the site's
     * {@code wp-content/uploads} as a directory or a zip; null: none, images stay at their WordPress URLs).
     */
    public record Options(boolean dryRun, boolean pages, Path uploads) {
    }

    /** Told after each batch: items done of total. */
    public interface Progress {
        void done(int items, int total, ImportReport report);
    }

    /** Runs the import of an export file; answers its report. Throws WxrReader.Malformed or .Refused for a broken file. */
    public ImportReport run(Path file, Options options, Caller caller, Progress progress) {
        Scan scan = scan(file);
        ImportReport report = new ImportReport();
        try (ImportJobs.SiteLock lock = jobs.lockSite(siteKey(scan.site));
                WordPressUploads uploads = options.uploads() == null ? null
                        : openUploads(options.uploads(), config.media().maxUploadSize().asLongValue())) {
            if (lock == null) {
                throw new SiteBusy(siteKey(scan.site));
            }
            Run run = new Run(scan, options, uploads, caller, report, progress);
            if (options.dryRun()) {
                dryRun(() -> run.all(file));
            } else {
                run.all(file);
            }
        } catch (IOException e) {
            // Only closing the uploads folder's zip throws it, after the work was done.
            throw new UncheckedIOException(e);
        }
        return report;
    }

    /** The uploads folder, whose files past the media library's upload limit are left out (and reported). */
    private static WordPressUploads openUploads(Path path, long maxFileBytes) {
        try {
            return WordPressUploads.open(path, maxFileBytes);
        } catch (IOException e) {
            throw new UploadsUnreadable(path + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UploadsUnreadable(e.getMessage());
        }
    }

    /** The uploads folder given is neither a directory nor a zip, or cannot be read. */
    public static final class UploadsUnreadable extends RuntimeException {
        UploadsUnreadable(String message) {
            super(message);
        }
    }

    /** Another import of the same site is running. */
    public static final class SiteBusy extends RuntimeException {
        SiteBusy(String site) {
            super("Another import of " + site + " is running; run this one again when it has finished");
        }
    }

    /** Does the work in one transaction, rolled back at the end. */
    private void dryRun(Runnable work) {
        try {
            transactions.setTransactionTimeout(24 * 3600);
            transactions.begin();
            try {
                work.run();
            } finally {
                transactions.rollback();
                transactions.setTransactionTimeout(0);
            }
        } catch (jakarta.transaction.NotSupportedException | jakarta.transaction.SystemException e) {
            throw new IllegalStateException("A dry run needs a transaction of its own", e);
        }
    }

    /** The site an export comes from, as imports key it: its base URL without scheme or trailing slash, lower case. */
    static String siteKey(Wxr.Site site) {
        String url = site == null ? null : firstNonBlank(site.baseBlogUrl(), site.baseSiteUrl(), site.link());
        if (url == null) {
            return "unknown";
        }
        return url.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceAll("/+$", "");
    }

    // ---- first pass: what the file holds ---------------------------------------------------------

    /** What the first pass learns: the site, authors, categories (declared and used), attachments, and how many items. */
    static final class Scan implements Wxr.Handler {
        Wxr.Site site;
        final Map<String, String> authors = new HashMap<>();
        final Map<String, Wxr.Category> categories = new LinkedHashMap<>();
        int tags;
        final Map<Long, WordPressContent.Attachment> attachments = new HashMap<>();
        int items;

        @Override
        public void site(Wxr.Site site) {
            this.site = site;
        }

        @Override
        public void author(Wxr.Author author) {
            authors.put(author.login(), firstNonBlank(author.displayName(), author.login()));
        }

        @Override
        public void category(Wxr.Category category) {
            categories.putIfAbsent(category.slug(), category);
        }

        @Override
        public void tag(Wxr.Tag tag) {
            tags++;
        }

        @Override
        public void item(Wxr.Item item) {
            items++;
            if ("attachment".equals(item.postType()) && item.attachmentUrl() != null) {
                attachments.put(item.postId(), new WordPressContent.Attachment(item.attachmentUrl().strip(),
                        blankToNull(item.meta().get("_wp_attachment_image_alt")), blankToNull(plain(item.excerpt()))));
            }
            for (Wxr.Term term : item.terms()) {
                if ("category".equals(term.domain()) && term.slug() != null && !term.slug().isBlank()) {
                    categories.putIfAbsent(term.slug(), new Wxr.Category(0, term.slug(), null, term.name(), null));
                }
            }
        }
    }

    private static Scan scan(Path file) {
        Scan scan = new Scan();
        try (InputStream in = Files.newInputStream(file)) {
            WxrReader.skim(in, scan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scan;
    }

    private static void read(Path file, Wxr.Handler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            WxrReader.read(in, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- second pass: writing ----------------------------------------------------------------------

    private final class Run {
        private final Scan scan;
        private final Options options;
        private final WordPressUploads uploads;
        private final Caller caller;
        private final ImportReport report;
        private final Progress progress;
        private final String site;
        /** WordPress category slug → ours. */
        private final Map<String, String> categorySlugs = new HashMap<>();
        private Map<Long, ImportJobs.Known> knownCategories = Map.of();
        /** Attachment id → the media library item its file became (0 in a dry run: it would be brought in). */
        private final Map<Long, Long> mediaByAttachment = new HashMap<>();
        /** A file's path under uploads/ (a full-size original) → its media library item (0 in a dry run). */
        private final Map<String, Long> mediaByPath = new HashMap<>();
        /** Items waiting for their batch, per lane. */
        private final List<List<Wxr.Item>> open = new ArrayList<>();
        /** One thread per lane: a lane's batches are written in the order of the file. */
        private final List<ExecutorService> lanes = new ArrayList<>();
        /** Batches handed to lanes and not yet added to the report, in the order they were handed. */
        private final java.util.ArrayDeque<Future<Batch>> running = new java.util.ArrayDeque<>();
        private final Object commits = new Object();
        private int done;
        private int batches;
        /** Tag names on the articles written, for the report (tags live on articles here). */
        private final Set<String> tagsUsed = new java.util.HashSet<>();

        Run(Scan scan, Options options, WordPressUploads uploads, Caller caller, ImportReport report, Progress progress) {
            this.scan = scan;
            this.options = options;
            this.uploads = uploads;
            this.caller = caller;
            this.report = report;
            this.progress = progress;
            this.site = siteKey(scan.site);
            // A dry run is one transaction, which lives on this thread: its batches are written here, one after another.
            int workers = options.dryRun() ? 1 : Math.max(1, config.imports().workers());
            for (int i = 0; i < workers; i++) {
                open.add(new ArrayList<>());
                if (!options.dryRun()) {
                    lanes.add(Executors.newSingleThreadExecutor(r -> {
                        Thread thread = new Thread(r, "wordpress-import-writer");
                        thread.setDaemon(true);
                        return thread;
                    }));
                }
            }
        }

        void all(Path file) {
            report.of("authors").seen = scan.authors.size();
            report.of("authors").imported = scan.authors.size();
            report.of("tags").seen = scan.tags;
            try {
                inTransaction(this::categories);
                if (uploads != null) {
                    media();
                }
                read(file, new Wxr.Handler() {
                    @Override
                    public void item(Wxr.Item item) {
                        int lane = lane(item);
                        open.get(lane).add(item);
                        if (open.get(lane).size() >= config.imports().batchSize()) {
                            hand(lane);
                        }
                    }
                });
                for (int lane = 0; lane < open.size(); lane++) {
                    hand(lane);
                }
                while (!running.isEmpty()) {
                    collect(running.poll());
                }
            } finally {
                lanes.forEach(ExecutorService::shutdownNow);
            }
            report.of("tags").imported = tagsUsed.size();
            report.of("tags").skipped = Math.max(0, scan.tags - tagsUsed.size());
            if (uploads == null && report.of("attachments").seen > 0) {
                report.warn("attachment", null, report.of("attachments").seen
                        + " attachments were not copied into the media library; posts show them from their WordPress URLs");
            }
        }

        /**
         * The lane an item is written in: items that would take the same slug share one, so which of them gets the
         * slug and which gets -2 follows the file, as it would with one lane.
         */
        private int lane(Wxr.Item item) {
            if (open.size() == 1) {
                return 0;
            }
            return Math.floorMod(wantedSlug(item).hashCode(), open.size());
        }

        /** Hands a lane's waiting items to it as a batch (in a dry run, writes them here and now). */
        private void hand(int lane) {
            List<Wxr.Item> waiting = open.get(lane);
            if (waiting.isEmpty()) {
                return;
            }
            List<Wxr.Item> items = List.copyOf(waiting);
            waiting.clear();
            if (options.dryRun()) {
                Batch batch = new Batch(items);
                batch.write();
                em.flush();
                em.clear();
                added(batch);
                return;
            }
            running.add(lanes.get(lane).submit(() -> written(items)));
            // The report grows in the order of the file; at most two batches per lane are held in memory.
            while (!running.isEmpty() && (running.peek().isDone() || running.size() > 2 * lanes.size())) {
                collect(running.poll());
            }
        }

        private void collect(Future<Batch> written) {
            try {
                added(written.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The import was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        private void added(Batch batch) {
            report.add(batch.report);
            tagsUsed.addAll(batch.tagsUsed);
            done += batch.items.size();
            batches++;
            if (!options.dryRun() && Integer.bitCount(batches) == 1) {
                // After batches 1, 2, 4, 8...: the tables have doubled since the planner last looked.
                QuarkusTransaction.requiringNew().run(jobs::refreshStatistics);
            }
            progress.done(done, scan.items, report);
        }

        /**
         * Writes a batch in a transaction of its own, on a lane's thread. Lanes commit one at a time, as commits update
         * the counters many articles share (V22); a batch that still meets a deadlock (with another writer of the
         * site) is written again, twice at most.
         */
        private Batch written(List<Wxr.Item> items) {
            for (int attempt = 1;; attempt++) {
                Batch batch = new Batch(items);
                try {
                    transactions.setTransactionTimeout(600);
                    transactions.begin();
                    try {
                        batch.write();
                    } catch (RuntimeException | Error e) {
                        transactions.rollback();
                        throw e;
                    }
                    synchronized (commits) {
                        transactions.commit();
                    }
                    return batch;
                } catch (Exception e) {
                    if (attempt == 3 || !deadlocked(e)) {
                        throw e instanceof RuntimeException r ? r : new IllegalStateException("An import batch could not be written", e);
                    }
                    LOG.infof("An import batch of %s met a deadlock; writing it again", site);
                }
            }
        }

        // ---- media -------------------------------------------------------------------------------

        /**
         * Brings each attachment's file from the uploads folder into the media library (the same bytes twice make one
         * item), so posts show library images. What cannot be brought in is reported and keeps its WordPress URL.
         */
        private void media() {
            ImportReport.Tally tally = report.of("attachments");
            List<Long> ids = scan.attachments.keySet().stream().sorted().toList();
            Map<Long, ImportJobs.Known> known = new HashMap<>();
            inTransaction(() -> known.putAll(jobs.known(site, "attachment", ids)));
            Set<Long> kept = media.existing(known.values().stream().map(ImportJobs.Known::targetId).toList());
            List<ImportJobs.Remembered> brought = new ArrayList<>();
            for (long id : ids) {
                WordPressContent.Attachment attachment = scan.attachments.get(id);
                tally.seen++;
                ImportJobs.Known before = known.get(id);
                Long item;
                if (before != null && kept.contains(before.targetId())) {
                    tally.unchanged++;
                    item = before.targetId();
                } else {
                    item = bring(id, attachment, tally);
                    if (item == null) {
                        continue;
                    }
                    if (item > 0) {
                        brought.add(new ImportJobs.Remembered(id, item, "-"));
                    }
                }
                mediaByAttachment.put(id, item);
                String path = WordPressUploads.relativePath(attachment.url());
                if (path != null) {
                    mediaByPath.putIfAbsent(WordPressUploads.original(path), item);
                    mediaByPath.putIfAbsent(path, item);
                }
            }
            inTransaction(() -> jobs.rememberAll(site, "attachment", brought));
        }

        /** An attachment's file made a library item: its id (0 in a dry run), or null when it could not be (reported). */
        private Long bring(long id, WordPressContent.Attachment attachment, ImportReport.Tally tally) {
            String url = attachment.url();
            String path = WordPressUploads.relativePath(url);
            String extension = path == null ? "" : path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (path != null && ImageFormat.ofExtension(extension).isEmpty()) {
                tally.skipped++;
                report.warn("attachment", id, "Not brought into the media library, which takes JPEG, PNG, GIF and WebP images: "
                        + cut(url, 300) + " stays at its WordPress URL");
                return null;
            }
            Optional<WordPressUploads.Found> found = uploads.find(url);
            if (found.isEmpty()) {
                tally.skipped++;
                report.warn("attachment", id, "Not brought into the media library: " + cut(url, 300) + " is " + uploads.whyNot(url)
                        + "; posts show it from that URL");
                return null;
            }
            tally.imported++;
            if (options.dryRun()) {
                return 0L;
            }
            WordPressUploads.Found file = found.get();
            MediaEdit texts = new MediaEdit(cut(attachment.alt(), 300), cut(attachment.caption(), 1000), null, null);
            try {
                return media.uploadFile(file.file(), null, file.relativePath().substring(file.relativePath().lastIndexOf('/') + 1),
                        texts, caller).view().id();
            } catch (ApiException e) {
                tally.imported--;
                tally.skipped++;
                report.warn("attachment", id, "Not brought into the media library: " + e.getMessage() + " (" + cut(url, 300)
                        + "); posts show it from that URL");
                return null;
            }
        }

        /** Work that needs a transaction: its own, or in a dry run part of the one that is rolled back. */
        private void inTransaction(Runnable work) {
            if (options.dryRun()) {
                work.run();
            } else {
                QuarkusTransaction.requiringNew().timeout(600).run(work);
            }
        }

        // ---- categories --------------------------------------------------------------------------

        private void categories() {
            ImportReport.Tally tally = report.of("categories");
            Map<String, Wxr.Category> pending = new LinkedHashMap<>(scan.categories);
            knownCategories = jobs.known(site, "category",
                    pending.values().stream().map(Wxr.Category::termId).filter(id -> id > 0).toList());
            tally.seen = pending.size();
            // Parents first: each round writes the categories whose parent is written (or absent).
            while (!pending.isEmpty()) {
                int before = pending.size();
                for (var it = pending.values().iterator(); it.hasNext();) {
                    Wxr.Category c = it.next();
                    boolean parentReady = c.parentSlug() == null || c.parentSlug().isBlank() || categorySlugs.containsKey(c.parentSlug())
                            || !pending.containsKey(c.parentSlug()) && !scan.categories.containsKey(c.parentSlug());
                    if (parentReady) {
                        category(c, tally);
                        it.remove();
                    }
                }
                if (pending.size() == before) {
                    // A cycle of parents: break it by writing the rest at the top level.
                    for (Wxr.Category c : pending.values()) {
                        report.warn("category", c.termId(), "Its parent chain loops; imported at the top level");
                        category(new Wxr.Category(c.termId(), c.slug(), null, c.name(), c.description()), tally);
                    }
                    pending.clear();
                }
            }
        }

        private void category(Wxr.Category c, ImportReport.Tally tally) {
            String slug = Slugs.slugify(decodeSlug(c.slug()), "category");
            String name = cut(firstNonBlank(unescape(c.name()), slug), 200);
            String parent = c.parentSlug() == null || c.parentSlug().isBlank() ? null : categorySlugs.get(c.parentSlug());
            if (c.parentSlug() != null && !c.parentSlug().isBlank() && parent == null) {
                report.warn("category", c.termId(), "Its parent '" + c.parentSlug() + "' is not in the export; imported at the top level");
            }
            String description = c.description() == null || c.description().isBlank() ? null : cut(plain(c.description()), 2000);
            CategoryWrite write = new CategoryWrite(name, slug, description, parent, null);
            List<FieldError> errors = validator.errors(write, "");
            if (!errors.isEmpty()) {
                tally.skipped++;
                report.warn("category", c.termId(), "Not imported: " + describe(errors));
                return;
            }
            CategoryView existing = categories.find(slug).orElse(null);
            if (existing == null) {
                long id = categories.create(write).view().id();
                categorySlugs.put(c.slug(), slug);
                rememberCategory(c, id);
                tally.imported++;
                return;
            }
            categorySlugs.put(c.slug(), existing.slug());
            ImportJobs.Known known = c.termId() > 0 ? knownCategories.get(c.termId()) : null;
            if (known == null || known.targetId() != existing.id()) {
                // The site had a category of that slug before: it is used as it is, never rewritten by an import.
                tally.unchanged++;
                rememberCategory(c, existing.id());
                report.warn("category", c.termId(), "A category '" + existing.slug() + "' existed here already; its articles go there");
            } else if (!java.util.Objects.equals(existing.name(), name) || !java.util.Objects.equals(existing.description(), description)
                    || !java.util.Objects.equals(existing.parentSlug(), parent)) {
                categories.replace(existing.slug(), new CategoryWrite(name, existing.slug(), description, parent, existing.position()), null);
                tally.updated++;
            } else {
                tally.unchanged++;
            }
        }

        private void rememberCategory(Wxr.Category c, long id) {
            if (c.termId() > 0) {
                jobs.remember(site, "category", c.termId(), id, "-");
            }
        }

        // ---- items -------------------------------------------------------------------------------

        /** A batch of items and what writing them found: written in one transaction, on a lane's thread. */
        private final class Batch {
            private final List<Wxr.Item> items;
            private final ImportReport report = new ImportReport();
            private final Set<String> tagsUsed = new java.util.HashSet<>();
            private final List<ImportJobs.Remembered> posts = new ArrayList<>();

            Batch(List<Wxr.Item> items) {
                this.items = items;
            }

            void write() {
                List<Long> postIds = new ArrayList<>();
                List<Long> commentIds = new ArrayList<>();
                for (Wxr.Item item : items) {
                    postIds.add(item.postId());
                    item.comments().forEach(c -> commentIds.add(c.id()));
                }
                Map<Long, ImportJobs.Known> knownPosts = jobs.known(site, "post", postIds);
                Map<Long, ImportJobs.Known> knownComments = jobs.known(site, "comment", commentIds);
                for (Wxr.Item item : items) {
                    String type = item.postType() == null ? "" : item.postType();
                    switch (type) {
                        case "post" -> post(item, report.of("posts"), knownPosts, knownComments);
                        case "page" -> {
                            if (options.pages()) {
                                post(item, report.of("pages"), knownPosts, knownComments);
                            } else {
                                report.of("pages").seen++;
                                report.of("pages").skipped++;
                            }
                        }
                        case "attachment" -> {
                            // With an uploads folder, the media pass counted those it knew of.
                            if (uploads == null || !scan.attachments.containsKey(item.postId())) {
                                report.of("attachments").seen++;
                                report.of("attachments").skipped++;
                            }
                        }
                        case "nav_menu_item" -> {
                            report.of("menuItems").seen++;
                            report.of("menuItems").skipped++;
                        }
                        default -> {
                            report.of("other").seen++;
                            report.of("other").skipped++;
                        }
                    }
                }
                jobs.rememberAll(site, "post", posts);
            }

            private void post(Wxr.Item item, ImportReport.Tally tally, Map<Long, ImportJobs.Known> knownPosts,
                    Map<Long, ImportJobs.Known> knownComments) {
                tally.seen++;
                String kind = "page".equals(item.postType()) ? "page" : "post";
                String status = item.status() == null ? "" : item.status().strip();
                if ("trash".equals(status) || "auto-draft".equals(status)) {
                    tally.skipped++;
                    return;
                }
                String hash = sourceHash(item, uploads != null);
                ImportJobs.Known known = knownPosts.get(item.postId());
                long articleId;
                if (known != null && known.sourceHash().equals(hash)) {
                    tally.unchanged++;
                    articleId = known.targetId();
                } else {
                    Long written = write(item, kind, status, tally, known);
                    if (written == null) {
                        return;
                    }
                    articleId = written;
                    posts.add(new ImportJobs.Remembered(item.postId(), articleId, hash));
                }
                comments(item, articleId, knownComments);
                // Each post is written and done with: a batch's later flushes need not check its entities again.
                em.flush();
                em.clear();
            }

            /** Writes the article; answers its id, or null when it was skipped (and reported). */
            private Long write(Wxr.Item item, String kind, String status, ImportReport.Tally tally, ImportJobs.Known known) {
                long id = item.postId();
                WordPressContent.Converted body = WordPressContent.toMarkdown(item.content() == null ? "" : item.content(),
                        scan.attachments::get, src -> imageSource(src, kind, id));
                report.content(body);
                for (Long missing : body.missingAttachments()) {
                    report.warn(kind, id, "A gallery names attachment " + missing + ", which is not in the export");
                }
                if (body.markdown().length() > 200_000) {
                    tally.skipped++;
                    report.warn(kind, id, "Not imported: its body is longer than 200,000 characters");
                    return null;
                }
                String title = title(item);
                String given = unescape(item.title()).strip();
                if (given.isEmpty()) {
                    report.warn(kind, id, "It has no title; imported as '" + NO_TITLE + "'");
                } else if (given.length() > 300) {
                    report.warn(kind, id, "Its title was cut to 300 characters");
                }
                ArticleStatus ourStatus;
                Instant publishedAt = null;
                Instant gmt = item.postDateGmt() != null ? item.postDateGmt() : localAsUtc(item.postDate());
                if (PUBLISHED.contains(status) && (item.password() == null || item.password().isEmpty())) {
                    ourStatus = ArticleStatus.PUBLISHED;
                    publishedAt = gmt != null ? gmt : clock.instant();
                    if (item.postDateGmt() == null) {
                        report.warn(kind, id, "It has no GMT date; its local date was taken as UTC");
                    }
                } else {
                    ourStatus = ArticleStatus.DRAFT;
                    if (item.password() != null && !item.password().isEmpty()) {
                        report.warn(kind, id, "It is password-protected in WordPress; imported as a draft");
                    } else if (!HELD.contains(status)) {
                        report.warn(kind, id, "Unknown status '" + status + "'; imported as a draft");
                    }
                }
                if (item.sticky()) {
                    report.warn(kind, id, "It is sticky in WordPress; articles here have no sticky flag");
                }
                ArticleWrite write = new ArticleWrite(title, null, excerpt(item.excerpt()), body.markdown(), cover(item, kind),
                        category(item), tags(item, kind), author(item), ourStatus,
                        publishedAt == null ? null : publishedAt.atOffset(ZoneOffset.UTC), item.commentsOpen());
                List<FieldError> errors = validator.errors(write, "");
                if (!errors.isEmpty()) {
                    tally.skipped++;
                    report.warn(kind, id, "Not imported: " + describe(errors));
                    return null;
                }
                String wanted = wantedSlug(item);
                ArticleService.ImportedAs as = articles.importArticle(
                        new ArticleService.Imported(write, wanted, gmt, known == null ? null : known.targetId()), caller);
                if (as.inTrash()) {
                    tally.skipped++;
                    report.warn(kind, id, "The article it became is in the trash here; left there");
                    return null;
                }
                if (as.created()) {
                    tally.imported++;
                    if (!as.slug().equals(wanted)) {
                        report.slugChanged(id, wanted, as.slug());
                    }
                } else {
                    tally.updated++;
                }
                redirects.remember(as.id(), oldAddresses(item));
                return as.id();
            }

            private void comments(Wxr.Item item, long articleId, Map<Long, ImportJobs.Known> knownComments) {
                List<CommentService.Imported> fresh = new ArrayList<>();
                Map<Long, Long> known = new HashMap<>();
                ImportReport.Tally tally = report.of("comments");
                for (Wxr.Comment c : ordered(item.comments())) {
                    String type = c.type() == null ? "" : c.type().strip();
                    if (type.equals("pingback") || type.equals("trackback")) {
                        report.of("pingbacks").seen++;
                        report.of("pingbacks").skipped++;
                        continue;
                    }
                    tally.seen++;
                    ImportJobs.Known k = knownComments.get(c.id());
                    if (k != null) {
                        tally.unchanged++;
                        known.put(c.id(), k.targetId());
                        continue;
                    }
                    String text = commentText(c.content());
                    if (text.isEmpty()) {
                        tally.skipped++;
                        report.warn("comment", c.id(), "Not imported: it has no text");
                        continue;
                    }
                    // A site the rule for commenters' sites refuses is left out, as the comment form would have refused it.
                    HttpUrls.Checked site = c.authorUrl() == null ? null : HttpUrls.check(c.authorUrl(), 500);
                    String url = site == null || !site.accepted() ? null : site.url();
                    fresh.add(new CommentService.Imported(c.id(), c.parent() == 0 ? null : c.parent(),
                            cut(firstNonBlank(unescape(c.author()), "Anonymous"), 100), cut(c.authorEmail() == null ? "" : c.authorEmail().strip(), 254),
                            url, blankToNull(c.authorIp()), c.dateGmt() != null ? c.dateGmt() : clock.instant(), text, status(c)));
                }
                if (fresh.isEmpty()) {
                    return;
                }
                Map<Long, Long> ids = comments.importComments(articleId, fresh, known);
                tally.imported += fresh.size();
                List<ImportJobs.Remembered> rows = new ArrayList<>();
                for (CommentService.Imported c : fresh) {
                    rows.add(new ImportJobs.Remembered(c.sourceId(), ids.get(c.sourceId()), "-"));
                }
                jobs.rememberAll(site, "comment", rows);
            }

            private CommentStatus status(Wxr.Comment c) {
                String approved = c.approved() == null ? "" : c.approved().strip();
                return switch (approved) {
                    case "1", "approve", "approved" -> CommentStatus.APPROVED;
                    case "spam" -> CommentStatus.SPAM;
                    case "trash", "post-trashed" -> CommentStatus.TRASH;
                    case "0", "hold" -> CommentStatus.PENDING;
                    default -> {
                        report.warn("comment", c.id(), "Unknown state '" + approved + "'; imported as pending");
                        yield CommentStatus.PENDING;
                    }
                };
            }

            private CoverImage cover(Wxr.Item item, String kind) {
                String thumbnail = item.meta().get("_thumbnail_id");
                if (thumbnail == null || thumbnail.isBlank()) {
                    return null;
                }
                WordPressContent.Attachment image;
                long attachment;
                try {
                    attachment = Long.parseLong(thumbnail.strip());
                    image = scan.attachments.get(attachment);
                } catch (NumberFormatException e) {
                    attachment = 0;
                    image = null;
                }
                if (image == null) {
                    report.warn(kind, item.postId(), "Its featured image (attachment " + thumbnail.strip() + ") is not in the export");
                    return null;
                }
                Long library = mediaByAttachment.get(attachment);
                if (library != null && library > 0) {
                    // Its alt text and caption are the library item's (they came from the attachment).
                    return CoverImage.ofMedia(library, null, null);
                }
                HttpUrls.Checked url = HttpUrls.check(image.url(), 2000);
                if (!url.accepted()) {
                    report.warn(kind, item.postId(), "Its featured image's URL is left out: it " + url.refusal());
                    return null;
                }
                return new CoverImage(url.url(), image.alt() == null ? null : cut(image.alt(), 300),
                        image.caption() == null ? null : cut(image.caption(), 1000), null, null);
            }

            /**
             * The source an image of a post's body is shown from: the library item its file became, else its own
             * (reported when it is a file of the uploads folder that was not brought in).
             */
            private String imageSource(String src, String kind, long postId) {
                String path = uploads == null ? null : WordPressUploads.relativePath(src);
                if (path == null) {
                    return src;
                }
                Long item = mediaByPath.getOrDefault(WordPressUploads.original(path), mediaByPath.get(path));
                if (item == null) {
                    report.warn(kind, postId, "Its image " + cut(src, 300) + " was not brought into the media library; it is shown "
                            + "from its WordPress URL");
                    return src;
                }
                return item > 0 ? "media:" + item : src;
            }

            private String category(Wxr.Item item) {
                for (Wxr.Term term : item.terms()) {
                    if ("category".equals(term.domain()) && categorySlugs.containsKey(term.slug())) {
                        return categorySlugs.get(term.slug());
                    }
                }
                return null;
            }

            private List<String> tags(Wxr.Item item, String kind) {
                Map<String, String> tags = new LinkedHashMap<>();
                for (Wxr.Term term : item.terms()) {
                    if ("post_tag".equals(term.domain())) {
                        String name = cut(firstNonBlank(unescape(term.name()), term.slug()).strip(), 50);
                        if (!name.isEmpty()) {
                            tags.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                        }
                    }
                }
                List<String> out = new ArrayList<>(tags.values());
                if (out.size() > 20) {
                    report.warn(kind, item.postId(), "It has " + out.size() + " tags; the first 20 were kept");
                    out = out.subList(0, 20);
                }
                out.forEach(tag -> tagsUsed.add(tag.toLowerCase(Locale.ROOT)));
                return out;
            }

            private String author(Wxr.Item item) {
                String login = item.creator() == null ? null : item.creator().strip();
                if (login == null || login.isEmpty()) {
                    return null;
                }
                return cut(unescape(scan.authors.getOrDefault(login, login)), 200);
            }

            /** The addresses the post had: its permalink, the ?p=ID form, its guid, and the dated forms /yyyy/mm/dd/slug/. */
            private List<String> oldAddresses(Wxr.Item item) {
                Set<String> out = new LinkedHashSet<>();
                if (item.link() != null && !item.link().isBlank()) {
                    out.add(item.link().strip());
                }
                out.add("/?p=" + item.postId());
                if (item.guid() != null && item.guid().contains("?p=")) {
                    out.add(item.guid().strip());
                }
                // WordPress itself redirects a post's former slug (_wp_old_slug): so does its new home.
                for (String slug : new String[] { decodeSlug(item.postName()), decodeSlug(item.meta().get("_wp_old_slug")) }) {
                    if (item.postDate() != null && item.postDate().length() >= 10 && slug != null && !slug.isBlank()) {
                        out.add("/" + item.postDate().substring(0, 10).replace('-', '/') + "/" + slug.strip() + "/");
                    }
                }
                return List.copyOf(out);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The title an item is imported with. */
    private static String title(Wxr.Item item) {
        String title = unescape(item.title()).strip();
        return title.isEmpty() ? NO_TITLE : cut(title, 300);
    }

    /** The slug an item asks for: its WordPress slug, else one made from its title. */
    private static String wantedSlug(Wxr.Item item) {
        return Slugs.slugify(firstNonBlank(decodeSlug(item.postName()), title(item)), "article");
    }

    /** Whether PostgreSQL chose this transaction as the victim of a deadlock (or could not serialize it). */
    static boolean deadlocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (deadlocked(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Parents before their replies, whatever order the export lists them in (a parent loop is cut where it closes). */
    static List<Wxr.Comment> ordered(List<Wxr.Comment> comments) {
        Map<Long, Wxr.Comment> byId = new LinkedHashMap<>();
        comments.forEach(c -> byId.put(c.id(), c));
        List<Wxr.Comment> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        comments.forEach(c -> place(c, byId, seen, out));
        return out;
    }

    private static void place(Wxr.Comment comment, Map<Long, Wxr.Comment> byId, Set<Long> seen, List<Wxr.Comment> out) {
        if (!seen.add(comment.id())) {
            return;
        }
        Wxr.Comment parent = byId.get(comment.parent());
        if (parent != null) {
            place(parent, byId, seen, out);
        }
        out.add(comment);
    }

    /** What a post was imported from: its fields, and whether its images could come from an uploads folder. */
    private static String sourceHash(Wxr.Item item, boolean withUploads) {
        StringBuilder s = new StringBuilder(withUploads ? "uploads\u0000" : "");
        for (Object part : new Object[] { item.postType(), item.status(), item.title(), item.link(), item.content(), item.excerpt(),
                item.postDateGmt(), item.postDate(), item.postName(), item.password(), item.sticky(), item.commentsOpen(), item.creator(),
                item.meta().get("_thumbnail_id") }) {
            s.append(part).append('\u0000');
        }
        item.terms().forEach(t -> s.append(t.domain()).append(':').append(t.slug()).append(':').append(t.name()).append('\u0000'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant localAsUtc(String local) {
        if (local == null || local.isBlank() || local.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip(), LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String excerpt(String html) {
        String text = plain(html);
        return text == null || text.isBlank() ? null : cut(text, 1000);
    }

    /**
     * A comment's text: WordPress keeps a little HTML in comments; what a reader saw is its text, with a line break
     * for each {@code <br>} and a blank line after each paragraph (scripts and styles are not text and go).
     */
    static String commentText(String html) {
        if (html == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(html.length());
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                } else if (node instanceof Element e && e.nameIs("br")) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.nameIs("p")) {
                    text.append("\n\n");
                }
            }
        }, Jsoup.parseBodyFragment(html).body());
        return text.toString().strip();
    }

    private static String plain(String html) {
        return html == null ? null : Jsoup.parse(html).text();
    }

    /** WordPress keeps names and titles with HTML entities (News &amp; Trends). */
    private static String unescape(String text) {
        return text == null ? "" : Parser.unescapeEntities(text, false);
    }

    /** WordPress percent-encodes non-ASCII slugs (caf%c3%a9). */
    private static String decodeSlug(String slug) {
        if (slug == null) {
            return null;
        }
        try {
            return URLDecoder.decode(slug.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return slug;
        }
    }

    private static String describe(List<FieldError> errors) {
        return String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
