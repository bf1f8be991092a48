package io.newsdesk.cms.webhook;

import java.util.Arrays;

/**
 * Every event a webhook can receive: its name, the schema of its {@code data} in the OpenAPI document, and when it
 * is sent. Endpoints name these, or {@code article.*}-style wildcards over them.
 */
public enum EventType {
    ARTICLE_PUBLISHED("article.published", "ArticleEventData",
            "An article became public: published now, or a scheduled article at its publication time (with no write needed)"),
    ARTICLE_UPDATED("article.updated", "ArticleEventData", "Something readers see of a public article changed"),
    ARTICLE_UNPUBLISHED("article.unpublished", "ArticleEventData", "A public article was withdrawn (back to draft or archived)"),
    ARTICLE_SCHEDULED("article.scheduled", "ArticleEventData", "An article was given a publication time in the future, or its time moved"),
    ARTICLE_DELETED("article.deleted", "ArticleEventData", "A public or scheduled article was deleted"),
    CATEGORY_CREATED("category.created", "CategoryEventData", "A category was created"),
    CATEGORY_UPDATED("category.updated", "CategoryEventData",
            "A category's name, slug, description, place in the tree or position changed; `previousSlug` names the slug before a rename"),
    CATEGORY_DELETED("category.deleted", "CategoryEventData", "A category was deleted (its articles moved or it was empty)"),
    COMMENT_APPROVED("comment.approved", "CommentEventData", "A comment became public: approved by a moderator, or posted by staff"),
    MEDIA_UPLOADED("media.uploaded", "MediaEventData", "An image was added to the media library"),
    MEDIA_UPDATED("media.updated", "MediaEventData", "An item's alt text, caption, credit or focal point changed"),
    MEDIA_DELETED("media.deleted", "MediaEventData", "An item was deleted"),
    WEBHOOK_TEST("webhook.test", "TestEventData", "Sent to one endpoint by `POST /api/v1/webhooks/{id}/test`");

    private final String type;
    private final String dataSchema;
    private final String description;

    EventType(String type, String dataSchema, String description) {
        this.type = type;
        this.dataSchema = dataSchema;
        this.description = description;
    }

    /** The name on the wire, e.g. {@code article.published}. */
    public String type() {
        return type;
    }

    public String dataSchema() {
        return dataSchema;
    }

    public String description() {
        return description;
    }

    /** Whether an endpoint's entry ({@code article.published}, {@code article.*} or {@code *}) selects this type. */
    public boolean matches(String pattern) {
        return pattern.equals("*") || pattern.equals(type)
                || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)));
    }

    /** Whether an endpoint's entry selects at least one event type; a misspelt name would otherwise never match. */
    public static boolean known(String pattern) {
        return Arrays.stream(values()).anyMatch(t -> t.matches(pattern));
    }

    @Override
    public String toString() {
        return type;
    }
}
