package io.newsdesk.cms.article;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.cache.PublicationSchedule;

/** Scheduled articles: when the next one goes public, and what the ones that just did change. */
@ApplicationScoped
public class ArticleSchedule implements PublicationSchedule {

    @Inject
    ArticleRepository articles;

    @Inject
    CategoryService categories;

    @Inject
    Clock clock;

    @Override
    @Transactional
    public Instant next() {
        return articles.nextPublication();
    }

    @Override
    @Transactional
    public GoLive since(Instant after) {
        Instant upTo = clock.instant();
        Set<String> keys = new LinkedHashSet<>();
        for (ArticleRepository.WentLive a : articles.publishedBetween(after, upTo)) {
            keys.addAll(ArticleKeys.wentLive(a.id(), a.categoryId(), a.tagKeys(), categories::chain));
        }
        return new GoLive(upTo, keys);
    }
}
