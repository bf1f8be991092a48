package io.newsdesk.cms.revision;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.newsdesk.cms.common.web.OpenApiExactSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the history routes answer. */
final class RevisionViews {

    private RevisionViews() {
    }

    @Schema(name = "RevisionActor", description = "Who made the change: the token's id and name, and its role then")
    record Actor(@Schema(nullable = true, example = "3") Long tokenId, @Schema(nullable = true, example = "Night desk") String name,
            @Schema(nullable = true, example = "editor") String role) {
    }

    @Schema(name = "RevisionSummary", description = "One committed change of an article")
    record Summary(@Schema(example = "7") int number, Instant createdAt, Actor by,
            @Schema(description = "create, update, publish, unpublish, schedule, archive, rename, related, restore, or baseline "
                    + "(the state an article had when its history began)", example = "update") String reason,
            @Schema(description = "The fields this revision changed", example = "[\"title\", \"body\"]") List<String> changed) {
    }

    @Schema(name = "Revision", description = "One revision with everything an editor set: the article as it was then")
    record Full(@Schema(example = "7") int number, Instant createdAt, Actor by, String reason, List<String> changed,
            @Schema(description = "The format the revision was written in; the snapshot is shown in the current one", example = "2")
            int format,
            @Schema(type = SchemaType.OBJECT, implementation = Object.class, description = "title, slug, excerpt, body, coverImage, "
                    + "category {id, slug, name}, tags, authorName, "
                    + "status, publishedAt, commentsOpen, related (curated links: {articleId, articleSlug, articleTitle} or {url, title, description, image})")
            ObjectNode snapshot) {
    }

    @Schema(name = "RevisionWord", description = "A run of the text: kept, removed or added")
    record Word(@Schema(enumeration = { "equal", "delete", "insert" }, extensions = @Extension(name = OpenApiExactSchemas.NAME_EXTENSION, value = "WordChange")) String op, String text) {
    }

    @Schema(name = "RevisionFieldChange", description = "One field's value in both revisions")
    record FieldChange(@Schema(example = "title") String field,
            @Schema(implementation = Object.class, description = "The value in `against` (any JSON value)") JsonNode from,
            @Schema(implementation = Object.class, description = "The value in `number` (any JSON value)") JsonNode to,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "body and excerpt: a word-level diff") List<Word> words,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "body: a line-level unified diff") String unified) {
    }

    @Schema(name = "RevisionDiff", description = "What changed from revision `against` to revision `number`")
    record Diff(@Schema(example = "7") int number, @Schema(example = "6") int against, List<FieldChange> changes) {
    }

    /** What a snapshot refers to that no longer exists; answered as the 409 problem's {@code errors}. */
    record Missing(String field, String detail) {
    }

    @Schema(name = "RevisionArticle", description = "The article a revision belongs to, as it is now")
    record ArticleOf(@Schema(example = "42") long id, @Schema(example = "cafe-deja-vu") String slug, String title) {
    }

    @Schema(name = "RevisionActivity", description = "One change on the site, for an editor's dashboard")
    record Activity(ArticleOf article, @Schema(example = "7") int number, Instant createdAt, Actor by, String reason, List<String> changed) {
    }
}
