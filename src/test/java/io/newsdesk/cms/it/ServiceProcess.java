package io.newsdesk.cms.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a real process, the way it runs in production:
 * {@code java -Xmx256m -jar quarkus-run.jar} with its configuration in the environment. To keep the suite fast on small CI
 * machines the JVM also gets {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} (about half the CPU time of a start; no
 * change in behaviour), which {@code -Dit.service.jvm.args=} replaces. Its stdout and stderr go to
 * {@code target/it-logs/<name>.log} (appended across restarts). It can be stopped as an orchestrator stops it (SIGTERM,
 * {@link #terminate()}), killed (SIGKILL, {@link #kill()}) and started again on the same database and ports. Health and
 * metrics are on its management interface, a port of its own ({@link #management()}), as in production.
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long a start may take before the test gives up: generous, the machine may be busy. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("it.startup.timeout.seconds", 120));

    private static final Path JAR = Path.of(System.getProperty("it.service.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    private static final Path LOGS = Path.of(System.getProperty("it.log.dir", "target/it-logs")).toAbsolutePath();
    private static final String JVM_ARGS = System.getProperty("it.service.jvm.args", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // Whatever happens to the test JVM, no service is left running behind it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private Process process;
    private int starts;

    private ServiceProcess(String name, int port, int managementPort, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.env = env;
        this.log = LOGS.resolve(name + ".log");
    }

    /** A service on this database, on free ports, with a fresh bootstrap token. */
    public static Builder on(String name, String jdbcUrl) {
        return new Builder(name, jdbcUrl);
    }

    /** A random secret of the shape the README suggests (32 random bytes, URL-safe base64). */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String bootstrapToken() {
        return env.get("CMS_BOOTSTRAP_TOKEN");
    }

    /** A client of this service. */
    public Http http() {
        return new Http(baseUrl());
    }

    /** The management interface: health and metrics, on a port of its own. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** A client of the management interface, as an orchestrator's probes or a metrics scraper. */
    public Http management() {
        return new Http(managementUrl());
    }

    public Path logFile() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Starts the process and waits until /q/health/ready answers 200 on the management port; answers how long that took. */
    public Duration start() {
        launch();
        return awaitReady(STARTUP_TIMEOUT);
    }

    /** Starts the process without waiting for it. */
    public synchronized void launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it first with ./mvnw package");
        }
        starts++;
        try {
            Files.createDirectories(LOGS);
            if (starts == 1) {
                Files.deleteIfExists(log);
            }
            Files.writeString(log, "==== " + Instant.now() + " start #" + starts + " of " + name + " on port " + port
                    + " (management " + managementPort + ") ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m"));
            for (String arg : JVM_ARGS.trim().split("\\s+")) {
                if (!arg.isEmpty()) {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Only this test's configuration: nothing inherited from the environment the build runs in.
            builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CMS_"));
            builder.environment().putAll(env);
            process = builder.start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Polls the management port's /q/health/ready until it answers 200; fails at once when the process dies, or at the deadline. */
    public Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Http http = management();
        Http.Response last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready; log:\n" + logTail(60));
            }
            last = http.send("GET", "/q/health/ready", null, null, null, Duration.ofSeconds(5));
            if (last.status() == 200) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            pause(100);
        }
        throw new AssertionError(name + " not ready after " + timeout.toSeconds() + " s; last: " + last + "; log:\n" + logTail(60));
    }

    /** SIGTERM, as an orchestrator stops a container; does not wait. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then waits for the exit; answers the exit code, or fails (after a SIGKILL) when it does not come in time. */
    public int stop(Duration timeout) {
        terminate();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s of SIGTERM");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: the process gets no chance to finish anything. Waits for it to be gone. */
    public int kill() {
        try {
            return process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts again, same database, ports and environment, once the previous process is gone. */
    public Duration restart() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start();
    }

    /** Everything the process has written to stdout and stderr so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + baseUrl() + (process == null ? "" : ", pid " + process.pid()) + ")";
    }

    /** Configuration of a service process; everything is passed as environment variables, as in production. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> env = new LinkedHashMap<>();
        private int port;

        private Builder(String name, String jdbcUrl) {
            this.name = name;
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.USER);
            if (!TestDatabase.PASSWORD.isEmpty()) {
                env.put("QUARKUS_DATASOURCE_PASSWORD", TestDatabase.PASSWORD);
            }
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            env.put("CMS_BOOTSTRAP_TOKEN", randomSecret());
            env.put("CMS_MEDIA_STORAGE_DIRECTORY", Path.of("target", "it-media", name).toAbsolutePath().toString());
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bootstrapToken(String token) {
            env.put("CMS_BOOTSTRAP_TOKEN", token);
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public ServiceProcess build() {
            int chosen = port > 0 ? port : freePort();
            int management = freePort();
            while (management == chosen) {
                management = freePort();
            }
            env.put("QUARKUS_HTTP_PORT", Integer.toString(chosen));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            return new ServiceProcess(name, chosen, management, Map.copyOf(env));
        }

        /** Builds, starts and waits until ready. */
        public ServiceProcess start() {
            ServiceProcess service = build();
            Duration took = service.start();
            System.out.printf("[it] %s ready in %d ms%n", service, took.toMillis());
            return service;
        }
    }
}
