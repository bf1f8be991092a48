package io.newsdesk.cms.comment;

import com.fasterxml.jackson.annotation.JsonValue;

/** Moderation states; only approved comments are ever shown to readers. */
public enum CommentStatus {
    PENDING("pending"), APPROVED("approved"), SPAM("spam"), TRASH("trash");

    private final String value;

    CommentStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    public static CommentStatus of(String value) {
        for (CommentStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown comment status " + value);
    }
}
