package io.newsdesk.cms.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a directory, and what only the filesystem storage promises: local files and tidiness. */
class FileSystemStorageTest extends MediaStorageContract {

    @TempDir
    Path work;

    private Path root;

    @Override
    protected MediaStorage openFreshStorage() throws IOException {
        root = work.resolve("media");
        return new FileSystemStorage(root);
    }

    @Override
    protected MediaStorage openSameStorageAgain() throws IOException {
        return new FileSystemStorage(root);
    }

    @Test
    void shouldCreateTheRootDirectoryWhenMissing() throws IOException {
        Path nested = work.resolve("not/yet/there");

        new FileSystemStorage(nested);

        assertTrue(Files.isDirectory(nested));
    }

    @Test
    void shouldGiveTheLocalFileOfAStoredObjectOnly() throws IOException {
        byte[] bytes = randomBytes(2048, 20);
        storage().put("3f/3fa4/1024.webp", source(bytes), "image/webp");

        Path file = storage().localFile("3f/3fa4/1024.webp").orElseThrow();
        assertTrue(file.startsWith(root.toRealPath()), file.toString());
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(Optional.empty(), storage().localFile("3f/3fa4/absent.webp"));
        assertEquals(Optional.empty(), storage().localFile("3f/3fa4"), "a directory is not an object");

        storage().delete("3f/3fa4/1024.webp");
        assertEquals(Optional.empty(), storage().localFile("3f/3fa4/1024.webp"));
    }

    @Test
    void shouldNeverLeaveTemporaryFilesBehind() throws IOException {
        for (int i = 0; i < 20; i++) {
            storage().put("t/" + (i % 5) + ".jpg", source(randomBytes(100 + i, i)), "image/jpeg");
        }

        assertEquals(List.of("t/0.jpg", "t/1.jpg", "t/2.jpg", "t/3.jpg", "t/4.jpg"), keys(storage().list("")));
        assertEquals(List.of("0.jpg", "1.jpg", "2.jpg", "3.jpg", "4.jpg"), namesUnder(root));
    }

    @Test
    void shouldNotListAFileLeftHalfWrittenByACrash() throws IOException {
        storage().put("c/whole.jpg", source(randomBytes(10, 21)), "image/jpeg");
        Files.write(root.resolve("c").resolve(StorageKeys.TEMP_MARK + "123.tmp"), new byte[] { 1, 2, 3 });

        assertEquals(List.of("c/whole.jpg"), keys(storage().list("")));
        assertEquals(List.of("c/whole.jpg"), keys(storage().list("c/")));
    }

    @Test
    void shouldPruneDirectoriesADeleteLeavesEmptyButNeverTheRoot() throws IOException {
        storage().put("p/q/r/one.jpg", source(randomBytes(10, 22)), "image/jpeg");
        storage().put("p/two.jpg", source(randomBytes(10, 23)), "image/jpeg");

        storage().delete("p/q/r/one.jpg");
        assertFalse(Files.exists(root.resolve("p/q")), "empty directories are removed");
        assertTrue(Files.exists(root.resolve("p/two.jpg")), "a directory still holding an object stays");

        storage().delete("p/two.jpg");
        assertFalse(Files.exists(root.resolve("p")));
        assertTrue(Files.isDirectory(root), "the root stays");
        assertEquals(List.of(), storage().list(""));
    }

    @Test
    void shouldNeverWriteOutsideTheRoot() throws IOException {
        Path file = source(randomBytes(10, 24));
        for (String key : List.of("../outside.jpg", "a/../../outside.jpg")) {
            try {
                storage().put(key, file, "image/jpeg");
            } catch (IllegalArgumentException expected) {
                // refused, as it should be
            }
        }

        assertFalse(Files.exists(work.resolve("outside.jpg")));
    }

    @Test
    void shouldLetReadersSeeOnlyWholeObjectsWhileTheyAreReplaced() throws Exception {
        byte[] first = randomBytes(256 * 1024, 25);
        byte[] second = randomBytes(256 * 1024, 26);
        Path firstFile = source(first);
        Path secondFile = source(second);
        storage().put("live/photo.jpg", firstFile, "image/jpeg");

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (writing.get() || reads == 0) {
                    byte[] seen = read("live/photo.jpg", 0, first.length);
                    assertTrue(sha256(seen).equals(sha256(first)) || sha256(seen).equals(sha256(second)),
                            "a reader saw a mix of two objects or a partial one (" + seen.length + " bytes)");
                    reads++;
                }
                return reads;
            });
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        storage().put("live/photo.jpg", i % 2 == 0 ? secondFile : firstFile, "image/jpeg");
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("photo.jpg"), namesUnder(root.resolve("live")));
    }

    @Test
    void shouldCreateStoredFilesWithOrdinaryPermissionsWhateverTheSourceHad() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path secret = source(randomBytes(10, 27));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path ordinary = Files.createFile(work.resolve("ordinary"));

        storage().put("perm/file.jpg", secret, "image/jpeg");

        assertEquals(Files.getPosixFilePermissions(ordinary),
                Files.getPosixFilePermissions(storage().localFile("perm/file.jpg").orElseThrow()));
    }

    /** The names of every file under the directory, temporary ones included, sorted. */
    private static List<String> namesUnder(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }
}
