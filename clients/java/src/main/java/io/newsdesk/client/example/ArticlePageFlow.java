package io.newsdesk.client.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.client.ApiClient;
import io.newsdesk.client.ApiException;
import io.newsdesk.client.ApiResponse;
import io.newsdesk.client.api.ArticlesApi;
import io.newsdesk.client.api.CategoriesApi;
import io.newsdesk.client.api.CommentsApi;
import io.newsdesk.client.model.Article;
import io.newsdesk.client.model.ArticleCategory;
import io.newsdesk.client.model.ArticleInclude;
import io.newsdesk.client.model.ArticleStatus;
import io.newsdesk.client.model.ArticleSummary;
import io.newsdesk.client.model.ArticleWrite;
import io.newsdesk.client.model.Category;
import io.newsdesk.client.model.CategoryRef;
import io.newsdesk.client.model.CategoryWrite;
import io.newsdesk.client.model.Comment;
import io.newsdesk.client.model.CommentAccepted;
import io.newsdesk.client.model.CommentCreate;
import io.newsdesk.client.model.CommentStatus;
import io.newsdesk.client.model.PageArticleSummary;
import io.newsdesk.client.model.PageCommentView;
import io.newsdesk.client.model.Problem;
import io.newsdesk.client.model.RelatedLink;
import io.newsdesk.client.model.RelatedList;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The article-page flow of a mobile app, through the client generated from openapi/openapi.yaml: an editor
 * creates content, then an anonymous reader lists the front page, opens an article with its related links and
 * comments, posts a comment and meets a missing article. Prints each step as ok/FAIL; exits 1 on any failure.
 *
 * <p>Environment: BASE_URL (default http://127.0.0.1:8080) and CMS_TOKEN (an editor's or admin's API token).
 */
public final class ArticlePageFlow {

    private int passed;
    private int failed;

    public static void main(String[] args) {
        String baseUrl = env("BASE_URL", "http://127.0.0.1:8080");
        String token = env("CMS_TOKEN", "");
        ArticlePageFlow flow = new ArticlePageFlow();
        try {
            flow.run(baseUrl, token);
        } catch (Exception e) {
            flow.check("the flow runs to its end", false, e.toString());
        }
        System.out.printf("java-client-check: %d passed, %d failed%n", flow.passed, flow.failed);
        System.exit(flow.failed == 0 ? 0 : 1);
    }

    private void run(String baseUrl, String token) throws ApiException {
        // One ApiClient per identity. The native library has no auth settings: a bearer token is a request interceptor.
        ApiClient reader = client(baseUrl);
        ApiClient editor = client(baseUrl).setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        ArticlesApi articlesApi = new ArticlesApi(reader);
        CommentsApi commentsApi = new CommentsApi(reader);
        String suffix = Long.toString(System.currentTimeMillis(), 36);

        // 1. An editor creates a section, a subcategory in it and two published articles (with a staff comment each).
        CategoriesApi editorCategories = new CategoriesApi(editor);
        Category section = editorCategories.createCategory(new CategoryWrite().name("Java client " + suffix));
        Category category = editorCategories.createCategory(
                new CategoryWrite().name("Mobile & Apps " + suffix).parentSlug(section.getSlug()));
        check("1 an editor creates a category in a section", category.getSlug() != null
                && section.getSlug().equals(category.getParentSlug()), String.valueOf(category));

        ArticlesApi editorArticles = new ArticlesApi(editor);
        CommentsApi editorComments = new CommentsApi(editor);
        List<String> created = new ArrayList<>();
        for (String title : List.of("First Java story", "Second Java story")) {
            Article article = editorArticles.createArticle(new ArticleWrite()
                    .title(title + " " + suffix)
                    .categorySlug(category.getSlug())
                    .tags(List.of("java-client"))
                    .status(ArticleStatus.PUBLISHED)
                    .body("Hello **world** from the Java client."));
            created.add(article.getSlug());
            editorComments.createComment(article.getSlug(), new CommentCreate()
                    .authorName("The newsroom").authorEmail("desk-" + suffix + "@example.com")
                    .body("Thanks for reading: tell us what you think."));
        }
        check("1 an editor publishes two articles", created.size() == 2 && created.stream().allMatch(Objects::nonNull),
                String.valueOf(created));

        // 2. The front page: the first item's slug, as a plain String.
        PageArticleSummary frontPage = articlesApi.listArticles(
                ArticlesApi.APIListArticlesRequest.newBuilder().page(1).size(10).build());
        List<ArticleSummary> items = frontPage.getItems();
        String slug = items.isEmpty() ? null : items.get(0).getSlug();
        check("2 listArticles: the front page starts with the newest article", created.get(1).equals(slug),
                "first slug " + slug);
        check("2 listArticles: typed totals", frontPage.getTotalItems() != null && frontPage.getTotalItems() >= 2
                && Integer.valueOf(1).equals(frontPage.getPage()), "totalItems " + frontPage.getTotalItems());

        // 3. The article page, in one request: breadcrumb, related block and the first page of comments.
        Article article = articlesApi.getArticle(slug, List.of(ArticleInclude.RELATED, ArticleInclude.COMMENTS), null);
        check("3 getArticle: typed title", article.getTitle() != null && article.getTitle().startsWith("Second Java story"),
                article.getTitle());
        ArticleCategory articleCategory = article.getCategory();
        List<String> breadcrumb = articleCategory == null || articleCategory.getPath() == null ? List.of()
                : articleCategory.getPath().stream().map(CategoryRef::getName).collect(Collectors.toList());
        check("3 getArticle: breadcrumb from the section down",
                breadcrumb.equals(List.of(section.getName(), category.getName())), String.join(" > ", breadcrumb));
        check("3 getArticle: publishedAt is a java.time value", article.getPublishedAt() != null
                && article.getPublishedAt().getOffset().getTotalSeconds() == 0, String.valueOf(article.getPublishedAt()));
        RelatedList related = article.getRelated();
        List<RelatedLink> links = related == null || related.getItems() == null ? List.of() : related.getItems();
        check("3 getArticle: related items, typed", !links.isEmpty() && links.stream().allMatch(l ->
                        kind(l).equals("article") || kind(l).equals("external")),
                String.valueOf(links.size()));
        check("3 getArticle: a related article links to the other story", links.stream()
                .filter(l -> kind(l).equals("article") && l.getArticle() != null)
                .anyMatch(l -> created.get(0).equals(l.getArticle().getSlug())), describe(links));
        PageCommentView comments = article.getComments();
        List<Comment> thread = comments == null ? List.of() : comments.getItems();
        check("3 getArticle: the comments page, typed", thread.size() == 1
                && Boolean.TRUE.equals(thread.get(0).getStaff()) && thread.get(0).getBodyHtml().startsWith("<p>")
                && Long.valueOf(1).equals(comments.getTotalItems()), String.valueOf(comments));

        // 4. An anonymous reader comments: 202 and a typed pending status.
        ApiResponse<CommentAccepted> answer = commentsApi.createCommentWithHttpInfo(slug, new CommentCreate()
                .authorName("Sam Reader")
                .authorEmail("reader-" + suffix + "@example.com")
                .body("Read on my phone, through a generated Java client."));
        CommentAccepted accepted = answer.getData();
        check("4 createComment: 202 with a typed pending status", answer.getStatusCode() == 202
                && accepted.getId() != null && accepted.getStatus() == CommentStatus.PENDING,
                answer.getStatusCode() + " " + accepted);

        // 5. A missing article: the client throws ApiException; its body is an RFC 9457 Problem.
        try {
            Article missing = articlesApi.getArticle("no-such-article-" + suffix, null, null);
            check("5 getArticle of a missing slug fails", false, "answered " + missing);
        } catch (ApiException e) {
            Problem problem = problem(e, reader.getObjectMapper());
            String contentType = e.getResponseHeaders() == null ? null
                    : e.getResponseHeaders().firstValue("Content-Type").orElse(null);
            check("5 getArticle of a missing slug: a typed 404 Problem", e.getCode() == 404 && problem != null
                    && Integer.valueOf(404).equals(problem.getStatus()) && problem.getTitle() != null
                    && problem.getDetail() != null, e.getCode() + " " + problem);
            check("5 the problem is application/problem+json", contentType != null
                    && contentType.startsWith("application/problem+json"), contentType);
            if (problem != null) {
                System.out.printf("     %d %s: %s%n", problem.getStatus(), problem.getTitle(), problem.getDetail());
            }
        }
    }

    /** An anonymous client for the service at baseUrl (its paths already start with /api/v1). */
    static ApiClient client(String baseUrl) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(30));
        return client;
    }

    /** The RFC 9457 problem in a failed call's body, or null when the body is not one. */
    static Problem problem(ApiException e, ObjectMapper mapper) {
        String body = e.getResponseBody();
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(body, Problem.class);
        } catch (IOException notAProblem) {
            return null;
        }
    }

    /** A related link's kind as its JSON value. */
    private static String kind(RelatedLink link) {
        return link.getKind().getValue();
    }

    private static String describe(List<RelatedLink> links) {
        return links.stream().map(l -> l.getKind() + ":" + l.getSource() + ":" + l.getTitle())
                .collect(Collectors.joining(", "));
    }

    private void check(String name, boolean ok, String detail) {
        if (ok) {
            passed++;
            System.out.println("ok   " + name);
        } else {
            failed++;
            System.out.println("FAIL " + name + " " + detail);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
