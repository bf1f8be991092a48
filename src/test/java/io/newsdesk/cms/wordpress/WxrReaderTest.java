package io.newsdesk.cms.wordpress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** The reader on the hand-written exports of src/test/resources/wordpress (see the README there). */
class WxrReaderTest {

    /** Everything a handler was given, in order. */
    static final class Export implements Wxr.Handler {
        final List<String> events = new ArrayList<>();
        Wxr.Site site;
        final List<Wxr.Author> authors = new ArrayList<>();
        final List<Wxr.Category> categories = new ArrayList<>();
        final List<Wxr.Tag> tags = new ArrayList<>();
        final List<Wxr.Item> items = new ArrayList<>();

        @Override
        public void site(Wxr.Site value) {
            events.add("site");
            site = value;
        }

        @Override
        public void author(Wxr.Author value) {
            events.add("author");
            authors.add(value);
        }

        @Override
        public void category(Wxr.Category value) {
            events.add("category");
            categories.add(value);
        }

        @Override
        public void tag(Wxr.Tag value) {
            events.add("tag");
            tags.add(value);
        }

        @Override
        public void item(Wxr.Item value) {
            events.add("item");
            items.add(value);
        }

        Wxr.Item item(long id) {
            return items.stream().filter(i -> i.postId() == id).findFirst().orElseThrow();
        }

        Map<String, Long> count(Function<Wxr.Item, String> key) {
            return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = WxrReaderTest.class.getResourceAsStream("/wordpress/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Export read(byte[] bytes) {
        Export export = new Export();
        WxrReader.read(new ByteArrayInputStream(bytes), export);
        return export;
    }

    static Export read(String fixture) {
        return read(fixture(fixture));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- the classic site ------------------------------------------------------------------------------------------

    @Test
    void shouldReadTheSiteAndHandItOverBeforeAnythingElse() {
        Export export = read("classic-site.xml");
        assertEquals(new Wxr.Site("Newsdesk Example", "https://example.com", "https://example.com", "https://example.com", "1.2"),
                export.site);
        List<String> order = export.events.stream().distinct().toList();
        assertEquals(List.of("site", "author", "category", "tag", "item"), order);
        assertEquals(1, export.events.stream().filter("site"::equals).count());
    }

    @Test
    void shouldReadAuthorsCategoriesAndTags() {
        Export export = read("classic-site.xml");
        assertEquals(List.of(new Wxr.Author(1, "jdoe", "jane@example.com", "Jane Doe"),
                new Wxr.Author(2, "hmuller", "helene@example.com", "H\u00e9l\u00e8ne M\u00fcller")), export.authors);

        assertEquals(5, export.categories.size());
        Map<String, Wxr.Category> bySlug = export.categories.stream()
                .collect(Collectors.toMap(Wxr.Category::slug, c -> c));
        assertNull(bySlug.get("technology-news-trends").parentSlug());
        assertEquals("Technology, News &amp; Trends", bySlug.get("technology-news-trends").name(),
                "WordPress stores term names HTML-escaped; the reader hands them over as written");
        assertEquals("technology-news-trends", bySlug.get("ai").parentSlug());
        assertEquals("ai", bySlug.get("machine-learning").parentSlug());
        assertEquals(4, bySlug.get("machine-learning").termId());
        assertNull(bySlug.get("coffee").parentSlug());
        assertEquals("Everything about coffee & espresso, from bean to cup.", bySlug.get("coffee").description());
        assertNull(bySlug.get("ai").description());

        assertEquals(List.of(new Wxr.Tag(6, "robots", "robots", null), new Wxr.Tag(7, "espresso", "espresso", null),
                new Wxr.Tag(8, "open-source", "Open Source", "Software anyone may read and change.")), export.tags);
    }

    @Test
    void shouldCountItemsPerTypeAndPostsPerStatus() {
        Export export = read("classic-site.xml");
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 20L, 31L, 32L, 40L, 50L),
                export.items.stream().map(Wxr.Item::postId).toList(), "file order");
        assertEquals(Map.of("attachment", 2L, "nav_menu_item", 1L, "page", 1L, "post", 7L, "product", 1L),
                export.count(Wxr.Item::postType));
        Export posts = new Export();
        export.items.stream().filter(i -> i.postType().equals("post")).forEach(posts.items::add);
        assertEquals(Map.of("draft", 1L, "future", 1L, "pending", 1L, "private", 1L, "publish", 3L),
                posts.count(Wxr.Item::status));
        assertEquals("inherit", export.item(31).status());
        assertEquals(List.of(10L), export.items.stream().filter(Wxr.Item::sticky).map(Wxr.Item::postId).toList());
        assertEquals(List.of(15L), export.items.stream().filter(i -> i.password() != null).map(Wxr.Item::postId).toList());
        assertEquals("coffee123", export.item(15).password());
    }

    @Test
    void shouldReadDatesAsUtcFromTheGmtFieldAndNullForZeroDates() {
        Export export = read("classic-site.xml");
        Wxr.Item post = export.item(10);
        assertEquals(Instant.parse("2024-02-23T09:15:00Z"), post.postDateGmt());
        assertEquals("2024-02-23 10:15:00", post.postDate(), "the local time as written");
        assertEquals(Instant.parse("2031-01-15T08:00:00Z"), export.item(11).postDateGmt());
        assertEquals("future", export.item(11).status());

        Wxr.Item draft = export.item(12);
        assertNull(draft.postDateGmt(), "0000-00-00 00:00:00 is no date");
        assertEquals("2024-02-25 14:00:00", draft.postDate());
        assertNull(draft.postName(), "a draft's empty post_name");

        assertEquals(Instant.parse("2024-02-23T10:00:00Z"), export.item(10).comments().get(0).dateGmt());
        assertNull(WxrReader.gmt("0000-00-00 00:00:00"));
        assertNull(WxrReader.gmt(""));
        assertNull(WxrReader.gmt("yesterday"));
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), WxrReader.gmt(" 2024-02-29 23:59:59 "));
    }

    @Test
    void shouldReadAPostWithItsContentTermsAndMetaUntouched() {
        Wxr.Item post = read("classic-site.xml").item(10);
        assertEquals("Robots in the newsroom", post.title());
        assertEquals("https://example.com/2024/02/23/robots-in-the-newsroom/", post.link());
        assertEquals("https://example.com/?p=10", post.guid());
        assertEquals("jdoe", post.creator());
        assertEquals("robots-in-the-newsroom", post.postName());
        assertEquals(0, post.postParent());
        assertNull(post.attachmentUrl());
        assertEquals("How robots help with the boring parts of the job.", post.excerpt());

        String content = post.content();
        assertTrue(content.startsWith("Newsrooms are trying robots for the boring parts of the job.\n\n"
                + "They transcribe interviews, tag photos and suggest headlines.\nNobody lets them publish alone.\n\n"),
                content);
        assertTrue(content.contains("\n\n[caption id=\"attachment_31\" align=\"alignnone\" width=\"300\"]<img "
                + "src=\"https://example.com/wp-content/uploads/2024/02/robot.jpg\" alt=\"A robot\" width=\"300\" "
                + "height=\"200\" /> A robot pulls a shot[/caption]\n\n"), content);
        assertTrue(content.contains("\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[gallery ids=\"31,32\"]\n\n"), content);
        assertTrue(content.endsWith("too &amp; cleans up."), "CDATA is taken as written, entities and all");

        assertEquals(List.of(new Wxr.Term("category", "ai", "AI"), new Wxr.Term("category", "machine-learning", "Machine Learning"),
                new Wxr.Term("post_tag", "open-source", "Open Source"), new Wxr.Term("post_tag", "robots", "robots")),
                post.terms());
        assertEquals("31", post.meta().get("_thumbnail_id"));
        assertEquals("robots-newsroom", post.meta().get("_wp_old_slug"), "the first value of a repeated key");
        assertEquals(List.of("_edit_last", "_thumbnail_id", "_wp_old_slug"), List.copyOf(post.meta().keySet()));
    }

    @Test
    void shouldReadPlainTextValuesAndTrimOnlyWhatWordPressPads() {
        Export export = read("classic-site.xml");
        Wxr.Item plain = export.item(15);
        assertEquals("Robot roadmap (members only)", plain.title());
        assertEquals("publish", plain.status(), "padded status trimmed");
        assertEquals(0, plain.postParent(), "empty number is 0");
        assertEquals("<p>Phase one: the kettle.</p>", plain.content(), "escaped plain text decoded");
        assertEquals("", plain.excerpt());
        assertEquals(List.of(new Wxr.Term("category", "technology-news-trends", "Technology, News &amp; Trends")), plain.terms());

        Wxr.Item accented = export.item(16);
        assertEquals("caf%c3%a9-robots", accented.postName());
        assertEquals("https://example.com/2024/02/28/caf%c3%a9-robots/", accented.link());
        assertEquals("Caf\u00e9 robots", accented.title());
        assertTrue(accented.content().contains("\n\n[embed]https://vimeo.com/123[/embed]\n\n"));
        assertTrue(accented.content().endsWith("[contact-form-7 id=\"5\"]"), accented.content());

        assertEquals(" ", export.item(40).content(), "content is never trimmed");
        assertEquals("", export.item(40).title());
        assertEquals("https://example.com/?post_type=product&p=50", export.item(50).guid());
    }

    @Test
    void shouldReadAttachmentsPagesMenuItemsAndOtherTypes() {
        Export export = read("classic-site.xml");
        Wxr.Item robot = export.item(31);
        assertEquals("attachment", robot.postType());
        assertEquals("https://example.com/wp-content/uploads/2024/02/robot.jpg", robot.attachmentUrl());
        assertEquals(10, robot.postParent());
        assertEquals("robot", robot.title());
        assertEquals("A robot pulls a shot", robot.excerpt(), "the caption");
        assertEquals("A robot", robot.meta().get("_wp_attachment_image_alt"));
        assertEquals("An espresso cup", export.item(32).meta().get("_wp_attachment_image_alt"));

        assertEquals("page", export.item(20).postType());
        assertEquals("about-us", export.item(20).postName());
        Wxr.Item menu = export.item(40);
        assertEquals("nav_menu_item", menu.postType());
        assertEquals("20", menu.meta().get("_menu_item_object_id"));
        assertEquals(List.of(new Wxr.Term("nav_menu", "main-menu", "Main menu")), menu.terms());
        assertEquals(List.of(new Wxr.Term("product_cat", "machines", "Machines")), export.item(50).terms());
    }

    @Test
    void shouldReadThreadedCommentsWithTheirStatesAndTypes() {
        Export export = read("classic-site.xml");
        assertEquals(List.of(10L), export.items.stream().filter(i -> !i.comments().isEmpty()).map(Wxr.Item::postId).toList());
        List<Wxr.Comment> comments = export.item(10).comments();
        assertEquals(7, comments.size());
        Map<Long, Wxr.Comment> byId = comments.stream().collect(Collectors.toMap(Wxr.Comment::id, c -> c));

        assertEquals(0, byId.get(101L).parent());
        assertEquals(101, byId.get(102L).parent());
        assertEquals(102, byId.get(103L).parent(), "three levels deep");
        assertEquals(2, byId.get(102L).userId());

        Map<String, Long> states = comments.stream()
                .collect(Collectors.groupingBy(Wxr.Comment::approved, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("1", 4L, "0", 1L, "spam", 1L, "trash", 1L), states);
        Map<String, Long> types = comments.stream()
                .collect(Collectors.groupingBy(Wxr.Comment::type, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("", 1L, "comment", 4L, "pingback", 1L, "trackback", 1L), types);

        Wxr.Comment first = byId.get(101L);
        assertEquals(new Wxr.Comment(101, "Ana Lima", "ana@example.net", "https://ana.example.net", "203.0.113.7",
                Instant.parse("2024-02-23T10:00:00Z"), "Do they make good coffee?", "1", "comment", 0, 0), first);
        assertEquals("Ha! Then I will visit.\nTomorrow, maybe.", byId.get(103L).content());
        assertEquals("2001:db8::1", byId.get(105L).authorIp());
        assertNull(byId.get(105L).authorUrl());
        assertNull(byId.get(106L).authorEmail());
        assertEquals("Other Blog &raquo; Robots everywhere", byId.get(106L).author());
        assertEquals("[&#8230;] as Newsdesk Example reports, robots are in the newsroom [&#8230;]", byId.get(106L).content());
    }

    // ---- the other forms of WXR ------------------------------------------------------------------------------------

    @Test
    void shouldReadTheHttpsNamespacesOfABlockSite() {
        Export export = read("block-site.xml");
        assertEquals("1.1", export.site.wxrVersion());
        assertEquals("https://blocks.example.org", export.site.baseSiteUrl());
        assertEquals(1, export.authors.size());
        assertEquals(List.of(new Wxr.Category(2, "news", null, "News", null)), export.categories);
        assertEquals(2, export.items.size());
        Wxr.Item hello = export.item(101);
        assertTrue(hello.content().startsWith("<!-- wp:paragraph -->\n<p>The block editor"), hello.content());
        assertTrue(hello.content().contains("<!-- wp:image {\"id\":31,"));
        assertTrue(hello.content().contains("<figcaption class=\"wp-element-caption\">A robot, <em>again</em></figcaption>"));
        assertTrue(hello.content().contains("<!-- wp:list -->"));
        Wxr.Item embeds = export.item(102);
        assertEquals("A video, embedded.", embeds.excerpt(), "excerpt in the https excerpt namespace");
        assertTrue(embeds.content().contains("<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""));
        assertEquals(1, embeds.comments().size());
        assertEquals(Instant.parse("2024-03-05T08:00:00Z"), embeds.postDateGmt());
    }

    @Test
    void shouldReadWxr10() {
        Export export = read("wxr-1.0.xml");
        assertEquals(new Wxr.Site("Old Blog", "http://old.example.net", "http://old.example.net", "http://old.example.net", "1.0"),
                export.site);
        assertEquals(List.of(), export.authors);
        assertEquals(List.of(new Wxr.Category(0, "uncategorized", null, "Uncategorized", null)), export.categories);
        assertEquals(List.of(new Wxr.Tag(0, "hello", "hello", null)), export.tags);
        Wxr.Item post = export.items.get(0);
        assertEquals(1, export.items.size());
        assertEquals("Hello world!", post.title());
        assertEquals("admin", post.creator());
        assertEquals("post", post.postType());
        assertEquals("publish", post.status());
        assertEquals(Instant.parse("2009-05-01T10:00:00Z"), post.postDateGmt());
        assertEquals(List.of(new Wxr.Term("category", "uncategorized", "Uncategorized"), new Wxr.Term("post_tag", "hello", "hello")),
                post.terms(), "terms without a slug dropped, domain tag read as post_tag");
        assertFalse(post.sticky());
        assertNull(post.password());
    }

    @Test
    void shouldMapTermEntriesOfTheCategoryAndTagTaxonomies() {
        String xml = """
                <rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
                <wp:term><wp:term_id>3</wp:term_id><wp:term_taxonomy>category</wp:term_taxonomy>
                  <wp:term_slug>ai</wp:term_slug><wp:term_parent>tech</wp:term_parent><wp:term_name>AI</wp:term_name></wp:term>
                <wp:term><wp:term_id>4</wp:term_id><wp:term_taxonomy>post_tag</wp:term_taxonomy>
                  <wp:term_slug>bots</wp:term_slug><wp:term_name>Bots</wp:term_name></wp:term>
                <wp:term><wp:term_id>5</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy>
                  <wp:term_slug>menu</wp:term_slug><wp:term_name>Menu</wp:term_name></wp:term>
                </channel></rss>""";
        Export export = read(utf8(xml));
        assertEquals(List.of(new Wxr.Category(3, "ai", "tech", "AI", null)), export.categories);
        assertEquals(List.of(new Wxr.Tag(4, "bots", "Bots", null)), export.tags);
        assertEquals(List.of("site", "category", "tag"), export.events);
    }

    @Test
    void shouldEmitTheSiteAtChannelEndWhenTheExportIsEmpty() {
        Export export = read(utf8("<rss xmlns:wp=\"https://wordpress.org/export/1.2/\"><channel><title>Empty</title>"
                + "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"));
        assertEquals(List.of("site"), export.events);
        assertEquals("Empty", export.site.title());
    }

    @Test
    void shouldUnwrapGzipByItsMagicBytes() throws IOException {
        byte[] plain = fixture("classic-site.xml");
        Export fromGzip = read(gzip(plain));
        assertEquals(read(plain).items, fromGzip.items);
        assertEquals(12, fromGzip.items.size());
        assertEquals("1.2", WxrReader.checkProlog(new ByteArrayInputStream(gzip(plain))).wxrVersion());

        byte[] compressed = gzip(plain);
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
        WxrReader.Malformed malformed = assertThrows(WxrReader.Malformed.class, () -> read(cut));
        assertTrue(malformed.getMessage().contains("gzip"), malformed.getMessage());
    }

    // ---- the prolog check ------------------------------------------------------------------------------------------

    @Test
    void shouldAnswerTheHeadOfAnExportWithoutReadingItsItems() {
        WxrReader.Prolog prolog = WxrReader.checkProlog(new ByteArrayInputStream(fixture("classic-site.xml")));
        assertEquals("Newsdesk Example", prolog.site().title());
        assertEquals("1.2", prolog.wxrVersion());
        assertEquals(2, prolog.authors());
        assertEquals(5, prolog.categories());
        assertEquals(3, prolog.tags());
        assertTrue(prolog.hasItems());

        // Whatever follows the first item's start tag is never read: garbage there does not matter to the check.
        String head = new String(fixture("classic-site.xml"), StandardCharsets.UTF_8);
        byte[] headOnly = utf8(head.substring(0, head.indexOf("<item>") + "<item>".length()) + "<<< not XML at all");
        assertEquals(prolog, WxrReader.checkProlog(new ByteArrayInputStream(headOnly)));
        assertThrows(WxrReader.Malformed.class, () -> read(headOnly));

        assertEquals("1.0", WxrReader.checkProlog(new ByteArrayInputStream(fixture("wxr-1.0.xml"))).wxrVersion());
        assertEquals("1.1", WxrReader.checkProlog(new ByteArrayInputStream(fixture("block-site.xml"))).wxrVersion());
        assertFalse(WxrReader.checkProlog(new ByteArrayInputStream(utf8(
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>Empty</title></channel></rss>"))).hasItems());
    }

    @Test
    void shouldRefuseWhatIsNotAWordPressExport() {
        WxrReader.Refused feed = assertThrows(WxrReader.Refused.class,
                () -> WxrReader.checkProlog(new ByteArrayInputStream(fixture("not-wordpress.xml"))));
        assertTrue(feed.getMessage().contains("not a WordPress export"), feed.getMessage());
        Export export = new Export();
        assertThrows(WxrReader.Refused.class, () -> WxrReader.read(new ByteArrayInputStream(fixture("not-wordpress.xml")), export));
        assertEquals(List.of(), export.events, "nothing handed over");

        WxrReader.Refused atom = assertThrows(WxrReader.Refused.class, () -> WxrReader.checkProlog(new ByteArrayInputStream(
                utf8("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:wp=\"http://wordpress.org/export/1.2/\"/>"))));
        assertTrue(atom.getMessage().contains("not <rss>"), atom.getMessage());
        assertThrows(WxrReader.Refused.class, () -> read(utf8("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"/>")));
        assertThrows(WxrReader.Refused.class, () -> read(utf8(
                "<rss xmlns:wp=\"http://example.com/export/1.2/\"><channel><item/></channel></rss>")));
    }

    // ---- hostile documents -----------------------------------------------------------------------------------------

    @Test
    void shouldRefuseEveryDoctypeBeforeExpandingAnything() throws IOException {
        List<byte[]> hostile = List.of(fixture("xxe.xml"), fixture("billion-laughs.xml"), gzip(fixture("xxe.xml")),
                utf8("<!DOCTYPE rss><rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel/></rss>"),
                // An external DTD on a port nothing listens on: were it fetched, this would fail otherwise.
                utf8("<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\"><rss xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                        + "<channel/></rss>"),
                utf8("<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE rss PUBLIC \"-//x//y\" \"file:///etc/passwd\" [\n"
                        + "<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><rss/>"));
        for (byte[] bytes : hostile) {
            Export export = new Export();
            WxrReader.Refused byRead = assertThrows(WxrReader.Refused.class,
                    () -> WxrReader.read(new ByteArrayInputStream(bytes), export));
            WxrReader.Refused byCheck = assertThrows(WxrReader.Refused.class,
                    () -> WxrReader.checkProlog(new ByteArrayInputStream(bytes)));
            for (String message : List.of(byRead.getMessage(), byCheck.getMessage())) {
                assertEquals("The file declares a DOCTYPE; WordPress exports have none and it is refused "
                        + "(it could define entities)", message);
            }
            assertEquals(List.of(), export.events);
        }
    }

    @Test
    void shouldTakeAnUndefinedEntityForMalformedXmlNotExpandIt() {
        byte[] xml = utf8("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n<item><title>Caf&eacute; &nbsp;</title>"
                + "</item></channel></rss>");
        WxrReader.Malformed malformed = assertThrows(WxrReader.Malformed.class, () -> read(xml));
        assertEquals(2, malformed.line());
        assertTrue(malformed.getMessage().startsWith("Line 2, column "), malformed.getMessage());
        assertTrue(malformed.getMessage().endsWith(": an entity reference that XML does not define (HTML entities such as &nbsp; "
                + "are not XML)"), malformed.getMessage());

        Export predefined = read(utf8("<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item>"
                + "<title>a &amp; b &lt; c &#233; &#x1F600;</title></item></channel></rss>"));
        assertEquals("a & b < c \u00e9 \ud83d\ude00", predefined.items.get(0).title());
    }

    // ---- malformed documents ---------------------------------------------------------------------------------------

    @Test
    void shouldReportATruncatedFileWithItsLineAndColumn() {
        String xml = new String(fixture("classic-site.xml"), StandardCharsets.UTF_8);
        String cut = xml.substring(0, xml.indexOf("<wp:post_name><![CDATA[coffee-in-2031") + "<wp:post_na".length());
        int line = (int) cut.chars().filter(c -> c == '\n').count() + 1;
        int column = cut.length() - cut.lastIndexOf('\n');
        WxrReader.Malformed malformed = assertThrows(WxrReader.Malformed.class, () -> read(utf8(cut)));
        assertEquals("Line " + line + ", column " + column
                + ": the file ends before its elements are closed (is it cut short?)", malformed.getMessage());
        assertEquals(line, malformed.line());
        assertEquals(column, malformed.column());

        // Inside a CDATA section the parser points at where the section began.
        String inText = xml.substring(0, xml.indexOf("Probably still coffee."));
        WxrReader.Malformed inContent = assertThrows(WxrReader.Malformed.class, () -> read(utf8(inText)));
        assertEquals(xml.substring(0, xml.indexOf("<content:encoded><![CDATA[What will")).split("\n", -1).length,
                inContent.line());
    }

    @Test
    void shouldReportBadNestingWithItsLineAndColumn() {
        WxrReader.Malformed malformed = assertThrows(WxrReader.Malformed.class, () -> read(utf8(
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n<item>\n  <title>One</item>\n</channel></rss>")));
        assertEquals(3, malformed.line());
        assertEquals("Line 3, column 15: an element is not closed by its matching end tag", malformed.getMessage());

        WxrReader.Malformed number = assertThrows(WxrReader.Malformed.class, () -> read(utf8(
                "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\n<item><wp:post_id>12a</wp:post_id></item></channel></rss>")));
        assertEquals(2, number.line());
        assertTrue(number.getMessage().endsWith("<wp:post_id> is not a whole number"), number.getMessage());
    }

    @Test
    void shouldAnswerMalformedWithoutJavaNamesWhereverTheFileIsCut() throws IOException {
        byte[] xml = fixture("classic-site.xml");
        for (int length = 0; length < xml.length - 8; length += 149) {
            byte[] cut = Arrays.copyOf(xml, length);
            for (byte[] bytes : List.of(cut, gzip(cut))) {
                WxrReader.Malformed malformed = assertThrows(WxrReader.Malformed.class, () -> read(bytes), "cut at " + length);
                String message = malformed.getMessage();
                assertTrue(message.matches("Line \\d+, column \\d+: [^\\n]+"), message);
                assertFalse(message.contains("Exception") || message.contains("java.") || message.contains("ParseError"), message);
            }
        }
    }
}
