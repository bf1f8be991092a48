package io.newsdesk.cms.autosave;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleRef;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.persistence.Times;

/**
 * Autosave: one working copy per article and token, kept apart from the article (readers never see it, and it
 * is not a revision). It can be read back, promoted into a real write, or dropped. Who may keep one is who may
 * edit the article: editors any, authors their own drafts.
 */
@ApplicationScoped
public class AutosaveService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ArticleService articles;

    @Inject
    ObjectMapper mapper;

    /** Keeps the caller's working copy of the article, replacing the one before; the ETag it started from is kept. */
    @Transactional
    public AutosaveView save(String slug, JsonNode content, String ifMatch, Caller caller) {
        ArticleRef article = articles.requireEditable(slug, caller);
        if (content == null || !content.isObject()) {
            throw new InvalidInput("An autosave is a JSON object with the article's fields as the editor left them", null);
        }
        String current = articles.get(article.slug(), caller, null).etag();
        String basedOn = ifMatch == null || ifMatch.isBlank() ? current : ifMatch.strip();
        em.createNativeQuery("""
                insert into article_autosave (article_id, token_id, content, based_on, saved_at)
                values (:article, :token, cast(:content as jsonb), :basedOn, :now)
                on conflict (article_id, token_id) do update set content = excluded.content, saved_at = excluded.saved_at""")
                .setParameter("article", article.id()).setParameter("token", caller.tokenId()).setParameter("content", json(content))
                .setParameter("basedOn", basedOn).setParameter("now", clock.instant().truncatedTo(ChronoUnit.MICROS)).executeUpdate();
        return read(article, caller, current);
    }

    @Transactional
    public AutosaveView get(String slug, Caller caller) {
        ArticleRef article = articles.requireEditable(slug, caller);
        return read(article, caller, articles.get(article.slug(), caller, null).etag());
    }

    /** Drops the caller's working copy. */
    @Transactional
    public void drop(String slug, Caller caller) {
        ArticleRef article = articles.requireEditable(slug, caller);
        int removed = em.createNativeQuery("delete from article_autosave where article_id = :article and token_id = :token")
                .setParameter("article", article.id()).setParameter("token", caller.tokenId()).executeUpdate();
        if (removed == 0) {
            throw new NotFound("You have no autosave of this article");
        }
    }

    /**
     * Writes the working copy to the article (merged onto it, as a merge patch) and drops it. {@code ifMatch} is the
     * ETag the write must find, by default the one the copy started from: a copy of an article changed since is a 412.
     */
    @Transactional
    public ArticleService.Versioned promote(String slug, String ifMatch, Caller caller) {
        ArticleRef article = articles.requireEditable(slug, caller);
        AutosaveView copy = read(article, caller, null);
        ArticleService.Versioned written = articles.patch(article.slug(), copy.content(),
                ifMatch == null || ifMatch.isBlank() ? copy.basedOn() : ifMatch, caller);
        em.createNativeQuery("delete from article_autosave where article_id = :article and token_id = :token")
                .setParameter("article", article.id()).setParameter("token", caller.tokenId()).executeUpdate();
        return written;
    }

    /** Whether this caller keeps a working copy saved after the article last changed (for the article's Link header). */
    @Transactional
    public boolean hasNewer(String slug, Caller caller) {
        return caller != null && !em.createNativeQuery("""
                select 1 from article_autosave s join article a on a.id = s.article_id
                where a.slug = :slug and s.token_id = :token and s.saved_at > a.updated_at""")
                .setParameter("slug", slug).setParameter("token", caller.tokenId()).getResultList().isEmpty();
    }

    private AutosaveView read(ArticleRef article, Caller caller, String currentEtag) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cast(content as text), based_on, saved_at from article_autosave where article_id = :article and token_id = :token""")
                .setParameter("article", article.id()).setParameter("token", caller.tokenId()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("You have no autosave of this article");
        }
        Object[] r = rows.get(0);
        try {
            return new AutosaveView(article.slug(), Times.instant(r[2]), (String) r[1],
                    currentEtag != null && r[1] != null && !r[1].equals(currentEtag), mapper.readTree((String) r[0]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
