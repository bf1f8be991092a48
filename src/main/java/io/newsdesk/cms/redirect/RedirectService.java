package io.newsdesk.cms.redirect;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.persistence.SqlArrays;
import io.newsdesk.cms.common.web.PublicUrls;

/** Addresses articles had on the system they came from, and where each now lives. */
@ApplicationScoped
public class RedirectService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ArticleService articles;

    @Inject
    PublicUrls urls;

    /** Records old addresses of an article in the caller's transaction; an address recorded for another article moves here. */
    public void remember(long articleId, Collection<String> pathsOrUrls) {
        List<String> paths = pathsOrUrls.stream().map(LegacyPaths::normalize).filter(Objects::nonNull).filter(p -> !p.equals("/"))
                .distinct().toList();
        if (paths.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                insert into legacy_path (path, article_id, created_at) select p, :article, :now from unnest(cast(:paths as text[])) p
                on conflict (path) do update set article_id = excluded.article_id
                where legacy_path.article_id <> excluded.article_id""")
                .setParameter("article", articleId).setParameter("now", clock.instant())
                .setParameter("paths", SqlArrays.text(paths))
                .executeUpdate();
    }

    /** Where an old address now leads, for this caller: 404 when unknown or when the article is not for their eyes. */
    @Transactional
    public RedirectView resolve(String pathOrUrl, Caller caller) {
        if (pathOrUrl == null || pathOrUrl.isBlank()) {
            throw InvalidInput.field("path", "is required: the old address, as a path (/2024/02/23/some-slug/) or a URL");
        }
        String path = LegacyPaths.normalize(pathOrUrl);
        if (path == null) {
            throw InvalidInput.field("path", "must be a path or an http(s) URL of at most " + LegacyPaths.MAX_LENGTH + " characters");
        }
        List<?> rows = em.createNativeQuery("select article_id from legacy_path where path = :path").setParameter("path", path)
                .getResultList();
        Optional<ArticleService.Located> article = rows.isEmpty() ? Optional.empty()
                : articles.locate(((Number) rows.get(0)).longValue(), caller);
        ArticleService.Located at = article.orElseThrow(() -> new NotFound("No article had the address '" + path + "'"));
        return new RedirectView(path, new RedirectView.Target(at.id(), at.slug()),
                urls.apiBase().resolve("articles/" + at.slug()).toString(), urls.article(at.id(), at.slug(), at.categorySlug()));
    }
}
