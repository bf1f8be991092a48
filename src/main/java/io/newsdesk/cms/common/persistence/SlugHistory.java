package io.newsdesk.cms.common.persistence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Old slugs of renamed resources, so that links to them keep working (as a redirect). */
@ApplicationScoped
public class SlugHistory {

    public static final String ARTICLE = "article";
    public static final String CATEGORY = "category";

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    /** The id of the resource that once had this slug, if any. */
    public Optional<Long> find(String kind, String slug) {
        List<?> rows = em.createNativeQuery("select target_id from slug_redirect where kind = :kind and old_slug = :slug")
                .setParameter("kind", kind)
                .setParameter("slug", slug)
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    public void remember(String kind, String oldSlug, long targetId) {
        em.createNativeQuery("""
                insert into slug_redirect (kind, old_slug, target_id, created_at) values (:kind, :slug, :id, :now)
                on conflict (kind, old_slug) do update set target_id = excluded.target_id, created_at = excluded.created_at""")
                .setParameter("kind", kind)
                .setParameter("slug", oldSlug)
                .setParameter("id", targetId)
                .setParameter("now", clock.instant())
                .executeUpdate();
    }

    /**
     * Serializes slug generation from one base until this transaction ends, on every instance: two
     * editors creating the same title at once then get {@code base} and {@code base-2}, never a clash.
     */
    public void lockBase(String kind, String base) {
        String key = String.join(":", "slug", kind, base);
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))").setParameter("key", key).getSingleResult();
    }

    /** A slug taken by a live resource no longer redirects anywhere. */
    public void release(String kind, String slug) {
        em.createNativeQuery("delete from slug_redirect where kind = :kind and old_slug = :slug")
                .setParameter("kind", kind)
                .setParameter("slug", slug)
                .executeUpdate();
    }

    public void forget(String kind, long targetId) {
        em.createNativeQuery("delete from slug_redirect where kind = :kind and target_id = :id")
                .setParameter("kind", kind)
                .setParameter("id", targetId)
                .executeUpdate();
    }

    /**
     * Old slugs equal to base or of the form base-N, which generated slugs avoid. (No result class: Hibernate would
     * plan the query anew on every call, at the cost of its plan cache, instead of once.)
     */
    public List<String> similar(String kind, String base) {
        return ((List<?>) em.createNativeQuery("""
                select old_slug from slug_redirect where kind = :kind and (old_slug = :base or old_slug like :prefix escape '\\')""")
                .setParameter("kind", kind)
                .setParameter("base", base)
                .setParameter("prefix", base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%")
                .getResultList())
                .stream().map(String.class::cast).toList();
    }
}
