package io.newsdesk.cms.common.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** URL slugs: lowercase a-z, 0-9 and single hyphens, at most 200 characters. */
public final class Slugs {

    public static final int MAX_LENGTH = 200;
    public static final String PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02BC]");
    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");
    /** Letters that Unicode decomposition does not fold to ASCII. */
    private static final Map<String, String> LETTERS = Map.ofEntries(
            Map.entry("ß", "ss"), Map.entry("æ", "ae"), Map.entry("œ", "oe"), Map.entry("ø", "o"),
            Map.entry("đ", "d"), Map.entry("ð", "d"), Map.entry("þ", "th"), Map.entry("ł", "l"),
            Map.entry("ı", "i"), Map.entry("&", " and "), Map.entry("@", " at "));

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** Folds accents and punctuation away: "Café Déjà Vu" becomes "cafe-deja-vu". Never empty. */
    public static String slugify(String text, String fallback) {
        // Apostrophes join rather than split words: "What's new" becomes whats-new, as WordPress does.
        String lower = text == null ? "" : APOSTROPHES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("");
        String slug = NON_SLUG.matcher(foldLower(lower)).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_LENGTH - 10) {
            slug = trimHyphens(slug.substring(0, MAX_LENGTH - 10));
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** Text with accents and special letters folded to ASCII ("Déjà vu" becomes "deja vu"), for search. */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return foldLower(text.toLowerCase(Locale.ROOT));
    }

    /** Lower-case text with its special letters spelled out and its accents removed; plain ASCII is only copied. */
    private static String foldLower(String lower) {
        StringBuilder mapped = new StringBuilder(lower.length() + 16);
        boolean ascii = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String letter = c == '&' || c == '@' || c >= 0x80 ? LETTERS.get(String.valueOf(c)) : null;
            if (letter != null) {
                mapped.append(letter);
            } else {
                mapped.append(c);
                ascii &= c < 0x80;
            }
        }
        return ascii ? mapped.toString() : COMBINING_MARKS.matcher(Normalizer.normalize(mapped, Normalizer.Form.NFKD)).replaceAll("");
    }

    /** The first of base, base-2, base-3... that is not in {@code taken}. */
    public static String firstFree(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2;; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
