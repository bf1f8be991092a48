package io.newsdesk.cms.comment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsdesk.cms.common.persistence.Times;
import jakarta.persistence.Query;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class CommentRepository implements PanacheRepository<Comment> {

    private static final String PUBLIC_COLUMNS = "c.id, c.parent_id, c.author_name, c.author_url, c.body_html, c.created_at, c.staff";

    /** One page of an article's approved top-level comments, oldest first. */
    public List<Object[]> topLevelPage(long articleId, long offset, int limit) {
        return rows(getEntityManager().createNativeQuery("select " + PUBLIC_COLUMNS + """
                 from comment c where c.article_id = :article and c.parent_id is null and c.status = 'approved'
                order by c.created_at, c.id limit :limit offset :offset""")
                .setParameter("article", articleId)
                .setParameter("limit", limit)
                .setParameter("offset", offset));
    }

    public long countTopLevel(long articleId) {
        return ((Number) getEntityManager().createNativeQuery(
                "select count(*) from comment where article_id = :article and parent_id is null and status = 'approved'")
                .setParameter("article", articleId)
                .getSingleResult()).longValue();
    }

    /** Every approved reply under the given comments, at any depth, through approved parents only. */
    public List<Object[]> approvedReplies(List<Long> rootIds) {
        if (rootIds.isEmpty()) {
            return List.of();
        }
        return rows(getEntityManager().createNativeQuery("""
                with recursive r as (
                    select c.* from comment c where c.parent_id in (:roots) and c.status = 'approved'
                    union all
                    select c.* from comment c join r on c.parent_id = r.id where c.status = 'approved'
                ) select""" + " " + PUBLIC_COLUMNS.replace("c.", "r.") + " from r order by r.created_at, r.id")
                .setParameter("roots", rootIds));
    }

    /** Recounts an article's visible comments: approved, under approved parents only. Locks the article row first. */
    /**
     * Takes the article's row lock for this transaction. An approved comment takes it before its insert:
     * the insert's foreign-key share lock followed by the recount's update lock would otherwise let two
     * concurrent approvals deadlock on the article.
     */
    public void lockArticle(long articleId) {
        getEntityManager().createNativeQuery("select id from article where id = :id for update")
                .setParameter("id", articleId).getResultList();
    }

    public void recount(long articleId) {
        lockArticle(articleId);
        getEntityManager().createNativeQuery("""
                update article set comments_changed_at = now(), comment_count = (
                    with recursive visible(id) as (
                        select id from comment where article_id = :id and parent_id is null and status = 'approved'
                        union all
                        select c.id from comment c join visible v on c.parent_id = v.id where c.status = 'approved'
                    ) select count(*) from visible)
                where id = :id""")
                .setParameter("id", articleId)
                .executeUpdate();
    }

    /** The article of each of these comments that exists. */
    /** The current slug of a comment's article. */
    /** The article's slug and its category's id (null when it has none). */
    public record ArticlePlace(String slug, Long categoryId) {
    }

    public ArticlePlace articlePlace(long articleId) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("select slug, category_id from article where id = :id")
                .setParameter("id", articleId).getSingleResult();
        return new ArticlePlace((String) row[0], row[1] == null ? null : ((Number) row[1]).longValue());
    }

    public Map<Long, Long> articlesOf(List<Long> ids) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Object[] r : rows(getEntityManager().createNativeQuery("select id, article_id from comment where id in (:ids)")
                .setParameter("ids", ids))) {
            out.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
        }
        return out;
    }

    /** {@code count} new comment ids, taken from the table's identity sequence in one statement. */
    @SuppressWarnings("unchecked")
    public List<Long> newIds(int count) {
        return ((List<Number>) getEntityManager().createNativeQuery(
                "select nextval(pg_get_serial_sequence('comment', 'id')) from generate_series(1, :count)")
                .setParameter("count", count).getResultList()).stream().map(Number::longValue).toList();
    }

    /**
     * Inserts comments that carry their ids, in one statement; a parent must come before its replies in the list or
     * exist already (the rows are inserted in list order).
     */
    public void insertAll(List<Comment> rows) {
        int n = rows.size();
        Long[] id = new Long[n];
        Long[] article = new Long[n];
        Long[] parent = new Long[n];
        String[] name = new String[n];
        String[] email = new String[n];
        String[] emailKey = new String[n];
        String[] url = new String[n];
        String[] body = new String[n];
        String[] hash = new String[n];
        String[] html = new String[n];
        String[] status = new String[n];
        String[] address = new String[n];
        java.sql.Timestamp[] created = new java.sql.Timestamp[n];
        for (int i = 0; i < n; i++) {
            Comment c = rows.get(i);
            id[i] = c.id;
            article[i] = c.articleId;
            parent[i] = c.parentId;
            name[i] = c.authorName;
            email[i] = c.authorEmail;
            emailKey[i] = c.authorEmailKey;
            url[i] = c.authorUrl;
            body[i] = c.body;
            hash[i] = c.bodyHash;
            html[i] = c.bodyHtml;
            status[i] = c.status;
            address[i] = c.clientAddress;
            created[i] = java.sql.Timestamp.from(c.createdAt);
        }
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("""
                    insert into comment (id, article_id, parent_id, author_name, author_email, author_email_key, author_url, body, body_hash,
                                         body_html, status, staff, client_address, created_at, updated_at, trashed_at, status_before_trash)
                    select r.id, r.article_id, r.parent_id, r.name, r.email, r.email_key, r.url, r.body, r.hash, r.html, r.status, false,
                           r.address, r.created, r.created, case when r.status = 'trash' then now() end,
                           case when r.status = 'trash' then 'pending' end
                    from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                         with ordinality as r(id, article_id, parent_id, name, email, email_key, url, body, hash, html, status, address,
                                              created, n)
                    order by r.n""")) {
                insert.setArray(1, connection.createArrayOf("bigint", id));
                insert.setArray(2, connection.createArrayOf("bigint", article));
                insert.setArray(3, connection.createArrayOf("bigint", parent));
                Object[][] texts = { name, email, emailKey, url, body, hash, html, status, address };
                for (int k = 0; k < texts.length; k++) {
                    insert.setArray(4 + k, connection.createArrayOf("text", texts[k]));
                }
                insert.setArray(13, connection.createArrayOf("timestamptz", created));
                insert.executeUpdate();
            }
        });
    }

    /** Up to {@code limit} comments in the trash since before {@code cutoff}, each with its article's id. */
    public Map<Long, Long> trashedBefore(Instant cutoff, int limit) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Object[] r : rows(getEntityManager().createNativeQuery(
                "select id, article_id from comment where status = 'trash' and trashed_at < :cutoff order by trashed_at limit :limit")
                .setParameter("cutoff", cutoff).setParameter("limit", limit))) {
            out.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
        }
        return out;
    }

    /** Deletes those of the comments still in the trash since before {@code cutoff} (a restore may have come first). */
    public int deleteTrashed(List<Long> ids, Instant cutoff) {
        return getEntityManager().createNativeQuery("delete from comment where id in (:ids) and status = 'trash' and trashed_at < :cutoff")
                .setParameter("ids", ids).setParameter("cutoff", cutoff).executeUpdate();
    }

    public void deleteAll(List<Long> ids) {
        getEntityManager().createNativeQuery("delete from comment where id in (:ids)").setParameter("ids", ids).executeUpdate();
    }

    /** Moves the comments to a status; those entering the trash remember the status they leave, those leaving it forget. */
    public void setStatus(List<Long> ids, String status, Instant now) {
        getEntityManager().createNativeQuery("""
                update comment set status = :status, updated_at = :now, version = version + 1,
                    trashed_at = case when :status = 'trash' then cast(:now as timestamptz) end,
                    status_before_trash = case when :status = 'trash' then status end
                where id in (:ids) and status <> :status""")
                .setParameter("status", status).setParameter("now", now).setParameter("ids", ids)
                .executeUpdate();
    }

    public boolean hasApproved(String emailKey) {
        return !getEntityManager().createNativeQuery(
                "select 1 from comment where author_email_key = :email and status = 'approved' limit 1")
                .setParameter("email", emailKey)
                .getResultList().isEmpty();
    }

    /**
     * Whether the commenter key of this comment publishes at once: the comment is (still) approved, has this email, and
     * no comment the key published was marked as spam since.
     */
    public boolean keyIsActive(long commentId, String emailKey) {
        return !getEntityManager().createNativeQuery("""
                select 1 from comment k where k.id = :id and k.author_email_key = :email and k.status = 'approved'
                and not exists (select 1 from comment c where c.key_comment_id = k.id and c.status = 'spam')""")
                .setParameter("id", commentId)
                .setParameter("email", emailKey)
                .getResultList().isEmpty();
    }

    public boolean isDuplicate(String emailKey, String bodyHash, Instant since) {
        return !getEntityManager().createNativeQuery("""
                select 1 from comment where author_email_key = :email and body_hash = :hash and created_at > :since limit 1""")
                .setParameter("email", emailKey)
                .setParameter("hash", bodyHash)
                .setParameter("since", since)
                .getResultList().isEmpty();
    }

    private static final String MODERATED = """
            select c.id, a.slug, c.parent_id, c.author_name, c.author_email, c.author_url, c.body, c.body_html, c.status,
                   c.staff, c.spam_reason, c.client_address, c.user_agent, c.created_at, c.updated_at, c.trashed_at
            from comment c join article a on a.id = c.article_id where\s""";

    /** The moderation queue, newest first, with the article's slug. */
    public List<ModeratedComment> queue(String status, String articleSlug, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        Query q = getEntityManager().createNativeQuery(MODERATED + queueWhere(status, articleSlug, params)
                + " order by c.created_at desc, c.id desc limit :limit offset :offset");
        params.forEach(q::setParameter);
        q.setParameter("limit", limit).setParameter("offset", offset);
        return toModerated(rows(q));
    }

    private static List<ModeratedComment> toModerated(List<Object[]> rows) {
        List<ModeratedComment> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new ModeratedComment(((Number) r[0]).longValue(), (String) r[1], toLong(r[2]), (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], CommentStatus.of((String) r[8]), (Boolean) r[9], (String) r[10],
                    (String) r[11], (String) r[12], Times.instant(r[13]), Times.instant(r[14]), Times.instant(r[15])));
        }
        return out;
    }

    public Optional<ModeratedComment> moderated(long id) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        Query q = getEntityManager().createNativeQuery(MODERATED + "c.id = :id");
        params.forEach(q::setParameter);
        return toModerated(rows(q)).stream().findFirst();
    }

    public long countQueue(String status, String articleSlug) {
        Map<String, Object> params = new LinkedHashMap<>();
        Query q = getEntityManager().createNativeQuery(
                "select count(*) from comment c join article a on a.id = c.article_id where " + queueWhere(status, articleSlug, params));
        params.forEach(q::setParameter);
        return ((Number) q.getSingleResult()).longValue();
    }

    /** Erases client addresses and user agents older than the cutoff; answers how many comments changed. */
    public int eraseAddressesBefore(Instant cutoff) {
        return getEntityManager().createNativeQuery("""
                update comment set client_address = null, user_agent = null
                where created_at < :cutoff and (client_address is not null or user_agent is not null)""")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    private static String queueWhere(String status, String articleSlug, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("true");
        if (status != null) {
            where.append(" and c.status = :status");
            params.put("status", status);
        }
        if (articleSlug != null) {
            where.append(" and a.slug = :slug");
            params.put("slug", articleSlug);
        }
        return where.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }

    static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
