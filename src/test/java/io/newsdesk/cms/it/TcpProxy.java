package io.newsdesk.cms.it;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between the service and PostgreSQL, so that a test can take the database away from one service
 * without touching the shared server: {@link #cut()} closes every open connection and the listening socket (new
 * connections are refused), {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements Closeable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;

    private TcpProxy(InetSocketAddress upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
        this.port = server.getLocalPort();
        acceptOn(server);
    }

    /** Listens on a free loopback port and forwards every connection to host:port. */
    public static TcpProxy start(String host, int port) throws IOException {
        return new TcpProxy(new InetSocketAddress(host, port), listen(0));
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public int port() {
        return port;
    }

    /** Connections accepted since the proxy started. */
    public int acceptedConnections() {
        return accepted.get();
    }

    public synchronized boolean isCut() {
        return server == null;
    }

    /** The database goes away: every open connection is closed and new ones are refused. */
    public synchronized void cut() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** The database comes back on the same address. */
    public synchronized void restore() throws IOException {
        if (server == null) {
            server = listen(port);
            acceptOn(server);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return socket;
    }

    private void acceptOn(ServerSocket listening) {
        Thread thread = new Thread(() -> {
            while (!listening.isClosed()) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (IOException e) {
                    return; // closed by cut()
                }
                accepted.incrementAndGet();
                Thread connection = new Thread(() -> connect(listening, client), "tcp-proxy-connect-" + port);
                connection.setDaemon(true);
                connection.start();
            }
        }, "tcp-proxy-accept-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void connect(ServerSocket listening, Socket client) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        try {
            server.connect(upstream, CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            drop(client, server);
            return;
        }
        if (listening.isClosed()) { // cut() ran while this connection was being set up
            drop(client, server);
            return;
        }
        pump(client, server, "up");
        pump(server, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                drop(from, to);
            }
        }, "tcp-proxy-" + direction + "-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void drop(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
        open.remove(a);
        open.remove(b);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
