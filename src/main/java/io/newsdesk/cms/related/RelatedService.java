package io.newsdesk.cms.related;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleChanged;
import io.newsdesk.cms.article.ArticleRef;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.article.CoverImage;
import io.newsdesk.cms.article.Covers;
import io.newsdesk.cms.article.Sight;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.common.cache.ContentChanges;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.persistence.Times;
import io.newsdesk.cms.common.error.FieldError;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.HttpUrls;
import io.newsdesk.cms.common.web.InputValidator;

/** "Related Articles": curated links resolved at read time, filled up with ranked suggestions. */
@ApplicationScoped
public class RelatedService {

    @Inject
    jakarta.enterprise.event.Event<ArticleChanged> history;

    @Inject
    Covers covers;

    @Inject
    RelatedRepository related;

    @Inject
    ArticleService articles;

    @Inject
    InputValidator validator;

    @Inject
    CmsConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    ContentChanges changes;

    /** A related block with the ETag of the curated list it shows, and the keys of what it shows. */
    public record Versioned(RelatedList list, String etag, Set<String> keys) {
    }

    @Transactional
    public Versioned get(String slug, Caller caller) {
        ArticleRef article = articles.requireVisible(slug, caller);
        return versioned(article.id(), related.version(article.id()), caller);
    }

    /** The block as this caller sees it, with the ETag of the curated list's version and of what readers see. */
    private Versioned versioned(long articleId, long version, Caller caller) {
        Sight sight = Sight.of(caller);
        RelatedBlock block = blocks(List.of(articleId), sight).get(articleId);
        RelatedList publicBlock = sight.seesHidden() ? forArticles(List.of(articleId), Sight.PUBLIC).get(articleId) : block.list();
        return new Versioned(block.list(), etag(version, publicBlock), block.keys());
    }

    /** The related blocks of many articles at once, in two statements whatever their number. */
    @Transactional
    public Map<Long, RelatedList> forArticles(List<Long> articleIds, Sight sight) {
        Map<Long, RelatedList> out = new HashMap<>();
        blocks(articleIds, sight).forEach((id, block) -> out.put(id, block.list()));
        return out;
    }

    /**
     * The related blocks of many articles at once, each with the keys of what it shows and of what
     * could change its suggestions, in two statements whatever their number.
     */
    @Transactional
    public Map<Long, RelatedBlock> blocks(List<Long> articleIds, Sight sight) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<RelatedLinkView>> items = new LinkedHashMap<>();
        Map<Long, Set<String>> keys = new HashMap<>();
        for (Long id : articleIds) {
            items.put(id, new ArrayList<>());
            Set<String> own = new LinkedHashSet<>();
            own.add(Keys.related(id));
            keys.put(id, own);
        }
        for (Object[] r : related.curated(articleIds)) {
            long source = ((Number) r[0]).longValue();
            if (r[3] != null) {
                // Shown or not, a linked article's change (a rename, a publication) may change the block.
                keys.get(source).add(Keys.article(((Number) r[3]).longValue()));
            }
            RelatedLinkView view = curated(r, sight);
            if (view != null) {
                items.get(source).add(view);
            }
        }
        for (Object[] r : related.suggestions(articleIds, config.related().count(), config.related().maxLinks())) {
            long source = ((Number) r[0]).longValue();
            String slug = (String) r[2];
            CoverImage cover = covers.read(r, 6);
            LinkedArticle target = new LinkedArticle(slug, (String) r[3], (String) r[4], cover, Times.instant(r[5]));
            items.get(source).add(new RelatedLinkView(null, "article", "suggested", 0, target.title(), articleUrl(slug), target.excerpt(),
                    cover, target, sight.seesHidden() ? "published" : null));
            keys.get(source).addAll(suggestionKeys(r));
        }
        Map<Long, RelatedBlock> out = new HashMap<>();
        items.forEach((id, list) -> {
            List<RelatedLinkView> numbered = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                RelatedLinkView v = list.get(i);
                numbered.add(new RelatedLinkView(v.id(), v.kind(), v.source(), i + 1, v.title(), v.url(), v.excerpt(), v.coverImage(),
                        v.article(), v.state()));
            }
            Set<String> blockKeys = keys.get(id);
            out.put(id, new RelatedBlock(new RelatedList(numbered), Set.copyOf(blockKeys)));
        });
        return out;
    }

    /**
     * What a suggestion shows: the suggested article, so that an edit or a withdrawal of it drops the
     * block at once. Which articles are suggested is kept with the block: a newly published story joins
     * other articles' suggestions when their blocks are next computed, within the server cache's time to
     * live, instead of every publication dropping every block that shares one of its tags.
     */
    private static Set<String> suggestionKeys(Object[] r) {
        return Set.of(Keys.article(((Number) r[1]).longValue()));
    }

    /** One curated entry as an article's history keeps it: another article by id (its slug and title then), or an external page. */
    public record CuratedLink(Long articleId, String articleSlug, String url, String title, String description, CoverImage image) {
    }

    /** An article's curated list, in editor order, as its history keeps it. */
    @Transactional
    public List<CuratedLink> curatedLinks(long articleId) {
        List<CuratedLink> out = new ArrayList<>();
        for (Object[] r : related.curated(List.of(articleId))) {
            Long target = r[3] == null ? null : ((Number) r[3]).longValue();
            CoverImage image = r[7] == null ? null : new CoverImage((String) r[7], (String) r[8], (String) r[9],
                    r[10] == null ? null : ((Number) r[10]).intValue(), r[11] == null ? null : ((Number) r[11]).intValue());
            out.add(target != null ? new CuratedLink(target, (String) r[12], null, (String) r[13], null, null)
                    : new CuratedLink(null, null, (String) r[4], (String) r[5], (String) r[6], image));
        }
        return out;
    }

    /** Replaces an article's curated list; every invalid entry is named by its index. */
    @Transactional
    public Versioned replace(String slug, List<RelatedLinkWrite> links, String ifMatch, Caller caller) {
        ArticleRef article = articles.requireEditable(slug, caller);
        long version = related.lockVersion(article.id());
        ETags.checkIfMatch(ifMatch, () -> etag(version, forArticles(List.of(article.id()), Sight.PUBLIC).get(article.id())));
        if (links == null) {
            throw new InvalidInput("The body must be a JSON array of links (it may be empty)", null);
        }
        int max = config.related().maxLinks();
        if (links.size() > max) {
            throw InvalidInput.field("links", "must have at most " + max + " entries");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (RelatedLinkWrite link : links) {
            if (link != null && link.articleSlug() != null) {
                slugs.add(link.articleSlug().strip());
            }
        }
        Map<String, Long> ids = articles.idsBySlug(slugs, caller);
        Set<Long> seenTargets = new HashSet<>();
        Set<String> seenUrls = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            String at = "[" + i + "]";
            RelatedLinkWrite link = links.get(i);
            if (link == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            errors.addAll(validator.errors(link, at + "."));
            boolean internal = link.articleSlug() != null && !link.articleSlug().isBlank();
            boolean external = link.url() != null && !link.url().isBlank();
            if (internal == external) {
                errors.add(new FieldError(at, "must have either articleSlug (an internal link) or url (an external link)"));
                continue;
            }
            if (internal) {
                Long target = ids.get(link.articleSlug().strip());
                if (target == null) {
                    errors.add(new FieldError(at + ".articleSlug", "no article has the slug '" + link.articleSlug().strip() + "'"));
                } else if (target == article.id()) {
                    errors.add(new FieldError(at + ".articleSlug", "must not be the article itself"));
                } else if (!seenTargets.add(target)) {
                    errors.add(new FieldError(at + ".articleSlug", "is already in the list"));
                }
                if (link.title() != null || link.description() != null || link.image() != null) {
                    errors.add(new FieldError(at, "an internal link takes only articleSlug: its title and teaser come from the article"));
                }
            } else {
                if (link.title() == null || link.title().isBlank()) {
                    errors.add(new FieldError(at + ".title", "is required for an external link"));
                }
                HttpUrls.Checked url = HttpUrls.check(link.url(), Integer.MAX_VALUE);
                if (url.accepted() && !seenUrls.add(url.url())) {
                    errors.add(new FieldError(at + ".url", "is already in the list"));
                }
                if (link.image() != null && link.image().mediaId() != null) {
                    errors.add(new FieldError(at + ".image.mediaId", "a link's image is an external url; a media item's url can be given there"));
                } else if (link.image() != null && (link.image().url() == null || link.image().url().isBlank())) {
                    errors.add(new FieldError(at + ".image.url", "is required"));
                } else if (link.image() != null && link.image().urlIsLibraryFile()) {
                    errors.add(new FieldError(at + ".image.url", "must be an absolute http(s) URL"));
                }
            }
        }
        InputValidator.fail(errors);
        history.fire(ArticleChanged.before(article.id()));
        related.deleteAll(article.id());
        for (int i = 0; i < links.size(); i++) {
            RelatedLinkWrite link = links.get(i);
            if (link.articleSlug() != null && !link.articleSlug().isBlank()) {
                related.insertInternal(article.id(), i + 1, ids.get(link.articleSlug().strip()));
            } else {
                related.insertExternal(article.id(), i + 1, normalised(link));
            }
        }
        related.bumpVersion(article.id());
        changes.changed(Set.of(Keys.related(article.id())));
        history.fire(ArticleChanged.after(article.id(), "related", caller));
        return versioned(article.id(), version + 1, caller);
    }

    /** An external link as it is stored: its URL and its image's in normal form. */
    private static RelatedLinkWrite normalised(RelatedLinkWrite link) {
        CoverImage image = link.image();
        return new RelatedLinkWrite(null, HttpUrls.normalise(link.url()), link.title(), link.description(), image == null ? null
                : new CoverImage(HttpUrls.normalise(image.url()), image.alt(), image.caption(), image.width(), image.height()));
    }

    /**
     * The block's ETag: a digest of the curated list's version and of what anonymous readers see, so it
     * changes when an editor curates and also when a target changes (a rename, an unpublish, a new
     * suggestion). It is the same for every caller, so an editor's If-Match works with any read.
     */
    private String etag(long version, RelatedList publicBlock) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(version).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] digest = sha.digest(mapper.writeValueAsBytes(publicBlock));
            return "\"related-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A curated link as this caller may see it: a link to an article the caller may not see is left out. */
    private RelatedLinkView curated(Object[] r, Sight sight) {
        Long id = ((Number) r[1]).longValue();
        if (r[3] == null) {
            CoverImage image = r[7] == null ? null
                    : new CoverImage((String) r[7], (String) r[8], (String) r[9], toInteger(r[10]), toInteger(r[11]));
            return new RelatedLinkView(id, "external", "curated", 0, (String) r[5], (String) r[4], (String) r[6], image, null, null);
        }
        String status = (String) r[16];
        boolean future = Boolean.TRUE.equals(r[17]);
        String state = "published".equals(status) && future ? "scheduled" : status;
        Long createdBy = r[RelatedRepository.CURATED_CREATED_BY] == null ? null : ((Number) r[RelatedRepository.CURATED_CREATED_BY]).longValue();
        if (!sight.sees("published".equals(state), createdBy)) {
            return null;
        }
        String slug = (String) r[12];
        CoverImage cover = covers.read(r, RelatedRepository.CURATED_CREATED_BY + 1);
        LinkedArticle target = new LinkedArticle(slug, (String) r[13], (String) r[14], cover, Times.instant(r[15]));
        return new RelatedLinkView(id, "article", "curated", 0, target.title(), articleUrl(slug), target.excerpt(), cover, target,
                sight.seesHidden() ? state : null);
    }

    private static String articleUrl(String slug) {
        return "/api/v1/articles/" + slug;
    }

    private static Integer toInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

}
