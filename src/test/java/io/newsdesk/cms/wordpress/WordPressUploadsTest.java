package io.newsdesk.cms.wordpress;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.wordpress.WordPressUploads.Found;

/** Finding the files of a WordPress uploads folder, given as a directory or a zip, by the URLs of an export. */
class WordPressUploadsTest {

    private static final String SITE = "https://example.com/wp-content/uploads/";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.com/wp-content/uploads/2024/02/robot.jpg | 2024/02/robot.jpg",
            "https://cdn.example.com/wp-content/uploads/sites/3/2024/02/robot.jpg | 2024/02/robot.jpg",
            "//example.com/wp-content/uploads/2024/02/robot-300x200.jpg | 2024/02/robot-300x200.jpg",
            "https://i0.wp.com/example.com/wp-content/uploads/2024/02/robot.jpg?resize=300,200 | 2024/02/robot.jpg",
            "https://example.com/wp-content/uploads/2024/02/caf%C3%A9-300x200.jpg?w=300 | 2024/02/café-300x200.jpg",
            "https://example.com/wp-content/uploads/2024/02/robot.jpg#top | 2024/02/robot.jpg",
            "/wp-content/uploads/2024/02/robot.jpg | 2024/02/robot.jpg",
            "wp-content/uploads/2024/02/robot.jpg | 2024/02/robot.jpg",
            "https://example.com/wp-content/uploads//2024/./02/robot.jpg | 2024/02/robot.jpg",
            "https://example.com/wp-content/uploads/2024/02/a+b.jpg | 2024/02/a+b.jpg",
            "https://example.com/wp-content/uploads/2024/02/100%-done.jpg | 2024/02/100%-done.jpg",
            "https://example.com/wp-content/uploads/2024/02/%FF.jpg | 2024/02/%FF.jpg",
            "https://example.com/wp-content/uploads/2024/02/half%C3.jpg | 2024/02/half%C3.jpg",
    })
    void shouldTakeThePathUnderUploadsFromAUrl(String url, String expected) {
        assertEquals(expected, WordPressUploads.relativePath(url));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "https://example.com/2024/02/robot.jpg",
            "https://example.com/wp-content/themes/news/logo.png",
            "https://example.com/my-wp-content/uploads/2024/02/robot.jpg",
            "https://example.com/?image=/wp-content/uploads/2024/02/robot.jpg",
            "https://example.com/wp-content/uploads/",
            "https://example.com/wp-content/uploads/sites/3/",
            "https://example.com/wp-content/uploads/2024/../../../wp-config.php",
            "https://example.com/wp-content/uploads/2024/%2E%2E/%2e%2e/wp-config.php",
            "https://example.com/wp-content/uploads/2024/..%2F..%2Fwp-config.php",
            "https://example.com/wp-content/uploads/2024\\..\\..\\wp-config.php",
            "https://example.com/wp-content/uploads/2024/%5C..%5Cwp-config.php",
            "https://example.com/wp-content/uploads/2024/robot.jpg%00.php",
    })
    void shouldRefuseUrlsThatDoNotNameAFileUnderUploads(String url) {
        assertNull(WordPressUploads.relativePath(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024/02/robot-300x200.jpg | 2024/02/robot.jpg",
            "2024/02/robot-1024x683.jpeg | 2024/02/robot.jpeg",
            "2024/02/robot-scaled.jpg | 2024/02/robot.jpg",
            "2024/02/robot-rotated.png | 2024/02/robot.png",
            "2024/02/my-robot-150x150.webp | 2024/02/my-robot.webp",
            "robot-300x200.jpg | robot.jpg",
            "2024/02/robot.jpg | 2024/02/robot.jpg",
            "2024/02/1920x1080.jpg | 2024/02/1920x1080.jpg",
            "2024/02/-300x200.jpg | 2024/02/-300x200.jpg",
            "2024/02/robot-300x200 | 2024/02/robot-300x200",
            "2024/02/robot-300x200-final.jpg | 2024/02/robot-300x200-final.jpg",
            "2024/02/robot-300xabc.jpg | 2024/02/robot-300xabc.jpg",
            "2024/sizes-300x200/robot.jpg | 2024/sizes-300x200/robot.jpg",
    })
    void shouldNameTheOriginalOfASizeVariant(String variant, String original) {
        assertEquals(original, WordPressUploads.original(variant));
    }

    @Test
    void shouldFindFilesInTheUploadsFolderItselfPreferringTheOriginal() throws IOException {
        Path uploads = tmp.resolve("uploads");
        write(uploads, "2024/02/robot.jpg", "original");
        write(uploads, "2024/02/robot-300x200.jpg", "small");
        write(uploads, "2024/02/only-300x200.jpg", "variant only");

        try (WordPressUploads files = WordPressUploads.open(uploads)) {
            assertFound(files, SITE + "2024/02/robot-300x200.jpg", "2024/02/robot.jpg", "original");
            assertFound(files, SITE + "2024/02/robot.jpg", "2024/02/robot.jpg", "original");
            assertFound(files, SITE + "2024/02/only-300x200.jpg", "2024/02/only-300x200.jpg", "variant only");
            assertNull(files.whyNot(SITE + "2024/02/robot.jpg"));

            assertEquals(Optional.empty(), files.find(SITE + "2024/02/gone-300x200.jpg"));
            assertEquals("not in the uploads folder", files.whyNot(SITE + "2024/02/gone-300x200.jpg"));
            assertEquals("not a regular file", files.whyNot(SITE + "2024/02"));
            assertEquals(Optional.empty(), files.find("https://example.com/about/"));
            assertEquals("not a file under wp-content/uploads", files.whyNot("https://example.com/about/"));
        }
    }

    @Test
    void shouldFindTheUploadsFolderInASiteRootOrAWpContentFolder() throws IOException {
        Path site = tmp.resolve("site");
        write(site, "wp-content/uploads/2024/02/robot.jpg", "robot");
        write(site, "2024/02/robot.jpg", "decoy in the site root");

        for (Path given : List.of(site, site.resolve("wp-content"))) {
            try (WordPressUploads files = WordPressUploads.open(given)) {
                assertFound(files, SITE + "2024/02/robot-scaled.jpg", "2024/02/robot.jpg", "robot");
            }
        }
    }

    @Test
    void shouldRefuseLinksThatLeadOutOfTheUploadsFolder() throws IOException {
        Path uploads = tmp.resolve("uploads");
        write(uploads, "2024/02/robot.jpg", "robot");
        write(tmp, "private/secret.jpg", "secret");
        Files.createSymbolicLink(uploads.resolve("2024/02/secret.jpg"), tmp.resolve("private/secret.jpg"));
        Files.createSymbolicLink(uploads.resolve("2024/private"), tmp.resolve("private"));
        Files.createSymbolicLink(uploads.resolve("2024/02/alias.jpg"), uploads.resolve("2024/02/robot.jpg"));

        try (WordPressUploads files = WordPressUploads.open(uploads)) {
            assertEquals(Optional.empty(), files.find(SITE + "2024/02/secret.jpg"));
            assertEquals("a link to outside the uploads folder", files.whyNot(SITE + "2024/02/secret.jpg"));
            assertEquals(Optional.empty(), files.find(SITE + "2024/private/secret.jpg"));
            assertEquals("a link to outside the uploads folder", files.whyNot(SITE + "2024/private/secret.jpg"));
            assertEquals(Optional.empty(), files.find(SITE + "2024/02/../../../private/secret.jpg"));
            assertFound(files, SITE + "2024/02/alias.jpg", "2024/02/alias.jpg", "robot");
        }
    }

    @Test
    void shouldRefuseAFileLargerThanTheLimitInADirectory() throws IOException {
        Path uploads = tmp.resolve("uploads");
        write(uploads, "2024/02/ten.jpg", "0123456789");
        write(uploads, "2024/02/eleven.jpg", "0123456789A");

        try (WordPressUploads files = WordPressUploads.open(uploads, 10)) {
            assertFound(files, SITE + "2024/02/ten.jpg", "2024/02/ten.jpg", "0123456789");
            assertEquals(Optional.empty(), files.find(SITE + "2024/02/eleven.jpg"));
            assertEquals("larger than 10 bytes", files.whyNot(SITE + "2024/02/eleven.jpg"));
        }
    }

    @Test
    void shouldFallBackToTheVariantWhenTheOriginalIsTooLarge() throws IOException {
        Path uploads = tmp.resolve("uploads");
        write(uploads, "2024/02/robot.jpg", "a very large original");
        write(uploads, "2024/02/robot-300x200.jpg", "small");

        try (WordPressUploads files = WordPressUploads.open(uploads, 10)) {
            assertFound(files, SITE + "2024/02/robot-300x200.jpg", "2024/02/robot-300x200.jpg", "small");
            assertEquals("larger than 10 bytes", files.whyNot(SITE + "2024/02/robot.jpg"));
            assertEquals("larger than 10 bytes", files.whyNot(SITE + "2024/02/robot-1024x683.jpg"));
        }
    }

    @Test
    void shouldExtractFromAZipOnceAndDeleteTheCopiesOnClose() throws IOException {
        Path zip = zip("uploads.zip", UTF_8, Map.of(
                "wp-content/uploads/2024/02/robot.jpg", "original",
                "wp-content/uploads/2024/02/robot-300x200.jpg", "small",
                "wp-content/uploads/2024/02/only-300x200.jpg", "variant only",
                "wp-content/uploads/2024/02/café.jpg", "accented",
                "__MACOSX/wp-content/uploads/2024/02/._robot.jpg", "resource fork",
                "wp-content/uploads/readme.txt", "not media, still a file"));

        Path extractedTo;
        try (WordPressUploads files = WordPressUploads.open(zip)) {
            Found robot = assertFound(files, SITE + "2024/02/robot-300x200.jpg", "2024/02/robot.jpg", "original");
            assertSame(robot, files.find(SITE + "2024/02/robot.jpg").orElseThrow());
            assertSame(robot, files.find("https://cdn.example.com/wp-content/uploads/2024/02/robot-scaled.jpg?w=640")
                    .orElseThrow());
            assertFound(files, SITE + "2024/02/only-300x200.jpg", "2024/02/only-300x200.jpg", "variant only");
            assertFound(files, SITE + "2024/02/caf%C3%A9.jpg", "2024/02/café.jpg", "accented");
            assertEquals("not in the uploads folder", files.whyNot(SITE + "2024/02/._robot.jpg"));

            extractedTo = robot.file().getParent();
            assertFalse(extractedTo.startsWith(tmp));
            try (Stream<Path> copies = Files.list(extractedTo)) {
                assertEquals(3, copies.count());
            }
        }
        assertFalse(Files.exists(extractedTo));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uploads/", "wp-content/uploads/", "backup-2024/site/wp-content/uploads/", "",
            "wp-content/uploads/sites/3/"})
    void shouldFindTheFilesWhereverTheZipRootsThem(String prefix) throws IOException {
        Path zip = zip("uploads.zip", UTF_8, Map.of(prefix + "2024/02/robot.jpg", "robot", "notes.txt", "notes"));

        try (WordPressUploads files = WordPressUploads.open(zip)) {
            assertFound(files, SITE + "2024/02/robot-300x200.jpg", "2024/02/robot.jpg", "robot");
            assertEquals("not in the uploads folder", files.whyNot(SITE + "notes.txt"));
        }
    }

    @Test
    void shouldIgnoreZipEntriesThatWouldLeadOutOfTheFolder() throws IOException {
        Path zip = zip("slip.zip", UTF_8, Map.of(
                "../../evil.jpg", "evil",
                "wp-content/uploads/../../evil2.jpg", "evil",
                "2024/../../evil3.jpg", "evil",
                "../../wp-content/uploads/2024/02/evil4.jpg", "evil",
                "/wp-content/uploads/2024/02/absolute.jpg", "evil",
                "C:/wp-content/uploads/2024/02/drive.jpg", "evil",
                "2024/02/fine.jpg", "fine"));

        try (WordPressUploads files = WordPressUploads.open(zip)) {
            for (String name : List.of("evil.jpg", "evil2.jpg", "evil3.jpg", "../evil3.jpg", "2024/02/evil4.jpg",
                    "2024/02/absolute.jpg", "2024/02/drive.jpg")) {
                assertEquals(Optional.empty(), files.find(SITE + name), name);
            }
            Found fine = assertFound(files, SITE + "2024/02/fine.jpg", "2024/02/fine.jpg", "fine");
            try (Stream<Path> copies = Files.list(fine.file().getParent())) {
                assertEquals(List.of(fine.file()), copies.toList());
            }
        }
        try (Stream<Path> left = Files.walk(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("evil")).toList());
        }
    }

    @Test
    void shouldRefuseAZipEntryLargerThanTheLimitWhateverItsHeaderSays() throws IOException {
        byte[] zeros = new byte[1024 * 1024];
        Path zip = tmp.resolve("bomb.zip");
        Files.write(zip, claimSize(zipBytes(UTF_8, Map.of(
                "2024/02/bomb.jpg", zeros,
                "2024/02/honest.jpg", new byte[2000],
                "2024/02/small.jpg", "small".getBytes(UTF_8))), "2024/02/bomb.jpg", 10));

        try (WordPressUploads files = WordPressUploads.open(zip, 1000)) {
            Found small = assertFound(files, SITE + "2024/02/small.jpg", "2024/02/small.jpg", "small");
            assertEquals(Optional.empty(), files.find(SITE + "2024/02/bomb.jpg"));
            assertEquals("larger than 1000 bytes", files.whyNot(SITE + "2024/02/bomb.jpg"));
            assertEquals(Optional.empty(), files.find(SITE + "2024/02/honest.jpg"));
            assertEquals("larger than 1000 bytes", files.whyNot(SITE + "2024/02/honest.jpg"));
            try (Stream<Path> copies = Files.list(small.file().getParent())) {
                assertEquals(List.of(small.file()), copies.toList());
            }
        }
    }

    @Test
    void shouldKnowAZipByItsContentNotItsName() throws IOException {
        Path zip = zip("uploads.bin", UTF_8, Map.of("uploads/2024/02/robot.jpg", "robot"));
        Path notZip = write(tmp, "uploads.zip", "just text");

        try (WordPressUploads files = WordPressUploads.open(zip)) {
            assertFound(files, SITE + "2024/02/robot.jpg", "2024/02/robot.jpg", "robot");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordPressUploads.open(notZip));
        assertEquals(notZip + " is neither a directory nor a zip file", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WordPressUploads.open(tmp.resolve("missing.zip")));
    }

    @Test
    void shouldReadAZipWhoseNamesAreNotUtf8() throws IOException {
        Path zip = zip("latin1.zip", ISO_8859_1, Map.of(
                "wp-content/uploads/2024/02/café.jpg", "accented",
                "wp-content/uploads/2024/02/robot.jpg", "robot"));

        try (WordPressUploads files = WordPressUploads.open(zip)) {
            assertFound(files, SITE + "2024/02/robot.jpg", "2024/02/robot.jpg", "robot");
        }
    }

    @Test
    void shouldRefuseLookupsOnceClosed() throws IOException {
        WordPressUploads files = WordPressUploads.open(zip("uploads.zip", UTF_8, Map.of("2024/02/robot.jpg", "robot")));
        files.close();
        files.close();
        assertThrows(IllegalStateException.class, () -> files.find(SITE + "2024/02/robot.jpg"));
    }

    private static Found assertFound(WordPressUploads files, String url, String relativePath, String content)
            throws IOException {
        Found found = files.find(url).orElseThrow(() -> new AssertionError(url + ": " + files.whyNot(url)));
        assertEquals(relativePath, found.relativePath());
        assertEquals(content, Files.readString(found.file()));
        assertEquals(content.getBytes(UTF_8).length, found.size());
        assertTrue(Files.isRegularFile(found.file()));
        return found;
    }

    private static Path write(Path root, String relativePath, String content) throws IOException {
        Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path zip(String name, Charset names, Map<String, String> entries) throws IOException {
        Map<String, byte[]> bytes = new TreeMap<>();
        entries.forEach((entry, content) -> bytes.put(entry, content.getBytes(UTF_8)));
        return Files.write(tmp.resolve(name), zipBytes(names, bytes));
    }

    private static byte[] zipBytes(Charset names, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, names)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The zip with the uncompressed size that its central directory gives for one entry replaced by a lie. */
    private static byte[] claimSize(byte[] zip, String entry, int size) {
        byte[] name = entry.getBytes(UTF_8);
        for (int at = 0; at + 46 + name.length <= zip.length; at++) {
            boolean central = zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 1 && zip[at + 3] == 2;
            int nameLength = central ? (zip[at + 28] & 0xff) | (zip[at + 29] & 0xff) << 8 : -1;
            if (nameLength == name.length
                    && Arrays.equals(zip, at + 46, at + 46 + nameLength, name, 0, name.length)) {
                for (int i = 0; i < 4; i++) {
                    zip[at + 24 + i] = (byte) (size >>> 8 * i);
                }
                return zip;
            }
        }
        throw new AssertionError("no central directory record for " + entry);
    }
}
