package io.newsdesk.cms.comment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "comment")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "article_id")
    public long articleId;

    @Column(name = "parent_id")
    public Long parentId;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_email")
    public String authorEmail;

    /** The email lower-cased, to recognise a returning commenter. */
    @Column(name = "author_email_key")
    public String authorEmailKey;

    @Column(name = "author_url")
    public String authorUrl;

    public String body;

    /** SHA-256 of the normalized body, to spot the same comment sent twice. */
    @Column(name = "body_hash")
    public String bodyHash;

    @Column(name = "body_html")
    public String bodyHtml;

    public String status;

    public boolean staff;

    @Column(name = "spam_reason")
    public String spamReason;

    /** The comment whose commenter key published this one at once; null when a moderator or a staff token did. */
    @Column(name = "key_comment_id")
    public Long keyCommentId;

    @Column(name = "client_address")
    public String clientAddress;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When a moderator moved it to the trash; null outside the trash. */
    @Column(name = "trashed_at")
    public Instant trashedAt;

    /** The status it had before the trash, which a restore gives back; null outside the trash. */
    @Column(name = "status_before_trash")
    public String statusBeforeTrash;

    @Version
    public long version;
}
