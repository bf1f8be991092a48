package io.newsdesk.cms.wordpress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.ApiException;
import io.newsdesk.cms.common.error.NotFound;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/** WordPress imports as jobs: the upload is kept on disk, checked, and imported in the background. */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    @Inject
    ImportJobs jobs;

    @Inject
    WordPressImporter importer;

    @Inject
    CmsConfig config;

    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "wordpress-import");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Keeps the uploaded export, refuses one that is not a WordPress export (422), and starts its import. */
    public ImportView start(InputStream body, String fileName, WordPressImporter.Options options, Caller caller) {
        return start(receive(body), fileName, options, caller);
    }

    /**
     * Starts the import of an export received as a form's file, with the site's uploads folder as a zip beside it
     * ({@code uploads}, may be null). Both are moved into the imports directory; a zip that is no zip is a 422.
     */
    public ImportView start(Path export, String fileName, Path uploads, WordPressImporter.Options options, Caller caller) {
        Path file = keep(export, ".wxr");
        Path zip = null;
        try {
            if (uploads != null) {
                zip = keep(uploads, ".zip");
                checkZip(zip);
            }
            if (size(file) == 0) {
                throw new ApiException(422, "not-a-wordpress-export", "Unprocessable content",
                        "The file part is empty: send the WordPress export file (Tools > Export in WordPress, or wp export)");
            }
            return start(file, fileName, new WordPressImporter.Options(options.dryRun(), options.pages(), zip), caller);
        } catch (RuntimeException e) {
            delete(file);
            if (zip != null) {
                delete(zip);
            }
            throw e;
        }
    }

    /** Checks the export kept in {@code file} and queues its import; the file (and an uploads zip) go when it ends. */
    private ImportView start(Path file, String fileName, WordPressImporter.Options options, Caller caller) {
        try {
            Wxr.Site site = check(file);
            long id = QuarkusTransaction.requiringNew().call(() -> jobs.create(options.dryRun(), fileName, size(file),
                    WordPressImporter.siteKey(site), caller == null ? null : caller.tokenId(), caller == null ? null : caller.name()));
            workers.submit(() -> execute(id, file, true, options, caller, (done, total) -> {
            }));
            return get(id);
        } catch (RuntimeException e) {
            delete(file);
            if (options.uploads() != null) {
                delete(options.uploads());
            }
            throw e;
        }
    }

    private Path keep(Path received, String suffix) {
        try {
            Path dir = Path.of(config.imports().directory());
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "wordpress-", suffix);
            Files.move(received, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkZip(Path zip) {
        try (WordPressUploads ignored = WordPressUploads.open(zip)) {
            // It opens: its entries are readable.
        } catch (IllegalArgumentException | IOException e) {
            // The reason names the file on the server's disk: it stays in the log, out of the answer.
            LOG.debugf("An uploads part was refused: %s", e.getMessage());
            throw new ApiException(422, "not-a-zip", "Unprocessable content",
                    "uploads: the part must be a zip of the site's wp-content/uploads folder, and this one is not a zip that can be read");
        }
    }

    public ImportView get(String id) {
        try {
            return get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            throw new NotFound("No import has the id '" + id + "'");
        }
    }

    private ImportView get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> jobs.find(id))
                .orElseThrow(() -> new NotFound("No import has the id '" + id + "'"));
    }

    /** Told of an import's progress: items done of total. */
    public interface Listener {
        void progress(int done, int total);
    }

    /** Runs an import of a file here and now (the command line's way); answers the finished job. */
    public ImportView runNow(Path file, WordPressImporter.Options options, Listener listener) {
        Wxr.Site site = check(file);
        long id = QuarkusTransaction.requiringNew().call(() -> jobs.create(options.dryRun(), file.getFileName().toString(), size(file),
                WordPressImporter.siteKey(site), null, "command line"));
        execute(id, file, false, options, null, listener);
        return get(id);
    }

    /** A running import whose instance died is marked failed, so whoever waits on it learns to run it again. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failInterrupted() {
        int failed = QuarkusTransaction.requiringNew().call(jobs::failInterrupted);
        if (failed > 0) {
            LOG.warnf("%d WordPress imports were interrupted (their service stopped); they can be run again", failed);
        }
    }

    /** Runs the import of a job; an uploaded file ({@code owned}) is removed when it ends. */
    private void execute(long id, Path file, boolean owned, WordPressImporter.Options options, Caller caller, Listener listener) {
        int[] done = { 0 };
        ImportReport[] last = { null };
        try {
            QuarkusTransaction.requiringNew().run(() -> jobs.started(id));
            ImportReport report = importer.run(file, options, caller, (items, total, r) -> {
                done[0] = items;
                last[0] = r;
                QuarkusTransaction.requiringNew().run(() -> jobs.progress(id, items, total, r));
                listener.progress(items, total);
            });
            QuarkusTransaction.requiringNew().run(() -> jobs.finished(id, done[0], report, null));
        } catch (WxrReader.Malformed | WxrReader.Refused e) {
            QuarkusTransaction.requiringNew().run(() -> jobs.finished(id, done[0], last[0], "The file is not a well-formed WordPress export: "
                    + e.getMessage() + ". What was imported before that point stays; fix the file and run it again."));
        } catch (WordPressImporter.SiteBusy | WordPressImporter.UploadsUnreadable e) {
            QuarkusTransaction.requiringNew().run(() -> jobs.finished(id, 0, null, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "WordPress import %d stopped", id);
            QuarkusTransaction.requiringNew().run(() -> jobs.finished(id, done[0], last[0],
                    "The import stopped on an unexpected error (logged on the server). What was imported before it stays; run it again."));
        } finally {
            if (owned) {
                delete(file);
                if (options.uploads() != null) {
                    delete(options.uploads());
                }
            }
        }
    }

    private Path receive(InputStream body) {
        long limit = config.imports().maxSize().asLongValue();
        try {
            Path dir = Path.of(config.imports().directory());
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "wordpress-", ".wxr");
            try (var out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = body.read(buffer)) > 0) {
                    total += n;
                    if (total > limit) {
                        throw new ApiException(413, "payload-too-large", "Payload too large",
                                "The export is larger than the import limit of " + limit + " bytes (CMS_IMPORTS_MAX_SIZE)");
                    }
                    out.write(buffer, 0, n);
                }
            } catch (RuntimeException | IOException e) {
                delete(file);
                throw e;
            }
            if (Files.size(file) == 0) {
                delete(file);
                throw new ApiException(422, "not-a-wordpress-export", "Unprocessable content",
                        "The body is empty: send the WordPress export file (Tools > Export in WordPress, or wp export)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The export's site, or a 422 when it is no WordPress export or carries a DOCTYPE. */
    private static Wxr.Site check(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return WxrReader.checkProlog(in).site();
        } catch (WxrReader.Refused | WxrReader.Malformed e) {
            throw new ApiException(422, "not-a-wordpress-export", "Unprocessable content", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not remove the import file %s: %s", file, e.getMessage());
        }
    }
}
