package io.newsdesk.cms.common;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hostile inputs, as a fixed catalogue plus a seeded random part: the same seed gives the same
 * requests on every run. Values are JSON fragments (the bytes that stand where a property's value
 * goes), query values, path segments and header values.
 */
final class HostileValues {

    static final long SEED = 0x5EED_CA11_AB1EL;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Over the 1,000,000-character string limit of the JSON parser, inside the 1 MB body limit. */
    static final int HUGE = 1_000_001;
    /** A string whose body is over the 1 MB body limit. */
    static final int OVERSIZE = 1_048_600;

    private final Random random;

    HostileValues(long seed) {
        this.random = new Random(SEED ^ seed);
    }

    /** A value for a JSON property: its bytes, a label for people, and the Java string it carries (if it is one). */
    record Fragment(String label, byte[] json, String text) {

        static Fragment json(String label, String json) {
            return new Fragment(label, json.getBytes(StandardCharsets.UTF_8), null);
        }

        static Fragment raw(String label, byte[] bytes) {
            return new Fragment(label, bytes, null);
        }

        static Fragment string(String label, String value) {
            try {
                return new Fragment(label, JSON.writeValueAsBytes(value), value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean huge() {
            return json.length > 100_000;
        }
    }

    // ---- strings ---------------------------------------------------------------------------------

    /** Injection strings: stored as text when accepted, never executed, never an error of the server. */
    static final List<String[]> INJECTIONS = List.of(
            new String[] { "sql-or", "' OR 1=1--" },
            new String[] { "sql-drop", "'; DROP TABLE article;--" },
            new String[] { "sql-union", "x' UNION SELECT null, version(), current_user--" },
            new String[] { "sql-backslash", "\\'; SELECT pg_sleep(20);--" },
            new String[] { "html-script", "<script>alert(1)</script>" },
            new String[] { "html-img", "<img src=x onerror=alert(1)>" },
            new String[] { "html-svg", "\"><svg/onload=alert(1)>" },
            new String[] { "js-url", "javascript:alert(1)" },
            new String[] { "md-js-link", "[click](javascript:alert(1)) and ![x](javascript:alert(1))" },
            new String[] { "template", "${jndi:ldap://127.0.0.1/x} {{7*7}} #{7*7} %s%n%x" },
            new String[] { "traversal", "../../../../etc/passwd" });

    /** Look-alikes, invisible and direction characters, odd Unicode. */
    static final List<String[]> UNICODE = List.of(
            new String[] { "cyrillic-a", "\u0430rticle" },
            new String[] { "fullwidth", "\uFF46\uFF55\uFF4C\uFF4C\uFF57\uFF49\uFF44\uFF54\uFF48" },
            new String[] { "rtl-override", "\u202Egnp.exe\u202C" },
            new String[] { "zero-width", "a\u200Bb\u200Cc\u200Dd\uFEFF" },
            new String[] { "emoji", "\uD83D\uDE00\uD83D\uDC69\u200D\uD83D\uDCBB" },
            new String[] { "lone-surrogate", "a\uD800b" });

    /** Characters that should never reach a database or a header. */
    static final List<String[]> CONTROL = List.of(
            new String[] { "nul-escaped", "a\u0000b" },
            new String[] { "control", "a\u0001\u0007\u001b[31mb\u007f" },
            new String[] { "crlf", "a\r\nX-Injected: 1\r\n\r\n<b>" },
            new String[] { "empty", "" },
            new String[] { "blank", " \t " });

    static List<Fragment> hostileStrings(boolean withHuge) {
        List<Fragment> out = new ArrayList<>();
        for (String[] s : INJECTIONS) {
            out.add(Fragment.string(s[0], s[1]));
        }
        for (String[] s : UNICODE) {
            out.add(Fragment.string(s[0], s[1]));
        }
        for (String[] s : CONTROL) {
            out.add(Fragment.string(s[0], s[1]));
        }
        out.add(Fragment.raw("raw-nul-byte", new byte[] { '"', 'a', 0, 'b', '"' }));
        out.add(Fragment.raw("invalid-utf8", new byte[] { '"', 'a', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, '"' }));
        out.add(Fragment.raw("overlong-utf8", new byte[] { '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"' }));
        out.add(Fragment.raw("utf8-surrogate", new byte[] { '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"' }));
        out.add(Fragment.json("bad-escape", "\"a\\x41\\u12\""));
        out.add(Fragment.string("long-10k", "L".repeat(10_000)));
        if (withHuge) {
            out.add(Fragment.string("long-100k", "M".repeat(100_000)));
            out.add(Fragment.string("huge-1000001", "H".repeat(HUGE)));
            out.add(Fragment.string("over-body-limit", "O".repeat(OVERSIZE)));
        }
        return out;
    }

    // ---- wrong types and numbers -----------------------------------------------------------------

    static final String TWO_63 = BigInteger.TWO.pow(63).toString();
    static final String TWO_31 = BigInteger.TWO.pow(31).toString();

    static List<Fragment> numbers() {
        return List.of(
                Fragment.json("1e400", "1e400"),
                Fragment.json("-1e400", "-1e400"),
                Fragment.json("-1", "-1"),
                Fragment.json("0", "0"),
                Fragment.json("2^31", TWO_31),
                Fragment.json("2^63", TWO_63),
                Fragment.json("-2^63-1", "-9223372036854775809"),
                Fragment.json("1.5", "1.5"),
                Fragment.json("1.0", "1.0"),
                Fragment.json("1e2", "1e2"),
                Fragment.json("digits-1000", "9".repeat(1000)),
                Fragment.json("exponent-huge", "1e999999999"),
                Fragment.json("leading-zero", "007"),
                Fragment.json("NaN", "NaN"),
                Fragment.json("Infinity", "-Infinity"),
                Fragment.json("hex", "0x1F"),
                Fragment.string("numeric-string", "1"));
    }

    static List<Fragment> wrongTypes() {
        return List.of(
                Fragment.json("null", "null"),
                Fragment.json("true", "true"),
                Fragment.json("number", "123"),
                Fragment.json("string", "\"x\""),
                Fragment.json("array", "[\"a\", 1, null]"),
                Fragment.json("object", "{\"a\": {\"b\": [1]}}"),
                Fragment.json("deep-1000", deep(1000, '[', ']')));
    }

    static List<Fragment> booleans() {
        return List.of(Fragment.string("string-true", "true"), Fragment.json("one", "1"), Fragment.json("zero", "0"),
                Fragment.string("yes", "yes"), Fragment.json("TRUE", "TRUE"));
    }

    static List<Fragment> enums(List<String> allowed) {
        List<Fragment> out = new ArrayList<>();
        out.add(Fragment.string("unknown-enum", "unknown"));
        if (!allowed.isEmpty()) {
            String first = allowed.get(0);
            out.add(Fragment.string("enum-upper", first.toUpperCase()));
            out.add(Fragment.string("enum-padded", " " + first + " "));
            out.add(Fragment.string("enum-nul", first + "\u0000"));
            out.add(Fragment.string("enum-zero-width", first + "\u200B"));
            out.add(Fragment.string("enum-cyrillic", first.replace('a', '\u0430').replace('e', '\u0435').replace('p', '\u0440')));
            out.add(Fragment.string("enum-all", String.join(",", allowed)));
        }
        out.add(Fragment.json("enum-ordinal", "0"));
        return out;
    }

    static List<Fragment> dateTimes() {
        return List.of(
                Fragment.string("date-nonsense", "yesterday"),
                Fragment.string("date-out-of-range", "2024-13-45T99:99:99Z"),
                Fragment.string("date-max", "+999999999-12-31T23:59:59Z"),
                Fragment.string("date-min", "-999999999-01-01T00:00:00Z"),
                Fragment.string("date-year-0", "0000-01-01T00:00:00Z"),
                Fragment.string("date-no-offset", "2024-02-23T09:30:00"),
                Fragment.string("date-bad-offset", "2024-02-23T09:30:00+25:00"),
                Fragment.string("date-only", "2024-02-23"),
                Fragment.json("date-epoch-number", "1700000000"),
                Fragment.json("date-epoch-float", "1.7e9"));
    }

    static List<Fragment> arrays(Fragment validItem, boolean withHuge) {
        String item = new String(validItem.json(), StandardCharsets.UTF_8);
        List<Fragment> out = new ArrayList<>(List.of(
                Fragment.json("array-of-null", "[null]"),
                Fragment.json("array-nested", "[[" + item + "]]"),
                Fragment.json("array-mixed", "[" + item + ", 1, true, {}, []]"),
                Fragment.json("array-101", repeat(item, 101)),
                Fragment.json("array-10000", repeat(item, 10_000)),
                Fragment.json("array-deep-1000", deep(1000, '[', ']')),
                Fragment.json("array-not-array", item)));
        if (withHuge) {
            out.add(Fragment.json("array-100000-invalid-items", repeat("\"\"", 100_000)));
        }
        return out;
    }

    static String repeat(String item, int n) {
        StringBuilder out = new StringBuilder(item.length() * n + n + 2).append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(item);
        }
        return out.append(']').toString();
    }

    static String deep(int levels, char open, char close) {
        return String.valueOf(open).repeat(levels) + String.valueOf(close).repeat(levels);
    }

    static String deepObjects(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    // ---- whole bodies ----------------------------------------------------------------------------

    /** Bodies that are not the documented shape at all, whatever the operation. */
    static List<Fragment> bodies(byte[] valid) {
        String v = new String(valid, StandardCharsets.UTF_8);
        List<Fragment> out = new ArrayList<>();
        out.add(Fragment.raw("empty", new byte[0]));
        out.add(Fragment.json("whitespace", " \r\n\t "));
        out.add(Fragment.json("null", "null"));
        out.add(Fragment.json("array", "[]"));
        out.add(Fragment.json("string", "\"title\""));
        out.add(Fragment.json("number", "42"));
        out.add(Fragment.json("true", "true"));
        out.add(Fragment.json("empty-object", "{}"));
        out.add(Fragment.json("truncated", v.substring(0, Math.max(1, v.length() / 2))));
        out.add(Fragment.json("trailing-garbage", v + " x"));
        out.add(Fragment.json("two-documents", v + v));
        out.add(Fragment.json("trailing-comma", v.endsWith("}") ? v.substring(0, v.length() - 1) + ",}" : v + ","));
        out.add(Fragment.json("single-quotes", v.replace('"', '\'')));
        out.add(Fragment.json("comment", "/* hi */" + v));
        out.add(Fragment.json("unquoted-keys", "{title: \"x\", name: \"x\"}"));
        out.add(Fragment.json("duplicate-keys", v.startsWith("{") && v.length() > 2 ? "{" + v.substring(1, v.length() - 1) + "," + v.substring(1) : v));
        out.add(Fragment.raw("bom", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, valid)));
        out.add(Fragment.raw("utf16", v.getBytes(StandardCharsets.UTF_16)));
        out.add(Fragment.raw("utf32", utf32(v)));
        out.add(Fragment.raw("latin1-bytes", ("{\"title\":\"caf\u00e9\",\"name\":\"caf\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1)));
        out.add(Fragment.raw("invalid-utf8", new byte[] { '{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}' }));
        out.add(Fragment.raw("raw-nul", concat(valid, new byte[] { 0 })));
        out.add(Fragment.raw("only-nul", new byte[] { 0, 0, 0, 0 }));
        out.add(Fragment.json("deep-arrays-1000", deep(1000, '[', ']')));
        out.add(Fragment.json("deep-objects-1000", deepObjects(1000)));
        out.add(Fragment.json("deep-100000", deep(100_000, '[', ']')));
        out.add(Fragment.json("unbalanced-deep", "[".repeat(50_000)));
        out.add(Fragment.json("many-keys", manyKeys(20_000)));
        out.add(Fragment.json("number-1000-digits", "9".repeat(1000)));
        out.add(Fragment.json("xml", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"));
        out.add(Fragment.json("form", "title=x&name=y"));
        out.add(Fragment.json("proto-pollution", "{\"__proto__\": {\"admin\": true}, \"constructor\": {\"prototype\": {\"admin\": true}}}"));
        out.add(Fragment.json("java-type-hint", "{\"@class\": \"java.lang.ProcessBuilder\", \"@type\": \"java.net.URL\", \"title\": \"x\"}"));
        out.add(Fragment.json("json-huge-over-limit", "[" + "0,".repeat(600_000) + "0]"));
        return out;
    }

    static String manyKeys(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("\"k").append(i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf32(String s) {
        return s.getBytes(java.nio.charset.Charset.forName("UTF-32BE"));
    }

    // ---- URLs --------------------------------------------------------------------------------------

    /** Query values, already encoded for the wire (some deliberately badly). */
    static List<String[]> queryValues(boolean integer) {
        List<String[]> out = new ArrayList<>();
        for (String[] s : INJECTIONS) {
            out.add(new String[] { s[0], encode(s[1]) });
        }
        for (String[] s : UNICODE) {
            if (!s[0].equals("lone-surrogate")) {
                out.add(new String[] { s[0], encode(s[1]) });
            }
        }
        out.add(new String[] { "nul", "a%00b" });
        out.add(new String[] { "crlf-header-injection", "a%0d%0aX-Injected:%201" });
        out.add(new String[] { "invalid-utf8", "%ff%fe" });
        out.add(new String[] { "overlong-utf8", "%c0%af" });
        out.add(new String[] { "lone-utf8-lead", "caf%c3" });
        out.add(new String[] { "bad-percent", "%zz" });
        out.add(new String[] { "trailing-percent", "abc%" });
        out.add(new String[] { "plus-and-space", "a+b%20c" });
        out.add(new String[] { "empty", "" });
        out.add(new String[] { "long-300", "q".repeat(300) });
        out.add(new String[] { "long-3000", "q".repeat(3000) });
        if (integer) {
            out.add(new String[] { "-1", "-1" });
            out.add(new String[] { "0", "0" });
            out.add(new String[] { "2^31", TWO_31 });
            out.add(new String[] { "2^63", TWO_63 });
            out.add(new String[] { "1e400", "1e400" });
            out.add(new String[] { "1.5", "1.5" });
            out.add(new String[] { "-2^31", "-" + TWO_31 });
            out.add(new String[] { "2^31-1", "2147483647" });
            out.add(new String[] { "plus", "%2B1" });
            out.add(new String[] { "padded", "%201%20" });
            out.add(new String[] { "fullwidth-digit", encode("\uFF11") });
            out.add(new String[] { "arabic-digit", encode("\u0661") });
            out.add(new String[] { "hex", "0x10" });
            out.add(new String[] { "exp", "1e2" });
            out.add(new String[] { "digits-1000", "9".repeat(1000) });
        }
        return out;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Path segments standing for a slug or id: traversal, encodings, look-alikes. Already encoded for the wire. */
    static List<String[]> pathSegments(String existing, boolean numeric) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] { "dotdot", ".." });
        out.add(new String[] { "dotdot-slash", "../" });
        out.add(new String[] { "dotdot-up-two", "../../q/openapi" });
        out.add(new String[] { "encoded-dotdot-slash", "%2e%2e%2f" });
        out.add(new String[] { "encoded-traversal", "%2e%2e%2f%2e%2e%2fcategories" });
        out.add(new String[] { "double-encoded", "%252e%252e%252f" });
        out.add(new String[] { "backslash", "..%5c..%5c" });
        out.add(new String[] { "encoded-slash", existing + "%2fx" });
        out.add(new String[] { "nul", "%00" });
        out.add(new String[] { "nul-after", existing + "%00" });
        out.add(new String[] { "matrix", existing + ";a=b" });
        out.add(new String[] { "semicolon-traversal", "..;/x" });
        out.add(new String[] { "crlf", existing + "%0d%0aSet-Cookie:%20x=1" });
        out.add(new String[] { "invalid-utf8", "%ff%fe" });
        out.add(new String[] { "overlong-utf8", "%c0%ae%c0%ae%c0%af" });
        out.add(new String[] { "bad-percent", "%zz" });
        out.add(new String[] { "space", "%20" });
        out.add(new String[] { "upper", existing.toUpperCase() });
        out.add(new String[] { "cyrillic-lookalike", encode(existing.replaceFirst("a", "\u0430").replaceFirst("e", "\u0435").replaceFirst("1", "\u0661")) });
        out.add(new String[] { "fullwidth", encode(fullwidth(existing)) });
        out.add(new String[] { "rtl-mark", encode("\u200F" + existing) });
        out.add(new String[] { "zero-width", encode(existing + "\u200B") });
        out.add(new String[] { "sql", encode("' OR 1=1--") });
        out.add(new String[] { "sql-drop", encode("x'; DROP TABLE article;--") });
        out.add(new String[] { "html", encode("<script>alert(1)</script>") });
        out.add(new String[] { "long-3000", "s".repeat(3000) });
        out.add(new String[] { "emoji", encode("\uD83D\uDE00".repeat(50)) });
        if (numeric) {
            out.add(new String[] { "0", "0" });
            out.add(new String[] { "-1", "-1" });
            out.add(new String[] { "2^31", TWO_31 });
            out.add(new String[] { "2^63", TWO_63 });
            out.add(new String[] { "-2^63", "-" + TWO_63 });
            out.add(new String[] { "1e400", "1e400" });
            out.add(new String[] { "1.5", "1.5" });
            out.add(new String[] { "plus-own", "%2B" + existing });
            out.add(new String[] { "fullwidth-own", encode(fullwidth(existing)) });
            out.add(new String[] { "arabic-own", encode(arabic(existing)) });
        }
        return out;
    }

    static String fullwidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
        }
        return out.toString();
    }

    static String arabic(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '\u0660') : c);
        }
        return out.toString();
    }

    // ---- the seeded part ---------------------------------------------------------------------------

    /** A random string of odd code points: controls, surrogates, look-alikes, markup, quotes. */
    String junk(int length) {
        String alphabet = "'\"<>&;\\/%$`{}[]()=:|#?*!~^ \t\r\n\u0000\u0001\u007f\u0085\u00a0\u00e9\u0430\u0435\u200b\u200e\u200f\u202e\ufeff\uff21\ud83d\ude00\ud800\udfff";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(alphabet.length() + 26);
            out.append(pick < alphabet.length() ? alphabet.charAt(pick) : (char) ('a' + pick - alphabet.length()));
        }
        return out.toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
