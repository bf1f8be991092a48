package io.newsdesk.cms.revision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsdesk.cms.common.persistence.SqlArrays;
import io.newsdesk.cms.common.persistence.Times;

/** The {@code article_revision} table. */
@ApplicationScoped
class RevisionStore {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    /** One stored revision; {@code fields} and {@code body} are whole for the newest, patches for the others. */
    record Row(long id, int number, Instant createdAt, Long actorId, String actorName, String actorRole, String reason,
            List<String> changed, int format, ObjectNode fields, String body, JsonNode bodyDelta) {
    }

    private static final String COLUMNS = "id, number, created_at, actor_id, actor_name, actor_role, reason, changed, format, "
            + "cast(fields as text), body, cast(body_delta as text)";

    /** The newest revision of an article, locked until the transaction ends (so revisions are numbered one at a time). */
    Row latestForUpdate(long articleId) {
        List<Row> rows = rows(em.createNativeQuery("select " + COLUMNS
                + " from article_revision where article_id = :article order by number desc limit 1 for update")
                .setParameter("article", articleId).getResultList());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The revisions from the newest down to {@code number}, newest first. */
    List<Row> chain(long articleId, int number) {
        return rows(em.createNativeQuery("select " + COLUMNS
                + " from article_revision where article_id = :article and number >= :number order by number desc")
                .setParameter("article", articleId).setParameter("number", number).getResultList());
    }

    Row one(long articleId, int number) {
        List<Row> rows = rows(em.createNativeQuery("select " + COLUMNS + " from article_revision where article_id = :article and number = :number")
                .setParameter("article", articleId).setParameter("number", number).getResultList());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Revisions numbered below {@code before}, newest first (no fields, no body). */
    List<Row> page(long articleId, int before, int limit) {
        return rows(em.createNativeQuery("select id, number, created_at, actor_id, actor_name, actor_role, reason, changed, format, "
                + "'{}', null, null from article_revision where article_id = :article and number < :before order by number desc limit :limit")
                .setParameter("article", articleId).setParameter("before", before).setParameter("limit", limit).getResultList());
    }

    /**
     * Revisions over every article, newest first, below the revision id {@code before}: since a time, by a token
     * (its id) or by a name (any case). Columns: revision id, article id, slug, title, number, time, actor id, name,
     * role, reason, changed.
     */
    @SuppressWarnings("unchecked")
    List<Object[]> activity(Instant since, Long actorId, String actorName, long before, int limit) {
        return em.createNativeQuery("""
                select r.id, a.id, a.slug, a.title, r.number, r.created_at, r.actor_id, r.actor_name, r.actor_role, r.reason, r.changed
                from article_revision r join article a on a.id = r.article_id
                where r.id < :before and r.created_at >= :since
                  and (cast(:actorId as bigint) is null or r.actor_id = :actorId)
                  and (cast(:actorName as text) is null or lower(r.actor_name) = lower(cast(:actorName as text)))
                order by r.id desc limit :limit""")
                .setParameter("before", before).setParameter("since", since == null ? Instant.EPOCH : since)
                .setParameter("actorId", actorId).setParameter("actorName", actorName).setParameter("limit", limit)
                .getResultList();
    }

    /** All of an article's revisions, newest first, locked until the transaction ends. */
    List<Row> allForUpdate(long articleId) {
        return rows(em.createNativeQuery("select " + COLUMNS + " from article_revision where article_id = :article order by number desc for update")
                .setParameter("article", articleId).getResultList());
    }

    /** Articles (by id, above {@code after}) that have more than {@code keep} revisions. */
    @SuppressWarnings("unchecked")
    List<Long> articlesOver(int keep, long after, int limit) {
        return ((List<Number>) em.createNativeQuery("""
                select article_id from article_revision where article_id > :after
                group by article_id having count(*) > :keep order by article_id limit :limit""")
                .setParameter("after", after).setParameter("keep", keep).setParameter("limit", limit).getResultList())
                .stream().map(Number::longValue).toList();
    }

    void deleteAll(List<Long> ids) {
        em.createNativeQuery("delete from article_revision where id in (:ids)").setParameter("ids", ids).executeUpdate();
    }

    /** The numbers of the revisions just before and after {@code number} (0 when there is none). */
    int[] neighbours(long articleId, int number) {
        Object[] r = (Object[]) em.createNativeQuery("""
                select coalesce((select max(number) from article_revision where article_id = :article and number < :number), 0),
                       coalesce((select min(number) from article_revision where article_id = :article and number > :number), 0)""")
                .setParameter("article", articleId).setParameter("number", number).getSingleResult();
        return new int[] { ((Number) r[0]).intValue(), ((Number) r[1]).intValue() };
    }

    int newestNumber(long articleId) {
        Number n = (Number) em.createNativeQuery("select coalesce(max(number), 0) from article_revision where article_id = :article")
                .setParameter("article", articleId).getSingleResult();
        return n.intValue();
    }

    /** Adds the newest revision; answers false when that number exists already (a first revision recorded concurrently). */
    boolean insert(long articleId, int number, Instant at, Long actorId, String actorName, String actorRole, String reason,
            List<String> changed, ObjectNode fields, String body, boolean published) {
        return em.createNativeQuery("""
                insert into article_revision (article_id, number, created_at, actor_id, actor_name, actor_role, reason, changed, format,
                                              fields, body, published)
                values (:article, :number, :at, :actorId, :actorName, :actorRole, :reason, cast(:changed as text[]), :format,
                        cast(:fields as jsonb), :body, :published)
                on conflict (article_id, number) do nothing""")
                .setParameter("article", articleId).setParameter("number", number).setParameter("at", at)
                .setParameter("actorId", actorId).setParameter("actorName", actorName).setParameter("actorRole", actorRole)
                .setParameter("reason", reason).setParameter("changed", SqlArrays.text(changed)).setParameter("format", Snapshots.FORMAT)
                .setParameter("fields", json(fields)).setParameter("body", body).setParameter("published", published)
                .executeUpdate() == 1;
    }

    /** Rewrites the newest revision (a second change in the transaction that made it). */
    void rewriteNewest(long id, String reason, List<String> changed, ObjectNode fields, String body, boolean published) {
        em.createNativeQuery("""
                update article_revision set reason = :reason, changed = cast(:changed as text[]), fields = cast(:fields as jsonb),
                       body = :body, body_delta = null, published = :published, format = :format where id = :id""")
                .setParameter("reason", reason).setParameter("changed", SqlArrays.text(changed)).setParameter("fields", json(fields))
                .setParameter("body", body).setParameter("published", published).setParameter("format", Snapshots.FORMAT)
                .setParameter("id", id).executeUpdate();
    }

    /** Turns a revision into patches from the one after it. */
    void storeAsPatch(long id, ObjectNode fieldsPatch, JsonNode bodyPatch) {
        em.createNativeQuery("update article_revision set fields = cast(:fields as jsonb), body = null, body_delta = cast(:delta as jsonb) where id = :id")
                .setParameter("fields", json(fieldsPatch)).setParameter("delta", json(bodyPatch)).setParameter("id", id).executeUpdate();
    }

    void delete(long id) {
        em.createNativeQuery("delete from article_revision where id = :id").setParameter("id", id).executeUpdate();
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PostgreSQL text[] literal. */
    private List<Row> rows(List<?> result) {
        List<Row> out = new ArrayList<>();
        for (Object row : result) {
            Object[] r = (Object[]) row;
            try {
                out.add(new Row(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), Times.instant(r[2]),
                        r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], (String) r[5], (String) r[6],
                        r[7] == null ? List.of() : List.of((String[]) r[7]), ((Number) r[8]).intValue(),
                        (ObjectNode) mapper.readTree((String) r[9]), (String) r[10], r[11] == null ? null : mapper.readTree((String) r[11])));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
