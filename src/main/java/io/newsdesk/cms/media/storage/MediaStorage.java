package io.newsdesk.cms.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where media bytes live: the local filesystem (one instance, the default) or an S3-compatible bucket
 * (shared by every instance behind a load balancer). Keys are relative paths such as
 * {@code 3f/3fa4…/640.webp}; objects are written once under a content-addressed key and never changed.
 */
public interface MediaStorage {

    /** An object's size and when it was written. */
    record StoredObject(String key, long size, Instant lastModified) {
    }

    /** Stores the file's bytes under the key, replacing any object there; readers never see a partly written object. */
    void put(String key, Path file, String contentType) throws IOException;

    /** The object's size and time, or empty when there is none. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** Reads {@code length} bytes from {@code offset}; the caller closes the stream. Fails with NoSuchFileException when absent. */
    InputStream open(String key, long offset, long length) throws IOException;

    /** The object as a local file that can be sent with zero copy, when this storage keeps one. */
    Optional<Path> localFile(String key);

    /** Removes the object; removing an absent one is not an error. */
    void delete(String key) throws IOException;

    /** Every object whose key starts with the prefix ("" for all), in key order. */
    List<StoredObject> list(String prefix) throws IOException;
}
