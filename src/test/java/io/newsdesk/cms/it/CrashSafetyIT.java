package io.newsdesk.cms.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL in the middle of a stream of writes, then a restart on the same database: every write the service acknowledged
 * (2xx) is there and whole, and nothing half-written is left behind by the writes the kill interrupted.
 */
class CrashSafetyIT {

    static final int WRITERS = 2;
    static final List<String> TARGETS = List.of("crash-target-one", "crash-target-two");

    static TestDatabase db;
    static ServiceProcess service;
    static String editor;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("crash");
        service = ServiceProcess.on("crash", db.jdbcUrl()).start();
        Http http = service.http();
        editor = Api.issueToken(http, service.bootstrapToken(), "crash writer", "editor").secret();
        for (String target : TARGETS) {
            Api.createPublished(http, editor, "Target " + target, target, List.of("target"));
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveASigkillAndNothingIsHalfWritten() throws Exception {
        AtomicInteger acks = new AtomicInteger();
        List<Writer> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Writer(w, service.http(), acks));
        }
        int killAfter = 25 + ThreadLocalRandom.current().nextInt(16);
        writers.forEach(Writer::start);
        Await.until(killAfter + " acknowledged writes", Duration.ofSeconds(90),
                () -> acks.get() >= killAfter || writers.stream().noneMatch(Writer::isAlive));
        int acknowledgedAtKill = acks.get();
        int exit = service.kill();
        for (Writer w : writers) {
            w.join(Http.DEFAULT_TIMEOUT.toMillis() + 5_000);
        }
        List<String> interrupted = writers.stream().filter(w -> w.interruptedStep != null)
                .map(w -> w.interruptedStep + " (" + w.interruptedError + ")").toList();
        List<String> unexpected = writers.stream().flatMap(w -> w.unexpected.stream()).toList();
        System.out.printf("[it] crash: SIGKILL (exit %d) after %d acknowledged writes (threshold %d); the kill interrupted: %s%n",
                exit, acknowledgedAtKill, killAfter, interrupted.isEmpty() ? "nothing" : interrupted);
        assertTrue(unexpected.isEmpty(), () -> "writes refused before the kill:\n  " + String.join("\n  ", unexpected));

        Duration restart = service.restart();
        System.out.printf("[it] crash: restarted on the same database, ready in %d ms%n", restart.toMillis());
        Http http = service.http();

        List<String> problems = new ArrayList<>();
        List<Unit> units = writers.stream().flatMap(w -> w.units.stream()).toList();
        for (Unit unit : units) {
            problems.addAll(check(http, unit));
        }
        for (Writer w : writers) {
            Step step = w.interruptedStep;
            if (step != null) {
                System.out.printf("[it] crash: interrupted %s -> after restart: %s%n", step, outcome(http, step));
            }
        }
        problems.addAll(databaseInvariants());
        System.out.printf("[it] crash: %d articles written by %d writers, %d acknowledged writes checked, %d problems%n",
                units.size(), WRITERS, acks.get(), problems.size());
        assertTrue(problems.isEmpty(), () -> problems.size() + " inconsistencies after the crash:\n  " + String.join("\n  ", problems));
    }

    /** Everything acknowledged about one article is there, through the API. */
    private static List<String> check(Http http, Unit unit) {
        List<String> out = new ArrayList<>();
        if (!unit.created) {
            return out;
        }
        String current = unit.renamed ? unit.newSlug : unit.slug;
        Http.Response read = http.get(Api.ARTICLES + "/" + current, editor);
        if (read.status() == 301 && unit.renameInterrupted) {
            current = unit.newSlug; // the interrupted rename committed: fine, as long as it is whole
            read = http.get(Api.ARTICLES + "/" + current, editor);
        }
        if (read.status() != 200) {
            out.add(unit.slug + ": acknowledged article not readable: " + read);
            return out;
        }
        JsonNode article = read.json();
        if (!current.equals(article.path("slug").asText())) {
            out.add(unit.slug + ": read as " + article.path("slug").asText() + ", expected " + current);
        }
        Set<String> tags = new HashSet<>();
        article.path("tags").forEach(t -> tags.add(t.asText()));
        if (!tags.equals(new HashSet<>(unit.tags)) || article.path("tags").size() != unit.tags.size()) {
            out.add(unit.slug + ": tags " + article.path("tags") + ", expected " + unit.tags);
        }
        if (!current.equals(unit.slug)) {
            Http.Response old = http.get(Api.ARTICLES + "/" + unit.slug);
            if (old.status() != 301 || !old.header("Location").orElse("").endsWith(Api.ARTICLES + "/" + current)) {
                out.add(unit.slug + ": old slug does not redirect (301) to " + current + ": " + old);
            }
        }
        if (unit.related != null) {
            Http.Response related = http.get(Api.ARTICLES + "/" + current + "/related", editor);
            List<String> curated = new ArrayList<>();
            if (related.status() == 200) {
                JsonNode items = related.json().has("items") ? related.json().path("items") : related.json();
                for (JsonNode item : items) {
                    if ("curated".equals(item.path("source").asText())) {
                        curated.add("article".equals(item.path("kind").asText()) ? item.path("article").path("slug").asText()
                                : item.path("url").asText());
                    }
                }
            }
            if (!curated.equals(unit.related)) {
                out.add(unit.slug + ": curated related " + curated + ", expected " + unit.related + " (" + related + ")");
            }
        }
        if (!unit.comments.isEmpty()) {
            Http.Response thread = http.get(Api.ARTICLES + "/" + current + "/comments?size=100");
            Set<Long> ids = new HashSet<>();
            if (thread.status() == 200) {
                thread.json().path("items").forEach(c -> ids.add(c.path("id").asLong()));
            }
            if (!ids.containsAll(unit.comments)) {
                out.add(unit.slug + ": acknowledged comments " + unit.comments + " not all in the thread " + ids + " (" + thread + ")");
            }
            int count = article.path("commentCount").asInt();
            if (count < unit.comments.size()) {
                out.add(unit.slug + ": commentCount " + count + " below the " + unit.comments.size() + " acknowledged comments");
            }
        }
        return out;
    }

    /** What is in the database whatever was interrupted: no write is ever half done. */
    private static List<String> databaseInvariants() {
        List<String> out = new ArrayList<>();
        // Every article the writers sent had exactly five tags; a create or update is all or nothing.
        db.rows("""
                select slug, tags, tag_keys from article
                where slug like 'crash-unit-%' and (cardinality(tags) <> 5 or cardinality(tag_keys) <> cardinality(tags))""")
                .forEach(r -> out.add("article without all its tags: " + r));
        db.rows("""
                select r.kind, r.old_slug, r.target_id from slug_redirect r
                where (r.kind = 'article' and not exists (select 1 from article a where a.id = r.target_id))
                   or (r.kind = 'category' and not exists (select 1 from category c where c.id = r.target_id))""")
                .forEach(r -> out.add("slug redirect pointing nowhere: " + r));
        // A renamed article keeps its old slug as a redirect: the rename and its history are one write.
        db.rows("""
                select a.slug from article a
                where a.slug like 'crash-unit-%-renamed' and not exists (
                    select 1 from slug_redirect r where r.kind = 'article' and r.target_id = a.id
                    and r.old_slug = left(a.slug, length(a.slug) - length('-renamed')))""")
                .forEach(r -> out.add("renamed article without its old slug's redirect: " + r));
        db.rows("""
                select a.slug, a.comment_count, (
                    with recursive visible(id) as (
                        select c.id from comment c where c.article_id = a.id and c.parent_id is null and c.status = 'approved'
                        union all
                        select c.id from comment c join visible v on c.parent_id = v.id where c.status = 'approved'
                    ) select count(*) from visible) as approved
                from article a
                where a.comment_count <> (
                    with recursive visible(id) as (
                        select c.id from comment c where c.article_id = a.id and c.parent_id is null and c.status = 'approved'
                        union all
                        select c.id from comment c join visible v on c.parent_id = v.id where c.status = 'approved'
                    ) select count(*) from visible)""")
                .forEach(r -> out.add("comment_count differs from the approved comments: " + r));
        // Every curated list the writers sent had three links; replacing a list is all or nothing.
        db.rows("""
                select a.slug, count(*) as links, array_agg(l.position order by l.position) as positions
                from article a join related_link l on l.article_id = a.id
                group by a.slug having count(*) <> 3 or min(l.position) <> max(l.position) - 2""")
                .forEach(r -> out.add("incomplete curated related list: " + r));
        return out;
    }

    /** Whether an interrupted write is in the database after the restart (either is fine; it is printed). */
    private static String outcome(Http http, Step step) {
        Unit unit = step.unit;
        return switch (step.kind) {
            case "create" -> http.get(Api.ARTICLES + "/" + unit.slug, editor).status() == 200 ? "committed" : "not committed";
            case "related" -> {
                Http.Response r = http.get(Api.ARTICLES + "/" + unit.slug + "/related", editor);
                yield r.body().contains("https://example.org/crash/" + unit.n) ? "committed" : "not committed";
            }
            case "rename" -> {
                int status = http.get(Api.ARTICLES + "/" + unit.slug).status();
                yield status == 301 ? "committed (old slug redirects)" : status == 200 ? "not committed" : "old slug answers " + status;
            }
            default -> {
                long found = db.number("select count(*) from comment where body = ?", step.detail);
                yield found == 1 ? "committed" : found == 0 ? "not committed" : found + " copies";
            }
        };
    }

    /** One article a writer builds up step by step; what was acknowledged so far. */
    static final class Unit {
        final int n;
        final String slug;
        final String newSlug;
        final List<String> tags;
        volatile boolean created;
        volatile List<String> related;
        volatile boolean renamed;
        volatile boolean renameInterrupted;
        final List<Long> comments = new CopyOnWriteArrayList<>();

        Unit(int n) {
            this.n = n;
            this.slug = "crash-unit-" + n;
            this.newSlug = slug + "-renamed";
            this.tags = List.of("crash", "Unit " + n, "batch-" + (n % 7), "Kill Test", "tag-" + n);
        }
    }

    record Step(Unit unit, String kind, String request, String detail) {
        @Override
        public String toString() {
            return kind + " " + request;
        }
    }

    /** Streams writes until the service stops answering: create with tags, curate related links, rename, comment. */
    static final class Writer extends Thread {
        final int id;
        final Http http;
        final AtomicInteger acks;
        final List<Unit> units = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        volatile Step interruptedStep;
        volatile String interruptedError;

        Writer(int id, Http http, AtomicInteger acks) {
            super("crash-writer-" + id);
            setDaemon(true);
            this.id = id;
            this.http = http;
            this.acks = acks;
        }

        @Override
        public void run() {
            for (int i = 0; ; i++) {
                Unit unit = new Unit(i * WRITERS + id);
                units.add(unit);
                Map<String, Object> article = Api.publishedArticle("Crash unit " + unit.n, unit.slug, unit.tags);
                if (!send(new Step(unit, "create", "POST " + Api.ARTICLES + " " + unit.slug, null), "POST", Api.ARTICLES, article)) {
                    return;
                }
                unit.created = true;
                List<Map<String, Object>> links = List.of(Map.of("articleSlug", TARGETS.get(0)), Map.of("articleSlug", TARGETS.get(1)),
                        Map.of("url", "https://example.org/crash/" + unit.n, "title", "External " + unit.n));
                String relatedPath = Api.ARTICLES + "/" + unit.slug + "/related";
                if (!send(new Step(unit, "related", "PUT " + relatedPath, null), "PUT", relatedPath, links)) {
                    return;
                }
                unit.related = List.of(TARGETS.get(0), TARGETS.get(1), "https://example.org/crash/" + unit.n);
                Map<String, Object> rename = new LinkedHashMap<>();
                rename.put("slug", unit.newSlug);
                rename.put("title", "Crash unit " + unit.n + " (renamed)");
                String articlePath = Api.ARTICLES + "/" + unit.slug;
                if (!send(new Step(unit, "rename", "PATCH " + articlePath + " -> " + unit.newSlug, null), "PATCH", articlePath, rename)) {
                    unit.renameInterrupted = true;
                    return;
                }
                unit.renamed = true;
                for (int c = 1; c <= 2; c++) {
                    String body = "Comment " + c + " on crash unit " + unit.n;
                    String commentsPath = Api.ARTICLES + "/" + unit.newSlug + "/comments";
                    Http.Response answer = sendRaw(new Step(unit, "comment", "POST " + commentsPath + " (" + body + ")", body),
                            "POST", commentsPath, Api.comment("Crash Desk", "desk@newsdesk.example", body));
                    if (answer == null) {
                        return;
                    }
                    unit.comments.add(answer.json().path("id").asLong());
                }
            }
        }

        private boolean send(Step step, String method, String path, Object body) {
            return sendRaw(step, method, path, body) != null;
        }

        /** The answer when acknowledged (2xx); null when the writer must stop. */
        private Http.Response sendRaw(Step step, String method, String path, Object body) {
            String type = "PATCH".equals(method) ? Http.MERGE_PATCH : Http.JSON;
            Http.Response answer = http.send(method, path, editor, type, Http.json(body), Http.DEFAULT_TIMEOUT);
            if (!answer.answered()) {
                interruptedStep = step;
                interruptedError = answer.error().getClass().getSimpleName()
                        + (answer.error() instanceof java.net.ConnectException ? ": never reached the service" : ": sent, no answer");
                return null;
            }
            if (!answer.is2xx()) {
                unexpected.add(step + ": " + answer);
                return null;
            }
            acks.incrementAndGet();
            return answer;
        }
    }
}
