package io.newsdesk.cms.common.text;

/** Text that XML 1.0 can carry: the one rule for what feeds and sitemaps write. */
public final class XmlText {

    private XmlText() {
    }

    /**
     * The text without the characters XML 1.0 forbids (controls other than tab, line feed and carriage
     * return, U+FFFE, U+FFFF, lone surrogates); null stays null.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n && allowed(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (allowed(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Allowed on its own: surrogates only come in pairs (see clean). */
    private static boolean allowed(char c) {
        return c >= 0x20 ? c < 0xD800 || (c >= 0xE000 && c <= 0xFFFD) : c == '\t' || c == '\n' || c == '\r';
    }

}
