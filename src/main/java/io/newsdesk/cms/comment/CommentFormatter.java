package io.newsdesk.cms.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * A commenter's text as HTML: everything escaped (no HTML from a commenter survives), blank lines
 * start paragraphs, single line breaks become &lt;br&gt;, and bare http(s) URLs become links that
 * search engines and the opened page cannot exploit.
 */
public final class CommentFormatter {

    static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'`\\u0000-\\u001f\\u007f\\u2028\\u2029]+");
    private static final Pattern PARAGRAPHS = Pattern.compile("\\n[ \\t]*\\n+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";

    private CommentFormatter() {
    }

    public static String toHtml(String body) {
        String text = body.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder html = new StringBuilder();
        for (String paragraph : PARAGRAPHS.split(text)) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            String[] lines = paragraph.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    html.append("<br>");
                }
                appendLine(html, lines[i]);
            }
            html.append("</p>");
        }
        return html.toString();
    }

    /** The http(s) URLs a comment links to. */
    public static List<String> links(String body) {
        List<String> links = new ArrayList<>();
        Matcher m = URL.matcher(body);
        while (m.find()) {
            links.add(m.group());
        }
        return links;
    }

    private static void appendLine(StringBuilder html, String line) {
        Matcher m = URL.matcher(line);
        int at = 0;
        while (m.find()) {
            String url = m.group();
            int end = url.length();
            while (end > 0 && TRAILING_PUNCTUATION.indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            url = url.substring(0, end);
            html.append(escape(line.substring(at, m.start())));
            if (url.matches("(?i)https?://.+")) {
                html.append("<a href=\"").append(escape(url)).append("\" rel=\"nofollow ugc noopener\">")
                        .append(escape(url)).append("</a>");
            } else {
                html.append(escape(url));
            }
            at = m.start() + end;
        }
        html.append(escape(line.substring(at)));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> {
                    if (cp < 0x20 && cp != '\t' || cp == 0x7f) {
                        out.append('\uFFFD'); // control characters have no place in a page
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
