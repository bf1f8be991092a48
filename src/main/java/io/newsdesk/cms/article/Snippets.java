package io.newsdesk.cms.article;

/** Search snippets: the text escaped, then the matches (between U+0001 and U+0002) wrapped in &lt;mark&gt;. */
final class Snippets {

    private Snippets() {
    }

    static String mark(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length() + 32);
        raw.codePoints().forEach(cp -> {
            switch (cp) {
                case 1 -> out.append("<mark>");
                case 2 -> out.append("</mark>");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
