package io.newsdesk.cms.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsdesk.cms.support.Callers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Problems from the edge: requests the HTTP layer refuses before the REST layer sees them still get a problem body
 * with nosniff. Sent over a raw socket, byte for byte as a client (or an attacker) would write them.
 */
@QuarkusTest
class EdgeProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAnswerAUrlOverTheLimitWithAProblem() throws IOException {
        Answer answer = send("GET /api/v1/articles?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        answer.assertProblem(414);
        assertTrue(answer.problem().get("detail").asText().contains("4096"), answer.body);
    }

    @Test
    void shouldAnswerHeadersOverTheLimitWithAProblem() throws IOException {
        send("GET /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(30_000) + "\r\n\r\n").assertProblem(431);
    }

    @Test
    void shouldAnswerAUrlThatCannotBeDecodedWithAProblem() throws IOException {
        send("GET /api/v1/articles/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(400);
        send("GET /api/v1/articles/abc% HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(400);
        send("GET /api/v1/articles?q=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(400);
        send("POST /api/v1/articles/any/comments?%zz=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").assertProblem(400);
    }

    @Test
    void shouldAnswerPathsNothingServesWithAProblemInsideTheApiAndOut() throws IOException {
        send("GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(404);
        send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(404);
        send("GET /api/v1/no-such-collection HTTP/1.1\r\nHost: localhost\r\n\r\n").assertProblem(404);
    }

    @Test
    void shouldAnswerAWrongMethodWithAProblem() throws IOException {
        Answer collection = send("DELETE /api/v1/articles HTTP/1.1\r\nHost: localhost\r\n\r\n");
        collection.assertProblem(405);
        assertEquals("GET, HEAD, POST", collection.headers().get("allow"));
        Answer article = send("POST /api/v1/articles/some-story HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        article.assertProblem(405);
        assertEquals("DELETE, GET, HEAD, PATCH, PUT", article.headers().get("allow"));
    }

    @Test
    void shouldCutAChunkedJsonBodyOverTheLimitWithAProblem() throws IOException {
        StringBuilder request = new StringBuilder("POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Callers.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = "{\"title\":\"" + "a".repeat(64 * 1024);
        for (int i = 0; i < 20; i++) { // 1.3 MB, over the 1 MB JSON limit
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        send(request.toString()).assertProblem(413);
    }

    @Test
    void shouldStillTakeAChunkedJsonBodyWithinTheLimit() throws IOException {
        String body = "{\"title\":\"Sent in chunks\",\"body\":\"Hello\"}";
        String request = "POST /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Callers.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(20) + "\r\n" + body.substring(0, 20) + "\r\n"
                + Integer.toHexString(body.length() - 20) + "\r\n" + body.substring(20) + "\r\n0\r\n\r\n";
        Answer answer = send(request);
        assertEquals(201, answer.status, answer.body);
        assertEquals("Sent in chunks", JSON.readTree(answer.body).get("title").asText());
    }

    /** An answer read off the socket: its status, headers (lower-case names) and body. */
    private record Answer(int status, Map<String, String> headers, String body) {

        void assertProblem(int expected) {
            assertEquals(expected, status, () -> headers + "\n" + body);
            assertTrue(headers.getOrDefault("content-type", "").startsWith("application/problem+json"), () -> headers + "\n" + body);
            assertEquals("nosniff", headers.get("x-content-type-options"), headers::toString);
            assertEquals(expected, problem().get("status").asInt(), body);
        }

        JsonNode problem() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read all of a refused request: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String head = line(in);
        int status = Integer.parseInt(head.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
