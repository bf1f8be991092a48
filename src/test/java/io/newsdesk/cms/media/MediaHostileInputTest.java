package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.MEDIA;
import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadForm;
import static io.newsdesk.cms.media.MediaApi.uploadRaw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsdesk.cms.support.Callers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.support.Images;
import io.newsdesk.cms.support.Problems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Files that are not what they say, not images at all, too big to take, or built to hurt the decoder:
 * each is refused with the right status and a problem body, never a 500 and never stored.
 */
@QuarkusTest
class MediaHostileInputTest {

    private static final int MB = 1024 * 1024;

    // ---- the type is decided by the bytes -------------------------------------------------------

    @Test
    void shouldRefusePngBytesDeclaredAsJpegWith415() {
        Problems.assertProblem(uploadRaw(Images.png(200, 100, seed()), "image/jpeg", null), 415)
                .body("detail", containsString("image/png"));
    }

    @Test
    void shouldRefuseJpegBytesNamedPngWith415() {
        Problems.assertProblem(uploadRaw(Images.jpeg(200, 100, seed()), "application/octet-stream", "photo.png"), 415)
                .body("detail", containsString(".png"));
        Problems.assertProblem(uploadRaw(Images.jpeg(200, 100, seed()), "image/jpeg", "photo.png"), 415);
    }

    @Test
    void shouldRefuseFormPartWhoseDeclaredTypeDisagreesWithBytes() {
        Problems.assertProblem(uploadForm(Images.png(200, 100, seed()), "chart.png", "image/gif", Map.of()), 415);
        Problems.assertProblem(uploadForm(Images.jpeg(200, 100, seed()), "photo.webp", "application/octet-stream", Map.of()), 415);
    }

    @Test
    void shouldRefuseSvgWithScript() {
        Problems.assertProblem(uploadRaw(Images.svgWithScript(), "image/svg+xml", "logo.svg"), 415)
                .body("detail", containsString("SVG"));
        Problems.assertProblem(uploadRaw(Images.svgWithScript(), "application/octet-stream", null), 415)
                .body("detail", containsString("SVG"));
        Problems.assertProblem(uploadRaw(Images.svgWithScript(), "image/png", "logo.png"), 415);
        Problems.assertProblem(uploadForm(Images.svgWithScript(), "logo.svg", "image/svg+xml", Map.of()), 415);
    }

    @Test
    void shouldRefuseSvgWithByteOrderMarkAndLeadingWhitespace() {
        byte[] svg = Images.svgWithScript();
        byte[] hidden = new byte[svg.length + 5];
        hidden[0] = (byte) 0xEF;
        hidden[1] = (byte) 0xBB;
        hidden[2] = (byte) 0xBF;
        hidden[3] = ' ';
        hidden[4] = '\n';
        System.arraycopy(svg, 0, hidden, 5, svg.length);
        Problems.assertProblem(uploadRaw(hidden, "application/octet-stream", "image.jpg"), 415);
    }

    @Test
    void shouldRefuseTextFileWith415() {
        byte[] text = "Quarterly figures, do not publish.\n".getBytes(StandardCharsets.UTF_8);
        Problems.assertProblem(uploadRaw(text, "text/plain", "notes.txt"), 415);
        Problems.assertProblem(uploadRaw(text, "image/jpeg", "notes.jpg"), 415);
        Problems.assertProblem(uploadForm(text, "notes.txt", "text/plain", Map.of()), 415);
        Problems.assertProblem(uploadRaw("{\"url\":\"https://example.com/a.jpg\"}".getBytes(StandardCharsets.UTF_8), "application/json", null), 415);
        byte[] html = "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        Problems.assertProblem(uploadRaw(html, "text/html", "page.jpg"), 415);
    }

    @Test
    void shouldRefuseOtherImageFormatsWith415() {
        byte[] bmp = Images.encode(Images.picture(50, 40, seed(), false), "image/bmp", null);
        Problems.assertProblem(uploadRaw(bmp, "image/bmp", "old.bmp"), 415);
        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Problems.assertProblem(uploadRaw(pdf, "application/pdf", "doc.pdf"), 415);
    }

    // ---- pixels: checked from the header, before decoding --------------------------------------

    @Test
    void shouldRefusePixelBombPngWith422() {
        Problems.assertProblem(uploadRaw(Images.pngClaiming(14_000, 14_000), "image/png", "bomb.png"), 422)
                .body("detail", containsString("pixels"));
    }

    @Test
    void shouldRefusePixelBombSentAsFormWith422() {
        Problems.assertProblem(uploadForm(Images.pngClaiming(14_001, 14_001), "bomb.png", "image/png", Map.of()), 422);
    }

    @Test
    void shouldRefuseJpegAndWebpClaimingOver50MegapixelsWith422() {
        Problems.assertProblem(uploadRaw(Images.jpegClaiming(10_000, 10_000, seed()), "image/jpeg", "bomb.jpg"), 422)
                .body("detail", containsString("pixels"));
        Problems.assertProblem(uploadRaw(Images.webpClaiming(16_000, 16_000, seed()), "image/webp", "bomb.webp"), 422)
                .body("detail", containsString("pixels"));
        // 8000 × 6300 is 50.4 megapixels: within the side limit, over the pixel limit.
        Problems.assertProblem(uploadRaw(Images.pngClaiming(8_000, 6_300), "image/png", null), 422)
                .body("detail", containsString("pixels"));
    }

    @Test
    void shouldRefuseImageWiderThan16384PixelsWith422() {
        Problems.assertProblem(uploadRaw(Images.png(17_000, 10, seed()), "image/png", "banner.png"), 422)
                .body("detail", containsString("17000"));
        Problems.assertProblem(uploadRaw(Images.pngClaiming(10, 16_385), "image/png", "tower.png"), 422);
    }

    @Test
    void shouldAcceptImageExactly16384PixelsWide() {
        uploadRaw(Images.png(16_384, 4, seed()), "image/png", "strip.png")
                .then().statusCode(201)
                .body("width", equalTo(2560))
                .body("height", equalTo(1));
    }

    // ---- broken files ---------------------------------------------------------------------------

    @Test
    void shouldRefuseTruncatedJpegWith422() {
        Problems.assertProblem(uploadRaw(Images.truncated(Images.jpeg(600, 400, seed())), "image/jpeg", "cut.jpg"), 422);
    }

    @Test
    void shouldRefuseTruncatedPngGifAndWebpWith422() {
        Problems.assertProblem(uploadRaw(Images.truncated(Images.png(300, 200, seed())), "image/png", null), 422);
        Problems.assertProblem(uploadRaw(Images.truncated(Images.gif(300, 200, seed())), "image/gif", null), 422);
        Problems.assertProblem(uploadRaw(Images.truncated(Images.webp(300, 200, seed())), "image/webp", null), 422);
    }

    @Test
    void shouldRefuseCorruptJpegWith422NeverA500() {
        for (int i = 0; i < 3; i++) {
            Problems.assertProblem(uploadRaw(Images.corrupt(Images.jpeg(400, 300, seed()), seed()), "image/jpeg", "noise.jpg"), 422);
        }
    }

    @Test
    void shouldRefuseFileThatIsOnlyAMagicNumberWith422() {
        Problems.assertProblem(uploadRaw(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }, "image/jpeg", null), 422);
        byte[] png = Arrays.copyOf(Images.pngClaiming(10, 10), 20);
        Problems.assertProblem(uploadRaw(png, "image/png", null), 422);
    }

    @Test
    void shouldRefuseEmptyBodyWithProblem() {
        Response response = uploadRaw(new byte[0], "image/jpeg", "empty.jpg");
        assertTrue(response.statusCode() == 422 || response.statusCode() == 415, "status " + response.statusCode());
        Problems.assertProblem(response, response.statusCode());
    }

    @Test
    void shouldRefuseEmptyFormPartWithProblem() {
        Response response = uploadForm(new byte[0], "empty.jpg", "image/jpeg", Map.of());
        assertTrue(response.statusCode() == 422 || response.statusCode() == 415 || response.statusCode() == 400,
                "status " + response.statusCode());
        Problems.assertProblem(response, response.statusCode());
    }

    @Test
    void shouldStoreNothingForRefusedUpload() {
        byte[] bomb = Images.pngClaiming(15_000, 15_000);
        Problems.assertProblem(uploadRaw(bomb, "image/png", null), 422);
        Problems.assertProblem(uploadRaw(bomb, "image/png", null), 422);
        given().when().get(MediaApi.file(Images.sha256(bomb), "full.png")).then().statusCode(404);
    }

    // ---- size -----------------------------------------------------------------------------------

    @Test
    void shouldRefuseRawBodyOver20MbWithContentLengthWith413() throws Exception {
        byte[] body = jpegLooking(21 * MB);

        HttpAnswer answer = send("POST", MEDIA, Map.of("Content-Type", "image/jpeg", "Content-Length", Integer.toString(body.length)), body, false);

        assertEquals(413, answer.status, answer.toString());
        assertProblemBody(answer, 413);
    }

    @Test
    void shouldRefuseRawBodyJustOver20MbWith413() throws Exception {
        // Past the upload limit but within the allowance for a form's part headers: the upload itself counts it.
        byte[] body = jpegLooking(20 * MB + 1);

        HttpAnswer answer = send("POST", MEDIA, Map.of("Content-Type", "image/jpeg", "Content-Length", Integer.toString(body.length)), body, false);

        assertEquals(413, answer.status, answer.toString());
        assertProblemBody(answer, 413);
    }

    @Test
    void shouldRefuseChunkedBodyOver20MbWith413() throws Exception {
        byte[] body = jpegLooking(22 * MB);

        HttpAnswer answer = send("POST", MEDIA, Map.of("Content-Type", "image/jpeg", "Transfer-Encoding", "chunked"), body, true);

        assertEquals(413, answer.status, answer.toString());
        assertProblemBody(answer, 413);
    }

    @Test
    void shouldRefuseFormWithFileOver20MbWith413() {
        byte[] body = jpegLooking(20 * MB + 10);

        Problems.assertProblem(uploadForm(body, "huge.jpg", "image/jpeg", Map.of()), 413);
    }

    @Test
    void shouldNotApplyJsonBodyLimitToUploads() {
        byte[] png = Images.png(1000, 800, seed());
        assertTrue(png.length > MB, "fixture over the 1 MB JSON limit: " + png.length);

        uploadRaw(png, "image/png", null).then().statusCode(201).body("sha256", equalTo(Images.sha256(png)));
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Random bytes that start like a JPEG, so only their size can be refused. */
    private static byte[] jpegLooking(int size) {
        byte[] bytes = new byte[size];
        new Random(seed()).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    private static void assertProblemBody(HttpAnswer answer, int status) throws IOException {
        String type = answer.headers.getOrDefault("content-type", "");
        assertTrue(type.startsWith(Problems.PROBLEM_JSON), "problem content type, got " + answer);
        JsonNode problem = new ObjectMapper().readTree(answer.body);
        assertEquals(status, problem.path("status").asInt(), answer.toString());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail") && problem.hasNonNull("type"), answer.toString());
    }

    /** A status, headers (lower-case names) and body, as read off the socket. */
    record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            return status + " " + headers + " " + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request over a plain socket as the admin, the body written on another thread so that a
     * server answering before it has read everything (as it should, past the limit) is heard while the
     * client is still writing. Write errors after the answer has come (a closed connection) are expected.
     */
    private static HttpAnswer send(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + RestAssured.port);
            all.put("Authorization", "Bearer " + Callers.ADMIN_TOKEN);
            all.putAll(headers);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    int step = 64 * 1024;
                    for (int at = 0; at < body.length; at += step) {
                        int n = Math.min(step, body.length - at);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, at, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading after its answer: expected past the limit
                }
            });
            try {
                return read(socket.getInputStream());
            } finally {
                writing.cancel(true);
            }
        }
    }

    private static HttpAnswer read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                all.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new HttpAnswer(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("connection closed before a full answer");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

}
