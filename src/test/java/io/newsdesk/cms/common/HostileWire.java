package io.newsdesk.cms.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket: it sends exactly the bytes it is given
 * (raw request targets, invalid UTF-8, NUL bytes, lying or missing headers), one request per
 * connection, and reads one answer within a deadline. Nothing is re-encoded on the way out.
 */
final class HostileWire {

    static final int TIMEOUT_MILLIS = 10_000;
    private static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;
    private static final int ASYNC_BODY_THRESHOLD = 64 * 1024;
    private static final byte[] CRLF = { '\r', '\n' };

    private final String host;
    private final int port;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-wire-writer");
        t.setDaemon(true);
        return t;
    });

    HostileWire(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** One request as bytes on the wire. */
    static final class Request {
        final String method;
        final byte[] target;
        final List<byte[][]> headers = new ArrayList<>();
        byte[] body;
        boolean chunked;
        boolean omitHost;
        boolean omitLength;
        String version = "HTTP/1.1";
        /** When set, these bytes are the whole request: nothing is added. */
        byte[] verbatim;
        /** Stop writing after the headers and this many body bytes, then half-close. */
        int truncateBodyAt = -1;

        Request(String method, String target) {
            this(method, target.getBytes(StandardCharsets.ISO_8859_1));
        }

        Request(String method, byte[] target) {
            this.method = method;
            this.target = target;
        }

        static Request verbatim(byte[] bytes) {
            Request r = new Request("RAW", "");
            r.verbatim = bytes;
            return r;
        }

        Request header(String name, String value) {
            return header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        Request header(String name, byte[] value) {
            headers.add(new byte[][] { name.getBytes(StandardCharsets.ISO_8859_1), value });
            return this;
        }

        boolean hasHeader(String name) {
            for (byte[][] h : headers) {
                if (new String(h[0], StandardCharsets.ISO_8859_1).equalsIgnoreCase(name)) {
                    return true;
                }
            }
            return false;
        }

        /** The value of a header this request sends, or null. */
        String headerValue(String name) {
            for (byte[][] h : headers) {
                if (new String(h[0], StandardCharsets.ISO_8859_1).equalsIgnoreCase(name)) {
                    return new String(h[1], StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        Request body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Request body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Request chunked() {
            this.chunked = true;
            return this;
        }

        String targetText() {
            return printable(target, 160);
        }

        int bodyLength() {
            return body == null ? 0 : body.length;
        }
    }

    /** What came back: status -1 is no answer within the deadline, 0 a connection closed without one. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, long millis, String failure) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean answered() {
            return status > 0;
        }
    }

    Answer send(Request request) {
        long start = System.nanoTime();
        long deadline = start + TIMEOUT_MILLIS * 1_000_000L;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            byte[] head = request.verbatim != null ? request.verbatim : head(request);
            out.write(head);
            Future<?> writer = null;
            if (request.verbatim == null && request.body != null) {
                if (request.body.length > ASYNC_BODY_THRESHOLD || request.chunked) {
                    writer = writers.submit(() -> {
                        try {
                            writeBody(out, request, socket);
                        } catch (IOException e) {
                            // the server stopped reading: its answer tells why
                        }
                        return null;
                    });
                } else {
                    writeBody(out, request, socket);
                }
            }
            out.flush();
            Answer answer = read(socket.getInputStream(), request.method.equals("HEAD"), deadline, start);
            if (writer != null) {
                writer.cancel(true);
            }
            return answer;
        } catch (SocketTimeoutException e) {
            return new Answer(-1, Map.of(), new byte[0], elapsed(start), "no answer within " + TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            return new Answer(0, Map.of(), new byte[0], elapsed(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void close() {
        writers.shutdownNow();
    }

    private byte[] head(Request r) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((r.method + " ").getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(r.target);
        head.writeBytes((" " + r.version).getBytes(StandardCharsets.ISO_8859_1));
        head.writeBytes(CRLF);
        if (!r.omitHost && !r.hasHeader("Host")) {
            line(head, "Host", (host + ":" + port).getBytes(StandardCharsets.ISO_8859_1));
        }
        for (byte[][] h : r.headers) {
            line(head, h[0], h[1]);
        }
        if (!r.hasHeader("Connection")) {
            line(head, "Connection", "close".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (r.chunked) {
            if (!r.hasHeader("Transfer-Encoding")) {
                line(head, "Transfer-Encoding", "chunked".getBytes(StandardCharsets.ISO_8859_1));
            }
        } else if (r.body != null && !r.omitLength && !r.hasHeader("Content-Length")) {
            line(head, "Content-Length", Integer.toString(r.body.length).getBytes(StandardCharsets.ISO_8859_1));
        }
        head.writeBytes(CRLF);
        return head.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String name, byte[] value) {
        line(out, name.getBytes(StandardCharsets.ISO_8859_1), value);
    }

    private static void line(ByteArrayOutputStream out, byte[] name, byte[] value) {
        out.writeBytes(name);
        out.writeBytes(new byte[] { ':', ' ' });
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    private static void writeBody(OutputStream out, Request r, Socket socket) throws IOException {
        byte[] body = r.body;
        int limit = r.truncateBodyAt >= 0 ? Math.min(r.truncateBodyAt, body.length) : body.length;
        if (r.chunked) {
            int chunk = 64 * 1024;
            for (int i = 0; i < limit; i += chunk) {
                int n = Math.min(chunk, limit - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, i, n);
                out.write(CRLF);
            }
            if (r.truncateBodyAt < 0) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        } else {
            int chunk = 64 * 1024;
            for (int i = 0; i < limit; i += chunk) {
                out.write(body, i, Math.min(chunk, limit - i));
            }
        }
        out.flush();
        if (r.truncateBodyAt >= 0) {
            socket.shutdownOutput();
        }
    }

    private static Answer read(InputStream raw, boolean head, long deadline, long start) throws IOException {
        Input in = new Input(raw, deadline);
        while (true) {
            String statusLine = in.line();
            if (statusLine == null) {
                return new Answer(0, Map.of(), new byte[0], elapsed(start), "connection closed without an answer");
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                return new Answer(0, Map.of(), new byte[0], elapsed(start), "unreadable status line: " + statusLine);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = in.line(); line != null && !line.isEmpty(); line = in.line()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            if (status == 101) {
                // the server switched protocols (an Upgrade it accepted): nothing more to read as HTTP/1.1
                return new Answer(status, headers, new byte[0], elapsed(start), null);
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body;
            List<String> te = headers.getOrDefault("transfer-encoding", List.of());
            List<String> cl = headers.getOrDefault("content-length", List.of());
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if (!te.isEmpty() && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
                body = in.chunked();
            } else if (!cl.isEmpty()) {
                body = in.exactly(Integer.parseInt(cl.get(0)));
            } else {
                body = in.rest();
            }
            List<String> encoding = headers.getOrDefault("content-encoding", List.of());
            if (!encoding.isEmpty() && body.length > 0) {
                body = decode(encoding.get(0).toLowerCase(Locale.ROOT), body);
            }
            return new Answer(status, headers, body, elapsed(start), null);
        }
    }

    /** Compressed answers (the client offered gzip) are read as a client would: inflated. */
    private static byte[] decode(String encoding, byte[] body) throws IOException {
        if (encoding.contains("gzip")) {
            try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        if (encoding.contains("deflate")) {
            try (InputStream in = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(body))) {
                return in.readAllBytes();
            }
        }
        return body;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    /** Bytes shown to a person: printable ASCII as is, anything else as %XX, cut at max. */
    static String printable(byte[] bytes, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length && out.length() < max; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b));
            }
        }
        if (out.length() >= max) {
            out.append("...(").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }

    private static final class Input {
        private final InputStream in;
        private final long deadline;

        Input(InputStream in, long deadline) {
            this.in = in;
            this.deadline = deadline;
        }

        private int read() throws IOException {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("deadline");
            }
            return in.read();
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = read()) != -1) {
                if (c == '\n') {
                    byte[] b = line.toByteArray();
                    int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                    return new String(b, 0, n, StandardCharsets.ISO_8859_1);
                }
                line.write(c);
                if (line.size() > 1_000_000) {
                    throw new IOException("header line too long");
                }
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }

        byte[] exactly(int n) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(n, 1 << 20));
            byte[] buffer = new byte[8192];
            while (out.size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("deadline");
                }
                int r = in.read(buffer, 0, Math.min(buffer.length, n - out.size()));
                if (r < 0) {
                    break;
                }
                out.write(buffer, 0, r);
            }
            return out.toByteArray();
        }

        byte[] chunked() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                if (size == null) {
                    return out.toByteArray();
                }
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                if (n == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers are ignored
                    }
                    return out.toByteArray();
                }
                out.writeBytes(exactly(n));
                line();
                if (out.size() > MAX_ANSWER_BYTES) {
                    throw new IOException("answer too large");
                }
            }
        }

        byte[] rest() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int r;
            while ((r = in.read(buffer)) >= 0) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("deadline");
                }
                out.write(buffer, 0, r);
                if (out.size() > MAX_ANSWER_BYTES) {
                    break;
                }
            }
            return out.toByteArray();
        }
    }
}
