package io.newsdesk.cms.media.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The {@code length} bytes that follow the first {@code skip} bytes of a stream, or fewer when it ends
 * first. Closing it closes the stream underneath.
 */
final class RangeInputStream extends FilterInputStream {

    private long toSkip;
    private long remaining;

    RangeInputStream(InputStream in, long skip, long length) {
        super(in);
        this.toSkip = skip;
        this.remaining = length;
    }

    private void skipToStart() throws IOException {
        while (toSkip > 0) {
            long skipped = in.skip(toSkip);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    toSkip = 0;
                    remaining = 0;
                    return;
                }
                skipped = 1;
            }
            toSkip -= skipped;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        skipToStart();
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            remaining = 0;
            return -1;
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        skipToStart();
        long skipped = in.skip(Math.min(Math.max(n, 0), remaining));
        remaining -= Math.max(skipped, 0);
        return Math.max(skipped, 0);
    }

    @Override
    public int available() throws IOException {
        return toSkip > 0 ? 0 : (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark and reset are not supported");
    }
}
