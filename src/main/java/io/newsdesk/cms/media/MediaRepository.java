package io.newsdesk.cms.media;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;

import io.newsdesk.cms.article.Sight;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class MediaRepository implements PanacheRepository<Media> {

    @Inject
    Clock clock;

    public Optional<Media> findBySha(String sha256) {
        return find("sha256", sha256).firstResultOptional();
    }

    /**
     * One page of the library, newest first, after the given id; {@code q} matches the file name, alt text
     * and caption, any case, anywhere in them.
     */
    public List<Media> page(String q, Long afterId, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null) {
            where.append(" and (lower(filename) like :q escape '\\' or lower(coalesce(alt, '')) like :q escape '\\'"
                    + " or lower(coalesce(caption, '')) like :q escape '\\')");
            params.put("q", "%" + q.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (afterId != null) {
            where.append(" and id < :after");
            params.put("after", afterId);
        }
        return find(where + " order by id desc", params).page(0, limit).list();
    }

    /** The articles that show each item, as its cover or in its body, by item id: those {@code sight} lets a caller see. */
    public Map<Long, List<MediaView.MediaUse>> uses(Collection<Long> mediaIds, Sight sight) {
        Map<Long, List<MediaView.MediaUse>> out = new HashMap<>();
        if (mediaIds.isEmpty()) {
            return out;
        }
        Query query = getEntityManager().createNativeQuery("""
                select u.media_id, a.id, a.slug, a.title from (
                    select cover_media_id as media_id, id as article_id from article where cover_media_id in (:ids)
                    union
                    select media_id, article_id from article_media where media_id in (:ids)
                ) u join article a on a.id = u.article_id
                where """ + " " + sight.sql("a") + " order by u.media_id, a.id")
                .setParameter("ids", mediaIds);
        Map<String, Object> params = new HashMap<>();
        sight.bind(params, clock.instant());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new MediaView.MediaUse(((Number) r[1]).longValue(), (String) r[2], (String) r[3]));
        }
        return out;
    }

    /** Every item's hash, for the cleanup job to tell stored files that belong to an item from orphans. */
    public boolean shaExists(String sha256) {
        return count("sha256", sha256) > 0;
    }
}
