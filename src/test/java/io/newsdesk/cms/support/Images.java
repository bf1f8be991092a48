package io.newsdesk.cms.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image fixtures made in memory, with ImageIO or byte by byte: no external tool is needed. Every
 * picture is drawn from a seed (gradients, shapes and noise), so its bytes are unique per seed and its
 * size is that of a real photo rather than of a flat colour; the hostile ones (a pixel bomb, SVG with a
 * script, truncated and corrupt files) are built to be exactly as hostile as their names say.
 */
public final class Images {

    /** What {@link #jpegWithExif} writes, so tests can look for it in what the service serves. */
    public static final String EXIF_ARTIST = "Jane Doe";
    public static final String EXIF_COPYRIGHT = "© Newsdesk Photo";
    public static final String EXIF_MAKE = "NewsCam";
    public static final String EXIF_MODEL = "NC-9000 Pro";
    public static final String EXIF_SERIAL = "SN-123456789";
    public static final String EXIF_OWNER = "Jane Doe Photography Ltd";

    static {
        // The WebP writer and the TwelveMonkeys readers register through the class loader that sees the test's jars.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Images.class.getClassLoader());
        try {
            ImageIO.setUseCache(false);
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Images() {
    }

    // ---- ordinary images ------------------------------------------------------------------------

    /** A picture of the size drawn from the seed: a gradient, some shapes and per-pixel noise. */
    public static BufferedImage picture(int width, int height, long seed, boolean alpha) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new java.awt.GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
                    new Color(random.nextInt(0xFFFFFF))));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), alpha ? 160 + random.nextInt(96) : 255));
                int x = random.nextInt(Math.max(1, width));
                int y = random.nextInt(Math.max(1, height));
                int w = 1 + random.nextInt(Math.max(1, width / 3));
                int h = 1 + random.nextInt(Math.max(1, height / 3));
                if (random.nextBoolean()) {
                    g.fillOval(x, y, w, h);
                } else {
                    g.fillRect(x, y, w, h);
                }
            }
        } finally {
            g.dispose();
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                int n = random.nextInt(49) - 24;
                int r = clamp(((argb >> 16) & 0xFF) + n);
                int gr = clamp(((argb >> 8) & 0xFF) + n);
                int b = clamp((argb & 0xFF) + n);
                image.setRGB(x, y, (argb & 0xFF000000) | (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(picture(width, height, seed, false), "image/jpeg", 0.85f);
    }

    public static byte[] png(int width, int height, long seed) {
        return encode(picture(width, height, seed, false), "image/png", null);
    }

    /** A PNG with an alpha channel. */
    public static byte[] pngWithAlpha(int width, int height, long seed) {
        return encode(picture(width, height, seed, true), "image/png", null);
    }

    public static byte[] gif(int width, int height, long seed) {
        return encode(picture(width, height, seed, false), "image/gif", null);
    }

    public static byte[] webp(int width, int height, long seed) {
        return encode(picture(width, height, seed, false), "image/webp", 0.8f);
    }

    /** Writes the image with the first ImageIO writer for the type, lossy ones at the quality. */
    public static byte[] encode(BufferedImage image, String mimeType, Float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mimeType);
        if (!writers.hasNext()) {
            throw new IllegalStateException("No ImageIO writer for " + mimeType);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (param.getCompressionTypes() != null && param.getCompressionTypes().length > 0) {
                    // The WebP writer asks for lossy or lossless; lossy is the one with a quality.
                    String lossy = Arrays.stream(param.getCompressionTypes())
                            .filter(t -> t.toLowerCase(Locale.ROOT).contains("lossy")).findFirst()
                            .orElse(param.getCompressionTypes()[0]);
                    param.setCompressionType(lossy);
                }
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // ---- JPEG with embedded metadata ------------------------------------------------------------

    /**
     * A JPEG whose only APP segment is a hand-built EXIF block: Orientation, Make, Model, Artist
     * ({@value #EXIF_ARTIST}), Copyright, an EXIF sub-IFD with BodySerialNumber ({@value #EXIF_SERIAL})
     * and CameraOwnerName, and a GPS IFD placing the camera at 48°51'24"N 2°21'3"E. The pixels are
     * stored {@code width × height}; the orientation says how to turn them upright.
     */
    public static byte[] jpegWithExif(int width, int height, long seed, int orientation) {
        return withExif(jpeg(width, height, seed), orientation);
    }

    /** The JPEG with the EXIF block of {@link #jpegWithExif} in place of its JFIF header. */
    public static byte[] withExif(byte[] jpeg, int orientation) {
        return withSegments(jpeg, List.of(app1Exif(orientation)));
    }

    /**
     * A JPEG with an APP13 Photoshop 3.0 block holding IPTC-IIM: By-line (2:80), Credit (2:110) and
     * Caption/Abstract (2:120), in UTF-8 (1:90). A null value leaves its dataset out.
     */
    public static byte[] jpegWithIptc(int width, int height, long seed, String byLine, String credit, String caption) {
        return withSegments(jpeg(width, height, seed), List.of(app13Iptc(byLine, credit, caption)));
    }

    /** The JPEG with its JFIF APP0 (if any) replaced by the given segments, right after SOI. */
    public static byte[] withSegments(byte[] jpeg, List<byte[]> segments) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int rest = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            rest = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 1024);
        out.write(jpeg, 0, 2);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.write(jpeg, rest, jpeg.length - rest);
        return out.toByteArray();
    }

    /** An APP1 segment: "Exif\0\0" and a little-endian TIFF structure. */
    static byte[] app1Exif(int orientation) {
        // IFD0, then the EXIF sub-IFD, then the GPS IFD, each followed by its out-of-line values.
        List<Entry> exif = List.of(
                Entry.ascii(0xA430, EXIF_OWNER),
                Entry.ascii(0xA431, EXIF_SERIAL));
        List<Entry> gps = List.of(
                new Entry(0x0000, 1, 4, new byte[] { 2, 3, 0, 0 }), // GPSVersionID
                Entry.ascii(0x0001, "N"),
                Entry.rationals(0x0002, 48, 1, 51, 1, 2400, 100),
                Entry.ascii(0x0003, "E"),
                Entry.rationals(0x0004, 2, 1, 21, 1, 300, 100));
        List<Entry> ifd0 = new ArrayList<>(List.of(
                Entry.ascii(0x010F, EXIF_MAKE),
                Entry.ascii(0x0110, EXIF_MODEL),
                Entry.shortValue(0x0112, orientation),
                Entry.ascii(0x013B, EXIF_ARTIST),
                Entry.ascii(0x8298, EXIF_COPYRIGHT),
                Entry.longValue(0x8769, 0),
                Entry.longValue(0x8825, 0)));
        int ifd0At = 8;
        int exifAt = ifd0At + Entry.length(ifd0);
        int gpsAt = exifAt + Entry.length(exif);
        ifd0.set(5, Entry.longValue(0x8769, exifAt));
        ifd0.set(6, Entry.longValue(0x8825, gpsAt));
        ByteBuffer tiff = ByteBuffer.allocate(gpsAt + Entry.length(gps)).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0At);
        Entry.write(tiff, ifd0, ifd0At);
        Entry.write(tiff, exif, exifAt);
        Entry.write(tiff, gps, gpsAt);
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        return segment(0xE1, concat(header, tiff.array()));
    }

    /** An APP13 segment: "Photoshop 3.0\0" and one 8BIM resource 0x0404 holding the IPTC-IIM datasets. */
    static byte[] app13Iptc(String byLine, String credit, String caption) {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        dataset(iim, 1, 90, new byte[] { 0x1B, '%', 'G' }); // coded character set: UTF-8
        dataset(iim, 2, 0, new byte[] { 0, 4 }); // record version
        if (byLine != null) {
            dataset(iim, 2, 80, byLine.getBytes(StandardCharsets.UTF_8));
        }
        if (credit != null) {
            dataset(iim, 2, 110, credit.getBytes(StandardCharsets.UTF_8));
        }
        if (caption != null) {
            dataset(iim, 2, 120, caption.getBytes(StandardCharsets.UTF_8));
        }
        byte[] data = iim.toByteArray();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1));
        block.writeBytes("8BIM".getBytes(StandardCharsets.ISO_8859_1));
        block.write(0x04);
        block.write(0x04);
        block.write(0); // empty Pascal name, padded to an even length
        block.write(0);
        block.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        block.writeBytes(data);
        if (data.length % 2 == 1) {
            block.write(0);
        }
        return segment(0xED, block.toByteArray());
    }

    private static void dataset(ByteArrayOutputStream out, int record, int number, byte[] value) {
        out.write(0x1C);
        out.write(record);
        out.write(number);
        out.write((value.length >> 8) & 0xFF);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    private static byte[] segment(int marker, byte[] payload) {
        int length = payload.length + 2;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("segment too long");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 2);
        out.write(0xFF);
        out.write(marker);
        out.write((length >> 8) & 0xFF);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** One TIFF IFD entry: tag, type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL), count and little-endian value bytes. */
    record Entry(int tag, int type, int count, byte[] value) {

        static Entry ascii(int tag, String text) {
            byte[] b = (text + "\0").getBytes(StandardCharsets.UTF_8);
            return new Entry(tag, 2, b.length, b);
        }

        static Entry shortValue(int tag, int v) {
            return new Entry(tag, 3, 1, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
        }

        static Entry longValue(int tag, int v) {
            return new Entry(tag, 4, 1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        /** RATIONALs from numerator, denominator pairs. */
        static Entry rationals(int tag, int... parts) {
            ByteBuffer b = ByteBuffer.allocate(parts.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int p : parts) {
                b.putInt(p);
            }
            return new Entry(tag, 5, parts.length / 2, b.array());
        }

        int outOfLine() {
            return value.length <= 4 ? 0 : value.length + (value.length % 2);
        }

        /** Bytes the IFD takes with its out-of-line values. */
        static int length(List<Entry> entries) {
            return 2 + 12 * entries.size() + 4 + entries.stream().mapToInt(Entry::outOfLine).sum();
        }

        /** Writes the IFD at {@code at} (an offset from the TIFF header), its long values right after it; no next IFD. */
        static void write(ByteBuffer tiff, List<Entry> entries, int at) {
            tiff.position(at);
            tiff.putShort((short) entries.size());
            int data = at + 2 + 12 * entries.size() + 4;
            for (Entry e : entries) {
                tiff.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
                if (e.value.length <= 4) {
                    tiff.put(Arrays.copyOf(e.value, 4));
                } else {
                    tiff.putInt(data);
                    int here = tiff.position();
                    tiff.position(data);
                    tiff.put(e.value);
                    tiff.position(here);
                    data += e.outOfLine();
                }
            }
            tiff.putInt(0);
            tiff.position(data);
        }
    }

    // ---- hostile files --------------------------------------------------------------------------

    /**
     * A valid PNG of a few hundred bytes whose IHDR claims {@code width × height} pixels (the "pixel bomb"):
     * correct CRCs, one small IDAT of zlib data (a few rows of zeros) and IEND. Decoding it would need
     * gigabytes; its header alone says it is too large.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(buffer, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A small real JPEG whose frame header (SOF) is rewritten to claim {@code width × height}. */
    public static byte[] jpegClaiming(int width, int height, long seed) {
        byte[] jpeg = jpeg(64, 48, seed);
        int i = 2;
        while (i + 4 <= jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xC3) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
            i += 2 + length;
        }
        throw new IllegalStateException("no SOF in the JPEG");
    }

    /**
     * An extended WebP (VP8X) whose canvas claims {@code width × height}, carrying the small lossy frame of a
     * real 16 × 16 WebP: a few hundred bytes that would decode to a huge canvas.
     */
    public static byte[] webpClaiming(int width, int height, long seed) {
        byte[] small = webp(16, 16, seed);
        byte[] frame = Arrays.copyOfRange(small, 12, small.length); // the VP8 chunk after "RIFF" size "WEBP"
        ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
        int w = width - 1;
        int h = height - 1;
        vp8x.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
        vp8x.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        ByteBuffer riff = ByteBuffer.allocate(12 + 18 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 18 + frame.length).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        riff.put(vp8x.array()).put(frame);
        return riff.array();
    }

    /** A 16-bit grayscale PNG (the JDK decodes it to an unusual raster type). */
    public static byte[] png16BitGray(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        Random random = new Random(seed);
        short[] data = ((java.awt.image.DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) ((i % width) * 65535 / Math.max(1, width - 1) ^ random.nextInt(4096));
        }
        return encode(image, "image/png", null);
    }

    /** A grayscale JPEG (one component). */
    public static byte[] jpegGray(int width, int height, long seed) {
        BufferedImage color = picture(width, height, seed, false);
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.drawImage(color, 0, 0, null);
        } finally {
            g.dispose();
        }
        return encode(gray, "image/jpeg", 0.85f);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** An SVG document that runs a script when opened in a browser. */
    public static byte[] svgWithScript() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\" viewBox=\"0 0 100 100\">\n"
                + "  <script type=\"text/javascript\">alert(document.cookie)</script>\n"
                + "  <rect width=\"100\" height=\"100\" fill=\"red\" onload=\"alert(1)\"/>\n"
                + "</svg>\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The first half of the file: a JPEG cut off in the middle of its image data. */
    public static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, image.length / 2);
    }

    /**
     * The JPEG with its headers (tables, frame, scan header) intact and its entropy-coded data replaced
     * by random bytes of the same length, ending in EOI: a file that announces a valid image and holds none.
     */
    public static byte[] corrupt(byte[] jpeg, long seed) {
        int sos = scanData(jpeg);
        byte[] out = jpeg.clone();
        Random random = new Random(seed);
        for (int i = sos; i < out.length - 2; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        out[out.length - 2] = (byte) 0xFF;
        out[out.length - 1] = (byte) 0xD9;
        return out;
    }

    /** Where the first scan's entropy-coded data starts: just after the SOS segment. */
    static int scanData(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("not a JPEG marker at " + i);
            }
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xDA) {
                return i + 2 + length;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOS in the JPEG");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The SHA-256 of the bytes, in lower-case hex, as the service names items. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes bytes with ImageIO; fails when no reader takes them. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("No ImageIO reader decodes these " + bytes.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
