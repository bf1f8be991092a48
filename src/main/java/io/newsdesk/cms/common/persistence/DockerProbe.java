package io.newsdesk.cms.common.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Whether Quarkus Dev Services could start a container here, found the way Testcontainers finds a Docker daemon:
 * {@code DOCKER_HOST}, else {@code docker.host} in {@code ~/.testcontainers.properties}, else the usual sockets of Docker
 * (rootful, rootless, Docker Desktop) and Podman. A socket counts only when a daemon answers on it, not merely when the
 * file exists.
 */
final class DockerProbe {

    private static final int TIMEOUT_MILLIS = 1000;

    private DockerProbe() {
    }

    static boolean isAvailable() {
        String configured = System.getenv("DOCKER_HOST");
        if (configured == null || configured.isBlank()) {
            configured = testcontainersHost();
        }
        if (configured != null && !configured.isBlank()) {
            return answers(configured.trim());
        }
        for (Path socket : wellKnownSockets()) {
            if (Files.exists(socket) && pingsUnixSocket(socket)) {
                return true;
            }
        }
        return false;
    }

    static boolean answers(String dockerHost) {
        URI uri;
        try {
            uri = URI.create(dockerHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix":
                return pingsUnixSocket(Path.of(uri.getPath()));
            case "tcp":
            case "http":
            case "https":
                return uri.getHost() != null && connects(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375);
            default:
                // npipe:// (Windows), ssh:// and the like cannot be checked cheaply: trust the setting.
                return true;
        }
    }

    private static List<Path> wellKnownSockets() {
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        String home = System.getProperty("user.home");
        sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
        sockets.add(Path.of(home, ".docker", "desktop", "docker.sock"));
        return sockets;
    }

    private static String testcontainersHost() {
        Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties.getProperty("docker.host");
    }

    /** A stale socket file refuses the connection; a daemon answers its ping endpoint with 200. */
    private static boolean pingsUnixSocket(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer reply = ByteBuffer.allocate(64);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
            while (reply.hasRemaining()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (channel.read(reply) < 0) {
                    break;
                }
                String head = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
                if (head.contains("\r\n")) {
                    return head.matches("(?s)HTTP/1\\.[01] 200 .*");
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
