package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "article")
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    public String title;

    /** The editor's excerpt; null when the editor left it to be derived from the body. */
    public String excerpt;

    @Column(name = "auto_excerpt")
    public String autoExcerpt;

    public String body;

    @Column(name = "body_html")
    public String bodyHtml;

    /** The visible text of the body, for search snippets. */
    @Column(name = "body_text")
    public String bodyText;

    @Column(name = "cover_url")
    public String coverUrl;

    /** The library images the body shows, when it was rendered in this transaction (null: unchanged). */
    @jakarta.persistence.Transient
    public java.util.Set<Long> bodyImages;

    /** A media library item shown as the cover, instead of an external URL. */
    @Column(name = "cover_media_id")
    public Long coverMediaId;

    @Column(name = "cover_alt")
    public String coverAlt;

    @Column(name = "cover_caption")
    public String coverCaption;

    @Column(name = "cover_width")
    public Integer coverWidth;

    @Column(name = "cover_height")
    public Integer coverHeight;

    @Column(name = "category_id")
    public Long categoryId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] tags;

    /** Lower-cased tags, for case-insensitive filtering through a GIN index. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tag_keys", columnDefinition = "text[]")
    public String[] tagKeys;

    @Column(name = "author_name")
    public String authorName;

    @Convert(converter = ArticleStatusConverter.class)
    public ArticleStatus status;

    /** When it was moved to the trash (status trashed), and the status it goes back to when restored. */
    @Column(name = "trashed_at")
    public Instant trashedAt;

    @Convert(converter = ArticleStatusConverter.class)
    @Column(name = "status_before_trash")
    public ArticleStatus statusBeforeTrash;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "comments_open")
    public boolean commentsOpen;

    @Column(name = "reading_time_minutes")
    public int readingTimeMinutes;

    /** Set by the comment recount, never by article writes: an edit read before a recount must not undo it. */
    @Column(name = "comment_count", insertable = false, updatable = false)
    public int commentCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "created_by_id")
    public Long createdById;

    @Column(name = "created_by_name")
    public String createdByName;

    @Column(name = "updated_by_id")
    public Long updatedById;

    @Column(name = "updated_by_name")
    public String updatedByName;

    /** Set by the comment recount, never by article writes. */
    @Column(name = "comments_changed_at", insertable = false, updatable = false)
    public Instant commentsChangedAt;

    @Version
    public long version;

    public boolean isPublicAt(Instant now) {
        return isPublic(status, publishedAt, now);
    }

    /** The rule: public is published with a publication time that has come. */
    static boolean isPublic(ArticleStatus status, Instant publishedAt, Instant now) {
        return status == ArticleStatus.PUBLISHED && publishedAt != null && !publishedAt.isAfter(now);
    }

    /** The parameter that {@link #publicSql} and {@link #scheduledSql} compare with: the service clock's now. */
    public static final String NOW = "now";

    /**
     * The same rule in SQL, for the article aliased {@code alias}: every statement that tells public articles from
     * hidden ones uses this text, so the rule has one place. Its time is bound ({@link #bindNow}) from the service's
     * clock, never the database's {@code now()}, so that Java and SQL answer alike at every instant.
     */
    public static String publicSql(String alias) {
        return "(" + alias + ".status = 'published' and " + alias + ".published_at <= :" + NOW + ")";
    }

    /** Published but not yet public: the articles whose publication time is still to come. */
    public static String scheduledSql(String alias) {
        return "(" + alias + ".status = 'published' and " + alias + ".published_at > :" + NOW + ")";
    }

    /** Adds the time of the rule to the parameters of a statement, when its text applies the rule. */
    public static void bindNow(String sql, Map<String, Object> params, Instant now) {
        if (sql.contains(":" + NOW)) {
            params.put(NOW, now);
        }
    }

    /** The cover in its write form. */
    public CoverImage cover() {
        if (coverMediaId != null) {
            return CoverImage.ofMedia(coverMediaId, coverAlt, coverCaption);
        }
        return coverUrl == null ? null : new CoverImage(coverUrl, coverAlt, coverCaption, coverWidth, coverHeight);
    }
}
