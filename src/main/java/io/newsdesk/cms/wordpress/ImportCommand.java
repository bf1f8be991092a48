package io.newsdesk.cms.wordpress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code java -jar quarkus-run.jar import-wordpress FILE [--uploads DIR|ZIP] [--dry-run] [--pages]}: the same import as
 * the API's, run against the configured database from a shell, for archives too big to upload; a progress line, then
 * the report.
 */
@ApplicationScoped
public class ImportCommand {

    static final String NAME = "import-wordpress";
    private static final String USAGE = "Usage: java -jar quarkus-run.jar " + NAME + " FILE [--uploads DIR|ZIP] [--dry-run] [--pages]\n"
            + "  --uploads  the site's wp-content/uploads folder, or a zip of it: images go into the media library";

    @Inject
    ImportService imports;

    @Inject
    ObjectMapper mapper;

    /** Answers the process's exit code: 0 when the import succeeded, 1 when it failed, 2 for a wrong command line. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        boolean dryRun = false;
        boolean pages = false;
        Path uploads = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--pages" -> pages = true;
                case "--uploads" -> {
                    if (i + 1 == args.size() || !Files.exists(Path.of(args.get(i + 1)))) {
                        err.println((i + 1 == args.size() ? "--uploads needs a directory or zip file" : "No such directory or file: "
                                + args.get(i + 1)) + "\n" + USAGE);
                        return 2;
                    }
                    uploads = Path.of(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("--")) {
                        err.println("Unknown option " + arg + "\n" + USAGE);
                        return 2;
                    }
                    files.add(arg);
                }
            }
        }
        if (files.size() != 1 || !Files.isRegularFile(Path.of(files.get(0)))) {
            err.println((files.size() == 1 ? "No such file: " + files.get(0) + "\n" : "") + USAGE);
            return 2;
        }
        long start = System.nanoTime();
        String verb = dryRun ? "dry run:" : "imported";
        ImportView job = imports.runNow(Path.of(files.get(0)), new WordPressImporter.Options(dryRun, pages, uploads), (done, total) -> {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf("\r%s %d/%d items, %.0f items/s", verb, done, total, done / Math.max(seconds, 0.001));
        });
        err.println();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return "succeeded".equals(job.state()) ? 0 : 1;
    }
}
