package io.newsdesk.cms.wordpress;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a WordPress export (WXR 1.0 to 1.2, plain or gzip-compressed) as a stream with the JDK's StAX reader:
 * only the item being read is held in memory, whatever the size of the file.
 * <p>
 * A document that declares a DOCTYPE is {@link Refused} (WordPress never writes one, and it is how entity
 * tricks such as XXE or "billion laughs" get in); so is one that is not an RSS document in a WordPress export
 * namespace. XML that does not parse, an undefined entity reference included, is {@link Malformed}.
 */
public final class WxrReader {

    /**
     * What the head of an export says, read by {@link #checkProlog} before the first item: the site, and how many
     * authors, categories and tags the channel lists before its items.
     */
    public record Prolog(Wxr.Site site, int authors, int categories, int tags, boolean hasItems) {
        /** The WXR version the export declares ({@code 1.0}, {@code 1.1}, {@code 1.2}), or null. */
        public String wxrVersion() {
            return site.wxrVersion();
        }
    }

    /** The file is not a WordPress export we accept (not WXR, or it declares a DOCTYPE); the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The file is not well-formed XML (or a value in it is unreadable); the message gives the line and column. */
    public static final class Malformed extends RuntimeException {
        private final int line;
        private final int column;

        Malformed(int line, int column, String reason) {
            super("Line " + line + ", column " + column + ": " + reason);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    // Real exports carry http and https forms of every version; the trailing slash is always there but not required.
    private static final Pattern WP = Pattern.compile("https?://wordpress\\.org/export/1\\.\\d+/?");
    private static final Pattern EXCERPT = Pattern.compile("https?://wordpress\\.org/export/1\\.\\d+/excerpt/?");
    private static final Pattern CONTENT = Pattern.compile("https?://purl\\.org/rss/1\\.0/modules/content/?");
    private static final Pattern DC = Pattern.compile("https?://purl\\.org/dc/elements/1\\.1/?");
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** What the JDK's parser says (a part of its English message) and what we say instead. */
    private static final Map<String, String> PARSER_COMPLAINTS = Map.ofEntries(
            Map.entry("must be terminated by the matching end-tag",
                    "an element is not closed by its matching end tag"),
            Map.entry("must start and end within the same entity",
                    "the file ends before its elements are closed (is it cut short?)"),
            Map.entry("was referenced, but not declared",
                    "an entity reference that XML does not define (HTML entities such as &nbsp; are not XML)"),
            Map.entry("must end with the ';' delimiter",
                    "an entity reference without its closing ';' (a lone & is written &amp;)"),
            Map.entry("must immediately follow the '&'",
                    "a lone & (it is written &amp;)"),
            Map.entry("must not contain the '<' character",
                    "an attribute value holds a '<' (it is written &lt;)"),
            Map.entry("invalid XML character",
                    "a character that XML does not allow"),
            Map.entry("is not bound",
                    "a namespace prefix that is not declared"),
            Map.entry("was already specified for element",
                    "an element repeats an attribute"),
            Map.entry("Content is not allowed in prolog",
                    "text before the first element"),
            Map.entry("preceding the root element must be well-formed",
                    "markup before the first element that is not well-formed"),
            Map.entry("following the root element must be well-formed",
                    "content after the end of the document"),
            Map.entry("Content is not allowed in trailing section",
                    "content after the end of the document"));
    private static final String DOCTYPE_REFUSED =
            "The file declares a DOCTYPE; WordPress exports have none and it is refused (it could define entities)";

    private WxrReader() {
    }

    /**
     * Reads the whole export, handing the site (once, first), authors, categories, tags and items over in file order.
     * The stream is not closed. What the handler throws goes through unchanged.
     *
     * @throws Refused when the file declares a DOCTYPE or is not a WordPress export
     * @throws Malformed when the XML (or the gzip data) is damaged, with the line and column
     * @throws java.io.UncheckedIOException when the stream cannot be read
     */
    public static void read(InputStream in, Wxr.Handler handler) {
        new Parser(in, handler, false).run(false);
    }

    /**
     * Reads the export as {@link #read} does, checking all of it, but hands items over without their content and
     * comments: for a first look at what a file holds, at a fraction of the work.
     */
    public static void skim(InputStream in, Wxr.Handler handler) {
        new Parser(in, handler, true).run(false);
    }

    /**
     * Reads the head of an export only, up to the start of its first item (or the end of the channel), so that an
     * upload can be refused at once. The stream is not closed; it is left part-read.
     *
     * @throws Refused when the file declares a DOCTYPE or is not a WordPress export
     * @throws Malformed when the head is not well-formed XML
     */
    public static Prolog checkProlog(InputStream in) {
        return new Parser(in, new Wxr.Handler() {
        }, true).run(true);
    }

    private static final class Parser {
        private final XMLStreamReader r;
        private final Wxr.Handler handler;
        /** Items without content and comments. */
        private final boolean skim;
        private final Gunzip gunzip;
        private final Map<String, String> prefixes = new HashMap<>(); // namespace URI -> our prefix
        private String title;
        private String link;
        private String baseSiteUrl;
        private String baseBlogUrl;
        private String wxrVersion;
        private boolean wordpress;
        private Wxr.Site site;
        private int authors;
        private int categories;
        private int tags;

        Parser(InputStream in, Wxr.Handler handler, boolean skim) {
            this.handler = handler;
            this.skim = skim;
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, whatever the class path
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            InputStream input = open(in);
            gunzip = input instanceof Gunzip g ? g : null;
            try {
                r = factory.createXMLStreamReader(input);
            } catch (XMLStreamException e) {
                if (gunzip != null) {
                    gunzip.release();
                }
                throw translate(e, null);
            }
        }

        Prolog run(boolean prologOnly) {
            try {
                root();
                while (nextChild()) {
                    if (key().equals("channel")) {
                        boolean hasItems = channel(prologOnly);
                        if (prologOnly) {
                            return new Prolog(site, authors, categories, tags, hasItems);
                        }
                        while (nextChild()) {
                            skip();
                        }
                        while (r.next() != XMLStreamConstants.END_DOCUMENT) {
                            refuseDoctype(); // trailing comments and processing instructions are allowed
                        }
                        return null;
                    }
                    skip();
                }
                throw new Refused("The file is an RSS document without a channel; it is not a WordPress export");
            } catch (XMLStreamException e) {
                throw translate(e, r.getLocation());
            } finally {
                close();
            }
        }

        /** Frees the parser and the inflater now rather than when collected; the caller's stream stays open. */
        private void close() {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing held that matters
            }
            if (gunzip != null) {
                gunzip.release();
            }
        }

        /**
         * The parser's complaint as its line and column and what is wrong there, in our words: its own message
         * quotes the file (element, attribute and entity names) and the parser's internals, and it reaches the
         * answer of an upload. Damaged gzip data is said so: the parser takes some read errors for the end of the file.
         */
        private RuntimeException translate(XMLStreamException e, Location current) {
            Location at = e.getLocation() != null && e.getLocation().getLineNumber() > 0 ? e.getLocation() : current;
            int line = at == null ? 1 : at.getLineNumber();
            int column = at == null ? 1 : at.getColumnNumber();
            Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
            if ((gunzip != null && gunzip.damaged) || cause instanceof ZipException) {
                return new Malformed(line, column, "the gzip-compressed data is damaged or cut short");
            }
            if (cause instanceof java.io.CharConversionException) {
                return new Malformed(line, column, "the text is not valid in its declared encoding (UTF-8 unless the XML declaration says otherwise)");
            }
            if (cause instanceof IOException io) {
                return new UncheckedIOException(io);
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            for (Map.Entry<String, String> known : PARSER_COMPLAINTS.entrySet()) {
                if (message.contains(known.getKey())) {
                    return new Malformed(line, column, known.getValue());
                }
            }
            return new Malformed(line, column, "the XML is not well-formed here");
        }

        /** Moves to the root element: it must be {@code rss}, and no DOCTYPE may come before it. */
        private void root() throws XMLStreamException {
            while (r.next() != XMLStreamConstants.START_ELEMENT) {
                refuseDoctype();
            }
            if (!key().equals("rss")) {
                String name = r.getLocalName();
                throw new Refused("The file is XML but its root element is <" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + ">, not <rss>; it is not a WordPress export");
            }
            noteNamespaces();
        }

        /** Reads the channel; in prolog mode stops at the first item. Answers whether an item was found. */
        private boolean channel(boolean prologOnly) throws XMLStreamException {
            noteNamespaces();
            while (nextChild()) {
                if (site == null) {
                    noteNamespaces();
                }
                switch (key()) {
                    case "title" -> title = text();
                    case "link" -> link = id(text());
                    case "wp:base_site_url" -> baseSiteUrl = id(text());
                    case "wp:base_blog_url" -> baseBlogUrl = id(text());
                    case "wp:wxr_version" -> wxrVersion = id(text());
                    case "wp:author" -> {
                        site();
                        authors++;
                        handler.author(author());
                    }
                    case "wp:category" -> {
                        site();
                        categories++;
                        handler.category(category());
                    }
                    case "wp:tag" -> {
                        site();
                        tags++;
                        handler.tag(tag());
                    }
                    case "wp:term" -> {
                        site();
                        term();
                    }
                    case "item" -> {
                        site();
                        if (prologOnly) {
                            return true;
                        }
                        handler.item(item());
                    }
                    default -> skip();
                }
            }
            site();
            return false;
        }

        /** Hands the site over once, before anything else: by then the WordPress namespace must have shown up. */
        private void site() {
            if (site != null) {
                return;
            }
            if (!wordpress) {
                throw new Refused("The file is an RSS feed without the WordPress export namespace; "
                        + "it is not a WordPress export (WXR)");
            }
            site = new Wxr.Site(title, link, baseSiteUrl, baseBlogUrl, wxrVersion);
            handler.site(site);
        }

        private Wxr.Author author() throws XMLStreamException {
            long id = 0;
            String login = null, email = null, displayName = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:author_id" -> id = number();
                    case "wp:author_login" -> login = id(text());
                    case "wp:author_email" -> email = id(text());
                    case "wp:author_display_name" -> displayName = text();
                    default -> skip();
                }
            }
            return new Wxr.Author(id, login, email, displayName);
        }

        private Wxr.Category category() throws XMLStreamException {
            long id = 0;
            String slug = null, parent = null, name = null, description = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:term_id" -> id = number();
                    case "wp:category_nicename" -> slug = id(text());
                    case "wp:category_parent" -> parent = id(text());
                    case "wp:cat_name" -> name = text();
                    case "wp:category_description" -> description = text();
                    default -> skip();
                }
            }
            return new Wxr.Category(id, slug, parent, name, description);
        }

        private Wxr.Tag tag() throws XMLStreamException {
            long id = 0;
            String slug = null, name = null, description = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:term_id" -> id = number();
                    case "wp:tag_slug" -> slug = id(text());
                    case "wp:tag_name" -> name = text();
                    case "wp:tag_description" -> description = text();
                    default -> skip();
                }
            }
            return new Wxr.Tag(id, slug, name, description);
        }

        /** {@code wp:term} (any taxonomy): categories and tags written this way are handed over as such. */
        private void term() throws XMLStreamException {
            long id = 0;
            String taxonomy = null, slug = null, parent = null, name = null, description = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:term_id" -> id = number();
                    case "wp:term_taxonomy" -> taxonomy = id(text());
                    case "wp:term_slug" -> slug = id(text());
                    case "wp:term_parent" -> parent = id(text());
                    case "wp:term_name" -> name = text();
                    case "wp:term_description" -> description = text();
                    default -> skip();
                }
            }
            if ("category".equals(taxonomy)) {
                categories++;
                handler.category(new Wxr.Category(id, slug, parent, name, description));
            } else if ("post_tag".equals(taxonomy)) {
                tags++;
                handler.tag(new Wxr.Tag(id, slug, name, description));
            }
        }

        private Wxr.Item item() throws XMLStreamException {
            long postId = 0, postParent = 0;
            String postType = "post", status = null, itemTitle = null, itemLink = null, guid = null, creator = null;
            String content = null, excerpt = null, postDate = null, postName = null, password = null, attachmentUrl = null;
            Instant postDateGmt = null;
            boolean sticky = false;
            boolean commentsOpen = true;
            List<Wxr.Term> terms = new ArrayList<>();
            Map<String, String> meta = new LinkedHashMap<>();
            List<Wxr.Comment> comments = new ArrayList<>();
            while (nextChild()) {
                switch (key()) {
                    case "wp:post_id" -> postId = number();
                    case "wp:post_type" -> postType = orElse(id(text()), "post");
                    case "wp:status" -> status = id(text());
                    case "title" -> itemTitle = text();
                    case "link" -> itemLink = id(text());
                    case "guid" -> guid = id(text());
                    case "dc:creator" -> creator = id(text());
                    case "content:encoded" -> {
                        if (skim) {
                            skip();
                        } else {
                            content = text();
                        }
                    }
                    case "excerpt:encoded" -> excerpt = text();
                    case "wp:post_date" -> postDate = localDate(text());
                    case "wp:post_date_gmt" -> postDateGmt = gmt(text());
                    case "wp:post_name" -> postName = id(text());
                    case "wp:post_parent" -> postParent = number();
                    case "wp:post_password" -> password = orElse(text(), null);
                    case "wp:is_sticky" -> sticky = "1".equals(id(text()));
                    case "wp:comment_status" -> commentsOpen = !"closed".equals(id(text()));
                    case "wp:attachment_url" -> attachmentUrl = id(text());
                    case "category" -> itemTerm(terms);
                    case "wp:postmeta" -> postmeta(meta);
                    case "wp:comment" -> {
                        if (skim) {
                            skip();
                        } else {
                            comments.add(comment());
                        }
                    }
                    default -> skip();
                }
            }
            return new Wxr.Item(postId, postType, status, itemTitle, itemLink, guid, creator, content, excerpt, postDateGmt,
                    postDate, postName, postParent, password, sticky, commentsOpen, attachmentUrl, List.copyOf(terms),
                    Collections.unmodifiableMap(meta), List.copyOf(comments));
        }

        /**
         * {@code <category domain="..." nicename="slug">Name</category>}. WXR 1.0 also lists each term a second time
         * without nicename, and calls tags {@code tag}: like WordPress's importer, only terms with a slug count.
         */
        private void itemTerm(List<Wxr.Term> terms) throws XMLStreamException {
            String domain = id(r.getAttributeValue(null, "domain"));
            String slug = id(r.getAttributeValue(null, "nicename"));
            String name = text();
            if (slug != null) {
                terms.add(new Wxr.Term("tag".equals(domain) ? "post_tag" : orElse(domain, "category"), slug, name));
            }
        }

        private void postmeta(Map<String, String> meta) throws XMLStreamException {
            String key = null, value = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:meta_key" -> key = id(text());
                    case "wp:meta_value" -> value = text();
                    default -> skip();
                }
            }
            if (key != null) {
                meta.putIfAbsent(key, value == null ? "" : value);
            }
        }

        private Wxr.Comment comment() throws XMLStreamException {
            long id = 0, parent = 0, userId = 0;
            String author = null, email = null, url = null, ip = null, content = null, approved = null, type = "";
            Instant dateGmt = null;
            while (nextChild()) {
                switch (key()) {
                    case "wp:comment_id" -> id = number();
                    case "wp:comment_author" -> author = text();
                    case "wp:comment_author_email" -> email = id(text());
                    case "wp:comment_author_url" -> url = id(text());
                    case "wp:comment_author_IP" -> ip = id(text());
                    case "wp:comment_date_gmt" -> dateGmt = gmt(text());
                    case "wp:comment_content" -> content = text();
                    case "wp:comment_approved" -> approved = id(text());
                    case "wp:comment_type" -> type = orElse(id(text()), "");
                    case "wp:comment_parent" -> parent = number();
                    case "wp:comment_user_id" -> userId = number();
                    default -> skip(); // wp:commentmeta, wp:comment_date (local time), ...
                }
            }
            return new Wxr.Comment(id, author, email, url, ip, dateGmt, content, approved, type, parent, userId);
        }

        // ---- moving through the document ------------------------------------------------------------------------

        /**
         * From a start tag (or the end tag of its previous child), moves to the next child element: true at its start
         * tag, false at the parent's end tag. Text between elements is ignored.
         */
        private boolean nextChild() throws XMLStreamException {
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    return false;
                }
                check(event);
            }
        }

        /** The text of the current element (plain or CDATA, untouched); the reader ends on its end tag. */
        private String text() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth == 1) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> depth++; // markup inside a value: not WordPress's, ignored
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> check(event);
                }
            }
            return text.toString();
        }

        /** Skips the current element and everything in it; the reader ends on its end tag. */
        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else {
                    check(event);
                }
            }
        }

        private void check(int event) {
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw malformed("the entity &" + r.getLocalName() + "; is not defined");
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw malformed("the document ends before its elements are closed");
            }
            refuseDoctype();
        }

        private void refuseDoctype() {
            if (r.getEventType() == XMLStreamConstants.DTD) {
                throw new Refused(DOCTYPE_REFUSED);
            }
        }

        /**
         * The current element as {@code prefix:localName} with our own prefixes whatever the file calls them, or as
         * its bare local name when it is in no namespace.
         */
        private String key() {
            String ns = r.getNamespaceURI();
            String local = r.getLocalName();
            return ns == null || ns.isEmpty() ? local : prefixes.computeIfAbsent(ns, WxrReader::prefix) + ":" + local;
        }

        /** Notes whether the current element declares (or is in) the WordPress export namespace. */
        private void noteNamespaces() {
            for (int i = 0; i < r.getNamespaceCount(); i++) {
                String ns = r.getNamespaceURI(i);
                wordpress |= ns != null && WP.matcher(ns).matches();
            }
            wordpress |= key().startsWith("wp:");
        }

        /** A number WordPress wrote (an id, a parent): padded or empty values are fine, empty is 0. */
        private long number() throws XMLStreamException {
            String element = key();
            Location at = r.getLocation();
            String value = text().strip();
            if (value.isEmpty()) {
                return 0;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new Malformed(at.getLineNumber(), at.getColumnNumber(), "<" + element + "> is not a whole number");
            }
        }

        private Malformed malformed(String reason) {
            Location at = r.getLocation();
            return new Malformed(at.getLineNumber(), at.getColumnNumber(), reason);
        }
    }

    /** Our prefix for a namespace, matched by pattern: {@code ?} for one we do not read. */
    private static String prefix(String namespace) {
        if (WP.matcher(namespace).matches()) {
            return "wp";
        } else if (EXCERPT.matcher(namespace).matches()) {
            return "excerpt";
        } else if (CONTENT.matcher(namespace).matches()) {
            return "content";
        } else if (DC.matcher(namespace).matches()) {
            return "dc";
        }
        return "?";
    }

    // ---- values ---------------------------------------------------------------------------------------------------

    /** An identifier-like value (slug, status, URL, login): stripped of padding, null when empty. */
    private static String id(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in UTC; null for WordPress's 0000-00-00 00:00:00, an empty or unreadable value. */
    static Instant gmt(String value) {
        String date = localDate(value);
        try {
            return date == null ? null : LocalDateTime.parse(date, WP_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The local date as written, or null when empty or 0000-00-00 00:00:00. */
    private static String localDate(String value) {
        String date = id(value);
        return date == null || date.startsWith("0000-00-00") ? null : date;
    }

    // ---- input and errors -----------------------------------------------------------------------------------------

    /** Gzip is recognised by its magic bytes (1f 8b), whatever the file is called. */
    private static InputStream open(InputStream in) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            return first == 0x1f && second == 0x8b ? new Gunzip(buffered) : buffered;
        } catch (ZipException | EOFException e) {
            throw new Malformed(1, 1, "the file looks gzip-compressed but its compressed data is damaged or cut short");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gzip-compressed input that remembers whether its data turned out damaged. */
    private static final class Gunzip extends GZIPInputStream {
        private boolean damaged;

        Gunzip(InputStream in) throws IOException {
            super(in, 64 * 1024);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                damaged = true;
                throw e;
            }
        }

        /** Frees the inflater without closing the stream underneath, which belongs to the caller. */
        void release() {
            inf.end();
        }
    }
}
