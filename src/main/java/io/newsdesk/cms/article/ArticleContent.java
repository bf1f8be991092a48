package io.newsdesk.cms.article;

/** An article as feeds show it: its summary and its rendered, sanitized body. */
public record ArticleContent(ArticleSummary summary, String bodyHtml) {
}
