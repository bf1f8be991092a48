package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

import io.newsdesk.cms.common.cache.Keys;

/**
 * Which public answers an article shows up in, and so which a change to it touches: the one place that
 * says what an article write drops from the caches (here and in a CDN).
 *
 * <ul>
 * <li>Anything that shows the article carries {@code article-<id>}: its page, its summary in a list, its
 * teaser in another article's related block. Any change to a public article drops those.</li>
 * <li>Lists carry the key of which articles they hold: {@code articles} (unfiltered lists and searches),
 * {@code articles-category-<id>} or {@code articles-tag-<tag>}. Only a change of which articles are
 * public, or of their order, drops those: a publication, a withdrawal, a new publication time, a new
 * category or new tags. A related block carries the same keys for the categories and tags it draws
 * suggestions from.</li>
 * <li>Searches carry {@code search}: an article that stops being public drops them all at once; one that becomes
 * public, or an edit that makes an article match, shows in them within the search time to live.</li>
 * <li>A change to an article that is not public, before or after, changes nothing public.</li>
 * </ul>
 */
final class ArticleKeys {

    /** What of an article decides where it shows, and whether it waits for a publication time. */
    record State(long id, boolean visible, boolean scheduled, Instant publishedAt, String title, String author, Long categoryId,
            Set<String> tagKeys) {

        static State of(Article a, Instant now) {
            boolean published = a.status == ArticleStatus.PUBLISHED && a.publishedAt != null;
            return new State(a.id, a.isPublicAt(now), published && a.publishedAt.isAfter(now), a.publishedAt, a.title,
                    a.authorName, a.categoryId, a.tagKeys == null ? Set.of() : Set.of(a.tagKeys));
        }
    }

    private ArticleKeys() {
    }

    /**
     * The keys a write changed, from the article before ({@code null} when created) and after ({@code
     * null} when deleted); {@code chain} gives the slugs of a category and its ancestors.
     */
    static Set<String> changed(State before, State after, LongFunction<List<String>> chain) {
        boolean wasPublic = before != null && before.visible();
        boolean isPublic = after != null && after.visible();
        Set<String> keys = new LinkedHashSet<>();
        if (!wasPublic && !isPublic) {
            return keys;
        }
        long id = before != null ? before.id() : after.id();
        keys.add(Keys.article(id));
        if (wasPublic != isPublic || !Objects.equals(before.publishedAt(), after.publishedAt())) {
            keys.add(Keys.ARTICLES);
            keys.add(Keys.ARTICLES_BY_TITLE);
            keys.add(Keys.CATEGORIES);
            keys.add(Keys.comments(id));
            keys.add(Keys.related(id));
            if (wasPublic && !isPublic) {
                keys.add(Keys.SEARCH);
            }
            for (State s : new State[] { before, after }) {
                if (s != null) {
                    keys.addAll(membership(s.categoryId(), s.tagKeys(), chain));
                }
            }
            return keys;
        }
        if (!before.tagKeys().equals(after.tagKeys())) {
            Set<String> changedTags = new HashSet<>(before.tagKeys());
            changedTags.addAll(after.tagKeys());
            Set<String> kept = new HashSet<>(before.tagKeys());
            kept.retainAll(after.tagKeys());
            changedTags.removeAll(kept);
            changedTags.forEach(t -> keys.add(Keys.articlesTagged(t)));
            keys.add(Keys.related(id));
        }
        if (!Objects.equals(before.categoryId(), after.categoryId())) {
            keys.addAll(membership(before.categoryId(), Set.of(), chain));
            keys.addAll(membership(after.categoryId(), Set.of(), chain));
            keys.add(Keys.CATEGORIES);
            keys.add(Keys.related(id));
        }
        if (!Objects.equals(before.title(), after.title())) {
            keys.add(Keys.ARTICLES_BY_TITLE);
        }
        if (!Objects.equals(before.author(), after.author())) {
            // Lists by author (the author feeds) carry the key of all articles: a new byline changes which articles they hold.
            keys.add(Keys.ARTICLES);
        }
        return keys;
    }

    /** The keys of an article that has just gone public on its own (a scheduled publication time passing). */
    static Set<String> wentLive(long id, Long categoryId, Set<String> tagKeys, LongFunction<List<String>> chain) {
        return changed(null, new State(id, true, false, null, null, null, categoryId, tagKeys), chain);
    }

    /** The keys of a list: which articles it holds, and every article it shows. */
    static Set<String> ofList(ArticleQuery query, List<ArticleSummary> items) {
        Set<String> keys = new LinkedHashSet<>();
        if (query.text() != null) {
            // Which articles a search finds is kept for the search time to live: a newly public article shows within it,
            // an article no longer public leaves every search at once (see changed).
            keys.add(Keys.SEARCH);
        } else if (query.category() != null) {
            keys.add(Keys.articlesInCategory(query.category()));
        } else if (query.tag() != null) {
            keys.add(Keys.articlesTagged(query.tag()));
        } else {
            keys.add(Keys.ARTICLES);
        }
        if (query.sort() == ArticleQuery.Sort.TITLE || query.sort() == ArticleQuery.Sort.TITLE_DESC) {
            keys.add(Keys.ARTICLES_BY_TITLE);
        }
        for (ArticleSummary item : items) {
            keys.add(Keys.article(item.id()));
            if (query.text() == null) {
                // A kept search shows comment counts as of its time to live, like which articles it finds.
                keys.add(Keys.comments(item.id()));
            }
        }
        return keys;
    }

    /** The keys of an article's own page: the article, and its comment count. */
    static Set<String> ofPage(long id) {
        return Set.of(Keys.article(id), Keys.comments(id));
    }

    private static Set<String> membership(Long categoryId, Set<String> tagKeys, LongFunction<List<String>> chain) {
        Set<String> keys = new LinkedHashSet<>();
        if (categoryId != null) {
            chain.apply(categoryId).forEach(c -> keys.add(Keys.articlesInCategory(c)));
        }
        tagKeys.forEach(t -> keys.add(Keys.articlesTagged(t)));
        return keys;
    }
}
