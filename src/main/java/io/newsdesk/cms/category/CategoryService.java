package io.newsdesk.cms.category;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.common.cache.ContentChanges;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.error.Conflict;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.Moved;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.persistence.SlugHistory;
import io.newsdesk.cms.common.text.Slugs;
import io.newsdesk.cms.common.persistence.Times;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.common.web.PublicUrls;
import io.newsdesk.cms.webhook.EventType;
import io.newsdesk.cms.webhook.Revalidate;
import io.newsdesk.cms.webhook.WebhookEvents;

/** Reads and edits the category tree. */
@ApplicationScoped
public class CategoryService {

    @Inject
    Clock clock;

    @Inject
    CategoryRepository categories;

    @Inject
    SlugHistory slugHistory;

    @Inject
    InputValidator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    ContentChanges changes;

    @Inject
    WebhookEvents webhooks;

    @Inject
    PublicUrls urls;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry registry;

    /** The transaction resource under which its category lookups are kept. */
    private static final Object LOOKUPS = new Object();

    /** A view together with the ETag and the Last-Modified time of what it shows. */
    public record Versioned(CategoryView view, String etag, Instant lastModified) {
    }

    @Transactional
    public Page<CategoryView> list(PageRequest request) {
        Tree tree = loadTree();
        List<CategoryView> all = tree.inTreeOrder().stream().map(tree::view).toList();
        int from = (int) Math.min(request.offset(), all.size());
        int to = Math.min(from + request.size(), all.size());
        return Page.of(all.subList(from, to), request, all.size());
    }

    @Transactional
    public Versioned get(String slug) {
        Category category = require(slug);
        return versioned(loadTree(), category);
    }

    /** The category with this slug, or the one it was renamed to; empty when there is none (no exception, for imports). */
    @Transactional
    public java.util.Optional<CategoryView> find(String slug) {
        if (!Slugs.isValid(slug)) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Category> found = categories.findBySlug(slug)
                .or(() -> slugHistory.find(SlugHistory.CATEGORY, slug).flatMap(id -> categories.findByIdOptional(id)));
        return found.map(category -> versioned(loadTree(), category).view());
    }

    @Transactional
    public Versioned create(CategoryWrite write) {
        forgetLookups();
        validator.check(write);
        Category category = new Category();
        category.createdAt = now();
        category.slug = write.slug() != null ? claim(write.slug(), null) : generateSlug(write.name());
        apply(category, write, loadTree());
        categories.persist(category);
        categories.flush();
        Set<String> keys = Set.of(Keys.CATEGORIES, Keys.articlesInCategory(category.slug));
        changes.changed(keys);
        Versioned out = versioned(loadTree(), category);
        publish(EventType.CATEGORY_CREATED, out.view(), null, keys);
        return out;
    }

    @Transactional
    public Versioned replace(String slug, CategoryWrite write, String ifMatch) {
        forgetLookups();
        Category category = require(slug);
        ETags.checkIfMatch(ifMatch, () -> etag(category));
        validator.check(write);
        String oldSlug = category.slug;
        String oldName = category.name;
        Long oldParent = category.parentId;
        String oldDescription = category.description;
        int oldPosition = category.position;
        if (write.slug() != null && !write.slug().equals(category.slug)) {
            category.slug = claim(write.slug(), category.id);
            slugHistory.remember(SlugHistory.CATEGORY, oldSlug, category.id);
        }
        apply(category, write, loadTree());
        categories.flush();
        // A name, slug or place shows in the breadcrumb and summary of every article under the category: everything may change.
        boolean everywhere = !oldSlug.equals(category.slug) || !oldName.equals(category.name)
                || !Objects.equals(oldParent, category.parentId);
        Set<String> keys = Set.of(everywhere ? Keys.EVERYTHING : Keys.CATEGORIES);
        changes.changed(keys);
        Versioned out = versioned(loadTree(), category);
        if (everywhere || !Objects.equals(oldDescription, category.description) || oldPosition != category.position) {
            publish(EventType.CATEGORY_UPDATED, out.view(), oldSlug.equals(category.slug) ? null : oldSlug, keys);
        }
        return out;
    }

    @Transactional
    public Versioned patch(String slug, JsonNode patch, String ifMatch) {
        Category category = require(slug);
        ETags.checkIfMatch(ifMatch, () -> etag(category));
        if (patch == null || !patch.isObject()) {
            throw new InvalidInput("A merge patch must be a JSON object", null);
        }
        Tree tree = loadTree();
        CategoryWrite current = new CategoryWrite(category.name, category.slug, category.description,
                tree.slugOf(category.parentId), category.position);
        JsonNode merged = MergePatch.apply(mapper.valueToTree(current), patch);
        CategoryWrite write = MergePatch.convert(mapper, merged, CategoryWrite.class);
        if (write.slug() == null) {
            write = new CategoryWrite(write.name(), category.slug, write.description(), write.parentSlug(), write.position());
        }
        return replace(category.slug, write, null);
    }

    @Transactional
    public void delete(String slug, String reassignTo, String ifMatch) {
        forgetLookups();
        Category category = require(slug);
        ETags.checkIfMatch(ifMatch, () -> etag(category));
        Tree tree = loadTree();
        List<Category> children = tree.children(category.id);
        long articleCount = categories.countArticles(category.id);
        if (reassignTo == null || reassignTo.isBlank()) {
            if (!children.isEmpty() || articleCount > 0) {
                throw new Conflict("Category '" + slug + "' still has " + articleCount + " article(s) and "
                        + children.size() + " subcategorie(s); move them first or pass ?reassignTo=<slug>");
            }
        } else {
            Category target = categories.findBySlug(reassignTo)
                    .orElseThrow(() -> InvalidInput.field("reassignTo", "no category has the slug '" + reassignTo + "'"));
            if (tree.descendantsOf(category.id).contains(target.id) || target.id.equals(category.id)) {
                throw InvalidInput.field("reassignTo", "must not be the deleted category or one of its subcategories");
            }
            categories.moveArticles(category.id, target.id);
            Instant now = now();
            for (Category child : children) {
                child.parentId = target.id;
                child.updatedAt = now;
            }
        }
        CategoryView gone = tree.view(category);
        slugHistory.forget(SlugHistory.CATEGORY, category.id);
        categories.delete(category);
        boolean moved = reassignTo != null && !reassignTo.isBlank();
        Set<String> keys = moved ? Set.of(Keys.EVERYTHING) : Set.of(Keys.CATEGORIES, Keys.articlesInCategory(category.slug));
        changes.changed(keys);
        publish(EventType.CATEGORY_DELETED, gone, null, keys);
    }

    /** The {@code data} of a category event. */
    @Schema(name = "CategoryEventData")
    public record EventData(long id, String slug, @Schema(nullable = true, description = "The slug before a rename") String previousSlug,
            String name, @Schema(nullable = true) String parentSlug, List<CategoryRef> path,
            @Schema(description = "The category's page on the front-end (CMS_PUBLIC_CATEGORY_URL)") String url, Revalidate revalidate) {
    }

    /**
     * One event per editorial action on a category, in its transaction. Endpoints filtered by category hear of the
     * category and of its subcategories; after a rename, an endpoint filtered by the previous slug hears of it too.
     */
    private void publish(EventType type, CategoryView view, String previousSlug, Set<String> keys) {
        List<String> paths = new ArrayList<>();
        paths.add("/api/v1/categories");
        if (type != EventType.CATEGORY_CREATED) {
            paths.add("/api/v1/categories/" + view.slug());
            paths.add("/api/v1/articles?category=" + view.slug());
        }
        if (previousSlug != null) {
            paths.add("/api/v1/categories/" + previousSlug);
            paths.add("/api/v1/articles?category=" + previousSlug);
        }
        if (keys.contains(Keys.EVERYTHING)) {
            paths.add("/api/v1/articles");
        }
        List<String> filter = new ArrayList<>(view.path().stream().map(CategoryRef::slug).toList());
        if (previousSlug != null) {
            filter.add(previousSlug);
        }
        webhooks.publish(type, "category-" + view.id(), new EventData(view.id(), view.slug(), previousSlug, view.name(),
                view.parentSlug(), view.path(), urls.category(view.slug()), new Revalidate(paths, keys.stream().sorted().toList())), filter);
    }

    /** For writes that name a category (an article, a webhook filter): its id, or a 400 naming the field {@code categorySlug}. */
    public long idForArticle(String slug) {
        return (Long) lookup("slug " + slug, () -> categories.findBySlug(slug)
                .orElseThrow(() -> InvalidInput.field("categorySlug", "no category has the slug '" + slug + "'"))
                .id);
    }

    /** The breadcrumb of a category, root first, in one query. */
    public List<CategoryRef> path(long categoryId) {
        return breadcrumb(categoryId).path();
    }

    /** A breadcrumb (root first) and the last time any category on it changed. */
    public record Breadcrumb(List<CategoryRef> path, Instant lastModified) {
    }

    public Breadcrumb breadcrumb(long categoryId) {
        return (Breadcrumb) lookup(categoryId, () -> readBreadcrumb(categoryId));
    }

    private Breadcrumb readBreadcrumb(long categoryId) {
        List<CategoryRef> path = new ArrayList<>();
        Instant last = null;
        for (Object[] r : categories.pathRows(categoryId)) {
            path.add(new CategoryRef((String) r[0], (String) r[1]));
            Instant at = Times.instant(r[2]);
            last = last == null || (at != null && at.isAfter(last)) ? at : last;
        }
        return new Breadcrumb(path, last);
    }

    /**
     * A lookup, made once per transaction: a transaction that writes many articles asks for the same few categories
     * again and again. The category writes of this service forget what was looked up before them.
     */
    private Object lookup(Object key, java.util.function.Supplier<Object> read) {
        if (registry.getTransactionKey() == null) {
            return read.get();
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> seen = (Map<Object, Object>) registry.getResource(LOOKUPS);
        if (seen == null) {
            seen = new java.util.HashMap<>();
            registry.putResource(LOOKUPS, seen);
        }
        Object found = seen.get(key);
        if (found == null) {
            found = read.get();
            seen.put(key, found);
        }
        return found;
    }

    private void forgetLookups() {
        if (registry.getTransactionKey() != null) {
            registry.putResource(LOOKUPS, null);
        }
    }

    /** The slugs of the category and of its ancestors. */
    public List<String> chain(long categoryId) {
        return breadcrumb(categoryId).path().stream().map(CategoryRef::slug).toList();
    }

    /** A category's page as listings for crawlers (sitemaps) name it, with the last time it changed for a reader. */
    public record Dated(String slug, Instant lastModified) {
    }

    /**
     * Every category in tree order with the last time its page changed: an edit of it or of a category on its
     * breadcrumb, or the newest change of a public article in it or below ({@code articleChanges}, by category id).
     */
    @Transactional
    public List<Dated> pageDates(Map<Long, Instant> articleChanges) {
        Tree tree = new Tree(categories.listAllOrdered(), Map.of());
        List<Dated> out = new ArrayList<>();
        for (Category c : tree.inTreeOrder()) {
            Instant last = c.updatedAt;
            Set<Long> seen = new HashSet<>();
            for (Category up = tree.byId(c.parentId); up != null && seen.add(up.id); up = tree.byId(up.parentId)) {
                last = up.updatedAt.isAfter(last) ? up.updatedAt : last;
            }
            Set<Long> subtree = tree.descendantsOf(c.id);
            subtree.add(c.id);
            for (Long id : subtree) {
                Instant changed = articleChanges.get(id);
                last = changed != null && changed.isAfter(last) ? changed : last;
            }
            out.add(new Dated(c.slug, last));
        }
        return out;
    }

    /** The tag of what every reader sees of the category, so it changes with its counts and its parents' names too. */
    public String etag(Category category) {
        return versioned(loadTree(), category).etag();
    }

    private Category require(String slug) {
        if (!Slugs.isValid(slug)) {
            throw new NotFound("No category has this slug");
        }
        return categories.findBySlug(slug).orElseThrow(() -> {
            var moved = slugHistory.find(SlugHistory.CATEGORY, slug).flatMap(id -> categories.findByIdOptional(id));
            if (moved.isPresent()) {
                return new Moved(slug, moved.get().slug);
            }
            return new NotFound("No category has the slug '" + slug + "'");
        });
    }

    private void apply(Category category, CategoryWrite write, Tree tree) {
        category.name = write.name().strip();
        category.description = write.description();
        category.position = write.position() == null ? 0 : write.position();
        if (write.parentSlug() == null || write.parentSlug().isBlank()) {
            category.parentId = null;
        } else {
            Category parent = tree.bySlug(write.parentSlug());
            if (parent == null) {
                throw InvalidInput.field("parentSlug", "no category has the slug '" + write.parentSlug() + "'");
            }
            if (category.id != null
                    && (parent.id.equals(category.id) || tree.descendantsOf(category.id).contains(parent.id))) {
                throw InvalidInput.field("parentSlug", "must not be the category itself or one of its subcategories");
            }
            category.parentId = parent.id;
        }
        category.updatedAt = now();
    }

    /** Takes an editor-chosen slug: taken by another category is 409; an old slug is reused. */
    private String claim(String slug, Long ownId) {
        categories.findBySlug(slug).ifPresent(other -> {
            if (!other.id.equals(ownId)) {
                throw new Conflict("The slug '" + slug + "' is already used by another category");
            }
        });
        slugHistory.release(SlugHistory.CATEGORY, slug);
        return slug;
    }

    private String generateSlug(String name) {
        String base = Slugs.slugify(name, "category");
        slugHistory.lockBase(SlugHistory.CATEGORY, base);
        Set<String> taken = new HashSet<>(categories.slugsLike(base));
        taken.addAll(slugHistory.similar(SlugHistory.CATEGORY, base));
        return Slugs.firstFree(base, taken);
    }

    private Versioned versioned(Tree tree, Category category) {
        CategoryView view = tree.view(category);
        Set<Long> subtree = new HashSet<>(tree.descendantsOf(category.id));
        subtree.add(category.id);
        Instant last = category.updatedAt;
        for (Category c = category; c != null && c.parentId != null; c = tree.byId(c.parentId)) {
            Category parent = tree.byId(c.parentId);
            if (parent != null && parent.updatedAt.isAfter(last)) {
                last = parent.updatedAt;
            }
            if (parent == null || parent.id.equals(category.id)) {
                break;
            }
        }
        Instant articles = categories.lastArticleActivity(subtree);
        if (articles != null && articles.isAfter(last)) {
            last = articles;
        }
        return new Versioned(view, ETags.digest("category", view, mapper), last);
    }

    private Tree loadTree() {
        return new Tree(categories.listAllOrdered(), categories.publicArticleCounts());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** All categories in memory: categories number in the dozens or hundreds, not millions. */
    static final class Tree {
        private final List<Category> all;
        private final Map<Long, Category> byId = new HashMap<>();
        private final Map<Long, List<Category>> childrenByParent = new HashMap<>();
        private final Map<Long, Long> ownCounts;

        Tree(List<Category> all, Map<Long, Long> ownCounts) {
            this.all = all;
            this.ownCounts = ownCounts;
            for (Category c : all) {
                byId.put(c.id, c);
            }
            for (Category c : all) {
                childrenByParent.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c);
            }
            Comparator<Category> order = Comparator.comparingInt((Category c) -> c.position)
                    .thenComparing(c -> c.name, String.CASE_INSENSITIVE_ORDER).thenComparing(c -> c.id);
            childrenByParent.values().forEach(list -> list.sort(order));
        }

        Category bySlug(String slug) {
            return all.stream().filter(c -> c.slug.equals(slug)).findFirst().orElse(null);
        }

        Category byId(Long id) {
            return id == null ? null : byId.get(id);
        }

        String slugOf(Long id) {
            Category c = id == null ? null : byId.get(id);
            return c == null ? null : c.slug;
        }

        List<Category> children(Long id) {
            List<Category> list = childrenByParent.get(id);
            return list == null ? List.of() : list;
        }

        Set<Long> descendantsOf(long id) {
            Set<Long> out = new HashSet<>();
            List<Category> stack = new ArrayList<>(children(id));
            while (!stack.isEmpty()) {
                Category c = stack.remove(stack.size() - 1);
                if (out.add(c.id)) {
                    stack.addAll(children(c.id));
                }
            }
            return out;
        }

        List<Category> inTreeOrder() {
            List<Category> out = new ArrayList<>();
            walk(null, out, new HashSet<>());
            return out;
        }

        private void walk(Long parent, List<Category> out, Set<Long> seen) {
            for (Category c : children(parent)) {
                if (seen.add(c.id)) {
                    out.add(c);
                    walk(c.id, out, seen);
                }
            }
        }

        CategoryView view(Category c) {
            List<CategoryRef> path = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (Category at = c; at != null && seen.add(at.id); at = at.parentId == null ? null : byId.get(at.parentId)) {
                path.add(0, new CategoryRef(at.slug, at.name));
            }
            long count = ownCounts.getOrDefault(c.id, 0L);
            for (Long d : descendantsOf(c.id)) {
                count += ownCounts.getOrDefault(d, 0L);
            }
            return new CategoryView(c.id, c.slug, c.name, c.description, slugOf(c.parentId), path, c.position, count);
        }
    }
}
