package io.newsdesk.cms.article;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends {@code article.published} when a scheduled article's time comes, with no write needed: every
 * second, an instance claims the articles now due (FOR UPDATE SKIP LOCKED, so instances never both take
 * one), publishes each one's event and forgets it, in one transaction. A time passed while every instance
 * was down fires when one is back. Writes keep the list: {@link #track} after every article write.
 */
@ApplicationScoped
public class ArticleGoLive {

    private static final Logger LOG = Logger.getLogger(ArticleGoLive.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ArticleRepository articles;

    @Inject
    ArticleEvents events;

    @Inject
    io.newsdesk.cms.category.CategoryService categories;

    /** In the write's transaction: a scheduled article waits for its time; any other is not waited for. */
    void track(Article article, ArticleKeys.State after) {
        if (after != null && after.scheduled()) {
            em.createNativeQuery("""
                    insert into article_go_live (article_id, published_at) values (:id, :at)
                    on conflict (article_id) do update set published_at = excluded.published_at""")
                    .setParameter("id", article.id).setParameter("at", article.publishedAt).executeUpdate();
        } else {
            em.createNativeQuery("delete from article_go_live where article_id = :id").setParameter("id", article.id).executeUpdate();
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire() {
        try {
            while (fireDue()) {
                // one batch a transaction, until nothing is due
            }
        } catch (RuntimeException e) {
            LOG.warnf("Scheduled publications not announced this time (%s); retrying", e.getMessage());
        }
    }

    /** Announces up to 50 articles whose time has come; answers whether there may be more. */
    boolean fireDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> due = em.createNativeQuery("""
                    select article_id, published_at from article_go_live where published_at <= :now
                    order by published_at limit 50 for update skip locked""").setParameter("now", clock.instant()).getResultList();
            for (Object[] row : due) {
                long articleId = ((Number) row[0]).longValue();
                Article article = articles.findById(articleId);
                // Due by the service's clock, which decides what is public; still published for that very time.
                if (article != null && article.status == ArticleStatus.PUBLISHED && article.publishedAt != null
                        && article.publishedAt.equals(io.newsdesk.cms.common.persistence.Times.instant(row[1]))) {
                    Instant at = article.publishedAt;
                    ArticleKeys.State after = ArticleKeys.State.of(article, at);
                    ArticleKeys.State before = new ArticleKeys.State(article.id, false, true, article.publishedAt, article.title, article.authorName,
                            article.categoryId, after.tagKeys());
                    events.changed(before, after, article, null, ArticleKeys.changed(before, after, categories::chain));
                }
                em.createNativeQuery("delete from article_go_live where article_id = :id").setParameter("id", articleId).executeUpdate();
            }
            return due.size() == 50;
        });
    }
}
