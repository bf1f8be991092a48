package io.newsdesk.cms.page;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleQuery;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.ArticleSummary;
import io.newsdesk.cms.article.Sight;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.comment.CommentService;
import io.newsdesk.cms.common.cache.Invalidations;
import io.newsdesk.cms.common.cache.KeyedCache;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.related.RelatedBlock;
import io.newsdesk.cms.related.RelatedService;

/**
 * Composes what readers ask for most: the article page (the article, its "Related Articles" block and
 * the first page of its comment thread) and article lists, in one read-only transaction.
 *
 * <p>Each block of a page is kept in memory on its own, as the JSON bytes it is sent as, with the keys
 * of what it shows, and dropped when one of them changes: an approved comment drops the thread block
 * and the article block (its count) but not the related block; an edit of another article that the
 * related block shows drops that block alone. A page is its blocks' bytes put together, never
 * serialized again. Only what every anonymous reader sees is kept; editors and previews get the same
 * composition from fresh blocks.
 */
@ApplicationScoped
public class ArticlePages {

    /** A block of a page: its value, its JSON, the keys of what it shows, and (for the article) its ETag and Last-Modified. */
    record Block<T>(T value, byte[] json, Set<String> keys, String etag, Instant lastModified, long articleId) {
    }

    /** A composed article page: the JSON to send, the keys of what it shows, its ETag and (without blocks) Last-Modified. */
    public record Composed(byte[] json, Set<String> keys, String etag, Instant lastModified) {
    }

    /** An article list with the keys of what it shows. */
    public record Listed(Page<ArticleSummary> page, Set<String> keys) {
    }

    private static final byte[] COMMENTS = ",\"comments\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RELATED = ",\"related\":".getBytes(StandardCharsets.UTF_8);

    private final ArticleService articles;
    private final RelatedService related;
    private final CommentService comments;
    private final ObjectMapper mapper;
    private final Invalidations invalidations;
    private final long freshNanos;
    /** Null when the in-memory caches are off. */
    private final KeyedCache<Block<?>> blocks;

    @Inject
    public ArticlePages(ArticleService articles, RelatedService related, CommentService comments, ObjectMapper mapper,
            Invalidations invalidations, CmsConfig config) {
        this.articles = articles;
        this.related = related;
        this.comments = comments;
        this.mapper = mapper;
        this.invalidations = invalidations;
        this.freshNanos = config.cache().serverTtl().toNanos();
        this.blocks = freshNanos > 0 ? new KeyedCache<>(invalidations, config.cache().blockMaxBytes()) : null;
    }

    /**
     * The article page with the blocks asked for. The article and its related block show what this caller may see
     * ({@link Sight}: a hidden article is not found), with audit fields for a caller with a token; a valid preview
     * token shows its one article whatever its state, and its related block as a reader sees it.
     */
    @Transactional
    public Composed page(String slug, Set<String> includes, Caller caller, String preview) {
        boolean shared = caller == null && preview == null;
        Block<?> article = shared ? kept("article:" + slug, () -> articleBlock(slug, null, null)) : articleBlock(slug, caller, preview);
        long id = article.articleId();
        Block<?> thread = !includes.contains("comments") ? null
                : shared ? kept("comments:" + id, () -> commentBlock(id)) : commentBlock(id);
        Block<?> links = !includes.contains("related") ? null
                : shared ? kept("related:" + id, () -> relatedBlock(id, Sight.PUBLIC)) : relatedBlock(id, Sight.of(caller));
        if (thread == null && links == null) {
            return new Composed(article.json(), article.keys(), article.etag(), article.lastModified());
        }
        // The article's JSON object, its closing brace replaced by the blocks: what serializing the whole page would give.
        ByteArrayOutputStream out = new ByteArrayOutputStream(article.json().length + 8192);
        out.write(article.json(), 0, article.json().length - 1);
        Set<String> keys = new LinkedHashSet<>(article.keys());
        if (thread != null) {
            out.writeBytes(COMMENTS);
            out.writeBytes(thread.json());
            keys.addAll(thread.keys());
        }
        if (links != null) {
            out.writeBytes(RELATED);
            out.writeBytes(links.json());
            keys.addAll(links.keys());
        }
        out.write('}');
        byte[] json = out.toByteArray();
        return new Composed(json, keys, ETags.digest("article", json), null);
    }

    /** A page of articles, with each one's related block when asked for. */
    @Transactional
    public Listed list(ArticleQuery query, String cursor, PageRequest request, boolean withRelated, Caller caller) {
        Page<ArticleSummary> result = cursor != null ? articles.listByCursor(query, cursor, request.size()) : articles.list(query, request);
        Set<String> keys = new LinkedHashSet<>(articles.keysOf(query, result.items()));
        if (withRelated) {
            Map<Long, RelatedBlock> byArticle = relatedBlocks(result.items().stream().map(ArticleSummary::id).toList(), Sight.of(caller));
            byArticle.values().forEach(b -> keys.addAll(b.keys()));
            result = result.map(a -> a.withRelated(byArticle.get(a.id()).list()));
        }
        return new Listed(result, keys);
    }

    /** Related blocks of many articles: those kept in memory, and the others in one go. */
    private Map<Long, RelatedBlock> relatedBlocks(List<Long> ids, Sight sight) {
        if (sight.seesHidden() || blocks == null) {
            return related.blocks(ids, sight);
        }
        Map<Long, RelatedBlock> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            KeyedCache.Item<Block<?>> item = blocks.get("related:" + id);
            if (item != null && item.fresh(System.nanoTime())) {
                out.put(id, (RelatedBlock) item.value().value());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            long stamp = invalidations.stamp();
            related.blocks(missing, Sight.PUBLIC).forEach((id, block) -> {
                out.put(id, block);
                keep("related:" + id, stamp, block(id, block));
            });
        }
        return out;
    }

    private Block<?> articleBlock(String slug, Caller caller, String preview) {
        ArticleService.Versioned article = articles.get(slug, caller, preview);
        long id = article.view().id();
        byte[] json = json(article.view());
        // Without audit fields (no token) the bytes sent are what the tag digests: no second serialization.
        String etag = caller == null ? ETags.digest("article", json) : article.etag();
        return new Block<>(null, json, articles.pageKeys(id), etag, article.lastModified(), id);
    }

    private Block<?> commentBlock(long articleId) {
        Page<?> thread = comments.thread(articleId, new PageRequest(1, PageRequest.DEFAULT_SIZE));
        return new Block<>(null, json(thread), Set.of(Keys.comments(articleId)), null, null, articleId);
    }

    private Block<?> relatedBlock(long articleId, Sight sight) {
        return block(articleId, related.blocks(List.of(articleId), sight).get(articleId));
    }

    private Block<?> block(long articleId, RelatedBlock block) {
        return new Block<>(block, json(block.list()), block.keys(), null, null, articleId);
    }

    /** A block from memory, or computed now and kept unless something it shows changed meanwhile. */
    private Block<?> kept(String id, Supplier<Block<?>> compute) {
        if (blocks == null) {
            return compute.get();
        }
        KeyedCache.Item<Block<?>> item = blocks.get(id);
        if (item != null && item.fresh(System.nanoTime())) {
            return item.value();
        }
        long stamp = invalidations.stamp();
        Block<?> block = compute.get();
        keep(id, stamp, block);
        return block;
    }

    /** Blocks are fresh for the server cache's time to live and never served stale. */
    private void keep(String id, long stamp, Block<?> block) {
        blocks.put(id, stamp, block, block.keys(), block.json().length, freshNanos, 0);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
