package io.newsdesk.cms.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Adobe's S3Mock as a child process, for tests that need a real S3-protocol server: unit tests of the S3 storage and
 * process tests of several service instances sharing one bucket. It runs from the jar the build copies to
 * {@code target/s3mock/s3mock.jar} (system property {@code s3mock.jar}, set by surefire and failsafe), on free ports,
 * keeping its objects in a fresh directory of its own next to the jar, with its output in
 * {@code target/s3mock/<name>.log}. {@link #start(String)} returns once S3Mock answers a bucket listing on its HTTP
 * port; a port taken between choosing and binding it makes it try other ports. Closing it stops the process (SIGTERM,
 * then SIGKILL) and removes its objects; a shutdown hook kills it if the test JVM ends first.
 */
public final class S3MockServer implements AutoCloseable {

    /** How long one start may take: S3Mock is a Spring Boot application, several seconds on a busy machine. */
    public static final Duration STARTUP_DEADLINE = Duration.ofSeconds(Long.getLong("s3mock.startup.timeout.seconds", 60));

    private static final int START_ATTEMPTS = 3;
    /** Cheaper JIT and GC for a short-lived server, as the process tests give the service; {@code -Ds3mock.jvm.args=} replaces them. */
    private static final String JVM_ARGS = System.getProperty("s3mock.jvm.args", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");

    private final String name;
    private final Path log;
    private final Path store;
    private final Process process;
    private final Thread killOnExit;
    private final URI endpoint;
    private Duration startup = Duration.ZERO;

    private S3MockServer(String name, Path log, Path store, Process process, Thread killOnExit, URI endpoint) {
        this.name = name;
        this.log = log;
        this.store = store;
        this.process = process;
        this.killOnExit = killOnExit;
        this.endpoint = endpoint;
    }

    /**
     * Starts S3Mock and waits until it answers; {@code name} names its log, {@code target/s3mock/<name>.log} (emptied
     * first). Fails with an {@link IllegalStateException} naming the log when it does not come up.
     */
    public static S3MockServer start(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("an S3Mock name must be a plain file name: " + name);
        }
        Path jar = jar();
        Path home = jar.getParent();
        Path log = home.resolve(name + ".log");
        try {
            Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            for (int attempt = 1; ; attempt++) {
                int httpPort = freePort();
                int httpsPort = freePort();
                while (httpsPort == httpPort) {
                    httpsPort = freePort();
                }
                Path store = Files.createTempDirectory(home, name + "-store-");
                Files.writeString(log, "=== " + Instant.now() + " attempt " + attempt + ": http " + httpPort + ", https " + httpsPort
                        + ", store " + store + "\n", StandardOpenOption.APPEND);
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m"));
                for (String arg : JVM_ARGS.trim().split("\\s+")) {
                    if (!arg.isEmpty()) {
                        command.add(arg);
                    }
                }
                command.addAll(List.of(
                        "-jar", jar.toString(),
                        "--server.address=127.0.0.1",
                        "--server.port=" + httpsPort,
                        "--com.adobe.testing.s3mock.http-port=" + httpPort,
                        "--com.adobe.testing.s3mock.store.root=" + store));
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                Thread killOnExit = new Thread(process::destroyForcibly, "s3mock-" + name + "-kill-on-exit");
                Runtime.getRuntime().addShutdownHook(killOnExit);
                URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
                S3MockServer server = new S3MockServer(name, log, store, process, killOnExit, endpoint);
                long startedAt = System.nanoTime();
                if (awaitReady(endpoint, process)) {
                    server.startup = Duration.ofNanos(System.nanoTime() - startedAt);
                    Files.writeString(log, "=== ready after " + server.startup.toMillis() + " ms\n", StandardOpenOption.APPEND);
                    return server;
                }
                server.close();
                if (attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException("S3Mock " + name + " did not answer on " + endpoint + " within "
                            + STARTUP_DEADLINE.toSeconds() + " s (attempt " + attempt + "); see " + log + ":\n" + tail(log, 40));
                }
                // most likely a port taken between choosing and binding it: try other ports
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Mock " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Mock " + name, e);
        }
    }

    /** The S3Mock jar from system property {@code s3mock.jar}; fails with a hint when the build did not provide it. */
    private static Path jar() {
        String property = System.getProperty("s3mock.jar");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("System property s3mock.jar is not set: run the tests through ./mvnw, whose surefire "
                    + "and failsafe configurations point it at target/s3mock/s3mock.jar");
        }
        Path jar = Path.of(property).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock jar not found at " + jar + " (system property s3mock.jar): the build copies it "
                    + "there in process-test-resources; run ./mvnw rather than the test class alone");
        }
        return jar;
    }

    /** Its HTTP endpoint, {@code http://127.0.0.1:<port>}, for path-style S3 clients (any credentials are accepted). */
    public URI endpoint() {
        return endpoint;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return log;
    }

    /** How long the start took, until the first answer. */
    public Duration startup() {
        return startup;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its output. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    /** Stops the process (SIGTERM, then SIGKILL when it does not exit in time) and removes its objects; idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
        deleteTree(store);
    }

    @Override
    public String toString() {
        return "S3Mock " + name + " (" + endpoint + ", pid " + process.pid() + ")";
    }

    /** Polls the HTTP port until S3Mock lists its buckets; false when the deadline passes or the process ends. */
    private static boolean awaitReady(URI endpoint, Process process) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest listBuckets = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                if (http.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the next clean
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left for the next clean
        }
    }
}
