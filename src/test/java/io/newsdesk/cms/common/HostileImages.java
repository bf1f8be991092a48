package io.newsdesk.cms.common;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import io.newsdesk.cms.common.HostileValues.Fragment;

/**
 * Image bodies for the upload operations (a request body of {@code type: string, format: binary} or a
 * multipart form with such a part): small valid images made in memory with ImageIO, the hostile files
 * an upload must refuse with a problem (markup with a script, a type its bytes contradict, truncated,
 * corrupt, a pixel bomb), and multipart bodies built byte by byte, so malformed ones can be sent too.
 */
final class HostileImages {

    /** The boundary of the multipart bodies built here. */
    static final String BOUNDARY = "hostile-boundary-7MA4YWxkTrZu0gW";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    /** What a form may carry around its file beyond the upload limit (BodyLimit.MULTIPART_ALLOWANCE). */
    static final long MULTIPART_ALLOWANCE = 64 * 1024;

    /** One fixed valid PNG: the same bytes every time, so uploading it again gives back the existing item. */
    static final byte[] VALID_PNG = png(new Random(HostileValues.SEED));
    private static final AtomicLong NEXT = new AtomicLong();

    private HostileImages() {
    }

    /**
     * A new 8 × 8 PNG of random pixels: bytes no other upload of this run has sent (the library keeps one
     * item per content). The seeds follow from the fixed seed, so every run makes the same images.
     */
    static byte[] uniquePng() {
        return png(new Random(HostileValues.SEED + NEXT.incrementAndGet()));
    }

    static byte[] png(Random random) {
        return encode(pixels(random), "png");
    }

    static byte[] jpeg(Random random) {
        return encode(pixels(random), "jpeg");
    }

    private static BufferedImage pixels(Random random) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether a request body of this schema is a file: {@code type: string, format: binary}. */
    static boolean isBinary(com.fasterxml.jackson.databind.JsonNode schema) {
        return schema != null && "string".equals(schema.path("type").asText()) && "binary".equals(schema.path("format").asText());
    }

    static boolean isMultipart(String mediaType) {
        return mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    // ---- hostile files ----------------------------------------------------------------------------

    /**
     * Files an upload must refuse with a 4xx problem, whatever type they are declared as: nothing, NUL
     * bytes, random bytes, SVG and HTML with scripts, a JSON document, a PNG signature alone, a PNG cut in
     * half, a PNG whose image data is broken, and a valid PNG whose header claims 100,000 × 100,000 pixels.
     */
    static List<Fragment> files(Random random) {
        List<Fragment> out = new ArrayList<>();
        byte[] noise = new byte[600];
        random.nextBytes(noise);
        out.add(Fragment.raw("empty", new byte[0]));
        out.add(Fragment.raw("only-nul", new byte[] { 0, 0, 0, 0 }));
        out.add(Fragment.raw("random-bytes", noise));
        out.add(Fragment.raw("svg-with-script", svgWithScript()));
        out.add(Fragment.raw("svg-with-bom", HostileValues.concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, svgWithScript())));
        out.add(Fragment.raw("html-script", "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
        out.add(Fragment.raw("json", "{\"title\":\"not an image\"}".getBytes(StandardCharsets.UTF_8)));
        out.add(Fragment.raw("png-signature-only", Arrays.copyOf(VALID_PNG, 8)));
        out.add(Fragment.raw("png-truncated", Arrays.copyOf(VALID_PNG, VALID_PNG.length / 2)));
        out.add(Fragment.raw("png-corrupt-data", corrupt(png(random), random)));
        out.add(Fragment.raw("png-pixel-bomb", pngClaiming(100_000, 100_000)));
        out.add(Fragment.raw("gif-signature-then-noise", HostileValues.concat("GIF89a".getBytes(StandardCharsets.ISO_8859_1), noise)));
        return out;
    }

    static byte[] svgWithScript() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">"
                + "<script>alert(document.cookie)</script><rect width=\"8\" height=\"8\" onload=\"alert(1)\"/></svg>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The PNG with every byte after its IHDR chunk but the last chunk (IEND) replaced by random ones. */
    private static byte[] corrupt(byte[] png, Random random) {
        byte[] out = png.clone();
        for (int i = 33; i < out.length - 12; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    /** A well-formed PNG of a few hundred bytes whose IHDR claims {@code width × height} pixels. */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] data = new byte[1024];
        int n = deflater.deflate(data);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(data, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    // ---- multipart --------------------------------------------------------------------------------

    /** One part of a form: a text field when filename and contentType are null. */
    record Part(String name, String filename, String contentType, byte[] content) {

        static Part text(String name, byte[] value) {
            return new Part(name, null, null, value);
        }

        static Part text(String name, String value) {
            return text(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The form as bytes, between {@link #BOUNDARY} lines, closed unless {@code closed} is false. */
    static byte[] multipart(List<Part> parts, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(p.name()).append('"');
            if (p.filename() != null) {
                head.append("; filename=\"").append(p.filename()).append('"');
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (closed) {
            out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** The text a fragment stands for in a form field: its string, or its raw bytes without JSON quotes. */
    static byte[] fieldValue(Fragment f) {
        if (f.text() != null) {
            return f.text().getBytes(StandardCharsets.UTF_8);
        }
        byte[] json = f.json();
        if (json.length >= 2 && json[0] == '"' && json[json.length - 1] == '"') {
            return Arrays.copyOfRange(json, 1, json.length - 1);
        }
        return json;
    }
}
