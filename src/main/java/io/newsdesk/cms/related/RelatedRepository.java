package io.newsdesk.cms.related;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.newsdesk.cms.article.Article;
import io.newsdesk.cms.article.Covers;

/** Curated links and ranked suggestions for any number of articles, each in one statement. */
@ApplicationScoped
public class RelatedRepository {

    /** How many of the newest articles of each tag are candidates for suggestions. */
    static final int TAG_POOL = 40;

    /** The column of {@link #curated} with the token that created a linked article. */
    static final int CURATED_CREATED_BY = 18;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Curated links of these articles with their targets' current teasers, in editor order. */
    @SuppressWarnings("unchecked")
    public List<Object[]> curated(List<Long> articleIds) {
        return em.createNativeQuery("""
                select rl.article_id, rl.id, rl.position, rl.target_article_id, rl.url, rl.title, rl.description,
                       rl.image_url, rl.image_alt, rl.image_caption, rl.image_width, rl.image_height,
                       t.slug, t.title, coalesce(nullif(t.excerpt, ''), t.auto_excerpt), t.published_at, t.status,
                       (t.published_at > :now), t.created_by_id, """ + Covers.columns("t", "tm") + """
                from related_link rl left join article t on t.id = rl.target_article_id""" + Covers.join("t", "tm") + """
                where rl.article_id in (:ids)
                order by rl.article_id, rl.position""")
                .setParameter("ids", articleIds)
                .setParameter(Article.NOW, clock.instant())
                .getResultList();
    }

    /**
     * Public suggestions for each article, as many as its curated public links leave free of
     * {@code count}: most shared tags first, then same category (2) or a parent, child or sibling
     * category (1), then the newest; never the article itself nor one it already links to.
     *
     * <p>Only a few candidates are ranked, each found through an index: the newest {@value #TAG_POOL}
     * public articles of each of the article's tags (from {@code article_tag}) (so a suggestion sharing tags is a recent one; a tag
     * on thousands of stories does not make every one of them a candidate), and the newest {@code pool}
     * of the same category, of the neighbouring categories and of all articles. {@code pool} exceeds what
     * can be wanted plus what can be excluded (the article itself and its curated links), so below the
     * tag tier the ranking is the same as over all articles.
     */
    @SuppressWarnings("unchecked")
    public List<Object[]> suggestions(List<Long> articleIds, int count, int maxLinks) {
        return em.createNativeQuery(SUGGESTIONS)
                .setParameter("ids", articleIds)
                .setParameter("count", count)
                .setParameter("pool", count + maxLinks + 1)
                .setParameter("tagPool", TAG_POOL)
                .setParameter(Article.NOW, clock.instant())
                .getResultList();
    }

    /** The statement of {@link #suggestions}; its plan is checked by a test. */
    public static final String SUGGESTIONS = """
                with src as (
                    select s.id, s.tag_keys, s.category_id, sc.parent_id,
                           array(select c.id from category c
                                 where c.id <> s.category_id and (c.id = sc.parent_id or c.parent_id = s.category_id
                                       or (sc.parent_id is not null and c.parent_id = sc.parent_id))) as neighbours,
                           greatest(0, :count
                               - (select count(*) from related_link l join article t on t.id = l.target_article_id
                                  where l.article_id = s.id and """ + " " + Article.publicSql("t") + """
                                 )
                               - (select count(*) from related_link l where l.article_id = s.id and l.url is not null)) as wanted
                    from article s left join category sc on sc.id = s.category_id
                    where s.id in (:ids)
                )
                select s.id, x.id, x.slug, x.title, x.excerpt, x.published_at, """ + Covers.passOn("x") + """
                from src s
                cross join lateral (
                    select a.id, a.slug, a.title, coalesce(nullif(a.excerpt, ''), a.auto_excerpt) as excerpt, a.published_at, """ + Covers.columns("a", "am") + """
                           ,
                           (select count(*) from unnest(a.tag_keys) k where k = any(s.tag_keys)) as shared,
                           case when a.category_id = s.category_id then 2
                                when ac.id = s.parent_id or ac.parent_id = s.category_id
                                     or (ac.parent_id is not null and ac.parent_id = s.parent_id) then 1
                                else 0 end as family
                    from (
                        select tagged.article_id from unnest(s.tag_keys) k cross join lateral (
                            select t.article_id from article_tag t
                            where t.tag_key = k and t.published_at <= :now
                            order by t.published_at desc, t.article_id desc limit :tagPool) tagged
                        union
                        (select t.id from article t
                         where t.category_id = s.category_id and """ + " " + Article.publicSql("t") + """
                         order by t.published_at desc, t.id desc limit :pool)
                        union
                        (select n.id from unnest(s.neighbours) nc(id) cross join lateral (
                             select t.id, t.published_at from article t
                             where t.category_id = nc.id and """ + " " + Article.publicSql("t") + """
                             order by t.published_at desc, t.id desc limit :pool) n
                         order by n.published_at desc, n.id desc limit :pool)
                        union
                        (select t.id from article t
                         where """ + " " + Article.publicSql("t") + """
                         order by t.published_at desc, t.id desc limit :pool)
                    ) candidate (id)
                    join article a on a.id = candidate.id""" + Covers.join("a", "am") + """
                    left join category ac on ac.id = a.category_id
                    where a.id <> s.id
                      and not exists (select 1 from related_link l where l.article_id = s.id and l.target_article_id = a.id)
                    order by shared desc, family desc, a.published_at desc, a.id desc
                    limit s.wanted
                ) x
                order by s.id, x.shared desc, x.family desc, x.published_at desc, x.id desc""";

    public void deleteAll(long articleId) {
        em.createNativeQuery("delete from related_link where article_id = :id").setParameter("id", articleId).executeUpdate();
    }

    public void insertInternal(long articleId, int position, long targetId) {
        em.createNativeQuery("insert into related_link (article_id, position, target_article_id) values (:a, :p, :t)")
                .setParameter("a", articleId).setParameter("p", position).setParameter("t", targetId)
                .executeUpdate();
    }

    public void insertExternal(long articleId, int position, RelatedLinkWrite link) {
        var image = link.image();
        em.createNativeQuery("""
                insert into related_link (article_id, position, url, title, description, image_url, image_alt, image_caption,
                                          image_width, image_height)
                values (:a, :p, :url, :title, :description, :imageUrl, :imageAlt, :imageCaption, :imageWidth, :imageHeight)""")
                .setParameter("a", articleId).setParameter("p", position)
                .setParameter("url", link.url())
                .setParameter("title", link.title().strip())
                .setParameter("description", link.description())
                .setParameter("imageUrl", image == null ? null : image.url())
                .setParameter("imageAlt", image == null ? null : image.alt())
                .setParameter("imageCaption", image == null ? null : image.caption())
                .setParameter("imageWidth", image == null ? null : image.width())
                .setParameter("imageHeight", image == null ? null : image.height())
                .executeUpdate();
    }

    /** Locks the article row and answers the version of its curated list. */
    public long lockVersion(long articleId) {
        return ((Number) em.createNativeQuery("select related_version from article where id = :id for update")
                .setParameter("id", articleId).getSingleResult()).longValue();
    }

    public long version(long articleId) {
        return ((Number) em.createNativeQuery("select related_version from article where id = :id")
                .setParameter("id", articleId).getSingleResult()).longValue();
    }

    public void bumpVersion(long articleId) {
        em.createNativeQuery("update article set related_version = related_version + 1 where id = :id")
                .setParameter("id", articleId).executeUpdate();
    }
}
