package io.newsdesk.cms.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newsdesk.cms.media.storage.MediaStorage.StoredObject;

/**
 * What every {@link MediaStorage} promises, whatever keeps the bytes: a subclass says how to make a fresh, empty
 * storage and a second instance configured the same way (another instance of the service), and inherits the tests.
 */
abstract class MediaStorageContract {

    private static final String JPEG = "image/jpeg";

    @TempDir
    Path sources;

    private final AtomicInteger sourceCount = new AtomicInteger();
    private final List<MediaStorage> opened = new ArrayList<>();
    private MediaStorage storage;

    /** A storage on a fresh, empty place (a directory, a bucket prefix) that only this test uses. */
    protected abstract MediaStorage openFreshStorage() throws IOException;

    /** Another storage instance configured exactly like the last fresh one, as a second instance of the service. */
    protected abstract MediaStorage openSameStorageAgain() throws IOException;

    @BeforeEach
    final void openStorage() throws IOException {
        storage = track(openFreshStorage());
    }

    @AfterEach
    final void closeStorages() throws Exception {
        for (MediaStorage s : opened) {
            if (s instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        opened.clear();
    }

    /** The storage under test. */
    protected final MediaStorage storage() {
        return storage;
    }

    @Test
    void shouldReadBackExactlyTheBytesPutWholeAndInRanges() throws IOException {
        byte[] bytes = randomBytes(10_000, 1);
        storage.put("3f/3fa4/640.jpg", source(bytes), JPEG);

        StoredObject stat = storage.stat("3f/3fa4/640.jpg").orElseThrow();
        assertEquals("3f/3fa4/640.jpg", stat.key());
        assertEquals(bytes.length, stat.size());
        assertNotNull(stat.lastModified());

        assertArrayEquals(bytes, read("3f/3fa4/640.jpg", 0, bytes.length));
        assertArrayEquals(slice(bytes, 0, 1), read("3f/3fa4/640.jpg", 0, 1));
        assertArrayEquals(slice(bytes, 1234, 4321), read("3f/3fa4/640.jpg", 1234, 4321));
        assertArrayEquals(slice(bytes, bytes.length - 1, 1), read("3f/3fa4/640.jpg", bytes.length - 1, 1));
        assertArrayEquals(slice(bytes, 5000, 5000), read("3f/3fa4/640.jpg", 5000, 5000));
    }

    @Test
    void shouldAnswerNothingForAZeroLengthRange() throws IOException {
        storage.put("a/zero.jpg", source(randomBytes(100, 2)), JPEG);

        assertArrayEquals(new byte[0], read("a/zero.jpg", 0, 0));
        assertArrayEquals(new byte[0], read("a/zero.jpg", 50, 0));
    }

    @Test
    void shouldStopAtTheEndWhenARangeRunsPastIt() throws IOException {
        byte[] bytes = randomBytes(1000, 3);
        storage.put("a/short.jpg", source(bytes), JPEG);

        assertArrayEquals(slice(bytes, 997, 3), read("a/short.jpg", 997, 10));
        assertArrayEquals(bytes, read("a/short.jpg", 0, 5000));
        assertArrayEquals(new byte[0], read("a/short.jpg", 1000, 5));
    }

    @Test
    void shouldKeepAnEmptyObject() throws IOException {
        storage.put("a/empty.bin", source(new byte[0]), "application/octet-stream");

        assertEquals(0, storage.stat("a/empty.bin").orElseThrow().size());
        assertArrayEquals(new byte[0], read("a/empty.bin", 0, 0));
    }

    @Test
    void shouldReplaceAnObjectPutAgainUnderTheSameKey() throws IOException {
        byte[] first = randomBytes(5000, 4);
        byte[] second = randomBytes(1200, 5);
        storage.put("a/b/over.jpg", source(first), JPEG);
        storage.put("a/b/over.jpg", source(second), JPEG);

        assertEquals(second.length, storage.stat("a/b/over.jpg").orElseThrow().size());
        assertArrayEquals(second, read("a/b/over.jpg", 0, first.length));
        assertEquals(List.of("a/b/over.jpg"), keys(storage.list("")));
    }

    @Test
    void shouldReportAnAbsentObjectAsMissing() throws IOException {
        storage.put("a/present.jpg", source(randomBytes(10, 6)), JPEG);

        assertEquals(Optional.empty(), storage.stat("a/absent.jpg"));
        assertEquals(Optional.empty(), storage.stat("b/absent.jpg"));
        assertThrows(NoSuchFileException.class, () -> storage.open("a/absent.jpg", 0, 10).close());
        assertThrows(NoSuchFileException.class, () -> storage.open("nowhere/absent.jpg", 5, 1).close());
    }

    @Test
    void shouldFailToPutAFileThatDoesNotExist() throws IOException {
        Path missing = sources.resolve("never-written");

        assertThrows(NoSuchFileException.class, () -> storage.put("a/missing.jpg", missing, JPEG));
        assertEquals(Optional.empty(), storage.stat("a/missing.jpg"));
    }

    @Test
    void shouldDeleteAnObjectAndTolerateDeletingItAgain() throws IOException {
        storage.put("d/e/gone.jpg", source(randomBytes(300, 7)), JPEG);
        storage.put("d/e/kept.jpg", source(randomBytes(300, 8)), JPEG);

        storage.delete("d/e/gone.jpg");

        assertEquals(Optional.empty(), storage.stat("d/e/gone.jpg"));
        assertThrows(NoSuchFileException.class, () -> storage.open("d/e/gone.jpg", 0, 1).close());
        assertDoesNotThrow(() -> storage.delete("d/e/gone.jpg"));
        assertDoesNotThrow(() -> storage.delete("never/was/there.jpg"));
        assertEquals(List.of("d/e/kept.jpg"), keys(storage.list("")));
        assertEquals(300, storage.stat("d/e/kept.jpg").orElseThrow().size());
    }

    @Test
    void shouldListOnlyKeysWithThePrefixInKeyOrder() throws IOException {
        for (String key : List.of("b.jpg", "ab/2.jpg", "ac/1.jpg", "ab1/x.jpg", "ab/1.jpg", "ab/deep/er/3.jpg")) {
            storage.put(key, source(("bytes of " + key).getBytes()), JPEG);
        }

        assertEquals(List.of("ab/1.jpg", "ab/2.jpg", "ab/deep/er/3.jpg"), keys(storage.list("ab/")));
        assertEquals(List.of("ab/1.jpg", "ab/2.jpg", "ab/deep/er/3.jpg", "ab1/x.jpg"), keys(storage.list("ab")));
        assertEquals(List.of("ab/deep/er/3.jpg"), keys(storage.list("ab/d")));
        assertEquals(List.of("ab/1.jpg", "ab/2.jpg", "ab/deep/er/3.jpg", "ab1/x.jpg", "ac/1.jpg", "b.jpg"),
                keys(storage.list("")));
        assertEquals(List.of(), storage.list("zz"));
        assertEquals(List.of(), storage.list("ab/nothing/"));

        for (StoredObject object : storage.list("")) {
            assertEquals(("bytes of " + object.key()).length(), object.size(), object.key());
            assertNotNull(object.lastModified(), object.key());
        }
    }

    @Test
    void shouldRoundTripAThreeMegabyteObject() throws IOException {
        byte[] bytes = randomBytes(3 * 1024 * 1024 + 17, 9);
        storage.put("big/original.jpg", source(bytes), JPEG);

        assertEquals(bytes.length, storage.stat("big/original.jpg").orElseThrow().size());
        assertEquals(sha256(bytes), sha256(read("big/original.jpg", 0, bytes.length)));
        int from = 1024 * 1024 - 10;
        int length = 2 * 1024 * 1024;
        assertEquals(sha256(slice(bytes, from, length)), sha256(read("big/original.jpg", from, length)));
    }

    @Test
    void shouldServeFromASecondInstanceWhatTheFirstStored() throws IOException {
        byte[] bytes = randomBytes(4096, 10);
        storage.put("shared/one.jpg", source(bytes), JPEG);

        MediaStorage other = track(openSameStorageAgain());

        assertEquals(bytes.length, other.stat("shared/one.jpg").orElseThrow().size());
        assertArrayEquals(bytes, readFrom(other, "shared/one.jpg", 0, bytes.length));
        assertArrayEquals(slice(bytes, 100, 200), readFrom(other, "shared/one.jpg", 100, 200));
        assertEquals(List.of("shared/one.jpg"), keys(other.list("shared/")));

        other.put("shared/two.jpg", source(bytes), JPEG);
        other.delete("shared/one.jpg");

        assertEquals(List.of("shared/two.jpg"), keys(storage.list("")));
        assertArrayEquals(bytes, read("shared/two.jpg", 0, bytes.length));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = { "../escape.jpg", "a/../../escape.jpg", "a/..", "..", "/etc/passwd", "a\\b.jpg",
            "a//b.jpg", "a/", "", "./a.jpg", "a/./b.jpg" })
    void shouldRefuseKeysThatAreNotPlainRelativePaths(String key) throws IOException {
        Path file = source(randomBytes(10, 11));

        assertThrows(IllegalArgumentException.class, () -> storage.put(key, file, JPEG));
        assertThrows(IllegalArgumentException.class, () -> storage.stat(key));
        assertThrows(IllegalArgumentException.class, () -> storage.open(key, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> storage.delete(key));
        assertThrows(IllegalArgumentException.class, () -> storage.localFile(key));
        assertEquals(List.of(), storage.list(""));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = { "../", "a/../", "..", "/a", "a\\" })
    void shouldRefuseListingPrefixesThatClimbOut(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> storage.list(prefix));
    }

    // --- helpers for the subclasses and the tests ---

    /** Remembers a storage so that it is closed after the test. */
    protected final MediaStorage track(MediaStorage s) {
        opened.add(s);
        return s;
    }

    /** A file holding the bytes, to put into a storage. */
    protected final Path source(byte[] bytes) throws IOException {
        return Files.write(sources.resolve("source-" + sourceCount.incrementAndGet()), bytes);
    }

    protected final byte[] read(String key, long offset, long length) throws IOException {
        return readFrom(storage, key, offset, length);
    }

    protected static byte[] readFrom(MediaStorage s, String key, long offset, long length) throws IOException {
        try (InputStream in = s.open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    protected static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] slice(byte[] bytes, int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    protected static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
