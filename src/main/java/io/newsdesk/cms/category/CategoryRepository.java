package io.newsdesk.cms.category;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.article.Article;
import io.newsdesk.cms.common.persistence.Times;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class CategoryRepository implements PanacheRepository<Category> {

    @Inject
    Clock clock;

    public Optional<Category> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public List<Category> listAllOrdered() {
        return list("order by position, name, id");
    }

    /** The category and its ancestors, root first, in one recursive query. */
    @SuppressWarnings("unchecked")
    public List<Object[]> pathRows(long categoryId) {
        return getEntityManager().createNativeQuery("""
                with recursive up(id, parent_id, slug, name, updated_at, depth) as (
                    select id, parent_id, slug, name, updated_at, 0 from category where id = :id
                    union all
                    select c.id, c.parent_id, c.slug, c.name, c.updated_at, up.depth + 1
                    from category c join up on c.id = up.parent_id
                    where up.depth < 1000
                )
                select slug, name, updated_at from up order by depth desc""")
                .setParameter("id", categoryId)
                .getResultList();
    }

    /** Public articles per category, not counting subcategories: the kept counts (V11) less the scheduled ones. */
    public Map<Long, Long> publicArticleCounts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select k.category_key, k.published - coalesce(s.scheduled, 0) from article_count k
                left join (select category_id, count(*) as scheduled from article
                           where """ + " " + Article.scheduledSql("article") + """
                           group by category_id) s on s.category_id = k.category_key
                where k.category_key <> 0""")
                .setParameter(Article.NOW, clock.instant())
                .getResultList();
        return rows.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(), r -> ((Number) r[1]).longValue()));
    }

    /** The latest change a public reader of these categories could see in their articles: an edit or a publication. */
    public java.time.Instant lastArticleActivity(java.util.Collection<Long> categoryIds) {
        Object value = getEntityManager().createNativeQuery("""
                select max(greatest(updated_at, case when """ + " " + Article.publicSql("article") + """
                                                then published_at end))
                from article where category_id in (:ids)""")
                .setParameter("ids", categoryIds)
                .setParameter(Article.NOW, clock.instant())
                .getSingleResult();
        return Times.instant(value);
    }

    public long countArticles(long categoryId) {
        return ((Number) getEntityManager().createNativeQuery("select count(*) from article where category_id = :id")
                .setParameter("id", categoryId)
                .getSingleResult()).longValue();
    }

    public void moveArticles(long fromId, long toId) {
        getEntityManager().createNativeQuery("update article set category_id = :to where category_id = :from")
                .setParameter("to", toId)
                .setParameter("from", fromId)
                .executeUpdate();
    }

    public List<String> slugsLike(String base) {
        return find("slug = ?1 or slug like ?2", base, escapeLike(base) + "-%").project(SlugOnly.class).list()
                .stream().map(SlugOnly::slug).toList();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    public record SlugOnly(String slug) {
    }
}
