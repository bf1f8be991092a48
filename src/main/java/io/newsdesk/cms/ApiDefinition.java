package io.newsdesk.cms;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.newsdesk.cms.article.ArticleEvents;
import io.newsdesk.cms.category.CategoryService;
import io.newsdesk.cms.comment.CommentService;
import io.newsdesk.cms.media.MediaService;
import io.newsdesk.cms.webhook.WebhookService;

/**
 * What the OpenAPI document holds beyond the routes: the {@code data} of every webhook event, which no route
 * returns. The events themselves are listed under {@code webhooks} by {@link io.newsdesk.cms.webhook.WebhookDocs}.
 * The title, version and description come from {@code application.properties}.
 */
@OpenAPIDefinition(info = @Info(title = "Newsdesk CMS API", version = "1.0"), components = @Components(schemas = {
        @Schema(name = "ArticleEventData", implementation = ArticleEvents.Data.class),
        @Schema(name = "CategoryEventData", implementation = CategoryService.EventData.class),
        @Schema(name = "CommentEventData", implementation = CommentService.ApprovedEvent.class),
        @Schema(name = "MediaEventData", implementation = MediaService.MediaEvent.class),
        @Schema(name = "TestEventData", implementation = WebhookService.TestData.class) }))
public final class ApiDefinition {

    private ApiDefinition() {
    }
}
