package io.newsdesk.cms.common.web;

/** Texts shared by the OpenAPI annotations of several resources. */
public final class ApiDocs {

    private ApiDocs() {
    }

    public static final String PAGE = "Page number, 1-based. A page past the end answers an empty `items` list.";
    public static final String SIZE = "Items per page, 1 to 100.";
    public static final String IF_MATCH = "An ETag from an earlier answer: the change is made only if the resource is still at that "
            + "version, otherwise 412 (so two editors never silently overwrite each other). `*` or absent: no check.";
    public static final String ARTICLE_SLUG = "The article's current slug. An old slug answers 301 (GET) or 308 (other methods) "
            + "with Location on the current URL.";
    public static final String ETAG = "Version of the resource in this answer; send it back in If-Match";
    public static final String LINK = "RFC 8288 links to the first, prev, next and last pages";
    public static final String TOTAL = "Number of items over all pages; for a search (`q`) whose totalItemsExact is false, a lower bound";
    public static final String MERGE_PATCH = "JSON Merge Patch (RFC 7396): only the fields sent change, a field sent as null is "
            + "cleared (reset to its default). The merged result must still be valid.";
}
