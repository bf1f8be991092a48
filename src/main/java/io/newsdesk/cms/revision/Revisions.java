package io.newsdesk.cms.revision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.newsdesk.cms.article.ArticleChanged;
import io.newsdesk.cms.article.ArticleHistory;
import io.newsdesk.cms.article.ArticleRef;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleWrite;
import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.article.EditorialState;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.category.CategoryRef;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.error.ApiException;
import io.newsdesk.cms.common.error.FieldError;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Cursors;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.persistence.Times;
import io.newsdesk.cms.media.MediaService;
import io.newsdesk.cms.related.RelatedLinkWrite;
import io.newsdesk.cms.related.RelatedService;

/**
 * Article history. Every editorial change is recorded, in the transaction that makes it, as an immutable revision
 * (see {@link ArticleChanged}); a write that changes nothing records nothing. Revisions are read, compared and
 * restored here; a restore is a write like any other and records a new revision, so history is never rewritten.
 */
@ApplicationScoped
public class Revisions implements ArticleHistory {

    private static final List<String> EVERYTHING = Snapshots.FIELDS;

    @Inject
    Clock clock;

    @Inject
    RevisionStore store;

    @Inject
    RevisionTx tx;

    @Inject
    ArticleService articles;

    @Inject
    RelatedService related;

    @Inject
    CategoryService categories;

    @Inject
    MediaService media;

    @Inject
    Cursors cursors;

    @Inject
    ObjectMapper mapper;

    /** An article's state: its fields and its body. */
    record State(ObjectNode fields, String body) {
        boolean published() {
            return "published".equals(fields.path("status").asText());
        }
    }

    @Override
    public int newestRevision(long articleId) {
        return store.newestNumber(articleId);
    }

    void onChange(@Observes ArticleChanged change) {
        switch (change.phase()) {
            case BEFORE -> baseline(change.articleId());
            case AFTER -> record(change.articleId(), change.reason(), change.caller());
            case CREATED -> first(change.articleId(), change.reason(), change.caller());
        }
    }

    /** A new article's first revision: it has nothing before it, and no related links yet. */
    private void first(long articleId, String reason, Caller caller) {
        EditorialState s = articles.editorialState(articleId).orElse(null);
        if (s == null) {
            return;
        }
        State now = new State(Snapshots.of(s, List.of()), s.body() == null ? "" : s.body());
        store.insert(articleId, 1, clock.instant(), caller == null ? null : caller.tokenId(), caller == null ? null : caller.name(),
                caller == null ? null : caller.role().toString(), reason, EVERYTHING, now.fields(), now.body(), now.published());
        tx.recorded(articleId, 1);
    }

    private State current(long articleId) {
        return articles.editorialState(articleId).map(this::state).orElse(null);
    }

    private State state(EditorialState s) {
        return new State(Snapshots.of(s, related.curatedLinks(s.id())), s.body() == null ? "" : s.body());
    }

    /**
     * Before a change: locks the article's newest revision, which the change's revision follows. An article written
     * before history was kept gets a first revision of what it was then ({@code baseline}, dated and signed as its
     * last change was).
     */
    private void baseline(long articleId) {
        RevisionStore.Row newest = store.latestForUpdate(articleId);
        if (newest != null) {
            tx.locked(articleId, newest);
            return;
        }
        EditorialState s = articles.editorialState(articleId).orElse(null);
        if (s == null) {
            return;
        }
        State state = state(s);
        store.insert(articleId, 1, s.updatedAt() == null ? clock.instant() : s.updatedAt(), s.updatedById(), s.updatedByName(), null,
                "baseline", EVERYTHING, state.fields(), state.body(), state.published());
    }

    private void record(long articleId, String reason, Caller caller) {
        State now = current(articleId);
        if (now == null) {
            return;
        }
        RevisionStore.Row locked = tx.takeLocked(articleId);
        RevisionStore.Row newest = locked != null ? locked : store.latestForUpdate(articleId);
        Integer mine = tx.recorded(articleId);
        String why = tx.isRestoring(articleId) ? "restore" : reason;
        if (newest != null && mine != null && mine == newest.number()) {
            amend(articleId, newest, now, why);
            return;
        }
        State was = newest == null ? null : new State(Snapshots.upgrade(newest.format(), newest.fields()), newest.body());
        List<String> changed = was == null ? EVERYTHING : Snapshots.changed(was.fields(), was.body(), now.fields(), now.body());
        if (changed.isEmpty()) {
            return;
        }
        int number = newest == null ? 1 : newest.number() + 1;
        store.insert(articleId, number, clock.instant(), caller == null ? null : caller.tokenId(), caller == null ? null : caller.name(),
                caller == null ? null : caller.role().toString(), why, changed, now.fields(), now.body(), now.published());
        if (was != null) {
            store.storeAsPatch(newest.id(), Deltas.fields(now.fields(), was.fields()), Deltas.text(now.body(), was.body()));
        }
        tx.recorded(articleId, number);
    }

    /** A second change in the transaction that recorded the newest revision: that revision takes it in. */
    private void amend(long articleId, RevisionStore.Row newest, State now, String reason) {
        RevisionStore.Row before = newest.number() > 1 ? store.one(articleId, newest.number() - 1) : null;
        State was = before == null ? null : new State(Snapshots.upgrade(before.format(),
                Deltas.apply(before.fields(), Snapshots.upgrade(newest.format(), newest.fields()))), Deltas.apply(before.bodyDelta(), newest.body()));
        List<String> changed = was == null ? EVERYTHING : Snapshots.changed(was.fields(), was.body(), now.fields(), now.body());
        // A revision keeps the reason it was recorded with; only a restore (the transaction's purpose) overrides it.
        String why = "restore".equals(reason) && !"create".equals(newest.reason()) ? reason : newest.reason();
        if (was != null && changed.isEmpty()) {
            // The transaction's changes cancel out: no revision after all.
            store.delete(newest.id());
            store.rewriteNewest(before.id(), before.reason(), before.changed(), was.fields(), was.body(), was.published());
            tx.forget(articleId);
            return;
        }
        store.rewriteNewest(newest.id(), why, changed, now.fields(), now.body(), now.published());
        if (was != null) {
            store.storeAsPatch(before.id(), Deltas.fields(now.fields(), was.fields()), Deltas.text(now.body(), was.body()));
        }
    }

    /** A page of an article's history, newest first. */
    @Transactional
    public Page<RevisionViews.Summary> list(String slug, Caller caller, String cursor, int size) {
        ArticleRef article = articles.requireHistory(slug, caller);
        String filters = "revisions|" + article.id();
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor.strip(), filters);
        List<RevisionStore.Row> rows = store.page(article.id(), after == null ? Integer.MAX_VALUE : (int) after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            int last = rows.get(size - 1).number();
            next = cursors.encode(new Cursors.Position(last, last), filters);
        }
        return Page.cursor(rows.stream().map(Revisions::summary).toList(), next);
    }

    /** Recent changes over every article, newest first, by cursor; {@code author} is a token's id or a name (any case). */
    @Transactional
    public Page<RevisionViews.Activity> activity(Instant since, String author, String cursor, int size) {
        Long actorId = null;
        String actorName = null;
        if (author != null && !author.isBlank()) {
            String a = author.strip();
            if (a.chars().allMatch(Character::isDigit) && a.length() < 19) {
                actorId = Long.parseLong(a);
            } else {
                actorName = a;
            }
        }
        String filters = "activity|" + since + "|" + author;
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor.strip(), filters);
        List<Object[]> rows = store.activity(since, actorId, actorName, after == null ? Long.MAX_VALUE : after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            long last = ((Number) rows.get(size - 1)[0]).longValue();
            next = cursors.encode(new Cursors.Position(last, last), filters);
        }
        return Page.cursor(rows.stream().map(r -> new RevisionViews.Activity(
                new RevisionViews.ArticleOf(((Number) r[1]).longValue(), (String) r[2], (String) r[3]), ((Number) r[4]).intValue(),
                Times.instant(r[5]),
                new RevisionViews.Actor(r[6] == null ? null : ((Number) r[6]).longValue(), (String) r[7], (String) r[8]), (String) r[9],
                r[10] == null ? List.of() : List.of((String[]) r[10]))).toList(), next);
    }

    /** One revision and the numbers around it (for Link headers; 0 when there is none). */
    public record Read(RevisionViews.Full revision, String slug, int previous, int next, int newest) {
    }

    @Transactional
    public Read get(String slug, int number, Caller caller) {
        ArticleRef article = articles.requireHistory(slug, caller);
        Rebuilt r = rebuild(article.id(), number);
        ObjectNode snapshot = r.state().fields().deepCopy();
        snapshot.put("body", r.state().body());
        RevisionStore.Row row = r.row();
        int[] around = store.neighbours(article.id(), number);
        return new Read(new RevisionViews.Full(row.number(), row.createdAt(), actor(row), row.reason(), row.changed(), row.format(), snapshot),
                article.slug(), around[0], around[1], r.newest());
    }

    @Transactional
    public RevisionViews.Diff diff(String slug, int number, Integer against, Caller caller) {
        ArticleRef article = articles.requireHistory(slug, caller);
        int other = against == null ? store.neighbours(article.id(), number)[0] : against;
        if (other < 1) {
            throw InvalidInput.field("against", "revision " + number + " is the first: give another revision to compare it with");
        }
        State to = rebuild(article.id(), number).state();
        State from = rebuild(article.id(), other).state();
        List<RevisionViews.FieldChange> changes = new ArrayList<>();
        for (String field : Snapshots.changed(from.fields(), from.body(), to.fields(), to.body())) {
            if (field.equals("body")) {
                changes.add(new RevisionViews.FieldChange(field, TextNode.valueOf(from.body()), TextNode.valueOf(to.body()),
                        words(from.body(), to.body()), unified(from.body(), to.body(), other, number)));
            } else if (field.equals("excerpt")) {
                changes.add(new RevisionViews.FieldChange(field, from.fields().get(field), to.fields().get(field),
                        words(from.fields().path(field).asText(""), to.fields().path(field).asText("")), null));
            } else {
                changes.add(new RevisionViews.FieldChange(field, from.fields().get(field), to.fields().get(field), null, null));
            }
        }
        return new RevisionViews.Diff(number, other, changes);
    }

    /** A revision rebuilt from the newest one, with the newest's number. */
    record Rebuilt(RevisionStore.Row row, State state, int newest) {
    }

    private Rebuilt rebuild(long articleId, int number) {
        List<RevisionStore.Row> chain = number < 1 ? List.of() : store.chain(articleId, number);
        if (chain.isEmpty() || chain.get(chain.size() - 1).number() != number) {
            throw new NotFound("The article has no revision " + number);
        }
        List<State> states = states(chain);
        return new Rebuilt(chain.get(chain.size() - 1), states.get(states.size() - 1), chain.get(0).number());
    }

    /** The state of each revision of a chain (newest first, the newest whole), walking back through the patches. */
    static List<State> states(List<RevisionStore.Row> chain) {
        List<State> out = new ArrayList<>();
        RevisionStore.Row top = chain.get(0);
        ObjectNode fields = Snapshots.upgrade(top.format(), top.fields());
        String body = top.body();
        out.add(new State(fields, body));
        for (RevisionStore.Row row : chain.subList(1, chain.size())) {
            // A patch written in an older format may bring back values in that format.
            fields = Snapshots.upgrade(row.format(), Deltas.apply(row.fields(), fields));
            body = Deltas.apply(row.bodyDelta(), body);
            out.add(new State(fields, body));
        }
        return out;
    }

    /**
     * Makes the article look like revision {@code number} again (slug, tags, category, cover and related links
     * included) by a new write. What the revision refers to and no longer exists is a 409 naming it, unless
     * {@code skipMissing}: then it is left out and the rest restored.
     */
    @Transactional
    public ArticleService.Versioned restore(String slug, int number, boolean skipMissing, String ifMatch, Caller caller) {
        ArticleRef article = articles.requireHistory(slug, caller);
        State state = rebuild(article.id(), number).state();
        List<RevisionViews.Missing> missing = new ArrayList<>();
        ObjectNode write = mapper.createObjectNode();
        ObjectNode f = state.fields();
        for (String name : List.of("title", "slug", "excerpt", "authorName", "status", "publishedAt", "commentsOpen")) {
            write.set(name, f.get(name));
        }
        write.put("body", state.body());
        write.set("tags", f.get("tags"));
        JsonNode category = f.get("category");
        if (category != null && category.isObject()) {
            List<CategoryRef> path = categories.path(category.get("id").asLong());
            if (path.isEmpty()) {
                missing.add(new RevisionViews.Missing("category", "the category " + category.get("id").asLong() + " ("
                        + category.path("slug").asText() + ") was deleted"));
            } else {
                write.put("categorySlug", path.get(path.size() - 1).slug());
            }
        }
        JsonNode cover = f.get("coverImage");
        if (cover != null && cover.isObject()) {
            if (cover.hasNonNull("mediaId") && !media.exists(cover.get("mediaId").asLong())) {
                missing.add(new RevisionViews.Missing("coverImage", "the media item " + cover.get("mediaId").asLong() + " was deleted"));
            } else {
                write.set("coverImage", cover);
            }
        }
        List<RelatedLinkWrite> links = new ArrayList<>();
        List<Long> linkedIds = new ArrayList<>();
        f.path("related").forEach(link -> {
            if (link.has("articleId")) {
                linkedIds.add(link.get("articleId").asLong());
            }
        });
        Map<Long, String> linkedSlugs = articles.slugsById(linkedIds);
        for (JsonNode link : f.path("related")) {
            if (link.has("articleId")) {
                String target = linkedSlugs.get(link.get("articleId").asLong());
                if (target == null) {
                    missing.add(new RevisionViews.Missing("related", "the related article " + link.get("articleId").asLong() + " ("
                            + link.path("articleSlug").asText() + ") was deleted"));
                } else {
                    links.add(new RelatedLinkWrite(target, null, null, null, null));
                }
            } else {
                links.add(new RelatedLinkWrite(null, link.path("url").asText(null), link.path("title").asText(null),
                        link.path("description").isNull() ? null : link.path("description").asText(null),
                        link.path("image").isObject() ? mapper.convertValue(link.get("image"), CoverImage.class) : null));
            }
        }
        if (!missing.isEmpty() && !skipMissing) {
            throw new MissingReferences(missing);
        }
        tx.restoring(article.id());
        ArticleService.Versioned out = articles.replace(article.slug(), mapper.convertValue(write, ArticleWrite.class), ifMatch, caller);
        String slugNow = out.view().slug();
        related.replace(slugNow, links, null, caller);
        return articles.get(slugNow, caller, null);
    }

    /** 409: what a revision refers to is gone; {@code errors} names each, and {@code skipMissing=true} restores the rest. */
    static final class MissingReferences extends ApiException {
        MissingReferences(List<RevisionViews.Missing> missing) {
            super(409, "missing-references", "Conflict", "The revision refers to what no longer exists: "
                    + String.join("; ", missing.stream().map(RevisionViews.Missing::detail).toList())
                    + ". Restore the rest with skipMissing=true",
                    missing.stream().map(m -> new FieldError(m.field(), m.detail())).toList(), null);
        }
    }

    private static List<RevisionViews.Word> words(String from, String to) {
        List<String> a = Deltas.words(from);
        List<String> b = Deltas.words(to);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<RevisionViews.Word> out = new ArrayList<>();
        int at = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            if (start > at) {
                out.add(new RevisionViews.Word("equal", String.join("", a.subList(at, start))));
            }
            if (delta.getSource().size() > 0) {
                out.add(new RevisionViews.Word("delete", String.join("", delta.getSource().getLines())));
            }
            if (delta.getTarget().size() > 0) {
                out.add(new RevisionViews.Word("insert", String.join("", delta.getTarget().getLines())));
            }
            at = start + delta.getSource().size();
        }
        if (at < a.size()) {
            out.add(new RevisionViews.Word("equal", String.join("", a.subList(at, a.size()))));
        }
        return out;
    }

    private static String unified(String from, String to, int fromNumber, int toNumber) {
        List<String> a = List.of(from.split("\n", -1));
        List<String> b = List.of(to.split("\n", -1));
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("revision " + fromNumber, "revision " + toNumber, a,
                DiffUtils.diff(a, b), 3));
    }

    private static RevisionViews.Summary summary(RevisionStore.Row row) {
        return new RevisionViews.Summary(row.number(), row.createdAt(), actor(row), row.reason(), row.changed());
    }

    private static RevisionViews.Actor actor(RevisionStore.Row row) {
        return new RevisionViews.Actor(row.actorId(), row.actorName(), row.actorRole());
    }

}
