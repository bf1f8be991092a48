package io.newsdesk.cms.sitemap;

import java.io.IOException;
import java.io.OutputStream;

import jakarta.ws.rs.core.StreamingOutput;

/** An answer written straight to the response as it is produced, with its ETag known before a byte of it is. */
final class Streamed implements StreamingOutput {

    /** Writes the document to the response's stream. */
    @FunctionalInterface
    interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private final String etag;
    private final Writing writing;

    Streamed(String etag, Writing writing) {
        this.etag = etag;
        this.writing = writing;
    }

    String etag() {
        return etag;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        writing.to(out);
    }
}
