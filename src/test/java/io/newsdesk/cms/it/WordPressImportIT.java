package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command-line WordPress import with real processes: an import SIGKILLed in the middle and run again ends with
 * exactly what an uninterrupted import gives, and a further run changes nothing; and it takes no port a service beside
 * it holds.
 */
class WordPressImportIT {

    static final int POSTS = 400;
    static final Path JAR = Path.of(System.getProperty("it.service.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    static final Path DIR = Path.of("target", "it-wordpress").toAbsolutePath();
    static Path export;
    /** A few posts: enough to show that an import ran. */
    static Path small;

    /** What an import leaves behind, in rows that do not depend on generated ids. */
    static final List<String> FINGERPRINT = List.of(
            "select slug || '|' || title || '|' || status || '|' || coalesce(published_at::text, '') || '|' || md5(body) || '|'"
                    + " || array_to_string(tags, ',') || '|' || coalesce((select slug from category c where c.id = category_id), '')"
                    + " || '|' || comment_count || '|' || coalesce(author_name, '') from article order by 1",
            "select a.slug || '|' || c.author_name || '|' || c.status || '|' || md5(c.body) || '|' || c.created_at::text || '|'"
                    + " || coalesce((select md5(p.body) from comment p where p.id = c.parent_id), '') from comment c"
                    + " join article a on a.id = c.article_id order by 1",
            "select l.path || '|' || a.slug from legacy_path l join article a on a.id = l.article_id order by 1",
            "select c.slug || '|' || c.name || '|' || coalesce((select p.slug from category p where p.id = c.parent_id), '') from category c order by 1",
            "select kind || '|' || count(*) from wordpress_item group by kind order by 1",
            "select a.slug || '|' || count(*) from article_revision r join article a on a.id = r.article_id group by a.slug order by 1");

    @BeforeAll
    static void generate() throws Exception {
        Files.createDirectories(DIR);
        export = generate("export", POSTS);
        small = generate("small", 3);
    }

    private static Path generate(String name, int posts) throws Exception {
        Path file = DIR.resolve(name + ".xml");
        Path log = DIR.resolve("generator-" + name + ".log");
        Process generator = new ProcessBuilder("python3", "bench/wordpress-export.py", "--posts", Integer.toString(posts),
                "--comments-per-post", "4", "--seed", "11", "--out", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertEquals(0, generator.waitFor(), "the generator ran: " + Files.readString(log));
        return file;
    }

    @Test
    void shouldEndAsAnUninterruptedImportWhenRunAgainAfterSigkill() throws Exception {
        TestDatabase whole = TestDatabase.create("wp_whole");
        JsonNode uninterrupted = finish(start(whole, "whole", export));
        assertEquals("succeeded", uninterrupted.path("state").asText(), uninterrupted.toPrettyString());

        TestDatabase killed = TestDatabase.create("wp_killed");
        Run run = start(killed, "killed", export);
        Process first = run.process();
        Await.until("a part of the import committed", Duration.ofSeconds(120), () -> !first.isAlive() || tableExists(killed)
                && killed.number("select count(*) from article") >= POSTS / 4);
        assertTrue(first.isAlive(), "the import was still running when it was killed");
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
        long partial = killed.number("select count(*) from article");
        System.out.printf("[it] wordpress import: SIGKILL after %d of %d articles%n", partial, whole.number("select count(*) from article"));
        assertTrue(partial < whole.number("select count(*) from article"), "killed before the end");

        JsonNode resumed = finish(start(killed, "resumed", export));
        assertEquals("succeeded", resumed.path("state").asText(), resumed.toPrettyString());
        for (String query : FINGERPRINT) {
            assertEquals(column(whole, query), column(killed, query), query);
        }

        JsonNode again = finish(start(killed, "again", export));
        JsonNode posts = again.path("report").path("counts").path("posts");
        assertEquals(posts.path("seen").asInt(), posts.path("unchanged").asInt(), again.path("report").toPrettyString());
        assertEquals(0, again.path("report").path("counts").path("comments").path("imported").asInt());
        for (String query : FINGERPRINT) {
            assertEquals(column(whole, query), column(killed, query), "after a third run: " + query);
        }
    }

    @Test
    void shouldTakeNoPortOfItsOwnSoItRunsBesideAService() throws Exception {
        TestDatabase db = TestDatabase.create("wp_beside");
        // The ports a service on the defaults holds: the API's and the management interface's.
        try (ServerSocket api = hold(8080); ServerSocket management = hold(9000)) {
            JsonNode job = finish(start(db, "beside", small));
            assertEquals("succeeded", job.path("state").asText(), job.toPrettyString());
        }
    }

    /** Binds the port as a service would; null when something else already holds it, which serves as well. */
    private static ServerSocket hold(int port) {
        try {
            return new ServerSocket(port);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean tableExists(TestDatabase db) {
        return db.number("select count(*) from information_schema.tables where table_name = 'wordpress_item'") > 0;
    }

    private static List<String> column(TestDatabase db, String query) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : db.rows(query)) {
            out.add(String.valueOf(row.values().iterator().next()));
        }
        return out;
    }

    /** A command-line import running, and the file its report goes to. */
    record Run(Process process, Path report) {
    }

    private static Run start(TestDatabase db, String name, Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", JAR.toString(), "import-wordpress", file.toString()));
        Path report = DIR.resolve(name + ".json");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(report.toFile())
                .redirectError(DIR.resolve(name + ".log").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CMS_"));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
        if (!TestDatabase.PASSWORD.isEmpty()) {
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
        }
        builder.environment().put("CMS_MEDIA_STORAGE_DIRECTORY", DIR.resolve("media-" + name).toString());
        return new Run(builder.start(), report);
    }

    private static JsonNode finish(Run run) throws Exception {
        assertTrue(run.process().waitFor(5, TimeUnit.MINUTES), "the import ended");
        try {
            return new ObjectMapper().readTree(Files.readString(run.report()));
        } catch (IOException e) {
            throw new UncheckedIOException("the import printed no report (exit " + run.process().exitValue() + ")", e);
        }
    }
}
