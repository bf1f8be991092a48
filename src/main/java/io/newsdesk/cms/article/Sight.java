package io.newsdesk.cms.article;

import java.time.Instant;
import java.util.Map;

import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.Role;

/**
 * Which articles that are not public a caller may see: none (anonymous readers), the ones they created
 * (authors, as WordPress lets authors see their own drafts), or all of them (editors and admins). Every
 * read that can show a hidden article (one article, lists, search, related blocks, the page) asks this,
 * so an author never reads another writer's draft, scheduled or archived story by any route.
 *
 * @param all   editors and admins: every state
 * @param owner an author's token id, whose own articles they see in every state; null otherwise
 */
public record Sight(boolean all, Long owner) {

    /** What an anonymous reader sees: public articles only. */
    public static final Sight PUBLIC = new Sight(false, null);

    /** What editors and admins see, and what the service itself works on: every article. */
    public static final Sight ALL = new Sight(true, null);

    /** The bound parameter of {@link #sql(String)} for an author. */
    private static final String OWNER_PARAMETER = "sightOwner";

    public static Sight of(Caller caller) {
        if (caller == null) {
            return PUBLIC;
        }
        return caller.atLeast(Role.EDITOR) ? ALL : new Sight(false, caller.tokenId());
    }

    /** Whether this caller sees some articles that are not public (and the state of what it sees). */
    public boolean seesHidden() {
        return all || owner != null;
    }

    /** Whether an article in this state, created by this token, is shown to this caller at this time. */
    public boolean sees(ArticleStatus status, Instant publishedAt, Long createdById, Instant now) {
        return sees(Article.isPublic(status, publishedAt, now), createdById);
    }

    /** Whether an article that is public or not, created by this token, is shown to this caller. */
    public boolean sees(boolean isPublic, Long createdById) {
        return all || isPublic || (owner != null && owner.equals(createdById));
    }

    public boolean sees(Article article, Instant now) {
        return sees(article.status, article.publishedAt, article.createdById, now);
    }

    /**
     * The same as an SQL condition on the article aliased {@code alias}: {@code true} for editors, the public rule for
     * readers, {@code (<public> or alias.created_by_id = :sightOwner)} for an author, whose parameters {@link #bind} adds.
     */
    public String sql(String alias) {
        if (all) {
            return "true";
        }
        return owner == null ? Article.publicSql(alias)
                : "(" + Article.publicSql(alias) + " or " + alias + ".created_by_id = :" + OWNER_PARAMETER + ")";
    }

    /** The parameters of {@link #sql}: the time of the public rule, and an author's token id. */
    public void bind(Map<String, Object> params, Instant now) {
        if (!all) {
            params.put(Article.NOW, now);
        }
        if (!all && owner != null) {
            params.put(OWNER_PARAMETER, owner);
        }
    }

    /** Distinguishes cursors and kept answers made for different callers. */
    @Override
    public String toString() {
        return all ? "all" : owner == null ? "public" : "own:" + owner;
    }
}
