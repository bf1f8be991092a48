package io.newsdesk.cms.article;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Stored states of an article; "scheduled" is a published article whose time has not come, "trashed" one that was
 * deleted and can still be restored (set by DELETE, never by a write).
 */
public enum ArticleStatus {
    DRAFT("draft"), PUBLISHED("published"), ARCHIVED("archived"), TRASHED("trashed");

    private final String value;

    ArticleStatus(String value) {
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

    public static ArticleStatus of(String value) {
        for (ArticleStatus s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown article status " + value);
    }
}
