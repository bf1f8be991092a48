package io.newsdesk.cms.article;

import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.common.error.Forbidden;

/**
 * Who may do what to an article, in one place. Editors and admins may do everything; authors write
 * drafts and change only the drafts they created. Route-level role checks (@RolesAllowed) come first.
 */
final class ArticlePolicy {

    private ArticlePolicy() {
    }

    static void checkCreate(Caller caller, ArticleWrite write) {
        if (isAuthor(caller)) {
            checkStaysDraft(write);
        }
    }

    static void checkChange(Caller caller, Article article, ArticleWrite write) {
        if (isAuthor(caller)) {
            checkOwnDraft(caller, article);
            checkStaysDraft(write);
        }
    }

    static void checkDelete(Caller caller, Article article) {
        if (isAuthor(caller)) {
            checkOwnDraft(caller, article);
        }
    }

    static void checkPreview(Caller caller, Article article) {
        if (isAuthor(caller) && !isOwn(caller, article)) {
            throw new Forbidden("Authors can only preview articles they created");
        }
    }

    /**
     * Taking a slug that still redirects to another article ends that redirect, and whoever then publishes under it
     * receives the old article's readers and links: only an editor decides that, never an author.
     */
    static void checkTakeOver(Caller caller, String slug) {
        if (isAuthor(caller)) {
            throw new Forbidden("The slug '" + slug + "' still redirects to another article; only an editor can take it over");
        }
    }

    private static void checkStaysDraft(ArticleWrite write) {
        if (write.status() != null && write.status() != ArticleStatus.DRAFT) {
            throw new Forbidden("Authors can only save drafts: an editor publishes, schedules or archives an article");
        }
    }

    private static void checkOwnDraft(Caller caller, Article article) {
        if (!isOwn(caller, article)) {
            throw new Forbidden("Authors can only change articles they created");
        }
        if (article.status != ArticleStatus.DRAFT) {
            throw new Forbidden("Authors can only change drafts: this article is " + article.status + "; ask an editor");
        }
    }

    private static boolean isAuthor(Caller caller) {
        return caller != null && !caller.atLeast(Role.EDITOR);
    }

    private static boolean isOwn(Caller caller, Article article) {
        return article.createdById != null && article.createdById == caller.tokenId();
    }
}
