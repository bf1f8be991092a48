package io.newsdesk.cms.redirect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spelling for an old address, so that what was recorded at import and what a front-end asks about meet:
 * the path alone (scheme and host dropped), percent-decoded, lower-cased, without a trailing slash; of the
 * query only WordPress's id forms ({@code ?p=12}, {@code ?page_id=12}) are kept, as {@code /?p=12}.
 */
public final class LegacyPaths {

    private static final Pattern ID_QUERY = Pattern.compile("(?:^|&)(p|page_id)=([0-9]{1,18})(?:&|$)");
    static final int MAX_LENGTH = 2000;

    private LegacyPaths() {
    }

    /** The normalized path, or null when the text is not a URL or path at all. */
    public static String normalize(String pathOrUrl) {
        if (pathOrUrl == null || pathOrUrl.isBlank() || pathOrUrl.length() > MAX_LENGTH) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(pathOrUrl.strip().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.isOpaque() || (uri.getScheme() != null && !uri.getScheme().matches("(?i)https?"))) {
            return null;
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        path = path.toLowerCase(Locale.ROOT).replaceAll("/{2,}", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = uri.getRawQuery();
        if (query != null) {
            Matcher id = ID_QUERY.matcher(query);
            if (id.find()) {
                return (path.equals("/") ? "" : path) + "/?" + id.group(1) + "=" + Long.parseLong(id.group(2));
            }
        }
        return path;
    }
}
