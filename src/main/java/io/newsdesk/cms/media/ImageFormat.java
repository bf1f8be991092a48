package io.newsdesk.cms.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The raster formats the library accepts, recognised by their first bytes (their magic numbers), never by name. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", List.of("jpg", "jpeg", "jpe", "jfif")),
    PNG("image/png", "png", List.of("png")),
    GIF("image/gif", "gif", List.of("gif")),
    WEBP("image/webp", "webp", List.of("webp"));

    /** How many leading bytes {@link #sniff} needs. */
    public static final int HEAD = 16;

    private final String contentType;
    private final String extension;
    private final List<String> extensions;

    ImageFormat(String contentType, String extension, List<String> extensions) {
        this.contentType = contentType;
        this.extension = extension;
        this.extensions = extensions;
    }

    public String contentType() {
        return contentType;
    }

    /** The extension of the files the service writes in this format. */
    public String extension() {
        return extension;
    }

    public boolean hasExtension(String ext) {
        return extensions.contains(ext.toLowerCase(Locale.ROOT));
    }

    public static Optional<ImageFormat> ofExtension(String ext) {
        return Arrays.stream(values()).filter(f -> f.hasExtension(ext)).findFirst();
    }

    public static Optional<ImageFormat> ofContentType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("image/jpg") || t.equals("image/pjpeg")) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(f -> f.contentType.equals(t)).findFirst();
    }

    /** The format the bytes start with, if it is one of ours. */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (starts(head, length, 'G', 'I', 'F', '8') && length >= 6 && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of(GIF);
        }
        if (starts(head, length, 'R', 'I', 'F', 'F') && length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** Whether the bytes look like SVG or other XML/HTML markup, which is refused however it is named. */
    public static boolean looksLikeMarkup(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1).replace("\u00ef\u00bb\u00bf", "").stripLeading();
        return text.startsWith("<");
    }

    private static boolean starts(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
