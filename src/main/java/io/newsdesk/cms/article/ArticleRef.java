package io.newsdesk.cms.article;

/** What other features need to know of a public article: its id, current slug and whether it takes comments. */
public record ArticleRef(long id, String slug, boolean commentsOpen) {
}
