package io.newsdesk.cms.wordpress;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.persistence.SqlArrays;
import io.newsdesk.cms.common.persistence.Times;

/** The import jobs, and what each WordPress object became (the tables of this feature). */
@ApplicationScoped
class ImportJobs {

    /** A running import whose heartbeat is older than this was interrupted. */
    static final java.time.Duration HEARTBEAT_TIMEOUT = java.time.Duration.ofMinutes(2);

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImportJobs.class);

    @Inject
    EntityManager em;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    long create(boolean dryRun, String fileName, long fileSize, String site, Long byId, String byName) {
        return ((Number) em.createNativeQuery("""
                insert into wordpress_import (state, dry_run, file_name, file_size, site, created_at, created_by_id, created_by_name)
                values ('queued', :dry, :name, :size, :site, :now, :by, :byName) returning id""")
                .setParameter("dry", dryRun).setParameter("name", fileName).setParameter("size", fileSize).setParameter("site", site)
                .setParameter("now", Instant.now()).setParameter("by", byId).setParameter("byName", byName)
                .getSingleResult()).longValue();
    }

    void started(long id) {
        em.createNativeQuery("update wordpress_import set state = 'running', started_at = now(), heartbeat_at = now() where id = :id")
                .setParameter("id", id).executeUpdate();
    }

    void progress(long id, int done, int total, ImportReport report) {
        em.createNativeQuery("""
                update wordpress_import set items_done = :done, items_total = :total, report = cast(:report as jsonb), heartbeat_at = now()
                where id = :id""")
                .setParameter("done", done).setParameter("total", total).setParameter("report", json(report.view())).setParameter("id", id)
                .executeUpdate();
    }

    void finished(long id, int done, ImportReport report, String error) {
        em.createNativeQuery("""
                update wordpress_import set state = :state, items_done = :done, report = cast(:report as jsonb), error = :error,
                    finished_at = now(), heartbeat_at = null
                where id = :id""")
                .setParameter("state", error == null ? "succeeded" : "failed").setParameter("done", done)
                .setParameter("report", report == null ? null : json(report.view())).setParameter("error", error).setParameter("id", id)
                .executeUpdate();
    }

    /** Marks as failed the imports that stopped beating (their instance died); answers how many. */
    int failInterrupted() {
        return em.createNativeQuery("""
                update wordpress_import set state = 'failed', finished_at = now(),
                    error = 'Interrupted: the service stopped while it ran. Run the import again; it carries on where this one stopped.'
                where state in ('queued', 'running') and coalesce(heartbeat_at, created_at) < :cutoff""")
                .setParameter("cutoff", Instant.now().minus(HEARTBEAT_TIMEOUT)).executeUpdate();
    }

    Optional<ImportView> find(long id) {
        List<Object[]> rows = rows(em.createNativeQuery("""
                select id, state, dry_run, file_name, file_size, site, items_done, items_total, cast(report as text), error, created_at,
                       started_at, finished_at
                from wordpress_import where id = :id""").setParameter("id", id));
        return rows.stream().findFirst().map(r -> new ImportView(((Number) r[0]).longValue(), (String) r[1], (Boolean) r[2], (String) r[3],
                ((Number) r[4]).longValue(), (String) r[5], new ImportView.Progress(((Number) r[6]).intValue(),
                        r[7] == null ? null : ((Number) r[7]).intValue()), report((String) r[8]), (String) r[9], Times.instant(r[10]),
                Times.instant(r[11]), Times.instant(r[12])));
    }

    /** The source hashes and target ids of these WordPress objects of one kind imported before from this site. */
    Map<Long, Known> known(String site, String kind, Collection<Long> wpIds) {
        Map<Long, Known> out = new HashMap<>();
        if (wpIds.isEmpty()) {
            return out;
        }
        for (Object[] r : rows(em.createNativeQuery("""
                select wp_id, target_id, source_hash from wordpress_item where site = :site and kind = :kind and wp_id = any(cast(:ids as bigint[]))""")
                .setParameter("site", site).setParameter("kind", kind).setParameter("ids", SqlArrays.bigint(wpIds)))) {
            out.put(((Number) r[0]).longValue(), new Known(((Number) r[1]).longValue(), (String) r[2]));
        }
        return out;
    }

    record Known(long targetId, String sourceHash) {
    }

    void remember(String site, String kind, long wpId, long targetId, String sourceHash) {
        em.createNativeQuery("""
                insert into wordpress_item (site, kind, wp_id, target_id, source_hash, imported_at) values (:site, :kind, :wp, :target, :hash, now())
                on conflict (site, kind, wp_id) do update set target_id = excluded.target_id, source_hash = excluded.source_hash,
                    imported_at = excluded.imported_at""")
                .setParameter("site", site).setParameter("kind", kind).setParameter("wp", wpId).setParameter("target", targetId)
                .setParameter("hash", sourceHash).executeUpdate();
    }

    record Remembered(long wpId, long targetId, String sourceHash) {
    }

    /** Records what many WordPress objects of one kind became, in one statement. */
    void rememberAll(String site, String kind, List<Remembered> rows) {
        if (rows.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                insert into wordpress_item (site, kind, wp_id, target_id, source_hash, imported_at)
                select :site, :kind, w, t, h, now()
                from unnest(cast(:wp as bigint[]), cast(:target as bigint[]), cast(:hash as text[])) as r(w, t, h)
                on conflict (site, kind, wp_id) do update set target_id = excluded.target_id, source_hash = excluded.source_hash,
                    imported_at = excluded.imported_at""")
                .setParameter("site", site).setParameter("kind", kind)
                .setParameter("wp", SqlArrays.bigint(rows.stream().map(Remembered::wpId).toList()))
                .setParameter("target", SqlArrays.bigint(rows.stream().map(Remembered::targetId).toList()))
                .setParameter("hash", SqlArrays.text(rows.stream().map(Remembered::sourceHash).toList()))
                .executeUpdate();
    }

    /**
     * Has PostgreSQL look at the tables an import fills again: its statistics still describe them as they were
     * before (often empty), and plans made from those scan whole tables once they are not.
     */
    void refreshStatistics() {
        em.createNativeQuery("analyze article, comment, wordpress_item, legacy_path, article_revision").executeUpdate();
    }

    /**
     * The lock that keeps a second import of a site out while one runs, held on a connection of its own until closed
     * (PostgreSQL lets it go if the process dies); answers null when another import of the site holds it.
     */
    SiteLock lockSite(String site) {
        try {
            java.sql.Connection connection = dataSource.getConnection();
            try (var statement = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                statement.setString(1, "wordpress-import:" + site);
                try (var result = statement.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        return new SiteLock(connection);
                    }
                }
            }
            connection.close();
            return null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The import could not take its site's lock", e);
        }
    }

    /** A site's import lock; closing it lets the next import of the site in. */
    record SiteLock(java.sql.Connection connection) implements AutoCloseable {
        @Override
        public void close() {
            try (connection) {
                connection.createStatement().execute("select pg_advisory_unlock_all()");
            } catch (java.sql.SQLException e) {
                LOG.warnf("The import lock's connection did not close cleanly: %s", e.getMessage());
            }
        }
    }

    private ImportReport.View report(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, ImportReport.View.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import's stored report cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(jakarta.persistence.Query query) {
        return query.getResultList();
    }
}
