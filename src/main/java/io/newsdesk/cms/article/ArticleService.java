package io.newsdesk.cms.article;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.PreviewTokens;
import io.newsdesk.cms.category.CategoryRef;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.cache.ContentChanges;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.Conflict;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.Moved;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.error.PreconditionFailed;
import io.newsdesk.cms.common.paging.Cursors;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.persistence.SlugHistory;
import io.newsdesk.cms.common.persistence.TrashBin;
import io.newsdesk.cms.common.text.MarkdownRenderer;
import io.newsdesk.cms.common.text.Slugs;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.HttpUrls;
import io.newsdesk.cms.media.MediaService;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.common.web.MergePatch;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Articles: visibility rules, slugs, rendering and every write. */
@ApplicationScoped
public class ArticleService implements TrashBin {

    private static final int SLUG_ATTEMPTS = 5;

    @Inject
    Clock clock;

    @Inject
    jakarta.enterprise.event.Event<ArticleChanged> editorialChanges;

    @Inject
    jakarta.enterprise.inject.Instance<ArticleHistory> history;

    @Inject
    MediaService media;

    @Inject
    ArticleEvents articleEvents;

    @Inject
    ArticleGoLive goLive;

    @Inject
    ArticleRepository articles;

    @Inject
    CategoryService categories;

    @Inject
    SlugHistory slugHistory;

    @Inject
    MarkdownRenderer markdown;

    @Inject
    InputValidator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    PreviewTokens previewTokens;

    @Inject
    CmsConfig config;

    @Inject
    Cursors cursors;

    @Inject
    ContentChanges changes;

    /**
     * An article view with the Last-Modified time and the ETag of what it shows. The tag is a digest of
     * what every reader sees (the view without audit fields), computed when first asked for: a reader's
     * page has it from the bytes it sends already.
     */
    public static final class Versioned {
        private final ArticleView view;
        private final Instant lastModified;
        private final ObjectMapper mapper;
        private String etag;

        Versioned(ArticleView view, Instant lastModified, ObjectMapper mapper) {
            this.view = view;
            this.lastModified = lastModified;
            this.mapper = mapper;
        }

        public ArticleView view() {
            return view;
        }

        public Instant lastModified() {
            return lastModified;
        }

        public synchronized String etag() {
            if (etag == null) {
                etag = ETags.digest("article", view.withoutAudit(), mapper);
            }
            return etag;
        }
    }

    /** A search ranks its newest this many matches by relevance; see ArticleRepository.search. */
    static final int SEARCH_RANKED = 100;

    @Transactional
    public Page<ArticleSummary> list(ArticleQuery query, PageRequest page) {
        if (query.text() != null && query.sort() != ArticleQuery.Sort.TITLE && query.sort() != ArticleQuery.Sort.TITLE_DESC) {
            // One more than the page needs: when it is there, there are more matches than were read.
            int window = (int) Math.max(SEARCH_RANKED, page.offset() + page.size()) + 1;
            ArticleRepository.Found found = articles.search(query, page.offset(), page.size(), window, SEARCH_RANKED);
            return Page.search(found.items(), page, found.seen(), found.seen() < window);
        }
        List<ArticleSummary> items = articles.list(query, page.offset(), page.size());
        long total = page.page() == 1 && items.size() < page.size() ? items.size() : articles.count(query);
        return query.text() != null ? Page.search(items, page, total, true) : Page.of(items, page, total);
    }

    /** The keys of a list answer: which articles it holds, and each one it shows. */
    public Set<String> keysOf(ArticleQuery query, List<ArticleSummary> items) {
        return ArticleKeys.ofList(query, items);
    }

    /**
     * A cursor page in the default order (newest first): stable while articles are published between
     * pages, and as cheap deep in the feed as at its start. Undated drafts come first, as in page lists.
     */
    @Transactional
    public Page<ArticleSummary> listByCursor(ArticleQuery query, String cursor, int size) {
        return byCursor(cursorFilters(query), cursor, size, item -> item,
                (afterAt, afterId, limit) -> articles.listAfter(query, afterAt, afterId, limit));
    }

    /**
     * The same cursor pages with each article's rendered body, for feeds; narrowed to one byline (its case
     * ignored) when {@code author} is given. Its cursors are bound to the author too.
     */
    @Transactional
    public Page<ArticleContent> listContentByCursor(ArticleQuery query, String author, String cursor, int size) {
        String filters = cursorFilters(query) + "|" + (author == null ? "" : "author " + author.toLowerCase(Locale.ROOT));
        return byCursor(filters, cursor, size, ArticleContent::summary,
                (afterAt, afterId, limit) -> articles.listContentAfter(query, author, afterAt, afterId, limit));
    }

    /** Reads the items after a position (or the first ones) in the default order. */
    private interface KeysetRead<T> {
        List<T> after(Instant afterPublishedAt, Long afterId, int limit);
    }

    private <T> Page<T> byCursor(String filters, String cursor, int size, java.util.function.Function<T, ArticleSummary> summaryOf,
            KeysetRead<T> read) {
        Cursors.Position after = cursor == null || cursor.isBlank() ? null : cursors.decode(cursor.strip(), filters);
        List<T> items = read.after(after == null || after.key() == Long.MAX_VALUE ? null : Instant.ofEpochSecond(after.key()),
                after == null ? null : after.id(), size + 1);
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            ArticleSummary last = summaryOf.apply(items.get(size - 1));
            long key = last.publishedAt() == null ? Long.MAX_VALUE : last.publishedAt().getEpochSecond();
            next = cursors.encode(new Cursors.Position(key, last.id()), filters);
        }
        return Page.cursor(items, next);
    }

    private static String cursorFilters(ArticleQuery query) {
        String visibility = query.visibility() == ArticleQuery.Visibility.PUBLISHED ? "published" : query.visibility() + " " + query.sight();
        return visibility + "|" + query.category() + "|" + query.tag() + "|" + String.join(" ", query.words());
    }

    /**
     * The article as this caller may see it ({@link Sight}): anonymous readers see public articles only, authors
     * also their own, editors every state; a hidden one is not found. A valid preview token for this very article
     * shows it whatever its state. One statement, the breadcrumb included.
     */
    @Transactional
    public Versioned get(String slug, Caller caller, String previewToken) {
        if (!Slugs.isValid(slug)) {
            throw notFound(slug);
        }
        Instant now = clock.instant();
        Sight sight = Sight.of(caller);
        ArticleRepository.PageRow article = articles.pageBySlug(slug).orElseThrow(() -> oldSlug(slug, sight, now));
        boolean previewing = previewToken != null && previewTokens.verify(previewToken, now).orElse(-1) == article.id();
        if (!previewing && !sight.sees(article.status(), article.publishedAt(), article.createdById(), now)) {
            throw notFound(slug);
        }
        return versioned(article, caller != null);
    }

    /** The keys of an article's page answer: the article and its comment count. */
    public Set<String> pageKeys(long articleId) {
        return ArticleKeys.ofPage(articleId);
    }

    /** A public article, for routes under it that readers use (comments): hidden ones are not found. */
    @Transactional
    public ArticleRef requirePublic(String slug) {
        return requireVisible(slug, null);
    }

    /**
     * An article this caller may see ({@link Sight}), for reads of routes under it: a hidden one is not found, and an
     * old slug redirects only to an article the caller may see.
     */
    @Transactional
    public ArticleRef requireVisible(String slug, Caller caller) {
        Article article = find(slug, Sight.of(caller));
        return new ArticleRef(article.id, article.slug, article.commentsOpen);
    }

    /** An article this caller may change (authors: only their own drafts), for writes of routes under it. */
    @Transactional
    public ArticleRef requireEditable(String slug, Caller caller) {
        Article article = require(slug, caller);
        ArticlePolicy.checkDelete(caller, article);
        checkNotTrashed(article);
        return new ArticleRef(article.id, article.slug, article.commentsOpen);
    }

    /**
     * The ids of the articles with these slugs that this caller may see ({@link Sight}); unknown slugs and articles
     * hidden from the caller are left out alike, so a link form tells an author nothing about another writer's drafts.
     */
    @Transactional
    public Map<String, Long> idsBySlug(Collection<String> slugs, Caller caller) {
        Map<String, Long> ids = new HashMap<>();
        List<String> valid = slugs.stream().filter(Slugs::isValid).toList();
        if (!valid.isEmpty()) {
            Sight sight = Sight.of(caller);
            Instant now = clock.instant();
            articles.find("slug in ?1", valid).list().stream().filter(a -> sight.sees(a, now)).forEach(a -> ids.put(a.slug, a.id));
        }
        return ids;
    }

    /** The slugs of the articles with these ids, whatever their state; unknown ids are left out. */
    @Transactional
    public Map<Long, String> slugsById(Collection<Long> ids) {
        Map<Long, String> slugs = new HashMap<>();
        if (!ids.isEmpty()) {
            articles.find("id in ?1", ids).project(SlugAndId.class).list().forEach(a -> slugs.put(a.id(), a.slug()));
        }
        return slugs;
    }

    public record SlugAndId(String slug, Long id) {
    }

    /* Listings for crawlers (sitemaps): public articles only, whoever asks; each read is its own short transaction. */

    /** Public articles in id order cut into parts of {@code size}, each with its number, count and newest change. */
    @Transactional
    public List<ListedArticle.Part> listedParts(int size) {
        return articles.listedParts(size);
    }

    /** The part of public articles in id order that starts after the first {@code offset}: its extent and a digest of it. */
    @Transactional
    public ListedArticle.Run listedRun(long offset, int size) {
        return articles.listedRun(offset, size);
    }

    /** Public articles with ids in (afterId, lastId], in id order, at most {@code limit}. */
    @Transactional
    public List<ListedArticle> listedAfter(long afterId, long lastId, int limit) {
        return articles.listedAfter(afterId, lastId, limit);
    }

    /** Public articles published in [from, to] (both included), newest first, at most {@code limit}. */
    @Transactional
    public List<ListedArticle> listedBetween(Instant from, Instant to, int limit) {
        return articles.listedBetween(from, to, limit);
    }

    /** The newest change of a public article per category id (key 0: articles without a category). */
    @Transactional
    public Map<Long, Instant> listedChangesByCategory() {
        return articles.listedChangesByCategory();
    }

    /** A signed token that shows this article, in any state, to whoever holds it until it expires. */
    @Transactional
    public PreviewToken previewToken(String slug, Caller caller) {
        Article article = require(slug, caller);
        ArticlePolicy.checkPreview(caller, article);
        Instant expiresAt = clock.instant().plus(config.preview().ttl()).truncatedTo(ChronoUnit.SECONDS);
        return new PreviewToken(previewTokens.issue(article.id, expiresAt), expiresAt, article.slug);
    }

    public Versioned create(ArticleWrite write, Caller caller) {
        validator.check(write);
        checkStatus(write);
        checkCover(write.coverImage());
        ArticlePolicy.checkCreate(caller, write);
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> versioned(insert(write, caller, Origin.EDITOR, null), caller != null));
            } catch (RuntimeException e) {
                // Two editors may create the same title at once: both pick the same free slug and one insert
                // fails on the unique key. Pick again; an explicit slug clash is the caller's 409.
                if (write.slug() != null || attempt >= SLUG_ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    @Transactional
    public Versioned replace(String slug, ArticleWrite write, String ifMatch, Caller caller) {
        Article article = requireForWrite(slug, caller);
        checkIfMatch(article, ifMatch);
        return versioned(replace(article, write, caller, Origin.EDITOR), caller != null);
    }

    /** Writes the article, already locked and checked against If-Match. */
    private Article replace(Article article, ArticleWrite write, Caller caller, Origin origin) {
        checkNotTrashed(article);
        checkStatus(write);
        validator.check(write);
        checkCover(write.coverImage());
        ArticlePolicy.checkChange(caller, article, write);
        editorialChanges.fire(ArticleChanged.before(article.id));
        Instant now = clock.instant();
        ArticleKeys.State before = ArticleKeys.State.of(article, now);
        ArticleStatus statusBefore = article.status;
        Instant publishedBefore = article.publishedAt;
        List<Object> searchedBefore = searched(article);
        String previousSlug = null;
        if (write.slug() != null && !write.slug().equals(article.slug)) {
            String old = article.slug;
            previousSlug = old;
            article.slug = claim(write.slug(), article.id, caller);
            slugHistory.remember(SlugHistory.ARTICLE, old, article.id);
        }
        apply(article, write, caller);
        articles.flush();
        articles.showImages(article, false);
        if (!searched(article).equals(searchedBefore)) {
            index(article);
        }
        announce(before, ArticleKeys.State.of(article, now), article, previousSlug, origin);
        String why = origin == Origin.IMPORT ? "import" : reason(statusBefore, publishedBefore, article, previousSlug, now);
        editorialChanges.fire(ArticleChanged.after(article.id, why, caller));
        return article;
    }

    /** Why a write changed an article, for its history: what it did to its status first, else a rename, else an update. */
    static String reason(ArticleStatus statusBefore, Instant publishedBefore, Article after, String previousSlug, Instant now) {
        boolean wasPublished = statusBefore == ArticleStatus.PUBLISHED;
        boolean isPublished = after.status == ArticleStatus.PUBLISHED;
        boolean future = isPublished && after.publishedAt != null && after.publishedAt.isAfter(now);
        if (isPublished && (!wasPublished || (future && !java.util.Objects.equals(publishedBefore, after.publishedAt)))) {
            return future ? "schedule" : "publish";
        }
        if (wasPublished && !isPublished) {
            return after.status == ArticleStatus.ARCHIVED ? "archive" : "unpublish";
        }
        return previousSlug != null ? "rename" : "update";
    }

    /** Every field an editor sets, as the article stands in the current transaction; empty when there is no such article. */
    @Transactional
    public java.util.Optional<EditorialState> editorialState(long id) {
        return articles.findByIdOptional(id).map(a -> {
            List<CategoryRef> path = a.categoryId == null ? List.of() : categories.path(a.categoryId);
            return new EditorialState(a.id, a.title, a.slug, a.excerpt, a.body, a.coverUrl, a.coverMediaId, a.coverAlt, a.coverCaption,
                    a.coverWidth, a.coverHeight, a.categoryId, path.isEmpty() ? null : path.get(path.size() - 1).slug(),
                    path.isEmpty() ? null : path.get(path.size() - 1).name(),
                    a.tags == null ? List.of() : List.of(a.tags), a.authorName, a.status.toString(), a.publishedAt, a.commentsOpen,
                    a.createdById, a.updatedAt, a.updatedById, a.updatedByName);
        });
    }

    /** Where an article is: its id, slug and category's slug (null when it has none). */
    public record Located(long id, String slug, String categorySlug) {
    }

    /** The article with this id, when the caller may read it ({@link Sight}) and it is not in the trash. */
    @Transactional
    public java.util.Optional<Located> locate(long id, Caller caller) {
        Article article = articles.findById(id);
        if (article == null || article.status == ArticleStatus.TRASHED || !Sight.of(caller).sees(article, clock.instant())) {
            return java.util.Optional.empty();
        }
        List<CategoryRef> path = article.categoryId == null ? List.of() : categories.path(article.categoryId);
        return java.util.Optional.of(new Located(article.id, article.slug, path.isEmpty() ? null : path.get(path.size() - 1).slug()));
    }

    /** Whether this caller may read the article's history (editors: every article; authors: the ones they created). */
    @Transactional
    public ArticleRef requireHistory(String slug, Caller caller) {
        Article article = require(slug, caller);
        ArticlePolicy.checkPreview(caller, article);
        return new ArticleRef(article.id, article.slug, article.commentsOpen);
    }

    @Transactional
    public Versioned patch(String slug, JsonNode patch, String ifMatch, Caller caller) {
        Article article = requireForWrite(slug, caller);
        checkIfMatch(article, ifMatch);
        if (patch == null || !patch.isObject()) {
            throw new InvalidInput("A merge patch must be a JSON object", null);
        }
        JsonNode merged = MergePatch.apply(mapper.valueToTree(toWrite(article)), patch);
        ArticleWrite write = MergePatch.convert(mapper, merged, ArticleWrite.class);
        if (write.slug() == null) {
            write = withSlug(write, article.slug);
        }
        return versioned(replace(article, write, caller, Origin.EDITOR), caller != null);
    }

    /**
     * Moves the article to the trash: it leaves every public read at once and keeps its slug, comments, related links
     * and history; {@link #untrash} brings it back. Deleting what is in the trash already changes nothing.
     */
    @Transactional
    public void delete(String slug, String ifMatch, Caller caller) {
        Article article = requireForWrite(slug, caller);
        checkIfMatch(article, ifMatch);
        ArticlePolicy.checkDelete(caller, article);
        if (article.status == ArticleStatus.TRASHED) {
            return;
        }
        editorialChanges.fire(ArticleChanged.before(article.id));
        Instant now = clock.instant();
        ArticleKeys.State before = ArticleKeys.State.of(article, now);
        article.statusBeforeTrash = article.status;
        article.status = ArticleStatus.TRASHED;
        article.trashedAt = now.truncatedTo(ChronoUnit.SECONDS);
        touch(article, caller);
        articles.flush();
        announce(before, ArticleKeys.State.of(article, now), article, null, Origin.EDITOR);
        editorialChanges.fire(ArticleChanged.after(article.id, "trash", caller));
    }

    /** Brings an article back from the trash, in the state it had (public again if it was). */
    @Transactional
    public Versioned untrash(String slug, Caller caller) {
        Article article = requireForWrite(slug, caller);
        if (article.status != ArticleStatus.TRASHED) {
            throw new Conflict("The article is not in the trash");
        }
        editorialChanges.fire(ArticleChanged.before(article.id));
        Instant now = clock.instant();
        ArticleKeys.State before = ArticleKeys.State.of(article, now);
        article.status = article.statusBeforeTrash == null ? ArticleStatus.DRAFT : article.statusBeforeTrash;
        article.statusBeforeTrash = null;
        article.trashedAt = null;
        touch(article, caller);
        articles.flush();
        announce(before, ArticleKeys.State.of(article, now), article, null, Origin.EDITOR);
        editorialChanges.fire(ArticleChanged.after(article.id, "untrash", caller));
        return versioned(article, caller != null);
    }

    /** Who writes: an editor through the API, or an import bringing content from another system. */
    private enum Origin {
        EDITOR, IMPORT
    }

    /**
     * An article an import brings: its fields (valid, with no slug), the slug it had (made free with -2, -3... when
     * another article has it), when it was first written, and the article an earlier import of it became (null: none).
     */
    public record Imported(ArticleWrite write, String wantedSlug, Instant createdAt, Long previousId) {
    }

    /** What an imported article became: {@code created} when new, {@code inTrash} when it is in the trash and was left alone. */
    public record ImportedAs(long id, String slug, boolean created, boolean inTrash) {
    }

    /**
     * Writes an imported article in the caller's transaction: a new one, or an update of what an earlier import of it
     * became, keeping its slug (an article since removed for good is made again; one in the trash is left there). Its revision's reason
     * is {@code import}; webhooks hear nothing of it.
     */
    public ImportedAs importArticle(Imported item, Caller caller) {
        String base = Slugs.slugify(item.wantedSlug() == null || item.wantedSlug().isBlank() ? item.write().title() : item.wantedSlug(), "article");
        Article existing = item.previousId() == null ? null : articles.findById(item.previousId());
        if (existing == null) {
            Article article = insert(withSlug(item.write(), null), caller, Origin.IMPORT, item.createdAt(), base);
            return new ImportedAs(article.id, article.slug, true, false);
        }
        articles.getEntityManager().refresh(existing, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (existing.status == ArticleStatus.TRASHED) {
            return new ImportedAs(existing.id, existing.slug, false, true);
        }
        // It keeps the slug it has: an editor may have renamed it since, and its old addresses redirect to it anyway.
        replace(existing, withSlug(item.write(), existing.slug), caller, Origin.IMPORT);
        return new ImportedAs(existing.id, existing.slug, false, false);
    }

    /** Removes the article for good, with its comments, related links and history; its old slugs stop redirecting. */
    @Transactional
    public void purge(String slug, String ifMatch, Caller caller) {
        Article article = requireForWrite(slug, caller);
        checkIfMatch(article, ifMatch);
        remove(article);
    }

    @Override
    public String trashOf() {
        return "articles";
    }

    /** Removes what has been in the trash since before {@code cutoff}, at most {@code limit}; answers how many. */
    @Override
    @Transactional
    public int purgeTrash(Instant cutoff, int limit) {
        List<Article> old = articles.find("status = ?1 and trashedAt < ?2", ArticleStatus.TRASHED, cutoff).page(0, limit).list();
        old.forEach(this::remove);
        return old.size();
    }

    private void remove(Article article) {
        Instant now = clock.instant();
        ArticleKeys.State before = ArticleKeys.State.of(article, now);
        slugHistory.forget(SlugHistory.ARTICLE, article.id);
        articles.delete(article);
        announce(before, null, article, null, Origin.EDITOR);
    }

    private void touch(Article article, Caller caller) {
        article.updatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        article.updatedById = caller == null ? null : caller.tokenId();
        article.updatedByName = caller == null ? null : caller.name();
    }

    /**
     * Tells the caches what a write changed; a write that moved a publication time also has the schedule read again.
     * An editor's write is also announced to webhooks; an imported one is not (an import is announced as a whole).
     */
    private void announce(ArticleKeys.State before, ArticleKeys.State after, Article article, String previousSlug, Origin origin) {
        Set<String> keys = ArticleKeys.changed(before, after, categories::chain);
        if (origin == Origin.EDITOR) {
            articleEvents.changed(before, after, article, previousSlug, keys);
        }
        if (after != null && (after.scheduled() || (before != null && before.scheduled()))) {
            goLive.track(article, after);
        }
        if ((before != null && before.scheduled()) || (after != null && after.scheduled())) {
            changes.changedSchedule(keys);
        } else if (!keys.isEmpty()) {
            changes.changed(keys);
        }
    }

    /** The tag of what the article shows now: it changes with every edit, comment count, and breadcrumb rename. */
    public String etag(Article article) {
        return versioned(article, false).etag();
    }

    private Article insert(ArticleWrite write, Caller caller, Origin origin, Instant createdAt) {
        return insert(write, caller, origin, createdAt, null);
    }

    /** A new article; without a slug in {@code write}, the first free one from {@code slugBase} (else from the title). */
    private Article insert(ArticleWrite write, Caller caller, Origin origin, Instant createdAt, String slugBase) {
        Article article = new Article();
        article.createdAt = createdAt != null ? createdAt : now();
        article.createdById = caller == null ? null : caller.tokenId();
        article.createdByName = caller == null ? null : caller.name();
        article.slug = write.slug() != null ? claim(write.slug(), null, caller)
                : generateSlug(Slugs.slugify(slugBase != null ? slugBase : write.title(), "article"));
        apply(article, write, caller);
        articles.persist(article);
        articles.flush();
        articles.showImages(article, true);
        index(article);
        Instant now = clock.instant();
        announce(null, ArticleKeys.State.of(article, now), article, null, origin);
        editorialChanges.fire(ArticleChanged.created(article.id, origin == Origin.IMPORT ? "import" : "create", caller));
        return article;
    }

    /**
     * For writes: the article, read again under a row lock held until the transaction ends. Two editors saving from
     * the same version are served one after the other, and the second sees the first's change (and gets a 412).
     */
    private Article requireForWrite(String slug, Caller caller) {
        Article article = require(slug, caller);
        articles.getEntityManager().refresh(article, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return article;
    }

    private static void checkNotTrashed(Article article) {
        if (article.status == ArticleStatus.TRASHED) {
            throw new Conflict("The article is in the trash: restore it first (POST /api/v1/articles/" + article.slug + "/restore)");
        }
    }

    private static void checkStatus(ArticleWrite write) {
        if (write != null && write.status() == ArticleStatus.TRASHED) {
            throw InvalidInput.field("status", "must be draft, published or archived (DELETE moves an article to the trash)");
        }
    }

    /** If-Match against the article's current ETag; a 412 names the current ETag and the newest revision. */
    private void checkIfMatch(Article article, String ifMatch) {
        try {
            ETags.checkIfMatch(ifMatch, () -> etag(article));
        } catch (PreconditionFailed e) {
            int newest = history.isResolvable() ? history.get().newestRevision(article.id) : 0;
            throw newest > 0 ? new PreconditionFailed(e.currentEtag(), newest) : e;
        }
    }

    /**
     * The article a route under {@code /articles/{slug}} works on, as this caller may know of it: one the caller cannot
     * read is not there (404), for writes as for reads, so an author learns nothing of another writer's draft by
     * writing to its slug. A null caller is the service itself (an import), which works on every article.
     */
    private Article require(String slug, Caller caller) {
        return find(slug, caller == null ? Sight.ALL : Sight.of(caller));
    }

    /** The article with this slug when {@code sight} shows it; else the redirect of an old slug, or not found. */
    private Article find(String slug, Sight sight) {
        if (!Slugs.isValid(slug)) {
            throw notFound(slug);
        }
        Instant now = clock.instant();
        java.util.Optional<Article> found = articles.findBySlug(slug);
        if (found.isPresent() && sight.sees(found.get(), now)) {
            return found.get();
        }
        throw found.isPresent() ? notFound(slug) : oldSlug(slug, sight, now);
    }

    /** A slug no article has: the redirect to the article that had it, when {@code sight} shows that one; else not found. */
    private RuntimeException oldSlug(String slug, Sight sight, Instant now) {
        return slugHistory.find(SlugHistory.ARTICLE, slug).flatMap(articles::findByIdOptional).filter(a -> sight.sees(a, now))
                .<RuntimeException>map(a -> new Moved(slug, a.slug)).orElseGet(() -> notFound(slug));
    }

    private void apply(Article article, ArticleWrite write, Caller caller) {
        Instant now = now();
        article.updatedById = caller == null ? null : caller.tokenId();
        article.updatedByName = caller == null ? null : caller.name();
        article.title = write.title().strip();
        article.excerpt = write.excerpt() == null || write.excerpt().isBlank() ? null : write.excerpt().strip();
        String body = write.body() == null ? "" : write.body();
        if (article.bodyHtml == null || !body.equals(article.body)) {
            // Rendering a long story is most of an edit's work: an edit that leaves the body alone keeps what it rendered to.
            article.body = body;
            MarkdownRenderer.Rendered rendered = markdown.render(body, media::image);
            article.bodyHtml = rendered.html();
            article.bodyImages = rendered.images();
            article.readingTimeMinutes = markdown.readingTimeMinutes(rendered.text());
            article.bodyText = rendered.text();
            article.autoExcerpt = rendered.excerpt();
        }
        CoverImage cover = write.coverImage();
        boolean fromLibrary = cover != null && cover.mediaId() != null;
        article.coverMediaId = fromLibrary ? cover.mediaId() : null;
        article.coverUrl = cover == null || fromLibrary ? null : HttpUrls.normalise(cover.url());
        article.coverAlt = cover == null ? null : cover.alt();
        article.coverCaption = cover == null ? null : cover.caption();
        if (fromLibrary) {
            // Text the same as the item's is the item's (a cover read and sent back): it keeps following the item.
            MediaService.Texts item = media.texts(cover.mediaId());
            article.coverAlt = java.util.Objects.equals(cover.alt(), item.alt()) ? null : cover.alt();
            article.coverCaption = java.util.Objects.equals(cover.caption(), item.caption()) ? null : cover.caption();
        }
        article.coverWidth = cover == null || fromLibrary ? null : cover.width();
        article.coverHeight = cover == null || fromLibrary ? null : cover.height();
        article.categoryId = write.categorySlug() == null || write.categorySlug().isBlank()
                ? null : categories.idForArticle(write.categorySlug().strip());
        List<String> tags = normalizeTags(write.tags());
        article.tags = tags.toArray(String[]::new);
        article.tagKeys = tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        article.authorName = write.authorName() == null || write.authorName().isBlank() ? null : write.authorName().strip();
        article.status = write.status() == null ? ArticleStatus.DRAFT : write.status();
        article.publishedAt = write.publishedAt() == null ? null
                : write.publishedAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
        if (article.status == ArticleStatus.PUBLISHED && article.publishedAt == null) {
            article.publishedAt = now;
        }
        article.commentsOpen = write.commentsOpen() == null || write.commentsOpen();
        article.updatedAt = now;
    }

    private static List<String> normalizeTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : tags) {
            String clean = tag.strip().replaceAll("\\s+", " ");
            byKey.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
        }
        return new ArrayList<>(byKey.values());
    }

    private String claim(String slug, Long ownId, Caller caller) {
        articles.findBySlug(slug).ifPresent(other -> {
            if (!other.id.equals(ownId)) {
                throw new Conflict("The slug '" + slug + "' is already used by another article");
            }
        });
        slugHistory.find(SlugHistory.ARTICLE, slug).filter(target -> !target.equals(ownId))
                .ifPresent(target -> ArticlePolicy.checkTakeOver(caller, slug));
        slugHistory.release(SlugHistory.ARTICLE, slug);
        return slug;
    }

    /** The first free slug from {@code base} (itself, or base-2, base-3...): neither an article's nor an old one that redirects. */
    private String generateSlug(String base) {
        slugHistory.lockBase(SlugHistory.ARTICLE, base);
        Set<String> taken = new HashSet<>(articles.slugsLike(base));
        taken.addAll(slugHistory.similar(SlugHistory.ARTICLE, base));
        return Slugs.firstFree(base, taken);
    }

    /** The article as it now stands in this transaction. */
    private Versioned versioned(Article article, boolean withAudit) {
        articles.flush();
        return versioned(articles.pageBySlug(article.slug).orElseThrow(), withAudit);
    }

    private Versioned versioned(ArticleRepository.PageRow a, boolean withAudit) {
        ArticleCategory category = null;
        Instant lastModified = a.updatedAt();
        if (!a.path().isEmpty()) {
            CategoryRef own = a.path().get(a.path().size() - 1);
            category = new ArticleCategory(own.slug(), own.name(), a.path());
            lastModified = latest(lastModified, a.pathChangedAt());
        }
        lastModified = latest(lastModified, a.commentsChangedAt());
        if (a.publishedAt() != null && !a.publishedAt().isAfter(clock.instant())) {
            lastModified = latest(lastModified, a.publishedAt());
        }
        ArticleView view = new ArticleView(a.id(), a.slug(), a.title(), a.excerpt(), a.cover(), category, a.tags(),
                new Author(a.authorName()), a.publishedAt(), a.updatedAt(), a.readingTimeMinutes(), a.commentCount(), a.body(),
                a.bodyHtml(), a.commentsOpen(), a.status(), a.createdAt(),
                withAudit && a.createdByName() != null ? new Author(a.createdByName()) : null,
                withAudit && a.updatedByName() != null ? new Author(a.updatedByName()) : null, null, null);
        return new Versioned(view, lastModified.truncatedTo(ChronoUnit.SECONDS), mapper);
    }

    /** What the search vectors are made of (see index). */
    private static List<Object> searched(Article a) {
        return Arrays.asList(a.title, a.excerpt != null ? a.excerpt : a.autoExcerpt, a.tags == null ? List.of() : List.of(a.tags), a.bodyText);
    }

    private void index(Article a) {
        articles.index(a.id, a.title, a.excerpt != null ? a.excerpt : a.autoExcerpt, List.of(a.tags), a.bodyText);
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || (a != null && !b.isAfter(a)) ? a : b;
    }

    /** A cover is either an external image (url) or a library item (mediaId) that exists; read-only fields are ignored. */
    private void checkCover(CoverImage cover) {
        if (cover == null) {
            return;
        }
        if (cover.mediaId() != null) {
            if (!media.exists(cover.mediaId())) {
                throw InvalidInput.field("coverImage.mediaId", "no media item has id " + cover.mediaId());
            }
        } else if (cover.url() == null || cover.url().isBlank()) {
            throw InvalidInput.field("coverImage.url", "is required (or mediaId, to show a media library item)");
        } else if (cover.url().startsWith("/")) {
            throw InvalidInput.field("coverImage.url", "must be an absolute http(s) URL (or give mediaId for a library item)");
        }
    }

    private ArticleWrite toWrite(Article a) {
        String categorySlug = null;
        if (a.categoryId != null) {
            List<CategoryRef> path = categories.path(a.categoryId);
            categorySlug = path.get(path.size() - 1).slug();
        }
        return new ArticleWrite(a.title, a.slug, a.excerpt, a.body, a.cover(), categorySlug, List.of(a.tags), a.authorName,
                a.status, a.publishedAt == null ? null : a.publishedAt.atOffset(java.time.ZoneOffset.UTC), a.commentsOpen);
    }

    private static ArticleWrite withSlug(ArticleWrite w, String slug) {
        return new ArticleWrite(w.title(), slug, w.excerpt(), w.body(), w.coverImage(), w.categorySlug(), w.tags(),
                w.authorName(), w.status(), w.publishedAt(), w.commentsOpen());
    }

    private static NotFound notFound(String slug) {
        return new NotFound(Slugs.isValid(slug) ? "No article has the slug '" + slug + "'" : "No article has this slug");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
