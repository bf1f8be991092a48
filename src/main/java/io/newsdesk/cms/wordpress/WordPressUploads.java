package io.newsdesk.cms.wordpress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The media files of a WordPress site ({@code wp-content/uploads}) that an admin hands over beside the export, as a
 * directory or a zip, looked up by the URLs the export uses for them.
 * <p>
 * Nothing outside the uploads folder can be reached: URLs and zip entry names with {@code ..} segments are refused,
 * and in a directory a symbolic link that leads out of it is refused. A file larger than the limit given to
 * {@link #open(Path, long)} is refused too; for a zip the bytes are counted while extracting, whatever the entry's
 * header claims.
 */
public final class WordPressUploads implements AutoCloseable {

    /** A file of the uploads folder: its path under {@code uploads/}, where to read it, and its size in bytes. */
    public record Found(String relativePath, Path file, long size) {
    }

    /** The largest file {@link #open(Path)} accepts: 64 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    static final String NOT_UNDER_UPLOADS = "not a file under wp-content/uploads";
    static final String MISSING = "not in the uploads folder";
    static final String LINK_OUTSIDE = "a link to outside the uploads folder";
    static final String NOT_A_FILE = "not a regular file";

    private static final String MARKER = "wp-content/uploads/";
    private static final Pattern SIZE_VARIANT = Pattern.compile("(.*[^/])-(?:\\d+x\\d+|scaled|rotated)(\\.[^./]+)");
    private static final Pattern MULTISITE = Pattern.compile("sites/\\d+(?:/(.+))?");
    private static final Pattern YEAR_FIRST = Pattern.compile("\\d{4}/.+");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:");
    private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};

    private final Source source;
    private final Map<String, Lookup> lookups = new HashMap<>();
    private boolean closed;

    private WordPressUploads(Source source) {
        this.source = source;
    }

    /** Opens an uploads folder or a zip of it, refusing files larger than {@link #DEFAULT_MAX_FILE_BYTES}. */
    public static WordPressUploads open(Path dirOrZip) throws IOException {
        return open(dirOrZip, DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * Opens an uploads folder or a zip of it, refusing files larger than {@code maxFileBytes}. A directory may be
     * the {@code uploads} folder itself, a {@code wp-content} folder or a site root; a zip (known by its content,
     * not its name) may hold the files under {@code uploads/}, under any {@code .../wp-content/uploads/}, or
     * directly under the year folders.
     *
     * @throws IllegalArgumentException when the path is neither a directory nor a zip file
     */
    public static WordPressUploads open(Path dirOrZip, long maxFileBytes) throws IOException {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("The largest file size must be positive, not " + maxFileBytes);
        }
        if (Files.isDirectory(dirOrZip)) {
            return new WordPressUploads(new Folder(uploadsRoot(dirOrZip), maxFileBytes));
        }
        if (isZip(dirOrZip)) {
            return new WordPressUploads(Archive.open(dirOrZip, maxFileBytes));
        }
        throw new IllegalArgumentException(Files.exists(dirOrZip)
                ? dirOrZip + " is neither a directory nor a zip file"
                : dirOrZip + " does not exist");
    }

    /**
     * The path under {@code uploads/} that a URL names ({@code 2024/02/café-300x200.jpg}), or null when it does not
     * point into {@code wp-content/uploads/} or would lead out of it. Scheme, host, query and fragment are dropped,
     * the path is percent-decoded as UTF-8 (kept as written when that fails), and a multisite {@code sites/N/}
     * prefix is dropped.
     */
    public static String relativePath(String url) {
        if (url == null) {
            return null;
        }
        String path = url.strip();
        int end = firstIndexOf(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        int at = path.indexOf(MARKER);
        while (at > 0 && path.charAt(at - 1) != '/') {
            at = path.indexOf(MARKER, at + 1);
        }
        return at < 0 ? null : clean(percentDecoded(path.substring(at + MARKER.length())));
    }

    /**
     * The path of the full-size file that a size variant WordPress made was made from: {@code -300x200},
     * {@code -scaled} or {@code -rotated} before the extension is dropped ({@code 2024/02/robot-300x200.jpg} gives
     * {@code 2024/02/robot.jpg}); any other path comes back unchanged.
     */
    public static String original(String relativePath) {
        Matcher variant = SIZE_VARIANT.matcher(relativePath);
        return variant.matches() ? variant.group(1) + variant.group(2) : relativePath;
    }

    /**
     * The file a URL names, preferring the full-size {@link #original} of a size variant and falling back to the
     * variant itself when the original is missing or refused. Asking again for the same file answers the same
     * {@link Found} without reading it again. {@link #whyNot} tells why the answer is empty.
     *
     * @throws IllegalStateException when closed
     */
    public synchronized Optional<Found> find(String url) {
        return Optional.ofNullable(lookUp(url).found());
    }

    /**
     * Why {@link #find} finds nothing for a URL, in a few words for the import report (such as
     * {@code not in the uploads folder} or {@code larger than 1048576 bytes}); null when it finds the file.
     *
     * @throws IllegalStateException when closed
     */
    public synchronized String whyNot(String url) {
        return lookUp(url).reason();
    }

    /** Closes the zip and deletes the files extracted from it; the {@link Found} files of a zip are gone after. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    private Lookup lookUp(String url) {
        if (closed) {
            throw new IllegalStateException("The uploads are closed");
        }
        String exact = relativePath(url);
        if (exact == null) {
            return Lookup.refused(NOT_UNDER_UPLOADS);
        }
        String original = original(exact);
        Lookup first = lookups.computeIfAbsent(original, source::lookUp);
        if (first.found() != null || original.equals(exact)) {
            return first;
        }
        Lookup second = lookups.computeIfAbsent(exact, source::lookUp);
        return second.found() != null || first.reason().equals(MISSING) ? second : first;
    }

    private static int firstIndexOf(String text, char a, char b) {
        int ia = text.indexOf(a);
        int ib = text.indexOf(b);
        return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
    }

    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] in = text.getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                return text;
            }
            out.write(high << 4 | low);
            i += 2;
        }
        try {
            return UTF_8.newDecoder().decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return text;
        }
    }

    /** The path with empty and {@code .} segments and a {@code sites/N/} prefix dropped; null when unsafe or empty. */
    private static String clean(String path) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.append(kept.isEmpty() ? "" : "/").append(segment);
            }
        }
        Matcher multisite = MULTISITE.matcher(kept);
        String cleaned = multisite.matches() ? multisite.group(1) : kept.toString();
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
    }

    private static Path uploadsRoot(Path dir) throws IOException {
        for (String child : List.of("wp-content/uploads", "uploads")) {
            if (Files.isDirectory(dir.resolve(child))) {
                return dir.resolve(child).toRealPath();
            }
        }
        return dir.toRealPath();
    }

    private static boolean isZip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return Arrays.equals(head, ZIP_ENTRY) || Arrays.equals(head, EMPTY_ZIP);
        }
    }

    private static String tooLarge(long maxFileBytes) {
        return "larger than " + maxFileBytes + " bytes";
    }

    private static String unreadable(IOException e) {
        return "unreadable: " + e.getMessage();
    }

    /** What looking up one relative path gave: the file, or why not. */
    private record Lookup(Found found, String reason) {
        static Lookup of(Found found) {
            return new Lookup(found, null);
        }

        static Lookup refused(String reason) {
            return new Lookup(null, reason);
        }
    }

    private interface Source {
        Lookup lookUp(String relativePath);

        void close() throws IOException;
    }

    private record Folder(Path root, long maxFileBytes) implements Source {
        @Override
        public Lookup lookUp(String relativePath) {
            Path file = root.resolve(relativePath).normalize();
            if (!file.startsWith(root)) {
                return Lookup.refused(MISSING);
            }
            try {
                Path real = file.toRealPath();
                if (!real.startsWith(root)) {
                    return Lookup.refused(LINK_OUTSIDE);
                }
                if (!Files.isRegularFile(real)) {
                    return Lookup.refused(NOT_A_FILE);
                }
                long size = Files.size(real);
                return size > maxFileBytes
                        ? Lookup.refused(tooLarge(maxFileBytes))
                        : Lookup.of(new Found(relativePath, real, size));
            } catch (NoSuchFileException e) {
                return Lookup.refused(MISSING);
            } catch (IOException e) {
                return Lookup.refused(unreadable(e));
            }
        }

        @Override
        public void close() {
        }
    }

    private static final class Archive implements Source {
        private final ZipFile zip;
        private final Map<String, ZipEntry> entries;
        private final long maxFileBytes;
        private Path extractedTo;
        private int extracted;

        private Archive(ZipFile zip, Map<String, ZipEntry> entries, long maxFileBytes) {
            this.zip = zip;
            this.entries = entries;
            this.maxFileBytes = maxFileBytes;
        }

        static Archive open(Path file, long maxFileBytes) throws IOException {
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile(), UTF_8);
            } catch (ZipException e) {
                // Names not flagged as UTF-8 and not valid UTF-8 either (old Windows tools): read them byte for byte.
                zip = new ZipFile(file.toFile(), ISO_8859_1);
            }
            try {
                Map<String, ZipEntry> entries = new HashMap<>();
                zip.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> {
                    String relativePath = entryPath(entry.getName());
                    if (relativePath != null) {
                        entries.putIfAbsent(relativePath, entry);
                    }
                });
                return new Archive(zip, entries, maxFileBytes);
            } catch (RuntimeException e) {
                zip.close();
                throw e;
            }
        }

        /**
         * The path under {@code uploads/} of an entry: what follows its last {@code wp-content/uploads/}, or a
         * leading {@code uploads/}, or the whole name when it starts with a year; null for anything else, for
         * macOS metadata and for names that are absolute or have {@code ..} segments.
         */
        static String entryPath(String name) {
            if (name.startsWith("/") || DRIVE.matcher(name).lookingAt() || name.startsWith("__MACOSX/")
                    || Arrays.asList(name.split("/")).contains("..")) {
                return null;
            }
            int at = name.lastIndexOf(MARKER);
            while (at > 0 && name.charAt(at - 1) != '/') {
                at = name.lastIndexOf(MARKER, at - 1);
            }
            if (at >= 0) {
                return clean(name.substring(at + MARKER.length()));
            }
            if (name.startsWith("uploads/")) {
                return clean(name.substring("uploads/".length()));
            }
            return YEAR_FIRST.matcher(name).matches() ? clean(name) : null;
        }

        @Override
        public Lookup lookUp(String relativePath) {
            ZipEntry entry = entries.get(relativePath);
            if (entry == null) {
                return Lookup.refused(MISSING);
            }
            if (entry.getSize() > maxFileBytes) {
                return Lookup.refused(tooLarge(maxFileBytes));
            }
            Path file = null;
            try {
                file = newFile(relativePath);
                long size;
                try (InputStream in = zip.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    size = copyAtMost(in, out, maxFileBytes);
                }
                if (size < 0) {
                    Files.delete(file);
                    return Lookup.refused(tooLarge(maxFileBytes));
                }
                return Lookup.of(new Found(relativePath, file, size));
            } catch (IOException e) {
                deleteQuietly(file);
                return Lookup.refused(unreadable(e));
            }
        }

        private Path newFile(String relativePath) throws IOException {
            if (extractedTo == null) {
                extractedTo = Files.createTempDirectory("wordpress-uploads-");
            }
            String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
            return extractedTo.resolve(++extracted + "-" + name);
        }

        /** Copies the stream, or stops and answers -1 as soon as it has more than {@code limit} bytes. */
        private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
            byte[] buffer = new byte[8192];
            long copied = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (copied + n > limit) {
                    return -1;
                }
                out.write(buffer, 0, n);
                copied += n;
            }
            return copied;
        }

        private static void deleteQuietly(Path file) {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // Removed with the whole directory on close.
            }
        }

        @Override
        public void close() throws IOException {
            try {
                zip.close();
            } finally {
                if (extractedTo != null) {
                    try (Stream<Path> files = Files.walk(extractedTo)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
            }
        }
    }
}
