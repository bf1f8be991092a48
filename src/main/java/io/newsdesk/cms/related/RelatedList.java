package io.newsdesk.cms.related;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A "Related Articles" block: curated links in editor order, then suggestions. */
@Schema(name = "RelatedList")
public record RelatedList(List<RelatedLinkView> items) {
}
