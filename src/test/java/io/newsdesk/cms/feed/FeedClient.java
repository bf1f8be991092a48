package io.newsdesk.cms.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.restassured.response.Response;

/** Reads the three feeds as a feed reader would: ROME for RSS and Atom, Jackson for JSON Feed. */
final class FeedClient {

    static final String RSS = "/api/v1/feeds/rss.xml";
    static final String ATOM = "/api/v1/feeds/atom.xml";
    static final String JSON = "/api/v1/feeds/feed.json";
    /** What feed readers typically send. */
    static final String READER_ACCEPT = "application/rss+xml, application/atom+xml;q=0.9, application/feed+json;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.7, */*;q=0.5";

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    private FeedClient() {
    }

    /** Filters as query parameters: "tag", "x", "size", 2 ... */
    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    static Response get(String route, Map<String, Object> params) {
        Response response = given().header("Accept", READER_ACCEPT).queryParams(params).get(route);
        response.then().statusCode(200);
        return response;
    }

    static SyndFeed parse(byte[] xml) {
        try {
            return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("the feed does not parse: " + e + "\n" + new String(xml, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    static SyndFeed rss(Map<String, Object> params) {
        Response response = get(RSS, params);
        assertTrue(response.contentType().startsWith("application/rss+xml"), response.contentType());
        SyndFeed feed = parse(response.asByteArray());
        assertEquals("rss_2.0", feed.getFeedType());
        return feed;
    }

    static SyndFeed atom(Map<String, Object> params) {
        Response response = get(ATOM, params);
        assertTrue(response.contentType().startsWith("application/atom+xml"), response.contentType());
        SyndFeed feed = parse(response.asByteArray());
        assertEquals("atom_1.0", feed.getFeedType());
        return feed;
    }

    static JsonNode json(Map<String, Object> params) {
        Response response = get(JSON, params);
        assertTrue(response.contentType().startsWith("application/feed+json"), response.contentType());
        return readJson(response.asByteArray());
    }

    static JsonNode readJson(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (Exception e) {
            throw new AssertionError("the JSON Feed does not parse", e);
        }
    }

    static JsonNode json(String url) {
        Response response = given().header("Accept", READER_ACCEPT).urlEncodingEnabled(false).get(local(url));
        response.then().statusCode(200);
        return readJson(response.asByteArray());
    }

    static SyndFeed xml(String url) {
        Response response = given().header("Accept", READER_ACCEPT).urlEncodingEnabled(false).get(local(url));
        response.then().statusCode(200);
        return parse(response.asByteArray());
    }

    /** The test profile's CMS_PUBLIC_API_URL: the origin the feeds' own links name. */
    static final String PUBLIC_API = "https://api.newsdesk.test";

    /** Fetches a feed URL; one on the public API origin is fetched from the service under test. */
    static byte[] raw(String url) {
        return given().header("Accept", READER_ACCEPT).urlEncodingEnabled(false).get(local(url)).then().statusCode(200).extract().asByteArray();
    }

    private static String local(String url) {
        return url.startsWith(PUBLIC_API) ? url.substring(PUBLIC_API.length()) : url;
    }

    /** The href of the feed-level Atom link with this rel, in an Atom feed or an RSS channel (atom:link), or null. */
    static String link(byte[] xml, String rel) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            NodeList links = doc.getElementsByTagNameNS(ATOM_NS, "link");
            for (int i = 0; i < links.getLength(); i++) {
                Element link = (Element) links.item(i);
                String parent = link.getParentNode().getLocalName();
                if ((parent.equals("channel") || parent.equals("feed")) && rel.equals(link.getAttribute("rel"))) {
                    return link.getAttribute("href");
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The href of an Atom feed's link with this rel, as ROME read it, or null. */
    static String link(SyndFeed feed, String rel) {
        return feed.getLinks().stream().filter(l -> rel.equals(l.getRel())).map(SyndLink::getHref).findFirst().orElse(null);
    }

    static List<String> uris(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getUri).toList();
    }

    static List<String> ids(JsonNode feed) {
        List<String> ids = new ArrayList<>();
        feed.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** A page as a walk sees it: its entry ids and the URL of the next page (null on the last). */
    record PageOf(List<String> ids, String next) {
    }

    /** Entry ids of every page, following the next links from the first page to the last; fails on a repeat. */
    static List<String> walk(String firstUrl, Function<String, PageOf> read, int maxPages) {
        List<String> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = firstUrl;
        for (int pages = 0; url != null; pages++) {
            assertTrue(pages < maxPages, "the feed ends within " + maxPages + " pages");
            PageOf page = read.apply(url);
            for (String id : page.ids()) {
                assertTrue(seen.add(id), "no entry repeats: " + id);
                all.add(id);
            }
            url = page.next();
        }
        return all;
    }

    static String articleId(long id) {
        return "urn:newsdesk:article:" + id;
    }
}
