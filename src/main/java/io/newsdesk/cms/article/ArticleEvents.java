package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.newsdesk.cms.category.CategoryRef;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.webhook.EventType;
import io.newsdesk.cms.webhook.Revalidate;
import io.newsdesk.cms.webhook.WebhookEvents;

/**
 * The webhook event of an article write, one per editorial action: a publication is
 * {@code article.published} (not also an update), a withdrawal {@code article.unpublished}, a change to a
 * public article {@code article.updated}, a new or moved publication time {@code article.scheduled}, and the
 * removal of a public or scheduled article {@code article.deleted}. A write that changes nothing public and
 * schedules nothing sends nothing.
 */
@ApplicationScoped
public class ArticleEvents {

    @Inject
    WebhookEvents events;

    @Inject
    CategoryService categories;

    @Inject
    PublicUrls urls;

    /** The {@code data} of an article event. */
    @Schema(name = "ArticleEventData")
    public record Data(long id, String slug, @Schema(nullable = true) String previousSlug, String title, String status,
            @Schema(description = "The article's page on the front-end (CMS_PUBLIC_ARTICLE_URL)") String url,
            List<CategoryRef> categoryPath, List<String> tags, @Schema(nullable = true) Instant publishedAt, Revalidate revalidate) {
    }

    /** Publishes the event of this write, if it makes one, in the write's transaction. */
    void changed(ArticleKeys.State before, ArticleKeys.State after, Article article, String previousSlug, Set<String> keys) {
        EventType type = type(before, after, article);
        if (type == null || (type == EventType.ARTICLE_UPDATED && keys.isEmpty() && previousSlug == null)) {
            return;
        }
        List<CategoryRef> path = article.categoryId == null ? List.of() : categories.path(article.categoryId);
        List<String> paths = new ArrayList<>();
        paths.add("/api/v1/articles/" + article.slug);
        if (previousSlug != null) {
            paths.add("/api/v1/articles/" + previousSlug);
        }
        if (!Objects.equals(before == null ? null : before.publishedAt(), after == null ? null : after.publishedAt())
                || (before != null && after != null && before.visible() != after.visible()) || before == null || after == null) {
            paths.add("/api/v1/articles");
            for (CategoryRef c : path) {
                paths.add("/api/v1/articles?category=" + c.slug());
            }
        }
        String category = path.isEmpty() ? null : path.get(path.size() - 1).slug();
        Data data = new Data(article.id, article.slug, previousSlug, article.title, article.status.toString(),
                urls.article(article.id, article.slug, category), path, article.tags == null ? List.of() : List.of(article.tags),
                article.publishedAt, new Revalidate(paths, List.copyOf(keys)));
        events.publish(type, "article-" + article.id, data, path.stream().map(CategoryRef::slug).toList());
    }

    static EventType type(ArticleKeys.State before, ArticleKeys.State after, Article article) {
        if (article.status == ArticleStatus.TRASHED) {
            return before != null && (before.visible() || before.scheduled()) ? EventType.ARTICLE_DELETED : null;
        }
        if (after == null) {
            return before != null && (before.visible() || before.scheduled()) ? EventType.ARTICLE_DELETED : null;
        }
        boolean wasPublic = before != null && before.visible();
        if (!wasPublic && after.visible()) {
            return EventType.ARTICLE_PUBLISHED;
        }
        if (wasPublic && !after.visible()) {
            return after.scheduled() ? EventType.ARTICLE_SCHEDULED : EventType.ARTICLE_UNPUBLISHED;
        }
        if (after.visible()) {
            return EventType.ARTICLE_UPDATED;
        }
        if (after.scheduled() && (before == null || !before.scheduled() || !Objects.equals(before.publishedAt(), after.publishedAt()))) {
            return EventType.ARTICLE_SCHEDULED;
        }
        return null;
    }
}
