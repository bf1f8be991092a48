package io.newsdesk.cms.media.storage;

/**
 * The one rule for what a storage key and a listing prefix may look like, shared by every {@link MediaStorage}, so a
 * key that one storage accepts is accepted by all of them and names the same object.
 *
 * <p>A key is a relative path of non-empty segments separated by {@code /}: not absolute, no {@code .} or {@code ..}
 * segment, no backslash, no control character, and no segment starting with {@link #TEMP_MARK} (the filesystem
 * storage names its files in progress that way). Keys come from our own code; the check is strict anyway, so that a
 * mistake can never reach outside the storage's root.
 */
final class StorageKeys {

    /** How a file still being written starts its name; no key segment may start so. */
    static final String TEMP_MARK = ".partial-";

    private StorageKeys() {
    }

    /** Answers the key when it is valid; otherwise fails with IllegalArgumentException naming what is wrong. */
    static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a storage key must not be empty");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("a storage key must be relative: " + key);
        }
        checkCharacters(key);
        for (String segment : key.split("/", -1)) {
            checkSegment(key, segment);
        }
        return key;
    }

    /**
     * Answers the prefix ("" for everything) when it is valid: the same rules as a key, except that it may be empty,
     * may end with {@code /}, and its last segment may be partial (so it is not checked against {@link #TEMP_MARK}).
     */
    static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("a listing prefix must not be null; use \"\" for every object");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("a listing prefix must be relative: " + prefix);
        }
        checkCharacters(prefix);
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            checkSegment(prefix, segments[i]);
        }
        String last = segments[segments.length - 1];
        if (last.equals("..")) {
            throw new IllegalArgumentException("a listing prefix must not contain '..': " + prefix);
        }
        return prefix;
    }

    private static void checkCharacters(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                throw new IllegalArgumentException("a storage key must not contain a backslash: " + key);
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("a storage key must not contain control characters");
            }
        }
    }

    private static void checkSegment(String key, String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("a storage key must not contain an empty segment: " + key);
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("a storage key must not contain '.' or '..' segments: " + key);
        }
        if (segment.startsWith(TEMP_MARK)) {
            throw new IllegalArgumentException("a storage key segment must not start with " + TEMP_MARK + ": " + key);
        }
    }
}
