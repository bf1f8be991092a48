package io.newsdesk.cms.common.error;

/**
 * The slug in the request is an old slug of a resource that has since been renamed. Answered with a
 * redirect to the same URL carrying the current slug (301 for reads, 308 for writes).
 */
public class Moved extends ApiException {

    private final String oldSlug;
    private final String currentSlug;

    public Moved(String oldSlug, String currentSlug) {
        super(301, "moved", "Moved permanently", "'" + oldSlug + "' is now '" + currentSlug + "'");
        this.oldSlug = oldSlug;
        this.currentSlug = currentSlug;
    }

    public String oldSlug() {
        return oldSlug;
    }

    public String currentSlug() {
        return currentSlug;
    }
}
