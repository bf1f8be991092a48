package io.newsdesk.cms.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Media objects as files under one root directory, a key being the file's path relative to the root
 * ({@code 3f/3fa4…/640.webp} is {@code <root>/3f/3fa4…/640.webp}).
 *
 * <p>Guarantees:
 * <ul>
 * <li>a reader never sees a partly written object: {@link #put} writes a temporary file next to the target (named
 * {@code .partial-…}, never listed) and renames it into place atomically, replacing any object there;</li>
 * <li>no key reaches outside the root (see {@link StorageKeys});</li>
 * <li>{@link #delete} removes directories that it leaves empty, up to but never including the root;</li>
 * <li>{@link #localFile} gives the file itself, so it can be sent with zero copy.</li>
 * </ul>
 * The content type is not kept: the files' names say what they are. Meant for one instance; several instances behind
 * a load balancer need the S3 storage.
 */
public final class FileSystemStorage implements MediaStorage {

    /** How often a put retries when a concurrent delete pruned the directory it was about to write into. */
    private static final int PUT_ATTEMPTS = 3;

    private final Path root;

    /** Keeps objects under the directory, creating it (and its parents) when missing. */
    public FileSystemStorage(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize()).toRealPath();
    }

    /** The directory the objects live under. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = resolve(key);
        for (int attempt = 1; ; attempt++) {
            try {
                writeAtomically(file, target);
                return;
            } catch (NoSuchFileException e) {
                // A delete pruned the (then empty) directory between creating it and writing into it; try again,
                // unless it is the source file that is missing.
                if (attempt >= PUT_ATTEMPTS || !Files.exists(file)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Copies the source into a new file next to the target, forces it to disk, and renames it over the target. The
     * new file is created like any other (permissions from the umask), not with the source's permissions.
     */
    private static void writeAtomically(Path source, Path target) throws IOException {
        Path directory = Files.createDirectories(target.getParent());
        Path temp = directory.resolve(StorageKeys.TEMP_MARK + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long size = in.size();
                for (long copied = 0; copied < size; ) {
                    long n = in.transferTo(copied, size - copied, out);
                    if (n <= 0) {
                        break; // the source became shorter while we copied
                    }
                    copied += n;
                }
                out.force(true); // the bytes are on disk before the name points at them
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        Path path = resolve(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        checkRange(offset, length);
        Path path = resolve(key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(key);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new RangeInputStream(java.nio.channels.Channels.newInputStream(channel), 0, length);
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path path = resolve(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // a directory is not an object
        }
        if (Files.deleteIfExists(path)) {
            pruneEmptyDirectories(path.getParent());
        }
    }

    /** Removes the directory and then its parents while they are empty, stopping below the root. */
    private void pruneEmptyDirectories(Path directory) throws IOException {
        for (Path dir = directory; dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return; // still in use (or already gone): so are its parents
            }
        }
    }

    @Override
    public List<StoredObject> list(String prefix) throws IOException {
        StorageKeys.requireValidPrefix(prefix);
        // Walk only the deepest directory the prefix names in full; keys are filtered on the whole prefix.
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredObject> found = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(StorageKeys.TEMP_MARK)) {
                    String key = keyOf(file);
                    if (key.startsWith(prefix)) {
                        found.add(new StoredObject(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed (or renamed into place) while we walked
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(StoredObject::key));
        return found;
    }

    private Path resolve(String key) {
        StorageKeys.requireValidKey(key);
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("a storage key must name a file under the root: " + key);
        }
        return path;
    }

    private String keyOf(Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path name : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(name);
        }
        return key.toString();
    }

    private static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
    }
}
