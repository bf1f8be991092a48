package io.newsdesk.cms.article;

import io.newsdesk.cms.auth.Caller;

/**
 * Fired, in the write's transaction, around every editorial change to an article: {@link Phase#BEFORE} while
 * the article still shows what it had, {@link Phase#AFTER} once the change is applied, with the reason
 * ({@code create}, {@code update}, {@code publish}, {@code unpublish}, {@code schedule}, {@code archive},
 * {@code rename}, {@code related}). Whoever keeps history listens; the article package knows nothing of it.
 */
public record ArticleChanged(long articleId, Phase phase, String reason, Caller caller) {

    public enum Phase {
        BEFORE, AFTER
    }

    public static ArticleChanged before(long articleId) {
        return new ArticleChanged(articleId, Phase.BEFORE, null, null);
    }

    public static ArticleChanged after(long articleId, String reason, Caller caller) {
        return new ArticleChanged(articleId, Phase.AFTER, reason, caller);
    }
}
