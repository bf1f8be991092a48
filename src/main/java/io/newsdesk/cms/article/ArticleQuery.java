package io.newsdesk.cms.article;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.text.Slugs;
import io.quarkus.security.UnauthorizedException;

/** The filters and order of an article list, validated from raw query parameters. */
public record ArticleQuery(String category, String tag, List<String> words, Sort sort, Visibility visibility, String text, Sight sight) {

    /** Which articles a list shows: anonymous readers only ever get PUBLISHED. */
    public enum Visibility {
        PUBLISHED("published", Article.publicSql("a")),
        SCHEDULED("scheduled", Article.scheduledSql("a")),
        DRAFT("draft", "a.status = 'draft'"),
        ARCHIVED("archived", "a.status = 'archived'"),
        TRASHED("trashed", "a.status = 'trashed'"),
        ALL("all", "a.status <> 'trashed'");

        final String param;
        final String sql;

        Visibility(String param, String sql) {
            this.param = param;
            this.sql = sql;
        }

        static Visibility parse(String raw, Sight sight) {
            if (raw == null || raw.isBlank()) {
                return PUBLISHED;
            }
            for (Visibility v : values()) {
                if (v.param.equals(raw.trim())) {
                    if (v != PUBLISHED && !sight.seesHidden()) {
                        throw new UnauthorizedException();
                    }
                    return v;
                }
            }
            throw InvalidInput.field("status", "must be one of published, scheduled, draft, archived, trashed, all");
        }
    }

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_WORDS = 10;

    public enum Sort {
        NEWEST("-publishedAt"), OLDEST("publishedAt"), TITLE("title"), TITLE_DESC("-title"), RELEVANCE("relevance");

        final String param;

        Sort(String param) {
            this.param = param;
        }

        static Sort parse(String raw, boolean hasQuery) {
            if (raw == null || raw.isBlank()) {
                return hasQuery ? RELEVANCE : NEWEST;
            }
            for (Sort s : values()) {
                if (s.param.equals(raw.trim())) {
                    if (s == RELEVANCE && !hasQuery) {
                        throw InvalidInput.field("sort", "relevance needs a search query q");
                    }
                    return s;
                }
            }
            throw InvalidInput.field("sort", "must be one of -publishedAt, publishedAt, title, -title, relevance (with q)");
        }
    }

    public static ArticleQuery parse(String category, String tag, String q, String sort) {
        return parse(category, tag, q, sort, null, Sight.PUBLIC);
    }

    /** The filters as this caller asked for them; {@code sight} limits every state but published to what the caller may see. */
    public static ArticleQuery parse(String category, String tag, String q, String sort, String status, Sight sight) {
        List<String> words = List.of();
        if (q != null && !q.isBlank()) {
            if (q.length() > MAX_QUERY_LENGTH) {
                throw InvalidInput.field("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
            }
            words = Arrays.stream(q.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                    .filter(w -> !w.isEmpty()).distinct().limit(MAX_WORDS).toList();
        }
        if (hasControlCharacters(q)) {
            throw InvalidInput.field("q", "must not contain control characters");
        }
        if (hasControlCharacters(tag)) {
            throw InvalidInput.field("tag", "must not contain control characters");
        }
        if (category != null && !category.isBlank() && !Slugs.isValid(category.trim())) {
            throw InvalidInput.field("category", "must be a category slug (lowercase a-z, 0-9 and hyphens)");
        }
        if (tag != null && tag.length() > 50) {
            throw InvalidInput.field("tag", "must be at most 50 characters");
        }
        if (category != null && category.length() > 200) {
            throw InvalidInput.field("category", "must be at most 200 characters");
        }
        return new ArticleQuery(blankToNull(category), blankToNull(tag), words, Sort.parse(sort, !words.isEmpty()),
                Visibility.parse(status, sight), words.isEmpty() ? null : Slugs.fold(q.strip()), sight);
    }

    private static boolean hasControlCharacters(String s) {
        return s != null && s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
