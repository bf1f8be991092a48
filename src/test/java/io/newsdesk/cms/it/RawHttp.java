package io.newsdesk.cms.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 request on a new connection of its own, closed after the answer ({@code Connection: close}). Either from a
 * chosen loopback source address (127.0.0.x), which java.net.http cannot do on Java 17, so the service sees a client of
 * its own (the per-address comment rate limit); or to tell a refused connection from a reused one that was closed.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** POST of a JSON body from this loopback source address. */
    static Http.Response postJson(String from, String baseUrl, String path, Object body) {
        return send(from, baseUrl, "POST", path, Http.json(body), 20_000);
    }

    /** GET on a fresh connection: a ConnectException means the service no longer accepts connections. */
    static Http.Response get(String baseUrl, String path, int timeoutMillis) {
        return send(null, baseUrl, "GET", path, null, timeoutMillis);
    }

    /** Whether the service accepts a new connection; false once it refuses them. */
    static boolean accepts(String baseUrl, int timeoutMillis) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            return true;
        } catch (java.net.ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Http.Response send(String from, String baseUrl, String method, String path, String json, int timeoutMillis) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        byte[] payload = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(timeoutMillis);
            if (from != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n")
                    + "Accept: application/json, application/problem+json\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(method, path, socket.getInputStream(), start);
        } catch (IOException e) {
            return new Http.Response(method, path, 0, HttpHeaders.of(Map.of(), (a, b) -> true), "", e, start, System.nanoTime());
        }
    }

    private static Http.Response parse(String method, String path, InputStream in, long start) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all); // Connection: close, so the answer ends with the stream
        String raw = all.toString(StandardCharsets.UTF_8);
        int split = raw.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("incomplete HTTP answer: " + raw);
        }
        String[] lines = raw.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        String body = raw.substring(split + 4);
        if (headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Transfer-Encoding"))) {
            body = unchunk(body);
        }
        return new Http.Response(method, path, status, HttpHeaders.of(headers, (a, b) -> true), body, null, start, System.nanoTime());
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
