package io.newsdesk.cms.related;

import java.util.Set;

/** An article's related block, with the keys of what it shows and of what could change its suggestions. */
public record RelatedBlock(RelatedList list, Set<String> keys) {
}
