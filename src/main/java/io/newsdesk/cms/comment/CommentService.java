package io.newsdesk.cms.comment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsdesk.cms.common.persistence.Times;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsdesk.cms.article.ArticleRef;
import io.newsdesk.cms.article.ArticleService;
import io.newsdesk.cms.auth.Caller;
import io.newsdesk.cms.auth.Role;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.common.cache.ContentChanges;
import io.newsdesk.cms.common.cache.Keys;
import io.newsdesk.cms.common.config.CmsConfig;
import io.newsdesk.cms.common.error.ApiException;
import io.newsdesk.cms.common.error.Conflict;
import io.newsdesk.cms.common.error.Forbidden;
import io.newsdesk.cms.common.error.InvalidInput;
import io.newsdesk.cms.common.error.NotFound;
import io.newsdesk.cms.common.paging.Page;
import io.newsdesk.cms.common.persistence.TrashBin;
import io.newsdesk.cms.common.paging.PageRequest;
import io.newsdesk.cms.common.text.Slugs;
import io.newsdesk.cms.common.web.ETags;
import io.newsdesk.cms.common.web.HttpUrls;
import io.newsdesk.cms.common.web.InputValidator;
import io.newsdesk.cms.common.web.MergePatch;
import io.newsdesk.cms.webhook.EventType;
import io.newsdesk.cms.webhook.Revalidate;
import io.newsdesk.cms.webhook.WebhookEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Comment submission with its spam defences, public threads, and moderation. */
@ApplicationScoped
public class CommentService implements TrashBin {

    @Inject
    Clock clock;

    @Inject
    CommentRepository comments;

    @Inject
    CategoryService categories;

    @Inject
    ArticleService articles;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CommenterKeys commenterKeys;

    @Inject
    RateLimitHeaders rateLimitHeaders;

    @Inject
    InputValidator validator;

    @Inject
    CmsConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    ContentChanges changes;

    @Inject
    WebhookEvents webhooks;

    /** The answer to a submission, and the comment's ETag. */
    public record Submitted(CommentAccepted accepted) {
    }

    /** A moderated comment with the ETag of the version it shows. */
    public record Versioned(ModeratedComment comment, String etag) {
    }

    /** Approved top-level comments, oldest first and paged, each with its approved replies nested. */
    @Transactional
    public Page<CommentView> thread(long articleId, PageRequest page) {
        List<Object[]> top = comments.topLevelPage(articleId, page.offset(), page.size());
        long total = page.page() == 1 && top.size() < page.size() ? top.size() : comments.countTopLevel(articleId);
        List<Long> ids = top.stream().map(r -> ((Number) r[0]).longValue()).toList();
        Map<Long, List<Object[]>> repliesByParent = new HashMap<>();
        for (Object[] r : comments.approvedReplies(ids)) {
            repliesByParent.computeIfAbsent(((Number) r[1]).longValue(), k -> new ArrayList<>()).add(r);
        }
        List<CommentView> items = top.stream().map(r -> view(r, repliesByParent, 0)).toList();
        return Page.of(items, page, total);
    }

    /** A page of a public article's thread, and that article's id. */
    public record Thread(long articleId, Page<CommentView> page) {
    }

    @Transactional
    public Thread thread(String articleSlug, PageRequest page) {
        long articleId = articles.requirePublic(articleSlug).id();
        return new Thread(articleId, thread(articleId, page));
    }

    /** A reader's (or, with an editor's token, the newsroom's) comment, through every defence. */
    /** As {@link #submit(String, CommentCreate, Caller, String, String)}, for a raw body: it counts against the limit even when malformed. */
    public CommentAccepted submit(String articleSlug, String body, Caller caller, String clientAddress, String userAgent) {
        boolean staff = caller != null && caller.atLeast(Role.EDITOR);
        if (!staff) {
            checkRate(clientAddress);
        }
        CommentCreate form = body == null || body.isBlank() ? null : MergePatch.read(mapper, body, CommentCreate.class);
        return accept(articleSlug, form, staff, clientAddress, userAgent);
    }

    public CommentAccepted submit(String articleSlug, CommentCreate form, Caller caller, String clientAddress, String userAgent) {
        boolean staff = caller != null && caller.atLeast(Role.EDITOR);
        if (!staff) {
            checkRate(clientAddress);
        }
        return accept(articleSlug, form, staff, clientAddress, userAgent);
    }

    private CommentAccepted accept(String articleSlug, CommentCreate form, boolean staff, String clientAddress, String userAgent) {
        validator.check(form);
        return QuarkusTransaction.requiringNew().call(() -> store(articleSlug, form, staff, clientAddress, userAgent));
    }

    private void checkRate(String clientAddress) {
        RateLimiter.State rate = rateLimiter.hit(RateLimiter.keyOf(clientAddress));
        rateLimitHeaders.set(rate);
        if (rate.exceeded()) {
            throw new ApiException(429, "rate-limited", "Too many requests",
                    "Too many comments from your address; try again in " + rate.resetSeconds() + " seconds", null,
                    Map.of("Retry-After", Long.toString(rate.resetSeconds())));
        }
    }

    private CommentAccepted store(String articleSlug, CommentCreate form, boolean staff, String clientAddress, String userAgent) {
        ArticleRef article = articles.requirePublic(articleSlug);
        if (!article.commentsOpen()) {
            throw new Forbidden("Comments are closed on this article");
        }
        if (form.parentId() != null) {
            Comment parent = comments.findById(form.parentId());
            if (parent == null || parent.articleId != article.id() || !CommentStatus.APPROVED.value().equals(parent.status)) {
                throw InvalidInput.field("parentId", "must be the id of an approved comment on this article");
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String email = form.authorEmail().strip();
        String emailKey = email.toLowerCase(Locale.ROOT);
        String body = form.body().strip();
        String hash = sha256(body.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
        if (!staff && comments.isDuplicate(emailKey, hash, now.minus(config.comments().duplicateWindow()))) {
            throw new Conflict("You have already posted this comment");
        }
        Comment comment = new Comment();
        comment.articleId = article.id();
        comment.parentId = form.parentId();
        comment.authorName = form.authorName().strip();
        comment.authorEmail = email;
        comment.authorEmailKey = emailKey;
        comment.authorUrl = form.authorUrl() == null || form.authorUrl().isBlank() ? null : HttpUrls.normalise(form.authorUrl());
        comment.body = body;
        comment.bodyHash = hash;
        comment.bodyHtml = CommentFormatter.toHtml(body);
        comment.staff = staff;
        comment.clientAddress = clientAddress;
        comment.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(500, userAgent.length()));
        comment.createdAt = now;
        comment.updatedAt = now;
        comment.spamReason = staff ? null : spamReason(form, emailKey, body);
        Long keyComment = staff ? null : activeKeyComment(form.commenterKey(), emailKey);
        CommentStatus status;
        if (comment.spamReason != null) {
            status = CommentStatus.SPAM;
        } else if (staff || publishesAtOnce(config.comments().autoApprove(), keyComment != null, () -> comments.hasApproved(emailKey))) {
            status = CommentStatus.APPROVED;
            comment.keyCommentId = keyComment;
        } else {
            status = CommentStatus.PENDING;
        }
        comment.status = status.value();
        // Every comment write locks its article first, then comments: one order for all, so no deadlock.
        comments.lockArticle(article.id());
        comments.persist(comment);
        if (status == CommentStatus.APPROVED) {
            comments.flush();
            comments.recount(article.id());
            changes.changed(Set.of(Keys.comments(article.id())));
            announceApproved(List.of(comment.id), Map.of(comment.id, article.id()));
        }
        // Spam is answered exactly like a comment awaiting moderation, so a bot learns nothing, and gets a key too.
        // A working key is handed back as it came, so that a comment held for spam does not replace it with one that
        // waits; the spam check of keyIsActive then holds for everything the key published.
        String key = staff ? null : keyComment != null ? form.commenterKey() : commenterKeys.issue(comment.id, emailKey);
        return new CommentAccepted(comment.id, status == CommentStatus.SPAM ? CommentStatus.PENDING : status, key);
    }

    /** The comment whose key the form presents, when that key is authentic for this email and publishes at once. */
    private Long activeKeyComment(String key, String emailKey) {
        OptionalLong named = commenterKeys.commentOf(key, emailKey);
        return named.isPresent() && comments.keyIsActive(named.getAsLong(), emailKey) ? named.getAsLong() : null;
    }

    /**
     * Whether a reader's comment that passed the spam rules skips moderation under this CMS_COMMENTS_AUTO_APPROVE mode.
     * Only known-email asks whether the email has an approved comment, so under the others the answer never tells it.
     */
    static boolean publishesAtOnce(CmsConfig.Comments.AutoApprove mode, boolean activeKey, BooleanSupplier knownEmail) {
        return switch (mode) {
            case NEVER -> false;
            case KNOWN_EMAIL -> knownEmail.getAsBoolean();
            case COMMENTER_KEY -> activeKey;
        };
    }

    private String spamReason(CommentCreate form, String emailKey, String body) {
        if (form.homepage() != null && !form.homepage().isBlank()) {
            return "honeypot";
        }
        String domain = emailKey.substring(emailKey.lastIndexOf('@') + 1);
        for (String blocked : config.comments().blockedEmailDomains().orElse(List.of())) {
            String d = blocked.strip().toLowerCase(Locale.ROOT);
            if (!d.isEmpty() && (domain.equals(d) || domain.endsWith("." + d))) {
                return "blocked email domain";
            }
        }
        String text = (form.authorName() + " " + body + " " + (form.authorUrl() == null ? "" : form.authorUrl())).toLowerCase(Locale.ROOT);
        for (String word : config.comments().blockedWords().orElse(List.of())) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (!w.isEmpty() && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])").matcher(text).find()) {
                return "blocked word";
            }
        }
        if (CommentFormatter.links(body).size() > config.comments().maxLinks()) {
            return "too many links";
        }
        return null;
    }

    @Transactional
    public Page<ModeratedComment> queue(String status, String articleSlug, PageRequest page) {
        String statusFilter = parseStatusFilter(status);
        String slug = articleSlug == null || articleSlug.isBlank() ? null : articleSlug.strip();
        if (slug != null && !Slugs.isValid(slug)) {
            throw InvalidInput.field("article", "must be an article slug (lowercase a-z, 0-9 and hyphens)");
        }
        List<ModeratedComment> items = comments.queue(statusFilter, slug, page.offset(), page.size());
        long total = page.page() == 1 && items.size() < page.size() ? items.size() : comments.countQueue(statusFilter, slug);
        return Page.of(items, page, total);
    }

    @Transactional
    public Versioned get(String id) {
        return versioned(require(id));
    }

    @Transactional
    public Versioned change(String id, CommentModeration.Change change, String ifMatch) {
        Comment comment = requireLocked(id);
        ETags.checkIfMatch(ifMatch, () -> etag(comment));
        validator.check(change);
        return moveTo(comment, change.status());
    }

    /** Gives a comment in the trash back the status it had before; 409 when it is not in the trash. */
    @Transactional
    public Versioned restore(String id, String ifMatch) {
        Comment comment = requireLocked(id);
        ETags.checkIfMatch(ifMatch, () -> etag(comment));
        if (!CommentStatus.TRASH.value().equals(comment.status)) {
            throw new Conflict("The comment is not in the trash (its status is " + comment.status + ")");
        }
        return moveTo(comment, comment.statusBeforeTrash == null ? CommentStatus.PENDING : CommentStatus.of(comment.statusBeforeTrash));
    }

    @Override
    public String trashOf() {
        return "comments";
    }

    /** Removes for good, with their replies, up to {@code limit} comments in the trash since before {@code cutoff}. */
    @Override
    @Transactional
    public int purgeTrash(Instant cutoff, int limit) {
        Map<Long, Long> articleOf = comments.trashedBefore(cutoff, limit);
        if (articleOf.isEmpty()) {
            return 0;
        }
        new java.util.TreeSet<>(articleOf.values()).forEach(comments::lockArticle);
        int removed = comments.deleteTrashed(List.copyOf(articleOf.keySet()), cutoff);
        new java.util.TreeSet<>(articleOf.values()).forEach(comments::recount);
        changes.changed(articleOf.values().stream().map(Keys::comments).collect(java.util.stream.Collectors.toSet()));
        return removed;
    }

    private Versioned moveTo(Comment comment, CommentStatus status) {
        boolean wasApproved = CommentStatus.APPROVED.value().equals(comment.status);
        setStatus(comment, status);
        comments.flush();
        comments.recount(comment.articleId);
        if (wasApproved != (status == CommentStatus.APPROVED)) {
            changes.changed(Set.of(Keys.comments(comment.articleId)));
            if (!wasApproved) {
                announceApproved(List.of(comment.id), Map.of(comment.id, comment.articleId));
            }
        }
        return versioned(comment);
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        Comment comment = requireLocked(id);
        ETags.checkIfMatch(ifMatch, () -> etag(comment));
        long articleId = comment.articleId;
        boolean wasApproved = CommentStatus.APPROVED.value().equals(comment.status);
        comments.delete(comment);
        comments.flush();
        comments.recount(articleId);
        if (wasApproved) {
            changes.changed(Set.of(Keys.comments(articleId)));
        }
    }

    @Transactional
    public CommentModeration.BulkResult bulk(CommentModeration.Bulk request) {
        validator.check(request);
        boolean delete = Boolean.TRUE.equals(request.delete());
        if (!delete && request.status() == null) {
            throw InvalidInput.field("status", "is required unless delete is true");
        }
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(request.ids()));
        Map<Long, Long> articleOf = comments.articlesOf(ids);
        List<Long> done = ids.stream().filter(articleOf::containsKey).toList();
        List<Long> missing = ids.stream().filter(id -> !articleOf.containsKey(id)).toList();
        // Articles first, in id order, then their comments: concurrent bulk changes queue instead of deadlocking.
        new java.util.TreeSet<>(articleOf.values()).forEach(comments::lockArticle);
        if (!done.isEmpty()) {
            // One statement each way: replies deleted by the database's cascade are never half-handled here.
            if (delete) {
                comments.deleteAll(done);
            } else {
                comments.setStatus(done, request.status().value(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
            }
        }
        new java.util.TreeSet<>(articleOf.values()).forEach(comments::recount);
        if (!done.isEmpty()) {
            changes.changed(articleOf.values().stream().map(Keys::comments).collect(java.util.stream.Collectors.toSet()));
            if (!delete && request.status() == CommentStatus.APPROVED) {
                announceApproved(done, articleOf);
            }
        }
        return new CommentModeration.BulkResult(done, missing);
    }

    /**
     * A comment an import brings, as the other system kept it: its id there and its parent's (null at the top), the
     * commenter, when it was written, the text and the moderation state.
     */
    public record Imported(long sourceId, Long sourceParentId, String authorName, String authorEmail, String authorUrl,
            String clientAddress, Instant createdAt, String body, CommentStatus status) {
    }

    /**
     * Adds an article's imported comments in the caller's transaction, parents before replies, in one statement, and
     * recounts the article; answers the new comment id of each source id. {@code known} maps source ids imported
     * before to their comments, so a reply finds a parent from an earlier import; a reply whose parent is neither
     * becomes a top-level comment.
     */
    public Map<Long, Long> importComments(long articleId, List<Imported> imported, Map<Long, Long> known) {
        Map<Long, Long> ids = new java.util.HashMap<>();
        if (imported.isEmpty()) {
            return ids;
        }
        List<Long> fresh = comments.newIds(imported.size());
        for (int i = 0; i < imported.size(); i++) {
            ids.put(imported.get(i).sourceId(), fresh.get(i));
        }
        List<Comment> rows = new ArrayList<>();
        for (Imported c : imported) {
            Comment comment = new Comment();
            comment.id = ids.get(c.sourceId());
            comment.articleId = articleId;
            Long parent = c.sourceParentId() == null ? null : ids.getOrDefault(c.sourceParentId(), known.get(c.sourceParentId()));
            comment.parentId = parent;
            comment.authorName = c.authorName();
            comment.authorEmail = c.authorEmail();
            comment.authorEmailKey = c.authorEmail().toLowerCase(Locale.ROOT);
            comment.authorUrl = c.authorUrl();
            comment.body = c.body();
            comment.bodyHash = sha256(c.body().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            comment.bodyHtml = CommentFormatter.toHtml(c.body());
            comment.status = c.status().value();
            comment.clientAddress = c.clientAddress();
            comment.createdAt = c.createdAt();
            comment.updatedAt = c.createdAt();
            rows.add(comment);
        }
        comments.lockArticle(articleId);
        comments.insertAll(rows);
        comments.recount(articleId);
        changes.changed(Set.of(Keys.comments(articleId)));
        return ids;
    }

    /** The webhook data of {@code comment.approved}: the comment, its article, and what a front-end refreshes. */
    @Schema(name = "CommentEventData")
    public record ApprovedEvent(long id, long articleId, String articleSlug,
            Revalidate revalidate) {
    }

    /** One {@code comment.approved} event per comment, ordered with its article's events. */
    private void announceApproved(List<Long> ids, Map<Long, Long> articleOf) {
        for (Long id : ids) {
            long articleId = articleOf.get(id);
            CommentRepository.ArticlePlace place = comments.articlePlace(articleId);
            String slug = place.slug();
            webhooks.publish(EventType.COMMENT_APPROVED, "article-" + articleId, new ApprovedEvent(id, articleId, slug,
                    new Revalidate(
                            List.of("/api/v1/articles/" + slug + "/comments", "/api/v1/articles/" + slug), List.of(Keys.comments(articleId)))),
                    place.categoryId() == null ? List.of() : categories.chain(place.categoryId()));
        }
    }

    /** Erases client addresses and user agents past their retention; answers how many comments changed. */
    @Transactional
    public int eraseOldAddresses() {
        Instant cutoff = clock.instant().minus(config.comments().addressRetentionDays(), ChronoUnit.DAYS);
        return comments.eraseAddressesBefore(cutoff);
    }

    public String etag(Comment comment) {
        return ETags.of("comment", comment.id, comment.version);
    }

    /** Moves a comment to a status; entering the trash remembers the status it leaves, leaving the trash forgets. */
    private void setStatus(Comment comment, CommentStatus status) {
        if (!status.value().equals(comment.status)) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            boolean trash = status == CommentStatus.TRASH;
            comment.statusBeforeTrash = trash ? comment.status : null;
            comment.trashedAt = trash ? now : null;
            comment.status = status.value();
            comment.updatedAt = now;
        }
    }

    private Comment require(String id) {
        return require(id, LockModeType.NONE);
    }

    /** The comment locked for a change, after its article (the lock order of every comment write). */
    private Comment requireLocked(String id) {
        try {
            Long articleId = comments.articlesOf(List.of(Long.parseLong(id))).values().stream().findFirst().orElse(null);
            if (articleId != null) {
                comments.lockArticle(articleId);
            }
        } catch (NumberFormatException e) {
            // not an id: require answers 404
        }
        return require(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The comment, locked for a change when asked: a moderator's change then waits for a concurrent
     * delete of the comment (or of its parent, which takes the replies along) and answers 404 after it.
     */
    private Comment require(String id, LockModeType lock) {
        try {
            Comment comment = comments.findById(Long.parseLong(id), lock);
            if (comment != null) {
                return comment;
            }
        } catch (NumberFormatException e) {
            // not an id: not found either
        }
        throw new NotFound("No comment has the id '" + id + "'");
    }

    private Versioned versioned(Comment c) {
        ModeratedComment view = comments.moderated(c.id)
                .orElseThrow(() -> new NotFound("No comment has the id '" + c.id + "'"));
        return new Versioned(view, etag(c));
    }

    private static String parseStatusFilter(String status) {
        if (status == null || status.isBlank() || status.equals("all")) {
            return null;
        }
        try {
            return CommentStatus.of(status.strip()).value();
        } catch (IllegalArgumentException e) {
            throw InvalidInput.field("status", "must be one of pending, approved, spam, trash, all");
        }
    }

    private static CommentView view(Object[] r, Map<Long, List<Object[]>> repliesByParent, int depth) {
        long id = ((Number) r[0]).longValue();
        List<CommentView> replies = depth > 200 ? List.of()
                : repliesByParent.getOrDefault(id, List.of()).stream().map(c -> view(c, repliesByParent, depth + 1)).toList();
        return new CommentView(id, CommentRepository.toLong(r[1]), (String) r[2], (String) r[3], (String) r[4], Times.instant(r[5]),
                (Boolean) r[6], replies);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
