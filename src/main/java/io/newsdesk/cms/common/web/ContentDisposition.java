package io.newsdesk.cms.common.web;

import java.nio.charset.StandardCharsets;

/** The file name a request's Content-Disposition header gives (uploads, imports). */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /**
     * The file name from Content-Disposition: {@code filename*=UTF-8''…} (RFC 6266) when present, else
     * {@code filename="…"} or a bare token. Inside quotes only \" and \\ are escapes, so a raw Windows path
     * (as old browsers send it) keeps its backslashes; the service then keeps its last segment.
     */
    public static String filename(String disposition) {
        if (disposition == null) {
            return null;
        }
        String plain = null;
        String extended = null;
        String lower = disposition.toLowerCase(java.util.Locale.ROOT);
        int at = 0;
        while ((at = lower.indexOf("filename", at)) >= 0) {
            int i = at + "filename".length();
            boolean star = i < lower.length() && lower.charAt(i) == '*';
            if (star) {
                i++;
            }
            while (i < lower.length() && lower.charAt(i) == ' ') {
                i++;
            }
            if (i >= lower.length() || lower.charAt(i) != '=') {
                at = i;
                continue;
            }
            i++;
            while (i < disposition.length() && disposition.charAt(i) == ' ') {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < disposition.length() && disposition.charAt(i) == '"') {
                i++;
                while (i < disposition.length() && disposition.charAt(i) != '"') {
                    char c = disposition.charAt(i);
                    if (c == '\\' && i + 1 < disposition.length() && (disposition.charAt(i + 1) == '"' || disposition.charAt(i + 1) == '\\')) {
                        c = disposition.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
            } else {
                while (i < disposition.length() && disposition.charAt(i) != ';' && disposition.charAt(i) != ' ') {
                    value.append(disposition.charAt(i++));
                }
            }
            if (star) {
                extended = value.toString();
            } else {
                plain = value.toString();
            }
            at = i;
        }
        if (extended != null) {
            int quote = extended.indexOf("''");
            String encoded = quote >= 0 ? extended.substring(quote + 2) : extended;
            try {
                return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return encoded;
            }
        }
        return plain;
    }
}
