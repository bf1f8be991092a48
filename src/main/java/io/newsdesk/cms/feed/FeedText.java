package io.newsdesk.cms.feed;

import java.net.URI;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.newsdesk.cms.common.text.XmlText;
import io.newsdesk.cms.media.MediaFiles;

/**
 * Text as a feed may carry it. Feed readers fetch a feed on its own, far from the API and the
 * front-end, so root-relative URLs are made absolute; and XML 1.0 cannot carry every character a
 * title may hold, so what it forbids is dropped.
 */
final class FeedText {

    private FeedText() {
    }

    /** The text without the characters XML 1.0 forbids; null stays null (see {@link XmlText#clean}). */
    static String clean(String text) {
        return XmlText.clean(text);
    }

    /** Plain text as HTML, for RSS descriptions (which readers take as HTML). */
    static String escapeHtml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Where root-relative URLs point: media files at the API, everything else at the front-end. */
    record Origins(String api, String site) {

        static Origins of(URI apiBase, String siteUrl) {
            return new Origins(origin(apiBase), origin(URI.create(siteUrl)));
        }

        private static String origin(URI uri) {
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        }

        /** The URL made absolute when it is root-relative ({@code /path}); anything else as it is. */
        String absolute(String url) {
            if (url == null || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) {
                return url;
            }
            return (url.startsWith(MediaFiles.PATH + "/") ? api : site) + url;
        }

        /** Sanitized HTML with its root-relative links and image sources (srcset included) made absolute. */
        String absoluteUrls(String html) {
            // The renderer writes attributes in double quotes: most bodies hold no root-relative URL and are left as they are.
            if (html == null || !(html.contains("=\"/") || html.contains("srcset="))) {
                return html;
            }
            Document doc = Jsoup.parseBodyFragment(html);
            doc.outputSettings().prettyPrint(false);
            for (Element element : doc.body().getAllElements()) {
                for (Attribute attribute : element.attributes()) {
                    String name = attribute.getKey().toLowerCase(Locale.ROOT);
                    if (name.equals("srcset")) {
                        attribute.setValue(absoluteSrcset(attribute.getValue()));
                    } else if (name.equals("href") || name.equals("src") || name.equals("poster") || name.equals("cite")) {
                        attribute.setValue(absolute(attribute.getValue()));
                    }
                }
            }
            return doc.body().html();
        }

        private String absoluteSrcset(String srcset) {
            StringBuilder out = new StringBuilder(srcset.length() + 64);
            for (String candidate : srcset.split(",")) {
                String trimmed = candidate.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int space = trimmed.indexOf(' ');
                String url = space < 0 ? trimmed : trimmed.substring(0, space);
                if (out.length() > 0) {
                    out.append(", ");
                }
                out.append(absolute(url)).append(space < 0 ? "" : trimmed.substring(space));
            }
            return out.toString();
        }
    }

    /** The image type a file name says, or null. */
    static String imageType(String url) {
        if (url == null) {
            return null;
        }
        String path = url.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT);
        int dot = path.lastIndexOf('.');
        return switch (dot < 0 || path.lastIndexOf('/') > dot ? "" : path.substring(dot + 1)) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "avif" -> "image/avif";
            default -> null;
        };
    }
}
