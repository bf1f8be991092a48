package io.newsdesk.cms.article;

/** What the article package asks of whoever keeps its history (see {@link ArticleChanged}). */
public interface ArticleHistory {

    /** The number of the article's newest revision, or 0 when it has none. */
    int newestRevision(long articleId);
}
