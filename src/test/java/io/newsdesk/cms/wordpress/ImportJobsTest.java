package io.newsdesk.cms.wordpress;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Import jobs as a whole: one import of a site at a time, interrupted jobs, the command line's refusals. */
@QuarkusTest
class ImportJobsTest {

    private static final String IMPORTS = "/api/v1/imports/wordpress";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ImportService imports;

    @Inject
    ImportCommand command;

    @Test
    void shouldFailASecondImportOfASiteAtOnceWhileOneRuns() throws SQLException {
        String host = unique("busy") + ".example";
        String xml = fixture("https://" + host);
        // Another import of the site holds its lock (as a running one does, on a connection of its own).
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, "wordpress-import:" + host);
            lock.executeQuery().close();
            JsonPath job = importAndWait(xml);
            assertEquals("failed", job.getString("state"), job::prettify);
            assertTrue(job.getString("error").contains("Another import of " + host + " is running"), job::prettify);
            other.createStatement().execute("select pg_advisory_unlock_all()");
        }
        // Once it has finished, the same import goes through.
        assertEquals("succeeded", importAndWait(xml).getString("state"));
    }

    @Test
    void shouldMarkAnImportWhoseServiceStoppedAsFailedSoItCanBeRunAgain() throws SQLException {
        long stale;
        long fresh;
        try (Connection c = dataSource.getConnection()) {
            stale = job(c, "running", Instant.now().minus(Duration.ofMinutes(10)));
            fresh = job(c, "running", Instant.now());
        }
        imports.failInterrupted();

        asAdmin().get("/api/v1/imports/" + stale).then().statusCode(200)
                .body("state", equalTo("failed")).body("error", containsString("Run the import again"));
        asAdmin().get("/api/v1/imports/" + fresh).then().statusCode(200).body("state", equalTo("running"));
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("update wordpress_import set state = 'failed', heartbeat_at = null where id = " + fresh);
        }
    }

    @Test
    void shouldRefuseAWrongCommandLineWithExitCodeTwo() throws IOException {
        Path export = Files.createTempFile("site-", ".xml");
        try {
            assertUsage(List.of(), "Usage:");
            assertUsage(List.of("--nope", export.toString()), "Unknown option --nope");
            assertUsage(List.of(export + ".missing"), "No such file");
            assertUsage(List.of(export.toString(), "--uploads"), "--uploads needs a directory or zip file");
            assertUsage(List.of(export.toString(), "--uploads", export + ".missing"), "No such directory or file");
        } finally {
            Files.deleteIfExists(export);
        }
    }

    private void assertUsage(List<String> args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, args.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on standard output");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err::toString);
    }

    private static long job(Connection c, String state, Instant heartbeat) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                insert into wordpress_import (state, dry_run, file_name, file_size, site, created_at, started_at, heartbeat_at, created_by_name)
                values (?, false, 'site.xml', 1, ?, ?, ?, ?, 'test') returning id""")) {
            insert.setString(1, state);
            insert.setString(2, unique("stale") + ".example");
            insert.setObject(3, java.time.OffsetDateTime.now().minusHours(1));
            insert.setObject(4, java.time.OffsetDateTime.now().minusHours(1));
            insert.setObject(5, heartbeat.atOffset(java.time.ZoneOffset.UTC));
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonPath importAndWait(String xml) {
        String location = asAdmin().contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8)).post(IMPORTS)
                .then().statusCode(202).extract().header("Location");
        JsonPath[] job = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            job[0] = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
            return List.of("succeeded", "failed").contains(job[0].getString("state"));
        });
        return job[0];
    }

    private static String fixture(String site) {
        try (InputStream in = ImportJobsTest.class.getResourceAsStream("/wordpress/classic-site.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("https://example.com", site);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
