package io.newsdesk.cms.common.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the dev and test profiles decide Docker is there, without Docker: sockets that answer as a daemon would, or not. */
class DockerProbeTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeASocketWhoseDaemonAnswersItsPing() throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel daemon = daemon(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")) {
            assertTrue(DockerProbe.answers("unix://" + socket));
        }
    }

    @Test
    void shouldRefuseASocketThatAnswersSomethingElse() throws Exception {
        Path socket = dir.resolve("other.sock");
        try (ServerSocketChannel other = daemon(socket, "HTTP/1.1 404 Not Found\r\n\r\n")) {
            assertFalse(DockerProbe.answers("unix://" + socket));
        }
    }

    @Test
    void shouldRefuseAStaleSocketFileAndAMissingOne() throws Exception {
        Path stale = dir.resolve("stale.sock");
        // closing a listener leaves its file behind; no thread waits in accept(), which would keep it answering a while
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale));
        assertFalse(DockerProbe.answers("unix://" + stale));
        assertFalse(DockerProbe.answers("unix://" + dir.resolve("missing.sock")));
    }

    @Test
    void shouldTakeATcpHostOnlyWhenSomethingListens() throws IOException {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertTrue(DockerProbe.answers("tcp://127.0.0.1:" + port));
        }
        assertFalse(DockerProbe.answers("tcp://127.0.0.1:" + port));
    }

    @Test
    void shouldReadTheSourceSettingInAnyCaseAndRefuseAnUnknownOne() {
        assertEquals(LocalDatabaseSource.AUTO, LocalDatabaseSource.parse(null));
        assertEquals(LocalDatabaseSource.EMBEDDED, LocalDatabaseSource.parse(" Embedded "));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LocalDatabaseSource.parse("h2"));
        assertEquals("cms.local-database.source must be auto, local, docker or embedded: h2", refused.getMessage());
    }

    /** A listener on a Unix socket that sends this reply to the first client, in the background. */
    private static ServerSocketChannel daemon(Path socket, String reply) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (SocketChannel client = server.accept()) {
                client.read(ByteBuffer.allocate(256));
                client.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                // the listener was closed before any client came
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }
}
