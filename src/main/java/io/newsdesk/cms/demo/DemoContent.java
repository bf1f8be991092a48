package io.newsdesk.cms.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleWrite;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.category.CategoryWrite;
import io.newsdesk.cms.common.paging.PageRequest;
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
    CategoryService categories;

    @Inject
    ArticleService articles;

    @Inject
    ObjectMapper mapper;

    record DemoArticle(int hoursAgo, ArticleWrite article) {
    }

    record Content(List<CategoryWrite> categories, List<DemoArticle> articles) {
    }

    void load(@Observes StartupEvent event) {
        if (categories.list(new PageRequest(1, 1)).totalItems() > 0) {
            return;
        }
        Content content = read();
        content.categories().forEach(categories::create);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (DemoArticle demo : content.articles()) {
            ArticleWrite a = demo.article();
            var publishedAt = now.minus(demo.hoursAgo(), ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
            articles.create(new ArticleWrite(a.title(), a.slug(), a.excerpt(), a.body(), a.coverImage(), a.categorySlug(),
                    a.tags(), a.authorName(), a.status(), publishedAt, a.commentsOpen()), null);
        }
        LOG.infof("Loaded demo content: %d categories, %d articles", content.categories().size(), content.articles().size());
    }

    private Content read() {
        try (InputStream in = DemoContent.class.getResourceAsStream("/demo/content.json")) {
            return mapper.readValue(in, Content.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
