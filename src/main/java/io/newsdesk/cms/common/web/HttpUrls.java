package io.newsdesk.cms.common.web;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for a URL that a reader or an editor supplies and a page later puts into an {@code href} or a
 * {@code src}: a commenter's site, an external related link and its image, an article's cover, a webhook's target.
 * It is parsed with {@link URI} and kept only when it is an absolute http(s) URL with a host, holds nothing a
 * browser would take for markup or for the end of an attribute, and has no user name or password before its host
 * ({@code https://bank.example@evil.example/} shows one host and goes to another). A protocol-relative
 * {@code //host/path} is refused, not guessed at: a front-end that takes every URL starting with "/" for one of its
 * own pages would otherwise send readers to that host.
 * <p>
 * What passes is stored and answered in one normal form: scheme and host in lower case, an internationalised host
 * in its ASCII (punycode) form, the scheme's own port left out, and the rest percent-encoded where it was not
 * ASCII. So two spellings of one address are one address (a related list refuses it twice).
 */
public final class HttpUrls {

    public static final String NOT_HTTP = "must be an absolute http(s) URL";
    public static final String MARKUP = "must not contain spaces, control characters, quotes, backticks, backslashes or angle brackets";
    public static final String PROTOCOL_RELATIVE = "must start with http:// or https:// (a protocol-relative //host address is refused)";
    public static final String USER_INFO = "must not carry a user name or password";
    public static final String BAD_HOST = "must name a valid host";

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern HOST_NAME = Pattern.compile("^[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?$");
    private static final Pattern PORT = Pattern.compile("^[0-9]{1,5}$");
    /** Characters browsers send as they are but java.net.URI refuses after the host: escaped before parsing. */
    private static final String LOOSE = "{}|^[]";

    private HttpUrls() {
    }

    /** A URL in normal form and its host (ASCII, lower case), or why it is refused: words a form can show. */
    public record Checked(String url, String host, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    /** Checks a URL against the rule; surrounding whitespace is ignored, {@code maxLength} counts the normal form. */
    public static Checked check(String raw, int maxLength) {
        String s = raw.strip();
        if (!markupFree(s)) {
            return refused(MARKUP);
        }
        if (s.startsWith("//")) {
            return refused(PROTOCOL_RELATIVE);
        }
        Matcher scheme = SCHEME.matcher(s);
        if (!scheme.find()) {
            return refused(NOT_HTTP);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        // "https:example.com" and "https:/x" are guessed at differently by every parser: only scheme:// is a URL here.
        if (!(name.equals("http") || name.equals("https")) || !s.startsWith("//", scheme.end())) {
            return refused(NOT_HTTP);
        }
        URI uri;
        try {
            uri = new URI(escapeLoose(s, scheme.end() + 2));
        } catch (URISyntaxException e) {
            return refused(NOT_HTTP);
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return refused(BAD_HOST);
        }
        if (authority.contains("@")) {
            return refused(USER_INFO);
        }
        Server server = server(authority, uri, name.equals("https") ? 443 : 80);
        if (server == null) {
            return refused(BAD_HOST);
        }
        String normal;
        try {
            normal = new URI(name + "://" + server.host() + server.port() + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment())).toASCIIString();
        } catch (URISyntaxException e) {
            return refused(NOT_HTTP);
        }
        if (normal.length() > maxLength) {
            return refused("must be at most " + maxLength + " characters");
        }
        return new Checked(normal, server.host(), null);
    }

    /** The normal form of a URL that {@link #check} accepts; callers validate first, so a refusal here is a bug. */
    public static String normalise(String raw) {
        Checked checked = check(raw, Integer.MAX_VALUE);
        if (!checked.accepted()) {
            throw new IllegalArgumentException("an unchecked URL reached the store: " + checked.refusal());
        }
        return checked.url();
    }

    /**
     * Whether the text holds nothing that ends an HTML attribute or starts markup, and no character a browser
     * drops or reads as a separator: whitespace and controls of any kind, invisible formatting characters (which
     * also disguise one address as another), quotes, backticks, backslashes and angle brackets.
     */
    public static boolean markupFree(String s) {
        for (int i = 0; i < s.length();) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (c <= 0x20 || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || type == Character.FORMAT || type == Character.SURROGATE || "\"'<>`\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A host in lower-case ASCII and its port as written in a URL (":8080", or "" for the scheme's own). */
    private record Server(String host, String port) {
    }

    /** The server an authority names, or null when it names no valid host; the scheme's own port is left out. */
    private static Server server(String authority, URI uri, int defaultPort) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0 || uri.getHost() == null) {
                return null; // not an IPv6 literal java.net.URI can read
            }
            host = authority.substring(0, end + 1).toLowerCase(Locale.ROOT);
            port = authority.substring(end + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                return null;
            }
            port = port.isEmpty() ? "" : port.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon + 1);
            try {
                host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
                return null;
            }
        }
        if (port.isEmpty()) {
            return new Server(host, "");
        }
        int number = PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
        if (number < 1 || number > 65535) {
            return null;
        }
        return new Server(host, number == defaultPort ? "" : ":" + number);
    }

    /**
     * Percent-encodes, after the authority, what browsers send as it is but java.net.URI refuses: {@code { } | ^ [ ]},
     * a {@code %} that starts no escape, and a second {@code #}.
     */
    private static String escapeLoose(String s, int authorityStart) {
        int rest = authorityStart;
        while (rest < s.length() && "/?#".indexOf(s.charAt(rest)) < 0) {
            rest++;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, rest);
        boolean fragment = false;
        for (int i = rest; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = LOOSE.indexOf(c) >= 0 || (c == '#' && fragment)
                    || (c == '%' && !(i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2))));
            fragment |= c == '#';
            if (escape) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static Checked refused(String reason) {
        return new Checked(null, null, reason);
    }
}
