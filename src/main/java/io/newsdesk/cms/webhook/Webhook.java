package io.newsdesk.cms.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An endpoint that receives events: where, which, and the secret that signs them. */
@Entity
@Table(name = "webhook")
public class Webhook {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] events;

    @Column(name = "category_slug")
    public String categorySlug;

    public boolean enabled;

    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** Whether the endpoint wants events of this type: exact names, {@code article.*} wildcards, or {@code *}. */
    public boolean wants(EventType type) {
        for (String pattern : events) {
            if (type.matches(pattern)) {
                return true;
            }
        }
        return false;
    }
}
