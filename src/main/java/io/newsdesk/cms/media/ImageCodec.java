package io.newsdesk.cms.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.luciad.imageio.webp.WebPWriteParam;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Decoding, orienting, scaling and encoding, on well-kept ImageIO plug-ins: TwelveMonkeys for JPEG and
 * WebP decoding, the JDK for PNG and GIF, the libwebp-based writer for WebP. Memory stays bounded: the
 * size is read from the header first, and a large image is decoded with source subsampling (the reader
 * skips pixels as it goes), so no more than {@link #DECODE_BUDGET_PIXELS} pixels are ever held for one image.
 */
public final class ImageCodec {

    /** The most pixels one decoded image may have; larger sources are subsampled while they are read. */
    public static final long DECODE_BUDGET_PIXELS = 16_000_000L;

    static {
        // Plug-ins register through the class loader that sees the application's jars.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ImageCodec.class.getClassLoader());
        try {
            ImageIO.setUseCache(false);
            ImageIO.scanForPlugins();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** An image's size as its header states it. */
    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    private ImageCodec() {
    }

    /** The width and height the file's header declares, read without decoding any pixel. */
    public static Size headerSize(Path file, ImageFormat format) throws IOException {
        ImageReader reader = reader(format);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            return new Size(reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes the first frame, subsampled so that it holds at most {@link #DECODE_BUDGET_PIXELS}. A decoder's
     * warning that data ended early (a truncated JPEG is otherwise filled with grey) fails the decode.
     */
    public static BufferedImage decode(Path file, ImageFormat format, Size size) throws IOException {
        ImageReader reader = reader(format);
        AtomicReference<String> cutOff = new AtomicReference<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, message) -> {
                String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
                if (m.contains("truncated") || m.contains("premature end") || m.contains("missing eoi")) {
                    cutOff.compareAndSet(null, message);
                }
            });
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(size);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (cutOff.get() != null) {
                throw new IOException(cutOff.get());
            }
            return image;
        } finally {
            reader.dispose();
        }
    }

    /** The smallest whole-number step that brings the image within the decode budget. */
    static int subsampling(Size size) {
        int step = 1;
        while (ceilDiv(size.width(), step) * ceilDiv(size.height(), step) > DECODE_BUDGET_PIXELS) {
            step++;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Whether the container ends as a complete file of its format does (decoders of some formats accept a cut-off file silently). */
    public static boolean looksComplete(Path file, ImageFormat format) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            switch (format) {
                case PNG -> {
                    byte[] tail = tail(raf, 64);
                    return new String(tail, java.nio.charset.StandardCharsets.ISO_8859_1).contains("IEND");
                }
                case GIF -> {
                    byte[] tail = tail(raf, 16);
                    for (int i = tail.length - 1; i >= 0; i--) {
                        if (tail[i] == 0x3B) {
                            return true;
                        }
                        if (tail[i] != 0 && tail[i] != '\n' && tail[i] != '\r') {
                            return false;
                        }
                    }
                    return false;
                }
                case WEBP -> {
                    if (length < 12) {
                        return false;
                    }
                    raf.seek(4);
                    long riff = Integer.toUnsignedLong(Integer.reverseBytes(raf.readInt()));
                    return riff + 8 <= length;
                }
                default -> {
                    return true;
                }
            }
        }
    }

    private static byte[] tail(RandomAccessFile raf, int n) throws IOException {
        long length = raf.length();
        int take = (int) Math.min(n, length);
        byte[] tail = new byte[take];
        raf.seek(length - take);
        raf.readFully(tail);
        return tail;
    }

    /** Turns the pixels upright according to the EXIF orientation (1 to 8), so the file needs no orientation tag. */
    public static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, plainType(image));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Scales to exactly the given size with Thumbnailator's progressive bilinear resampling. */
    public static BufferedImage scale(BufferedImage image, int width, int height) throws IOException {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        return Thumbnails.of(image).forceSize(width, height).asBufferedImage();
    }

    /** Writes the image in the format, at the quality for lossy formats, with no metadata of any kind. */
    public static void encode(BufferedImage image, ImageFormat format, float quality, OutputStream out) throws IOException {
        ImageWriter writer = writer(format);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param;
            BufferedImage source = image;
            switch (format) {
                case JPEG -> {
                    source = withoutAlpha(image);
                    param = writer.getDefaultWriteParam();
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(quality);
                    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                }
                case WEBP -> {
                    source = plain(image);
                    WebPWriteParam webp = new WebPWriteParam(Locale.ROOT);
                    webp.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    webp.setCompressionType(webp.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
                    webp.setCompressionQuality(quality);
                    param = webp;
                }
                default -> param = writer.getDefaultWriteParam();
            }
            writer.write(null, new IIOImage(source, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static int plainType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    private static BufferedImage plain(BufferedImage image) {
        int type = plainType(image);
        if (image.getType() == type) {
            return image;
        }
        return redraw(image, type);
    }

    private static BufferedImage withoutAlpha(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        return redraw(image, BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage redraw(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (type == BufferedImage.TYPE_INT_RGB) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static ImageReader reader(ImageFormat format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            // The pure-Java TwelveMonkeys WebP decoder honours subsampling; the native one decodes everything at once.
            if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys")) {
                chosen = r;
            }
        }
        if (chosen == null) {
            throw new IOException("no decoder for " + format);
        }
        return chosen;
    }

    private static ImageWriter writer(ImageFormat format) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(format.contentType());
        if (!writers.hasNext()) {
            throw new IOException("no encoder for " + format);
        }
        return writers.next();
    }
}
