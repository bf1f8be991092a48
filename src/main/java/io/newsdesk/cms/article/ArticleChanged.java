package io.newsdesk.cms.article;

import io.newsdesk.cms.auth.Caller;

/**
 * Fired, in the write's transaction, around every editorial change to an article: {@link Phase#BEFORE} while
 * the article still shows what it had, {@link Phase#AFTER} once the change is applied ({@link Phase#CREATED} for a new
 * article), with the reason
 * ({@code create}, {@code import}, {@code update}, {@code publish}, {@code unpublish}, {@code schedule}, {@code archive},
 * {@code rename}, {@code related}). Whoever keeps history listens; the article package knows nothing of it.
 */
public record ArticleChanged(long articleId, Phase phase, String reason, Caller caller) {

    /** Before a change, after it, or after an article was first written (it has no history and no related links yet). */
    public enum Phase {
        BEFORE, AFTER, CREATED
    }

    public static ArticleChanged before(long articleId) {
        return new ArticleChanged(articleId, Phase.BEFORE, null, null);
    }

    public static ArticleChanged after(long articleId, String reason, Caller caller) {
        return new ArticleChanged(articleId, Phase.AFTER, reason, caller);
    }

    public static ArticleChanged created(long articleId, String reason, Caller caller) {
        return new ArticleChanged(articleId, Phase.CREATED, reason, caller);
    }
}
