package io.newsdesk.cms.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleWrite;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.category.CategoryWrite;
import io.newsdesk.cms.comment.CommentAccepted;
import io.newsdesk.cms.comment.CommentCreate;
import io.newsdesk.cms.comment.CommentModeration;
import io.newsdesk.cms.comment.CommentService;
import io.newsdesk.cms.comment.CommentStatus;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.related.RelatedLinkWrite;
import io.newsdesk.cms.related.RelatedService;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Fills an empty dev database with a small tech-news site, through the same services the API uses.
 * Exists only in dev builds: tests and production start empty.
 */
@Singleton
@IfBuildProfile("dev")
public class DemoContent {

    private static final Logger LOG = Logger.getLogger(DemoContent.class);

    @Inject
    Clock clock;

    @Inject
    CategoryService categories;

    @Inject
    ArticleService articles;

    @Inject
    CommentService comments;

    @Inject
    RelatedService related;

    @Inject
    ObjectMapper mapper;

    record DemoArticle(int hoursAgo, ArticleWrite article) {
    }

    record DemoComment(String key, String article, String parent, Boolean staff, String authorName, String authorEmail,
            String authorUrl, String body, String homepage, CommentStatus status) {
    }

    record Content(List<CategoryWrite> categories, List<DemoArticle> articles, List<DemoComment> comments,
            Map<String, List<RelatedLinkWrite>> related) {
    }

    void load(@Observes StartupEvent event) {
        if (categories.list(new PageRequest(1, 1)).totalItems() > 0) {
            return;
        }
        Content content = read();
        content.categories().forEach(categories::create);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (DemoArticle demo : content.articles()) {
            ArticleWrite a = demo.article();
            var publishedAt = now.minus(demo.hoursAgo(), ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
            articles.create(new ArticleWrite(a.title(), a.slug(), a.excerpt(), a.body(), a.coverImage(), a.categorySlug(),
                    a.tags(), a.authorName(), a.status(), publishedAt, a.commentsOpen()), null);
        }
        Caller editor = new Caller(0, "demo", Role.EDITOR);
        content.related().forEach((slug, links) -> related.replace(slug, links, null, editor));
        Map<String, Long> ids = new HashMap<>();
        int address = 10;
        for (DemoComment c : content.comments()) {
            Caller staff = Boolean.TRUE.equals(c.staff()) ? new Caller(0, "demo", Role.EDITOR) : null;
            CommentCreate form = new CommentCreate(c.authorName(), c.authorEmail(), c.authorUrl(), c.body(),
                    c.parent() == null ? null : ids.get(c.parent()), c.homepage(), null);
            CommentAccepted accepted = comments.submit(c.article(), form, staff, "192.0.2." + address++, "Mozilla/5.0 (demo)");
            ids.put(c.key(), accepted.id());
            if (c.status() == CommentStatus.APPROVED && accepted.status() != CommentStatus.APPROVED) {
                comments.change(Long.toString(accepted.id()), new CommentModeration.Change(CommentStatus.APPROVED), null);
            }
        }
        LOG.infof("Loaded demo content: %d categories, %d articles, %d comments, related links on %d articles",
                content.categories().size(), content.articles().size(), content.comments().size(), content.related().size());
    }

    private Content read() {
        try (InputStream in = DemoContent.class.getResourceAsStream("/demo/content.json")) {
            return mapper.readValue(in, Content.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
