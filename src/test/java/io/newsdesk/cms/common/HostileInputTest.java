package io.newsdesk.cms.common;

import static io.newsdesk.cms.support.Callers.asAdmin;
import static io.newsdesk.cms.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.newsdesk.cms.support.Callers;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsdesk.cms.common.HostileImages.Part;
import io.newsdesk.cms.common.HostileValues.Fragment;
import io.newsdesk.cms.common.HostileWire.Answer;
import io.newsdesk.cms.common.HostileWire.Request;
import io.newsdesk.cms.support.Comments;
import io.newsdesk.cms.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Hostile input against every operation the OpenAPI document lists: wrong types, missing and unknown
 * fields, huge and deeply nested JSON, invalid UTF-8 and NUL bytes, numbers out of range, unknown
 * enum values, traversal and look-alike path segments, SQL and HTML injection, wrong content types,
 * oversize bodies, odd query strings and bad headers, as an admin, an author and anonymously. Uploads
 * (a body that is a file, or a multipart form with one) get hostile files and broken forms instead of JSON.
 *
 * <p>Whatever comes in, the answer is never a 5xx, never a hang, never a stack trace or a class name;
 * a 4xx is an RFC 9457 problem whose status matches; accepted injection strings come back as the
 * text that was sent, and rendered HTML carries no active content. The requests come from a fixed
 * seed, so every run sends the same ones. All violations are collected and reported together.
 */
@QuarkusTest
class HostileInputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PLACEHOLDER = "@@hostile-placeholder@@";

    /** What no answer may contain: stack frames, exception and class names, SQL internals. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat (io|org|java|jdk|com|sun)\\.[\\w.$]+\\("),
            Pattern.compile("\\bat io\\."),
            Pattern.compile("Exception"),
            Pattern.compile("org\\.hibernate"),
            Pattern.compile("java\\.lang"),
            Pattern.compile("SQLState"),
            Pattern.compile("PSQLException"),
            Pattern.compile("\\b(io\\.quarkus|io\\.vertx|io\\.netty|com\\.fasterxml|jakarta\\.)[\\w.]*"),
            Pattern.compile("\\b[A-Z]\\w+\\.get[A-Z]\\w*\\(\\)"),
            Pattern.compile("\\.java:\\d+"),
            Pattern.compile("(?i)syntax error at or near"));
    /** In a 2xx answer, content of other tests may say anything: only the unmistakable leaks count. */
    private static final List<Pattern> LEAKS_IN_CONTENT = List.of(LEAKS.get(0), LEAKS.get(3), LEAKS.get(5), LEAKS.get(6), LEAKS.get(9));

    private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "iframe", "frame", "frameset", "object", "embed", "applet",
            "style", "link", "meta", "base", "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href", "poster",
            "background", "data", "srcset", "cite", "longdesc", "dynsrc", "lowsrc");

    /** Operations run side by side, each on resources of its own and with a seed of its own. */
    private static final int PARALLEL = 4;

    private static HostileWire wire;
    private static final ThreadLocal<HostileValues> VALUES = new ThreadLocal<>();
    private static String authorToken;
    private static String rootCategory;
    private static int port;

    private final List<Violation> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final Map<String, long[]> families = new ConcurrentHashMap<>();
    /** Accepted injection strings read back, and rendered HTML fields inspected: proof the inertness checks ran. */
    private final AtomicInteger readBack = new AtomicInteger();
    private final AtomicInteger htmlInspected = new AtomicInteger();
    private final AtomicInteger belowTheApplication = new AtomicInteger();
    private long slowest;
    private String slowestRequest = "";

    /** The port is known once Quarkus runs the test: RestAssured carries it then. */
    private static void connect() {
        if (wire == null) {
            port = RestAssured.port;
            wire = new HostileWire("127.0.0.1", port);
        }
    }

    @AfterAll
    static void disconnect() {
        if (wire != null) {
            wire.close();
            wire = null;
        }
    }

    // ---- the test ----------------------------------------------------------------------------------

    @Test
    void shouldAnswerEveryHostileRequestWithAProblemAndNeverAServerError() throws Exception {
        long start = System.currentTimeMillis();
        connect();
        prepare();
        List<Operation> operations = operations();
        assertFalse(operations.isEmpty(), "the OpenAPI document lists operations");

        Set<String> fuzzedSchemas = new HashSet<>();
        for (Operation op : operations) {
            op.queryParams().forEach(p -> FIRST_DECLARER.putIfAbsent(p.path("name").asText(), op.toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            int index = i;
            // the first operation to take a schema gets every body case; the others a deterministic share
            boolean fullSchema = op.bodySchema() != null && fuzzedSchemas.add(op.schemaName());
            runs.add(pool.submit(() -> {
                VALUES.set(new HostileValues(index));
                fuzz(op, index, fullSchema);
                return null;
            }));
        }
        runs.add(pool.submit(() -> {
            VALUES.set(new HostileValues(-1));
            for (String path : paths(operations)) {
                methods(path, operations);
            }
            protocol();
            return null;
        }));
        pool.shutdown();
        for (Future<?> run : runs) {
            run.get();
        }

        long seconds = (System.currentTimeMillis() - start) / 1000;
        long serverErrors = violations.stream().filter(v -> v.kind().equals("server error")).count();
        System.out.printf("HostileInputTest: sent %d requests, %d server errors, %d violations, %d refused by the HTTP server "
                + "below the application in %d s (slowest %d ms: %s); %d accepted injection strings read back, %d rendered HTML "
                + "fields inspected%n", sent.get(), serverErrors, violations.size(), belowTheApplication.get(), seconds, slowest,
                abbreviate(slowestRequest, 120), readBack.get(), htmlInspected.get());
        new TreeMap<>(families).forEach((family, stats) -> System.out.printf("  %-40s %5d requests %7d ms%n", family, stats[0], stats[1]));
        assertTrue(sent.get() >= 3000, "a run sends several thousand requests, sent " + sent.get());
        assertTrue(readBack.get() > 0 && htmlInspected.get() > 0, "injection strings were accepted somewhere and rendered HTML was inspected");
        if (!violations.isEmpty()) {
            fail(report());
        }
    }

    /**
     * The limits the service has: one step over each is refused with a 4xx problem (413 for bodies,
     * 414 for URLs, 431 for headers, 400 naming the field for everything else), never a 5xx. Limits
     * the service does not have yet are not asserted here.
     */
    @Test
    void shouldRefuseInputOneStepOverEachLimitWithAProblem() {
        connect();
        prepare();
        Targets t = Targets.create();
        String articles = "/api/v1/articles";
        String categories = "/api/v1/categories";
        String comments = "/api/v1/articles/" + t.article + "/comments";
        String related = "/api/v1/articles/" + t.article + "/related";
        String title = "\"title\":\"Limit " + unique("t") + "\"";

        // the body and the JSON in it
        String over1MB = "{" + title + ",\"body\":\"" + "b".repeat(1_048_576) + "\"}";
        limit("body over 1 MB with Content-Length", json("POST", articles, over1MB), null, 413);
        limit("body over 1 MB chunked", json("POST", articles, over1MB).chunked(), null, 413);
        limit("body declared as 2 MB", new Request("POST", articles).header("Content-Type", "application/json")
                .header("Content-Length", "2000000"), null, 413);
        // a merge patch is read whole before it is bound, so its depth is what the parser sees
        String patch = "/api/v1/articles/" + t.article;
        limit("JSON nested 65 arrays deep", json("PATCH", patch, "{\"tags\":" + "[".repeat(64) + "]".repeat(64) + "}", MERGE_PATCH), null, 400);
        limit("JSON nested 65 objects deep", json("PATCH", patch, "{\"coverImage\":" + HostileValues.deepObjects(64) + "}", MERGE_PATCH), null, 400);
        limit("JSON string of 1,000,001 characters", json("POST", articles, "{\"title\":\"" + "s".repeat(1_000_001) + "\"}"), null, 400);
        limit("JSON number of 41 digits", json("POST", categories, "{\"name\":\"n\",\"position\":" + "1".repeat(41) + "}"), null, 400);

        // every bounded field of every write, one character (or item) over
        field("POST", articles, "{\"title\":\"" + "t".repeat(301) + "\"}", "title");
        field("POST", articles, "{" + title + ",\"slug\":\"" + "s".repeat(201) + "\"}", "slug");
        field("POST", articles, "{" + title + ",\"excerpt\":\"" + "e".repeat(1001) + "\"}", "excerpt");
        field("POST", articles, "{" + title + ",\"body\":\"" + "b".repeat(200_001) + "\"}", "body");
        field("POST", articles, "{" + title + ",\"authorName\":\"" + "a".repeat(201) + "\"}", "authorName");
        field("POST", articles, "{" + title + ",\"tags\":[" + IntStreamText.range(21, "\"tag-%d\"") + "]}", "tags");
        field("POST", articles, "{" + title + ",\"tags\":[\"" + "t".repeat(51) + "\"]}", "tags[0]");
        field("POST", articles, "{" + title + ",\"tags\":[" + IntStreamText.range(10_000, "\"tag-%d\"") + "]}", "tags");
        field("POST", articles, "{" + title + ",\"coverImage\":{\"url\":\"https://images.example.com/" + "u".repeat(1990) + "\"}}", "coverImage.url");
        field("POST", articles, "{" + title + ",\"coverImage\":{\"url\":\"https://images.example.com/a.jpg\",\"alt\":\"" + "a".repeat(301) + "\"}}", "coverImage.alt");
        field("POST", articles, "{" + title + ",\"coverImage\":{\"url\":\"https://images.example.com/a.jpg\",\"caption\":\"" + "c".repeat(1001) + "\"}}", "coverImage.caption");
        field("POST", articles, "{" + title + ",\"coverImage\":{\"url\":\"https://images.example.com/a.jpg\",\"width\":20001}}", "coverImage.width");
        field("POST", articles, "{" + title + ",\"coverImage\":{\"url\":\"https://images.example.com/a.jpg\",\"height\":0}}", "coverImage.height");
        field("POST", categories, "{\"name\":\"" + "n".repeat(201) + "\"}", "name");
        field("POST", categories, "{\"name\":\"n\",\"slug\":\"" + "s".repeat(201) + "\"}", "slug");
        field("POST", categories, "{\"name\":\"n\",\"description\":\"" + "d".repeat(2001) + "\"}", "description");
        field("POST", categories, "{\"name\":\"n\",\"position\":100001}", "position");
        field("POST", categories, "{\"name\":\"n\",\"position\":-1}", "position");
        field("POST", "/api/v1/tokens", "{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"author\"}", "name");
        String reader = "\"authorName\":\"Limit reader\",\"authorEmail\":\"" + unique("limit").replace("-", ".") + "@readers.example.org\"";
        field("POST", comments, "{\"authorName\":\"" + "a".repeat(101) + "\",\"authorEmail\":\"a@readers.example.org\",\"body\":\"b\"}", "authorName");
        field("POST", comments, "{\"authorName\":\"a\",\"authorEmail\":\"" + "e".repeat(250) + "@x.io\",\"body\":\"b\"}", "authorEmail");
        field("POST", comments, "{" + reader + ",\"authorUrl\":\"https://x.io/" + "u".repeat(490) + "\",\"body\":\"b\"}", "authorUrl");
        field("POST", comments, "{" + reader + ",\"body\":\"" + "b".repeat(5001) + "\"}", "body");
        field("POST", comments, "{" + reader + ",\"body\":\"b\",\"homepage\":\"" + "h".repeat(501) + "\"}", "homepage");
        field("PUT", related, "[" + IntStreamText.range(21, "{\"url\":\"https://example.org/%d\",\"title\":\"t\"}") + "]", "links");
        field("PUT", related, "[{\"articleSlug\":\"" + "s".repeat(201) + "\"}]", "[0].articleSlug");
        field("PUT", related, "[{\"url\":\"https://example.org/" + "u".repeat(1990) + "\",\"title\":\"t\"}]", "[0].url");
        field("PUT", related, "[{\"url\":\"https://example.org/a\",\"title\":\"" + "t".repeat(301) + "\"}]", "[0].title");
        field("PUT", related, "[{\"url\":\"https://example.org/a\",\"title\":\"t\",\"description\":\"" + "d".repeat(1001) + "\"}]", "[0].description");
        field("PATCH", "/api/v1/comments", "{\"ids\":[" + IntStreamText.range(101, "%d") + "],\"status\":\"spam\"}", "ids");
        field("PATCH", "/api/v1/comments", "{\"ids\":[],\"status\":\"spam\"}", "ids");
        String media = "/api/v1/media/" + t.media;
        field("PATCH", media, "{\"alt\":\"" + "a".repeat(301) + "\"}", "alt");
        field("PATCH", media, "{\"caption\":\"" + "c".repeat(1001) + "\"}", "caption");
        field("PATCH", media, "{\"credit\":\"" + "c".repeat(301) + "\"}", "credit");
        field("PATCH", media, "{\"focalPoint\":{\"x\":1.01,\"y\":0.5}}", "focalPoint.x");
        field("PATCH", media, "{\"focalPoint\":{\"x\":0.5,\"y\":-0.01}}", "focalPoint.y");
        Request form = new Request("POST", "/api/v1/media").header("Content-Type", HostileImages.MULTIPART)
                .body(HostileImages.multipart(List.of(new Part("file", "limit.png", "image/png", HostileImages.uniquePng()),
                        Part.text("alt", "a".repeat(301))), true));
        limit("POST /api/v1/media form alt over its limit", form, "alt", 400);

        // an upload: its own limit of 20 MB (and 64 KB more for a form's parts around the file)
        limit("upload declared as 25 MB", new Request("POST", "/api/v1/media").header("Content-Type", "image/png")
                .header("Content-Length", "25000000"), null, 413);
        limit("upload form declared as 25 MB", new Request("POST", "/api/v1/media").header("Content-Type", HostileImages.MULTIPART)
                .header("Content-Length", "25000000"), null, 413);

        // query parameters
        String[][] queries = {
                { articles, "size=101", "size" }, { articles, "size=0", "size" }, { articles, "page=0", "page" },
                { articles, "page=1000001", "page" }, { articles, "page=" + HostileValues.TWO_31, "page" },
                { articles, "q=" + "q".repeat(201), "q" }, { articles, "tag=" + "t".repeat(51), "tag" },
                { articles, "category=" + "c".repeat(201), "category" }, { articles, "cursor=" + "c".repeat(201), "cursor" },
                { comments, "size=101", "size" }, { comments, "page=1000001", "page" }, { categories, "size=101", "size" },
                { "/api/v1/tokens", "size=101", "size" }, { "/api/v1/comments", "size=101", "size" },
                { "/api/v1/comments", "article=" + "a".repeat(201), "article" } };
        for (String[] q : queries) {
            Request r = new Request("GET", q[0] + "?" + q[1]).header("Authorization", "Bearer " + Callers.ADMIN_TOKEN);
            limit("GET " + q[0] + "?" + abbreviate(q[1], 30), r, q[2], 400);
        }

        // the request line, the headers, the token
        limit("URL of 4,097 characters", new Request("GET", articles + "?tag=" + "u".repeat(4097 - articles.length() - 5)), null, 414);
        limit("header of 21,000 bytes", new Request("GET", articles).header("X-Big", "h".repeat(21_000)), null, 431);
        limit("bearer token of 513 characters", new Request("GET", "/api/v1/tokens").header("Authorization", "Bearer " + "t".repeat(513)), null, 401);

        System.out.printf("HostileInputTest limits: sent %d requests, %d violations%n", sent.get(), violations.size());
        if (!violations.isEmpty()) {
            fail(report());
        }
    }

    /** Text for a list of n items: the pattern with %d replaced by 0, 1, 2... joined by commas. */
    private static final class IntStreamText {
        static String range(int n, String pattern) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(pattern.replace("%d", Integer.toString(i)));
            }
            return out.toString();
        }
    }

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static Request json(String method, String path, String body) {
        return json(method, path, body, "application/json");
    }

    private static Request json(String method, String path, String body, String mediaType) {
        return new Request(method, path).header("Content-Type", mediaType).body(body);
    }

    /** A write one step over a field's limit: 400, and the problem names the field. */
    private void field(String method, String path, String body, String name) {
        limit(method + " " + path.replaceAll("/(art|cat)-[^/]+", "/{slug}").replaceAll("/media/\\d+", "/media/{id}") + " " + name + " over its limit", json(method, path, body), name, 400);
    }

    private void limit(String label, Request request, String field, int expected) {
        Operation op = new Operation(request.method.toLowerCase(Locale.ROOT), new String(request.target, StandardCharsets.ISO_8859_1)
                .replaceAll("\\?.*", "").replaceAll("/(art|cat)-[^/]+", "/{slug}").replaceAll("/media/\\d+", "/media/{id}"), null, null,
                List.of(), null, null);
        if (!request.hasHeader("Authorization") && !(op.path().endsWith("/comments") && op.method().equals("post"))) {
            request.header("Authorization", "Bearer " + Callers.ADMIN_TOKEN);
        }
        Answer answer = send(op, "limit", label, Caller.RAW, request);
        if (answer.status() != expected) {
            violations.add(new Violation("limit not enforced", op.toString(), "limit", label, "admin", describe(op, request), answer.status(),
                    "expected " + expected + ", answered " + answer.status() + ": " + excerpt(answer.text())));
        } else if (field != null) {
            try {
                JsonNode problem = JSON.readTree(answer.body());
                boolean named = problem.path("detail").asText().contains(field);
                for (JsonNode error : problem.path("errors")) {
                    named |= error.path("field").asText().equals(field);
                }
                if (!named) {
                    violations.add(new Violation("limit not explained", op.toString(), "limit", label, "admin", describe(op, request),
                            answer.status(), "the problem does not name " + field + ": " + excerpt(answer.text())));
                }
            } catch (Exception e) {
                // reported by the problem check already
            }
        }
    }

    private static synchronized void prepare() {
        if (authorToken == null) {
            authorToken = Callers.token("author");
        }
        if (rootCategory == null) {
            rootCategory = Fixtures.category().name(unique("Hostile root")).createSlug();
        }
    }

    // ---- families of requests ----------------------------------------------------------------------

    private void fuzz(Operation op, int index, boolean fullSchema) {
        Targets targets = Targets.create();
        baseline(op, targets);
        pathSegments(op, targets);
        queries(op, targets);
        if (op.bodySchema() != null) {
            boolean first = true;
            for (String mediaType : op.mediaTypes()) {
                if (HostileImages.isMultipart(mediaType)) {
                    forms(op, targets, mediaType);
                } else if (HostileImages.isBinary(op.schemaOf(mediaType))) {
                    files(op, targets, mediaType, first);
                } else {
                    bodies(op, targets, mediaType, fullSchema && first, first);
                }
                first = false;
            }
            contentTypes(op, targets);
            oversize(op, targets);
        }
        headers(op, targets, index);
    }

    /** The operation as documented, by every caller, on existing and missing resources. */
    private void baseline(Operation op, Targets t) {
        for (Caller caller : Caller.values()) {
            send(op, "baseline", "valid", caller, request(op, t.pathValues(), "", validBody(op, t, op.firstMediaType())));
        }
        Map<String, String> missing = new HashMap<>();
        missing.put("articles.slug", "no-such-article-" + unique("x"));
        missing.put("categories.slug", "no-such-category-" + unique("x"));
        missing.put("comments.id", "999999999");
        missing.put("tokens.id", "999999999");
        missing.put("media.id", "999999999");
        missing.put("webhooks.id", "999999999");
        missing.put("deliveries.deliveryId", "999999999");
        missing.put("revisions.number", "999999");
        missing.put("imports.id", "999999999");
        missing.put("articles-.n", "999999999"); // /sitemaps/articles-{n}.xml
        if (!op.pathParams().isEmpty()) {
            send(op, "baseline", "missing-resource", Caller.ADMIN, request(op, missing, "", validBody(op, t, op.firstMediaType())));
            send(op, "baseline", "missing-resource", Caller.ANONYMOUS, request(op, missing, "", validBody(op, t, op.firstMediaType())));
        }
        if (op.is("get", "/api/v1/articles")) {
            // a search whose hits carry hostile Markdown: the snippet must stay inert
            send(op, "baseline", "search-hostile-article", Caller.ANONYMOUS, request(op, t.pathValues(), "q=" + t.searchWord, null));
            send(op, "baseline", "search-hostile-article", Caller.ADMIN, request(op, t.pathValues(), "q=" + t.searchWord + "&status=all", null));
        }
        if (op.is("get", "/api/v1/articles/{slug}")) {
            send(op, "baseline", "include-all", Caller.ANONYMOUS, request(op, t.pathValues(), "include=related,comments", null));
        }
    }

    private void pathSegments(Operation op, Targets t) {
        for (String param : op.pathParams()) {
            String key = pathKey(op.path(), param);
            boolean numeric = key.endsWith(".id");
            String existing = t.pathValues().get(key);
            List<String[]> segments = HostileValues.pathSegments(existing, numeric);
            int i = 0;
            for (String[] segment : segments) {
                Map<String, String> pathValues = new HashMap<>(t.pathValues());
                pathValues.put(key, segment[1]);
                Caller caller = op.isRead() && i % 2 == 0 ? Caller.ANONYMOUS : Caller.ADMIN;
                if (op.role() != null && op.role().equals("author") && i % 5 == 0) {
                    caller = Caller.AUTHOR;
                }
                send(op, "path", param + "=" + segment[0], caller, request(op, pathValues, "", validBody(op, t, op.firstMediaType())));
                i++;
            }
        }
    }

    /** The first operation (in document order) to declare each query parameter: it gets every value, the others a half. */
    private static final Map<String, String> FIRST_DECLARER = new ConcurrentHashMap<>();

    private void queries(Operation op, Targets t) {
        Caller caller = op.role() != null ? Caller.ADMIN : Caller.ANONYMOUS;
        byte[] body = validBody(op, t, op.firstMediaType());
        for (JsonNode parameter : op.queryParams()) {
            String name = parameter.path("name").asText();
            JsonNode schema = parameter.path("schema");
            boolean integer = "integer".equals(schema.path("type").asText());
            Caller who = name.equals("status") ? Caller.ADMIN : caller;
            List<String[]> candidates = new ArrayList<>(HostileValues.queryValues(integer));
            for (JsonNode allowed : schema.path("enum")) {
                String v = allowed.asText();
                candidates.add(new String[] { "enum-upper", HostileValues.encode(v.toUpperCase(Locale.ROOT)) });
                candidates.add(new String[] { "enum-cyrillic", HostileValues.encode(v.replace('a', '\u0430').replace('e', '\u0435')) });
                candidates.add(new String[] { "enum-nul", HostileValues.encode(v) + "%00" });
                break;
            }
            if (name.equals("q") || name.equals("tag") || name.equals("category") || name.equals("article")) {
                candidates.add(new String[] { "long-3500", "w".repeat(3500) });
            }
            boolean first = op.toString().equals(FIRST_DECLARER.get(name));
            int i = 0;
            for (String[] value : candidates) {
                if (!first && Math.floorMod((op + name + value[0]).hashCode(), 2) != 0) {
                    continue;
                }
                send(op, "query", name + "=" + value[0], i++ % 7 == 3 ? other(who) : who,
                        request(op, t.pathValues(), name + "=" + value[1], body));
            }
            // the same parameter twice, empty, without a value, in another case, encoded, as an array
            String example = parameter.path("example").isMissingNode() ? "1" : HostileValues.encode(parameter.path("example").asText());
            String[][] shapes = {
                    { "duplicate", name + "=" + example + "&" + name + "=2" },
                    { "duplicate-conflicting", name + "=" + example + "&" + name + "=%27%20OR%201=1--" },
                    { "empty", name + "=" },
                    { "no-equals", name },
                    { "upper-name", name.toUpperCase(Locale.ROOT) + "=" + example },
                    { "encoded-name", HostileValues.encode(name).chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat) + "=" + example },
                    { "array-syntax", name + "[]=" + example + "&" + name + "[0]=x" },
                    { "semicolon", name + "=" + example + ";" + name + "=x" },
                    { "many-repeats", (name + "=" + example + "&").repeat(40) } };
            for (String[] shape : shapes) {
                send(op, "query", name + ":" + shape[0], who, request(op, t.pathValues(), shape[1], body));
            }
        }
        String[][] strings = {
                { "empty-query", "" }, { "ampersands", "&&&" }, { "equals-only", "=" }, { "no-name", "=x" },
                { "question-marks", "?&?" }, { "unknown-param", "zzz=%3Cscript%3E" }, { "unknown-crlf", "zzz=a%0d%0aX-Injected:%201" },
                { "unknown-invalid-utf8", "%ff%fe=%c0%af" }, { "bad-percent-name", "%zz=1" }, { "hash", "a=1%23b" },
                { "long-query", "a=1&".repeat(800) } };
        for (String[] s : strings) {
            send(op, "query", s[0], caller, request(op, t.pathValues(), s[1], body, s[0].equals("empty-query")));
        }
    }

    /** Body cases for one media type: property by property, whole bodies, then seeded random mixes. */
    private void bodies(Operation op, Targets t, String mediaType, boolean full, boolean firstMediaType) {
        JsonNode base = baseBody(op.bodySchema(), t, 0);
        List<BodyCase> cases = new ArrayList<>();
        int hugeFields = 0;
        for (Property p : properties(op.bodySchema(), List.of(), 0)) {
            // megabyte strings cost the most: the first four string fields of a schema get them, the length limits test the rest
            boolean huge = firstMediaType && full && "string".equals(kind(p.schema())) && hugeFields++ < 4;
            for (Fragment f : fragmentsFor(p, t, huge || (firstMediaType && full && !"string".equals(kind(p.schema()))))) {
                cases.add(new BodyCase(p.name() + "=" + f.label(), p, f));
            }
        }
        JsonNode resolved = resolve(op.bodySchema());
        if (resolved.has("properties")) {
            for (JsonNode required : resolved.path("required")) {
                cases.add(new BodyCase("missing-required:" + required.asText(), new Property(List.of(required.asText()), null, required.asText()), null));
            }
            for (String[] extra : new String[][] { { "zzUnknown", "1" }, { "__proto__", "{\"admin\":true}" }, { "id", "1" },
                    { "bodyHtml", "\"<script>alert(1)</script>\"" }, { "Title", "\"case\"" }, { "title ", "\"space\"" },
                    { "t\u0131tle", "\"dotless i\"" }, { "", "1" }, { "\u0000", "1" }, { "status\u200B", "\"draft\"" } }) {
                cases.add(new BodyCase("extra-field:" + printable(extra[0]), new Property(List.of(extra[0]), null, extra[0]),
                        Fragment.json(extra[0], extra[1])));
            }
        }
        int i = 0;
        for (BodyCase c : cases) {
            if (!full && Math.floorMod((op + mediaType + c.label()).hashCode(), 4) != 0) {
                continue; // a deterministic quarter for operations whose schema another operation fuzzed in full
            }
            byte[] body = c.fragment() == null && c.label().startsWith("missing-required")
                    ? without(base, c.property().path())
                    : c.property().path().size() == 1 && c.label().startsWith("extra-field")
                            ? withExtra(base, c.property().path().get(0).toString(), c.fragment())
                            : with(base, c.property(), c.fragment(), t);
            Caller caller = i++ % 11 == 5 && op.role() != null ? Caller.AUTHOR : Caller.ADMIN;
            Request r = request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(body);
            BiConsumer<Answer, List<String>> expect = c.fragment() != null && c.fragment().text() != null
                    ? (a, out) -> expectStoredAsSent(op, c.property(), c.fragment().text(), a, out)
                    : null;
            send(op, "body:" + mediaType, c.label(), caller, r, true, expect);
        }
        byte[] valid = validBody(op, t, mediaType);
        int j = 0;
        for (Fragment whole : HostileValues.bodies(valid)) {
            if (!full && Math.floorMod((op + mediaType + whole.label()).hashCode(), 3) != 0) {
                continue; // a schema another operation fuzzed in full gets a deterministic third of the whole-body cases
            }
            send(op, "body:" + mediaType, "whole:" + whole.label(), Caller.ADMIN,
                    request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(whole.json()));
            if (j++ < 6 && firstMediaType) {
                send(op, "body:" + mediaType, "whole:" + whole.label(), Caller.ANONYMOUS,
                        request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(whole.json()));
                if (op.role() != null) {
                    send(op, "body:" + mediaType, "whole:" + whole.label(), Caller.AUTHOR,
                            request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(whole.json()));
                }
            }
        }
        // seeded random mixes: several properties at once, junk strings of random length
        List<Property> props = properties(op.bodySchema(), List.of(), 0);
        HostileValues values = VALUES.get();
        for (int k = 0; k < (full ? 16 : 4) && !props.isEmpty(); k++) {
            JsonNode mixed = base.deepCopy();
            StringBuilder label = new StringBuilder("random:");
            int count = 2 + values.nextInt(3);
            List<Fragment> fragments = new ArrayList<>();
            List<Property> chosen = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                Property p = values.pick(props);
                Fragment f = values.nextInt(2) == 0 ? Fragment.string("junk", values.junk(1 + values.nextInt(400)))
                        : values.pick(fragmentsFor(p, t, false));
                chosen.add(p);
                fragments.add(f);
                label.append(p.name()).append('=').append(f.label()).append(' ');
            }
            byte[] body = withAll(mixed, chosen, fragments, t);
            send(op, "body:" + mediaType, label.toString().trim(), Caller.ADMIN,
                    request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(body));
        }
    }

    /**
     * A file sent as the whole body (a request body of type string, format binary) in one media type:
     * the files an upload must refuse, and a valid PNG and JPEG, which are refused when the declared type
     * contradicts their bytes. For the first media type also other callers, and hostile file names in
     * Content-Disposition, each on a new image so that an accepted name is really stored.
     */
    private void files(Operation op, Targets t, String mediaType, boolean first) {
        List<Fragment> cases = new ArrayList<>(HostileImages.files(new Random(HostileValues.SEED ^ (op + mediaType).hashCode())));
        cases.add(Fragment.raw("valid-png", HostileImages.VALID_PNG));
        cases.add(Fragment.raw("valid-jpeg", HostileImages.jpeg(new Random(HostileValues.SEED))));
        int i = 0;
        for (Fragment file : cases) {
            send(op, "body:" + mediaType, "file:" + file.label(), Caller.ADMIN,
                    request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(file.json()));
            if (first && i++ < 4) {
                send(op, "body:" + mediaType, "file:" + file.label(), Caller.ANONYMOUS,
                        request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(file.json()));
                if (op.role() != null) {
                    send(op, "body:" + mediaType, "file:" + file.label(), Caller.AUTHOR,
                            request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(file.json()));
                }
            }
        }
        if (!first) {
            return;
        }
        String[][] dispositions = {
                { "traversal", "attachment; filename=\"../../../../etc/passwd.png\"" },
                { "backslash-traversal", "attachment; filename=\"..\\\\..\\\\windows\\\\win.ini.png\"" },
                { "svg-name", "attachment; filename=\"drawing.svg\"" },
                { "double-extension", "attachment; filename=\"x.php.png.php\"" },
                { "script-name", "attachment; filename=\"<script>alert(1)</script>.png\"" },
                { "sql-name", "attachment; filename=\"x'; DROP TABLE media;--.png\"" },
                { "encoded-invalid-utf8", "attachment; filename*=UTF-8''%ff%fe%c0%af.png" },
                { "encoded-bad-percent", "attachment; filename*=UTF-8''%zz%.png" },
                { "encoded-nul", "attachment; filename*=UTF-8''a%00b.png" },
                { "long-name", "attachment; filename=\"" + "n".repeat(3000) + ".png\"" },
                { "unterminated", "attachment; filename=\"x.png" },
                { "no-filename", "attachment" },
                { "garbage", ";;;==\"\"" },
                { "empty", "" } };
        for (String[] d : dispositions) {
            send(op, "header", "Content-Disposition: " + d[0], Caller.ADMIN,
                    request(op, t.pathValues(), "", HostileImages.uniquePng()).header("Content-Disposition", d[1]));
        }
    }

    /**
     * A multipart form: a file part plus the text fields of its schema. Each text field gets the hostile
     * strings (an accepted injection string must come back as sent, so each form carries a new image);
     * a field whose example is JSON gets broken JSON and numbers out of range; the file part gets the
     * hostile files, names and types; and forms broken as multipart are sent too.
     */
    private void forms(Operation op, Targets t, String mediaType) {
        JsonNode schema = resolve(op.schemaOf(mediaType));
        String fileField = "file";
        Map<String, String> fields = new LinkedHashMap<>();
        Set<String> jsonFields = new HashSet<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode s = resolve(property.getValue());
            if (HostileImages.isBinary(s)) {
                fileField = property.getKey();
                continue;
            }
            JsonNode example = s.has("example") ? s.get("example") : s.path("examples").path(0);
            String value = example.isMissingNode() ? "Hostile " + property.getKey() + " " + unique("v") : example.asText();
            fields.put(property.getKey(), value);
            if (value.startsWith("{")) {
                jsonFields.add(property.getKey());
            }
        }
        String family = "body:" + mediaType;
        for (Caller caller : List.of(Caller.ADMIN, Caller.AUTHOR, Caller.ANONYMOUS)) {
            send(op, family, "form:valid", caller, form(op, t, formParts(fileField, fields, null, null), HostileImages.MULTIPART));
        }

        // each text field: the first in full, the others a deterministic half
        boolean firstField = true;
        for (String name : fields.keySet()) {
            List<Fragment> values = new ArrayList<>(HostileValues.hostileStrings(false));
            values.add(Fragment.string("over-form-attribute-limit", "A".repeat(17 * 1024)));
            if (jsonFields.contains(name)) {
                values.addAll(HostileValues.wrongTypes());
                for (Fragment n : HostileValues.numbers()) {
                    values.add(Fragment.raw("x=" + n.label(), HostileValues.concat(HostileValues.concat("{\"x\":".getBytes(StandardCharsets.UTF_8),
                            n.json()), ",\"y\":0.5}".getBytes(StandardCharsets.UTF_8))));
                }
                for (String[] j : new String[][] { { "x-over-1", "{\"x\":1.5,\"y\":0.5}" }, { "y-missing", "{\"x\":0.5}" },
                        { "x-string", "{\"x\":\"0.5\",\"y\":0.5}" }, { "unknown-key", "{\"x\":0.5,\"y\":0.5,\"z\":1}" },
                        { "nulls", "{\"x\":null,\"y\":null}" }, { "truncated", "{\"x\":0.5," }, { "deep-objects-1000", HostileValues.deepObjects(1000) },
                        { "unbalanced-deep", "[".repeat(15_000) } }) {
                    values.add(Fragment.json(j[0], j[1]));
                }
            }
            int i = 0;
            for (Fragment f : values) {
                if (!firstField && !jsonFields.contains(name) && Math.floorMod((name + f.label()).hashCode(), 2) != 0) {
                    continue;
                }
                Property p = new Property(List.of(name), NODES.objectNode().put("type", "string"), name);
                BiConsumer<Answer, List<String>> expect = f.text() != null && !jsonFields.contains(name)
                        ? (a, out) -> expectStoredAsSent(op, p, f.text(), a, out)
                        : null;
                Caller caller = i++ % 11 == 5 ? Caller.AUTHOR : Caller.ADMIN;
                send(op, family, name + "=" + f.label(), caller,
                        form(op, t, formParts(fileField, fields, name, HostileImages.fieldValue(f)), HostileImages.MULTIPART), true, expect);
            }
            firstField = false;
        }

        // the file part: hostile files, then odd names and types on a new image
        for (Fragment file : HostileImages.files(new Random(HostileValues.SEED ^ op.hashCode()))) {
            List<Part> parts = formParts(fileField, fields, null, null);
            parts.set(0, new Part(fileField, "hostile.png", "image/png", file.json()));
            send(op, family, "form:file=" + file.label(), Caller.ADMIN, form(op, t, parts, HostileImages.MULTIPART));
        }
        String[][] names = {
                { "name-traversal-script", "../../x.sh", "application/x-sh" }, { "name-svg", "drawing.svg", "image/svg+xml" },
                { "name-php", "x.php", "image/png" }, { "name-empty", "", "image/png" },
                { "name-script", "<script>alert(1)</script>.png", "image/png" }, { "name-long", "n".repeat(3000) + ".png", "image/png" },
                { "name-crlf", "x.png\"\r\nContent-Type: text/html\r\nX-A: \"", "image/png" }, { "name-nul", "a\u0000b.png", "image/png" },
                { "type-jpeg", "x.png", "image/jpeg" }, { "type-svg", "x.png", "image/svg+xml" }, { "type-missing", "x.png", null },
                { "type-garbage", "x.png", ";;;/" }, { "no-filename", null, "image/png" } };
        for (String[] n : names) {
            List<Part> parts = formParts(fileField, fields, null, null);
            parts.set(0, new Part(fileField, n[1], n[2], HostileImages.uniquePng()));
            send(op, family, "form:" + n[0], Caller.ADMIN, form(op, t, parts, HostileImages.MULTIPART));
        }

        // forms broken as multipart
        String b = HostileImages.BOUNDARY;
        List<Part> textOnly = new ArrayList<>(formParts(fileField, fields, null, null).subList(1, fields.size() + 1));
        List<Part> twoFiles = formParts(fileField, fields, null, null);
        twoFiles.add(new Part(fileField, "second.png", "image/png", HostileImages.uniquePng()));
        List<Part> many = formParts(fileField, fields, null, null);
        for (int k = 0; k < 3000; k++) {
            many.add(Part.text("zz" + k, "v"));
        }
        List<Part> unknown = formParts(fileField, fields, null, null);
        unknown.add(Part.text("zzUnknown", "<script>alert(1)</script>"));
        unknown.add(Part.text("alt\"; filename=\"x.sh", "quoted name"));
        unknown.add(Part.text("a\u0000b", "nul in name"));
        List<Part> twice = formParts(fileField, fields, null, null);
        fields.keySet().forEach(name -> twice.add(Part.text(name, "second " + name)));
        byte[] png = HostileImages.uniquePng();
        Object[][] broken = {
                { "missing-file", HostileImages.multipart(textOnly, true), HostileImages.MULTIPART },
                { "file-twice", HostileImages.multipart(twoFiles, true), HostileImages.MULTIPART },
                { "fields-twice", HostileImages.multipart(twice, true), HostileImages.MULTIPART },
                { "unknown-and-odd-field-names", HostileImages.multipart(unknown, true), HostileImages.MULTIPART },
                { "3000-fields", HostileImages.multipart(many, true), HostileImages.MULTIPART },
                { "unclosed", HostileImages.multipart(formParts(fileField, fields, null, null), false), HostileImages.MULTIPART },
                { "no-boundary-parameter", HostileImages.multipart(formParts(fileField, fields, null, null), true), "multipart/form-data" },
                { "other-boundary", HostileImages.multipart(formParts(fileField, fields, null, null), true), "multipart/form-data; boundary=other" },
                { "empty-boundary", HostileImages.multipart(formParts(fileField, fields, null, null), true), "multipart/form-data; boundary=" },
                { "long-boundary", HostileImages.multipart(formParts(fileField, fields, null, null), true),
                        "multipart/form-data; boundary=" + "b".repeat(3000) },
                { "empty-body", new byte[0], HostileImages.MULTIPART },
                { "closing-only", ("--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1), HostileImages.MULTIPART },
                { "not-a-form", "just some text".getBytes(StandardCharsets.ISO_8859_1), HostileImages.MULTIPART },
                { "json-body", "{\"file\":\"x\",\"alt\":\"y\"}".getBytes(StandardCharsets.ISO_8859_1), HostileImages.MULTIPART },
                { "part-without-disposition", HostileValues.concat(HostileValues.concat(("--" + b + "\r\nContent-Type: image/png\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), png), ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                        HostileImages.MULTIPART },
                { "part-headers-unterminated", ("--" + b + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"x.png\"\r\n"
                        + "Content-Type: image/png").getBytes(StandardCharsets.ISO_8859_1), HostileImages.MULTIPART },
                { "base64-transfer-encoding", ("--" + b + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"x.png\"\r\n"
                        + "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getEncoder().encodeToString(
                                HostileImages.uniquePng()) + "\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1), HostileImages.MULTIPART },
                { "nested-multipart-mixed", ("--" + b + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"\r\n"
                        + "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\nContent-Disposition: file; filename=\"x.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\nnot a png\r\n--inner--\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1),
                        HostileImages.MULTIPART } };
        for (Object[] c : broken) {
            send(op, family, "form:" + c[0], Caller.ADMIN, form(op, t, null, (String) c[2]).body((byte[]) c[1]));
        }
    }

    /** A file part (a new PNG) and the text fields, one of them replaced by the value. */
    private static List<Part> formParts(String fileField, Map<String, String> fields, String replaced, byte[] value) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(fileField, "hostile.png", "image/png", HostileImages.uniquePng()));
        fields.forEach((name, v) -> parts.add(Part.text(name, name.equals(replaced) ? value : v.getBytes(StandardCharsets.UTF_8))));
        return parts;
    }

    private static Request form(Operation op, Targets t, List<Part> parts, String contentType) {
        Request r = request(op, t.pathValues(), "", null).header("Content-Type", contentType);
        return parts == null ? r : r.body(HostileImages.multipart(parts, true));
    }

    private void contentTypes(Operation op, Targets t) {
        byte[] valid = validBody(op, t, op.firstMediaType());
        String[][] types = {
                { "text-plain", "text/plain" }, { "xml", "application/xml" }, { "multipart", "multipart/form-data; boundary=x" },
                { "form", "application/x-www-form-urlencoded" }, { "json-utf16", "application/json; charset=utf-16" },
                { "json-bad-charset", "application/json; charset=no-such-charset" }, { "json-semicolons", "application/json;;;" },
                { "wildcard", "*/*" }, { "no-subtype", "application/" }, { "bare-word", "json" }, { "json-patch", "application/json-patch+json" },
                { "merge-patch", "application/merge-patch+json" }, { "text-json", "text/json" }, { "long", "application/" + "x".repeat(5000) },
                { "params-injection", "application/json; boundary=\"<script>\"; q=1e400" }, { "empty", "" } };
        for (String[] type : types) {
            send(op, "content-type", type[0], Caller.ADMIN, request(op, t.pathValues(), "", null).header("Content-Type", type[1]).body(valid));
        }
        send(op, "content-type", "missing", Caller.ADMIN, request(op, t.pathValues(), "", null).body(validBody(op, t, op.firstMediaType())));
        Request xmlBody = request(op, t.pathValues(), "", null).header("Content-Type", "application/xml")
                .body("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><title>&x;</title>");
        send(op, "content-type", "xml-entity", Caller.ADMIN, xmlBody);
        Request multipart = request(op, t.pathValues(), "", null).header("Content-Type", "multipart/form-data; boundary=b")
                .body("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../x.sh\"\r\nContent-Type: application/x-sh\r\n\r\n#!/bin/sh\r\n--b--\r\n");
        send(op, "content-type", "multipart-file", Caller.ADMIN, multipart);
    }

    /** Bodies over the 1 MB limit: declared, sent with a length, sent chunked; and a chunked body within it. */
    private void oversize(Operation op, Targets t) {
        String mediaType = op.validMediaType();
        boolean upload = HostileImages.isBinary(op.bodySchema());
        // an upload may be 20 MB (and a form 64 KB more): a declared length within that would only wait for the body
        String over = upload ? Long.toString(UPLOAD_LIMIT + HostileImages.MULTIPART_ALLOWANCE + 1) : "2000000";
        Request declared = request(op, t.pathValues(), "", null).header("Content-Type", mediaType).header("Content-Length", over);
        send(op, "oversize", "declared-length-2MB", Caller.ADMIN, declared);
        Request declaredAnon = request(op, t.pathValues(), "", null).header("Content-Type", mediaType).header("Content-Length", "99999999999");
        send(op, "oversize", "declared-length-100GB", Caller.ANONYMOUS, declaredAnon);
        byte[] big = ("{\"title\":\"" + "a".repeat(600_000) + "\",\"name\":\"" + "b".repeat(600_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        send(op, "oversize", "content-length-1.2MB", Caller.ADMIN, request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(big));
        send(op, "oversize", "chunked-1.2MB", Caller.ADMIN, request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(big).chunked());
        byte[] tags = ("[" + "\"t\",".repeat(800_000) + "\"t\"]").getBytes(StandardCharsets.UTF_8);
        send(op, "oversize", "chunked-3MB-array", Caller.ANONYMOUS, request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(tags).chunked());
        send(op, "oversize", "chunked-valid", Caller.ADMIN,
                request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(validBody(op, t, mediaType)).chunked());
        if (upload) {
            // a file one byte over the upload limit, after a PNG signature: within the allowance for a form, so the service counts it
            byte[] file = Arrays.copyOf(HostileImages.VALID_PNG, (int) UPLOAD_LIMIT + 1);
            send(op, "oversize", "file-over-upload-limit", Caller.ADMIN,
                    request(op, t.pathValues(), "", null).header("Content-Type", mediaType).body(file));
        }
    }

    /** CMS_MEDIA_MAX_UPLOAD_SIZE: 20 MB. */
    private static final long UPLOAD_LIMIT = 20L * 1024 * 1024;

    private void headers(Operation op, Targets t, int index) {
        byte[] body = validBody(op, t, op.firstMediaType());
        Caller caller = op.role() != null ? Caller.ADMIN : Caller.ANONYMOUS;
        String[][] plain = {
                { "If-Match", "garbage" }, { "If-Match", "\"unterminated" }, { "If-Match", "W/\"weak\"" }, { "If-Match", ",,,," },
                { "If-Match", "\"a\", \"b\", *" }, { "If-Match", "\"" + "x".repeat(6000) + "\"" }, { "If-Match", "' OR 1=1--" },
                { "If-None-Match", "*" }, { "If-None-Match", "garbage, W/" }, { "If-None-Match", "\"" + "y".repeat(6000) + "\"" },
                { "If-Modified-Since", "yesterday" }, { "If-Modified-Since", "Fri, 31 Dec 99999 23:59:59 GMT" },
                { "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT" }, { "If-Unmodified-Since", "garbage" },
                { "Accept", "text/html" }, { "Accept", "application/xml" }, { "Accept", "*/*;q=abc" }, { "Accept", "application/json;q=0" },
                { "Accept", ";;;,,," }, { "Accept", "application/" + "j".repeat(3000) }, { "Accept-Encoding", "gzip;q=abc, br, zstd" },
                { "Accept-Encoding", "identity;q=0, *;q=0" }, { "Accept-Charset", "utf-7" }, { "Accept-Language", "x".repeat(3000) },
                { "X-Forwarded-For", "not-an-ip" }, { "X-Forwarded-For", "1.2.3.4, <script>alert(1)</script>" },
                { "X-Forwarded-For", "999.999.999.999" }, { "X-Forwarded-For", "::ffff:300.1.1.1" }, { "X-Forwarded-For", "" },
                { "X-Forwarded-For", "10.0.0.1, ".repeat(200) + "10.0.0.2" }, { "Forwarded", "for=\"_gazonk\";proto=javascript;host=evil" },
                { "X-Forwarded-Host", "evil.example" }, { "X-Forwarded-Proto", "javascript" }, { "X-Forwarded-Port", "99999999" },
                { "X-Forwarded-Prefix", "/../evil" }, { "Origin", "null" }, { "Origin", "https://evil.example" }, { "Origin", "<script>" },
                { "X-HTTP-Method-Override", "DELETE" }, { "X-HTTP-Method", "DELETE" }, { "Range", "bytes=0-1" }, { "Range", "bytes=garbage" },
                { "Cookie", "a=b; \"; =; " + "c".repeat(2000) }, { "User-Agent", "<script>alert(1)</script>' OR 1=1--" },
                { "User-Agent", "u".repeat(8000) }, { "Content-Encoding", "gzip" }, { "Content-Encoding", "br, unknown" },
                { "Expect", "100-continue" }, { "Expect", "garbage" }, { "Upgrade", "h2c" }, { "Via", "' OR 1=1--" },
                { "Max-Forwards", "-1" }, { "TE", "trailers, garbage" } };
        int i = index;
        for (String[] h : plain) {
            boolean keep = switch (h[0]) {
                case "If-Match" -> !op.isRead();
                case "If-None-Match", "If-Modified-Since", "Range" -> op.isRead();
                default -> true;
            };
            // an answer that never ends costs the full timeout: the first operation alone tries these
            boolean hangs = (h[0].equals("X-Forwarded-For") && h[1].isEmpty()) || h[0].equals("Upgrade");
            // each operation gets a rotating third of the generic headers, which keeps the run short
            if (!keep || (hangs && index != 0) || (!hangs && !h[0].startsWith("If-") && i++ % 3 != 0)) {
                continue;
            }
            send(op, "header", h[0] + ": " + abbreviate(printable(h[1]), 40), caller,
                    request(op, t.pathValues(), "", body).header(h[0], h[1]));
        }
        String admin = Callers.ADMIN_TOKEN;
        Object[][] authorizations = {
                { "bearer-only", "Bearer".getBytes(StandardCharsets.ISO_8859_1) }, { "bearer-space", "Bearer ".getBytes(StandardCharsets.ISO_8859_1) },
                { "basic", "Basic YWRtaW46YWRtaW4=".getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-600", ("Bearer " + "t".repeat(600)).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-5000", ("Bearer " + "t".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-non-ascii", HostileValues.concat("Bearer tok".getBytes(StandardCharsets.ISO_8859_1), new byte[] { (byte) 0xFF, (byte) 0xC3, 0x28 }) },
                { "bearer-sql", "Bearer ' OR 1=1--".getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-lowercase-admin", ("bearer " + admin).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-two-spaces-admin", ("Bearer  " + admin).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-admin-extra", ("Bearer " + admin + " extra").getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-admin-comma", ("Bearer " + admin + ", Bearer x").getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-tab-admin", ("Bearer\t" + admin).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-admin-prefix", ("Bearer " + admin.substring(0, admin.length() - 1)).getBytes(StandardCharsets.ISO_8859_1) },
                { "bearer-admin-fullwidth", ("Bearer " + HostileValues.fullwidth(admin)).getBytes(StandardCharsets.UTF_8) },
                { "digest", "Digest username=\"admin\", response=\"x\"".getBytes(StandardCharsets.ISO_8859_1) },
                { "empty", new byte[0] }, { "traversal", "Bearer ../../etc/passwd".getBytes(StandardCharsets.ISO_8859_1) } };
        int j = index;
        for (Object[] a : authorizations) {
            if (j++ % 2 != 0) {
                continue; // a rotating half per operation: every variant still meets a dozen operations
            }
            Request r = request(op, t.pathValues(), "", body);
            r.header("Authorization", (byte[]) a[1]);
            send(op, "header", "Authorization: " + a[0], Caller.RAW, r);
        }
        Request twice = request(op, t.pathValues(), "", body);
        twice.header("Authorization", "Bearer " + admin).header("Authorization", "Bearer " + authorToken);
        send(op, "header", "Authorization twice (admin, author)", Caller.RAW, twice);
        Request twiceOther = request(op, t.pathValues(), "", body);
        twiceOther.header("Authorization", "Bearer invalid-token").header("Authorization", "Bearer " + admin);
        send(op, "header", "Authorization twice (invalid, admin)", Caller.RAW, twiceOther);
        Request preflight = new Request("OPTIONS", targetOf(op, t.pathValues(), "")).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", op.method().toUpperCase(Locale.ROOT))
                .header("Access-Control-Request-Headers", "authorization, x-<script>, " + "h".repeat(2000));
        send(op, "header", "CORS preflight from another origin", Caller.RAW, preflight);
        Request many = request(op, t.pathValues(), "", body);
        for (int h = 0; h < 150; h++) {
            many.header("X-Hostile-" + h, "v" + h);
        }
        send(op, "header", "150 headers", caller, many);
    }

    /** Methods the document does not list for a path, and made-up ones. */
    private void methods(String path, List<Operation> operations) {
        Targets t = Targets.shared();
        Operation any = operations.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
        Set<String> documented = new HashSet<>();
        operations.stream().filter(o -> o.path().equals(path)).forEach(o -> documented.add(o.method()));
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO", "get")) {
            if (documented.contains(method.toLowerCase(Locale.ROOT)) && !method.equals("get") && !method.equals("HEAD")) {
                continue;
            }
            Request r = new Request(method, targetOf(any, t.pathValues(), "")).header("Content-Type", "application/json").body("{}");
            if (method.equals("HEAD") || method.equals("GET")) {
                r = new Request(method, targetOf(any, t.pathValues(), ""));
            }
            send(new Operation(method.toLowerCase(Locale.ROOT), path, null, null, List.of(), null, null), "method", method, Caller.ADMIN, r);
            send(new Operation(method.toLowerCase(Locale.ROOT), path, null, null, List.of(), null, null), "method", method,
                    Caller.ANONYMOUS, method.equals("HEAD") || method.equals("GET") ? new Request(method, targetOf(any, t.pathValues(), ""))
                            : new Request(method, targetOf(any, t.pathValues(), "")).header("Content-Type", "application/json").body("{}"));
        }
    }

    /**
     * Requests that are not well-formed HTTP/1.1 at all (raw bytes in the request line, broken
     * framing): the server may refuse them at the connection level, but never with a 5xx, a hang or
     * a trace. URLs and headers over the server's size limits are well-formed and answered strictly.
     */
    private void protocol() {
        Operation list = new Operation("get", "/api/v1/articles", null, null, List.of(), null, null);
        Operation create = new Operation("post", "/api/v1/articles", null, null, List.of(), null, "author");
        String a = "/api/v1/articles";
        Object[][] raw = {
                { "raw-invalid-utf8-path", bytes(a + "/", 0xFF, 0xFE, 0xC3, 0x28) },
                { "raw-nul-path", bytes(a + "/a", 0x00, 'b') },
                { "raw-control-path", bytes(a + "/a", 0x01, 0x7F, 'b') },
                { "raw-space-path", (a + "/a b").getBytes(StandardCharsets.ISO_8859_1) },
                { "raw-tab-path", (a + "/a\tb").getBytes(StandardCharsets.ISO_8859_1) },
                { "raw-invalid-utf8-query", bytes(a + "?q=", 0xFF, 0xFE, 0xC0, 0xAF) },
                { "raw-nul-query", bytes(a + "?q=a", 0x00, 'b') },
                { "raw-utf8-query", (a + "?q=caf\u00e9 \u0430").getBytes(StandardCharsets.UTF_8) },
                { "raw-traversal", (a + "/../../../../etc/passwd").getBytes(StandardCharsets.ISO_8859_1) },
                { "raw-backslash-traversal", (a + "/..\\..\\..\\etc\\passwd").getBytes(StandardCharsets.ISO_8859_1) },
                { "double-slashes", "//api//v1//articles//".getBytes(StandardCharsets.ISO_8859_1) },
                { "absolute-form", ("http://evil.example" + a).getBytes(StandardCharsets.ISO_8859_1) },
                { "asterisk", "*".getBytes(StandardCharsets.ISO_8859_1) },
                { "no-leading-slash", "api/v1/articles".getBytes(StandardCharsets.ISO_8859_1) },
                { "fragment", (a + "#frag").getBytes(StandardCharsets.ISO_8859_1) } };
        for (Object[] r : raw) {
            send(list, "protocol", (String) r[0], Caller.ANONYMOUS, new Request("GET", (byte[]) r[1]), false, null);
        }
        String host = "Host: 127.0.0.1:" + port + "\r\n";
        String auth = "Authorization: Bearer " + Callers.ADMIN_TOKEN + "\r\n";
        String[][] verbatim = {
                { "http-1.0", "GET " + a + " HTTP/1.0\r\n\r\n" },
                { "http-0.9", "GET " + a + "\r\n\r\n" },
                { "http-2.0-text", "GET " + a + " HTTP/2.0\r\n" + host + "Connection: close\r\n\r\n" },
                { "http-9.9", "GET " + a + " HTTP/9.9\r\n" + host + "Connection: close\r\n\r\n" },
                { "lowercase-version", "GET " + a + " http/1.1\r\n" + host + "Connection: close\r\n\r\n" },
                { "no-host", "GET " + a + " HTTP/1.1\r\nConnection: close\r\n\r\n" },
                { "two-hosts", "GET " + a + " HTTP/1.1\r\n" + host + "Host: evil.example\r\nConnection: close\r\n\r\n" },
                { "header-without-colon", "GET " + a + " HTTP/1.1\r\n" + host + "NoColonHere\r\nConnection: close\r\n\r\n" },
                { "space-before-colon", "GET " + a + " HTTP/1.1\r\n" + host + "X-A : b\r\nConnection: close\r\n\r\n" },
                { "obs-fold", "GET " + a + " HTTP/1.1\r\n" + host + "X-A: b\r\n c\r\nConnection: close\r\n\r\n" },
                { "bare-lf", "GET " + a + " HTTP/1.1\n" + host.replace("\r", "") + "Connection: close\n\n" },
                { "nul-header", "GET " + a + " HTTP/1.1\r\n" + host + "X-A: b\u0000c\r\nConnection: close\r\n\r\n" },
                { "content-length-negative", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{}" },
                { "content-length-text", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}" },
                { "content-length-twice", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{} " },
                { "content-length-overflow", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n{}" },
                { "content-length-and-chunked", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n" },
                { "transfer-encoding-gzip", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}" },
                { "chunk-size-garbage", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n" },
                { "chunk-size-overflow", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n" },
                { "chunk-extension-junk", "POST " + a + " HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2;" + "x".repeat(5000) + "\r\n{}\r\n0\r\n\r\n" },
                { "method-with-space", "GE T " + a + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n" },
                { "binary-garbage", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n" } };
        for (String[] v : verbatim) {
            send(create, "protocol", v[0], Caller.RAW, Request.verbatim(v[1].getBytes(StandardCharsets.ISO_8859_1)), false, null);
        }
        Request truncated = new Request("POST", a).header("Authorization", "Bearer " + Callers.ADMIN_TOKEN)
                .header("Content-Type", "application/json").header("Content-Length", "100").body("{\"title\":");
        truncated.truncateBodyAt = 9;
        send(create, "protocol", "body-shorter-than-length-then-close", Caller.RAW, truncated, false, null);
        Request truncatedChunked = new Request("POST", a).header("Authorization", "Bearer " + Callers.ADMIN_TOKEN)
                .header("Content-Type", "application/json").body("{\"title\":\"x\"}").chunked();
        truncatedChunked.truncateBodyAt = 5;
        send(create, "protocol", "chunked-without-last-chunk-then-close", Caller.RAW, truncatedChunked, false, null);

        // well-formed, but over the server's limits on the request line and the headers
        send(list, "limits", "url-5000", Caller.ANONYMOUS, new Request("GET", a + "?q=" + "u".repeat(5000)));
        send(list, "limits", "url-100000", Caller.ANONYMOUS, new Request("GET", a + "/" + "u".repeat(100_000)));
        send(list, "limits", "header-30000", Caller.ANONYMOUS, new Request("GET", a).header("X-Big", "h".repeat(30_000)));
        Request thousand = new Request("GET", a);
        for (int h = 0; h < 1000; h++) {
            thousand.header("X-Many-" + h, "v".repeat(40));
        }
        send(list, "limits", "1000-headers", Caller.ANONYMOUS, thousand);
    }

    // ---- sending and checking ------------------------------------------------------------------------

    private enum Caller {
        ADMIN, AUTHOR, ANONYMOUS, RAW
    }

    private static Caller other(Caller caller) {
        return caller == Caller.ANONYMOUS ? Caller.ADMIN : Caller.ANONYMOUS;
    }

    private record Violation(String kind, String operation, String family, String label, String caller, String request, int status,
            String detail) {
    }

    private Answer send(Operation op, String family, String label, Caller caller, Request request) {
        return send(op, family, label, caller, request, true, null);
    }

    private Answer send(Operation op, String family, String label, Caller caller, Request request, boolean strict,
            BiConsumer<Answer, List<String>> expect) {
        if (request.verbatim == null) {
            switch (caller) {
                case ADMIN -> request.header("Authorization", "Bearer " + Callers.ADMIN_TOKEN);
                case AUTHOR -> request.header("Authorization", "Bearer " + authorToken);
                default -> {
                }
            }
            if (op.path().endsWith("/comments") && op.method().equals("post") && !request.hasHeader("X-Forwarded-For")) {
                request.header("X-Forwarded-For", Comments.address()); // one reader each, below the rate limit
            }
        }
        Answer answer = wire.send(request);
        sent.incrementAndGet();
        long[] stats = families.computeIfAbsent(family.replaceAll(":.*", ""), k -> new long[2]);
        synchronized (stats) {
            stats[0]++;
            stats[1] += answer.millis();
        }
        synchronized (this) {
            if (answer.millis() > slowest) {
                slowest = answer.millis();
                slowestRequest = describe(op, request);
            }
        }
        List<String> problems = new ArrayList<>();
        check(request, answer, strict, problems);
        if (expect != null && answer.status() >= 200 && answer.status() < 300) {
            expect.accept(answer, problems);
        }
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            violations.add(new Violation(problem.substring(0, colon), op.toString(), family, label, caller.name().toLowerCase(Locale.ROOT),
                    describe(op, request), answer.status(), problem.substring(colon + 2)));
        }
        return answer;
    }

    private void check(Request request, Answer answer, boolean strict, List<String> problems) {
        int status = answer.status();
        String text = answer.text();
        if (refusedBelowTheApplication(request, answer)) {
            belowTheApplication.incrementAndGet();
            return;
        }
        if (status == -1) {
            problems.add("hang: " + answer.failure());
            return;
        }
        if (status == 0) {
            if (strict) {
                problems.add("no answer: " + answer.failure());
            }
            return;
        }
        if (status >= 500) {
            problems.add("server error: " + excerpt(text));
        } else if (status < 200 && !(status == 101 && request.hasHeader("Upgrade"))) {
            problems.add("unexpected status: " + status);
        }
        if (status == 101) {
            return;
        }
        String sentText = sentText(request);
        for (Pattern leak : status >= 200 && status < 300 ? LEAKS_IN_CONTENT : LEAKS) {
            Matcher m = leak.matcher(text);
            if (m.find() && !sentText.contains(m.group())) {
                problems.add("leak: '" + m.group() + "' in " + excerpt(text));
            }
        }
        for (String name : answer.headers().keySet()) {
            if (name.equals("x-injected") || name.equals("set-cookie")) {
                problems.add("header injection: " + name + ": " + answer.header(name));
            }
        }
        if (!strict) {
            return;
        }
        boolean head = request.method.equals("HEAD");
        int before = problems.size();
        if (status >= 400 && status < 500) {
            String type = answer.header("Content-Type");
            if (type == null || !type.startsWith(PROBLEM_JSON)) {
                problems.add("not a problem: " + status + " answered with Content-Type " + type + " and body '" + excerpt(text) + "'");
            } else if (!head) {
                try {
                    JsonNode problem = JSON.readTree(answer.body());
                    if (!problem.path("type").isTextual() || problem.path("type").asText().isBlank()
                            || !problem.path("title").isTextual() || problem.path("title").asText().isBlank()
                            || problem.path("status").asInt(-1) != status
                            || !problem.path("detail").isTextual() || problem.path("detail").asText().isBlank()) {
                        problems.add("not a problem: missing type/title/detail or status differs from " + status + ": " + excerpt(text));
                    }
                } catch (Exception e) {
                    problems.add("not a problem: body is not JSON: " + excerpt(text));
                }
            }
            if (status == 401 && (answer.header("WWW-Authenticate") == null || !answer.header("WWW-Authenticate").startsWith("Bearer"))) {
                problems.add("no challenge: 401 without WWW-Authenticate: Bearer");
            }
            if (status == 429 && answer.header("Retry-After") == null) {
                problems.add("no retry-after: 429 without Retry-After");
            }
        }
        if (answer.header("X-Content-Type-Options") == null && problems.size() == before) {
            problems.add("no nosniff: X-Content-Type-Options missing on " + status);
        }
        if (status >= 300 && status < 400 && status != 304) {
            String location = answer.header("Location");
            if (location == null) {
                problems.add("redirect without location: " + status);
            } else if (!request.hasHeader("X-Forwarded-Host") && !request.hasHeader("X-Forwarded-Proto") && !request.hasHeader("Forwarded")
                    && !request.hasHeader("X-Forwarded-Prefix") && !(location.startsWith("/") && !location.startsWith("//"))
                    && !location.startsWith("http://127.0.0.1:" + port + "/") && !location.startsWith("http://localhost:" + port + "/")) {
                problems.add("open redirect: Location " + location);
            }
        }
        if (status >= 200 && status < 300 && answer.body().length > 0 && !head) {
            String type = answer.header("Content-Type");
            if (type != null && (type.startsWith("application/rss+xml") || type.startsWith("application/atom+xml")
                    || type.startsWith("application/xml"))) {
                // Feeds and sitemaps are XML (their own tests check what they say): well-formed, whatever went in.
                if (!wellFormedXml(answer.body())) {
                    problems.add("not xml: 2xx feed does not parse: " + excerpt(text));
                }
                return;
            }
            if (type == null || !(type.startsWith("application/json") || type.startsWith("application/feed+json"))) {
                problems.add("not json: 2xx answered with Content-Type " + type);
                return;
            }
            try {
                htmlInspected.addAndGet(inspectHtml(JSON.readTree(answer.body()), "", problems));
            } catch (Exception e) {
                problems.add("not json: 2xx body does not parse: " + excerpt(text));
            }
        }
    }

    private static boolean wellFormedXml(byte[] body) {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new java.io.ByteArrayInputStream(body));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Everything the request carried, so an answer that merely echoes input is not taken for a leak. */
    private static String sentText(Request r) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (r.verbatim != null) {
            all.writeBytes(r.verbatim);
        } else {
            all.writeBytes(r.target);
            r.headers.forEach(h -> all.writeBytes(h[1]));
            if (r.body != null) {
                all.writeBytes(r.body);
            }
        }
        byte[] bytes = all.toByteArray();
        return new String(bytes, StandardCharsets.ISO_8859_1) + new String(bytes, StandardCharsets.UTF_8)
                + URLDecoder.decode(new String(r.target, StandardCharsets.ISO_8859_1).replace("+", "%2B").replaceAll("%(?![0-9a-fA-F]{2})", "%25"), StandardCharsets.UTF_8);
    }

    /** Every bodyHtml and snippet in an answer: no active content, whatever went in. */
    /**
     * The one known refusal by the HTTP server itself, before a route or the application sees the request:
     * with trusted proxy forwarding on (the test profile only), an empty X-Forwarded-For gets no answer.
     * Counted and reported apart. Everything else, limits and broken percent-encoding included, is a
     * problem answer.
     */
    private static boolean refusedBelowTheApplication(Request request, Answer answer) {
        int status = answer.status();
        return status == -1 && request.hasHeader("X-Forwarded-For") && request.headerValue("X-Forwarded-For").isBlank();
    }

    private static int inspectHtml(JsonNode node, String path, List<String> problems) {
        int inspected = 0;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if ((name.equals("bodyHtml") || name.equals("snippet")) && value.isTextual()) {
                    activeContent(value.asText(), name.equals("snippet"), path + "." + name, problems);
                    inspected++;
                } else {
                    inspected += inspectHtml(value, path + "." + name, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                inspected += inspectHtml(node.get(i), path + "[" + i + "]", problems);
            }
        }
        return inspected;
    }

    static void activeContent(String html, boolean snippet, String where, List<String> problems) {
        if (html.toLowerCase(Locale.ROOT).contains("<script")) {
            problems.add("active html: " + where + " contains <script: " + excerpt(html));
            return;
        }
        for (Element e : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            String tag = e.normalName();
            if (e.parent() == null || tag.equals("body")) {
                continue;
            }
            if (ACTIVE_ELEMENTS.contains(tag) || (snippet && !tag.equals("mark"))) {
                problems.add("active html: " + where + " contains <" + tag + ">: " + excerpt(html));
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                if (key.startsWith("on") || key.equals("style") || key.equals("formaction")) {
                    problems.add("active html: " + where + " has attribute " + key + ": " + excerpt(html));
                }
                if (URL_ATTRIBUTES.contains(key) && (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:"))) {
                    problems.add("active html: " + where + " has " + key + "=" + abbreviate(value, 40) + ": " + excerpt(html));
                }
            }
        }
    }

    /** An accepted injection string is stored as the text sent: the answer (or the comment as moderators read it) carries it. */
    private void expectStoredAsSent(Operation op, Property p, String sentValue, Answer answer, List<String> problems) {
        boolean injection = HostileValues.INJECTIONS.stream().anyMatch(s -> s[1].equals(sentValue));
        if (!injection) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(answer.body());
            if (op.is("post", "/api/v1/articles/{slug}/comments") && json.has("id")) {
                Request read = new Request("GET", "/api/v1/comments/" + json.get("id").asText())
                        .header("Authorization", "Bearer " + Callers.ADMIN_TOKEN);
                Answer stored = wire.send(read);
                sent.incrementAndGet();
                check(read, stored, true, problems);
                json = JSON.readTree(stored.body());
            }
            JsonNode at = json;
            for (Object step : p.path()) {
                at = step instanceof Integer i ? at.path(i) : at.path(step.toString());
            }
            if (at.isArray() || at.isTextual()) {
                readBack.incrementAndGet();
            }
            if (at.isArray()) {
                boolean found = false;
                for (JsonNode item : at) {
                    found |= item.asText().equals(sentValue.strip());
                }
                if (!found) {
                    problems.add("not stored as sent: " + p.name() + " sent " + sentValue + ", answered " + excerpt(at.toString()));
                }
            } else if (at.isTextual() && !at.asText().strip().equals(sentValue.strip())) {
                problems.add("not stored as sent: " + p.name() + " sent " + sentValue + ", answered " + excerpt(at.asText()));
            }
        } catch (Exception e) {
            problems.add("not json: " + e.getMessage());
        }
    }

    /**
     * The violations grouped by what went wrong and with which kind of input, each group with the
     * operations it hit and one request to reproduce it.
     */
    private String report() {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violation::kind).thenComparing(Violation::operation).thenComparing(Violation::family)
                .thenComparing(Violation::label));
        Map<String, List<Violation>> groups = new LinkedHashMap<>();
        for (Violation v : sorted) {
            String label = v.label().replaceAll("^[\\w\\[\\]]+=", "");
            String key = v.kind() + " | " + v.family().replaceAll(":.*", "") + " / " + label + " -> " + v.status() + " "
                    + v.detail().replaceAll("\\d+", "#").replaceAll("(?s)' in .*", "'").replaceAll("body '.*'", "body");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        Map<String, Integer> perKind = new TreeMap<>();
        violations.forEach(v -> perKind.merge(v.kind(), 1, Integer::sum));
        StringBuilder out = new StringBuilder("Hostile input found " + violations.size() + " violations in " + sent.get() + " requests "
                + perKind + ", in " + groups.size() + " groups:\n");
        String kind = "";
        for (List<Violation> group : groups.values()) {
            Violation first = group.get(0);
            if (!first.kind().equals(kind)) {
                kind = first.kind();
                out.append("\n== ").append(kind).append('\n');
            }
            List<String> operations = group.stream().map(Violation::operation).distinct().toList();
            out.append("- [").append(first.family()).append(" / ").append(first.label()).append(", ").append(first.caller()).append("] -> ")
                    .append(first.status()).append(": ").append(first.detail()).append("\n    ").append(group.size())
                    .append(group.size() == 1 ? " request" : " requests").append(" on ")
                    .append(operations.size() > 6 ? operations.size() + " operations (" + String.join(", ", operations.subList(0, 6)) + ", ...)"
                            : String.join(", ", operations))
                    .append("\n    repro: ").append(first.request()).append('\n');
        }
        return out.toString();
    }

    private static String describe(Operation op, Request r) {
        if (r.verbatim != null) {
            return "raw bytes: " + HostileWire.printable(r.verbatim, 200);
        }
        StringBuilder out = new StringBuilder(r.method).append(' ').append(r.targetText());
        for (byte[][] h : r.headers) {
            String name = new String(h[0], StandardCharsets.ISO_8859_1);
            if (!name.equalsIgnoreCase("X-Forwarded-For") || !op.path().endsWith("/comments")) {
                String value = name.equalsIgnoreCase("Authorization") ? redact(h[1]) : HostileWire.printable(h[1], 60);
                out.append(" | ").append(name).append(": ").append(value);
            }
        }
        if (r.body != null) {
            out.append(" | body (").append(r.body.length).append(" bytes").append(r.chunked ? ", chunked" : "").append("): ");
            if (r.body.length <= 600) {
                out.append(HostileWire.printable(r.body, 2000));
            } else {
                byte[] tail = Arrays.copyOfRange(r.body, r.body.length - 100, r.body.length);
                out.append(HostileWire.printable(Arrays.copyOf(r.body, 200), 600)).append(" ... ").append(HostileWire.printable(tail, 300));
            }
        }
        return out.toString();
    }

    private static String redact(byte[] value) {
        String v = new String(value, StandardCharsets.ISO_8859_1);
        return HostileWire.printable(v.replace(Callers.ADMIN_TOKEN, "<admin token>").replace(authorToken, "<author token>")
                .getBytes(StandardCharsets.ISO_8859_1), 60);
    }

    private static String excerpt(String text) {
        return abbreviate(text.replace("\r", "\\r").replace("\n", "\\n"), 240);
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "...(" + s.length() + " chars)" : s;
    }

    private static String printable(String s) {
        return HostileWire.printable(s.getBytes(StandardCharsets.UTF_8), 60);
    }

    private static byte[] bytes(String prefix, int... tail) {
        byte[] head = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < tail.length; i++) {
            out[head.length + i] = (byte) tail[i];
        }
        return out;
    }

    // ---- building requests from the document -------------------------------------------------------

    /** An operation of the document, with its path-level parameters merged in. */
    record Operation(String method, String path, JsonNode spec, JsonNode bodySchema, List<String> mediaTypes, String schemaName, String role) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        boolean is(String m, String p) {
            return method.equals(m) && path.equals(p);
        }

        boolean isRead() {
            return method.equals("get") || method.equals("head");
        }

        String firstMediaType() {
            return mediaTypes.isEmpty() ? null : mediaTypes.get(0);
        }

        /** The media type a valid body is sent as: the first, but image/png for an upload, whose valid body is a PNG. */
        String validMediaType() {
            return HostileImages.isBinary(bodySchema) && mediaTypes.contains("image/png") ? "image/png" : firstMediaType();
        }

        /** The schema the document gives the request body in this media type. */
        JsonNode schemaOf(String mediaType) {
            return spec == null ? null : spec.path("requestBody").path("content").path(mediaType).path("schema");
        }

        List<String> pathParams() {
            List<String> out = new ArrayList<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }

        List<JsonNode> queryParams() {
            List<JsonNode> out = new ArrayList<>();
            if (spec != null) {
                for (JsonNode p : spec.path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        out.add(p);
                    }
                }
            }
            return out;
        }
    }

    private static JsonNode document;

    private static List<Operation> operations() throws Exception {
        document = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString());
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                ObjectNode spec = op.getValue().deepCopy();
                ArrayNode params = spec.putArray("parameters");
                path.getValue().path("parameters").forEach(params::add);
                op.getValue().path("parameters").forEach(params::add);
                JsonNode content = op.getValue().path("requestBody").path("content");
                List<String> mediaTypes = new ArrayList<>();
                JsonNode schema = null;
                String schemaName = null;
                for (Map.Entry<String, JsonNode> media : content.properties()) {
                    mediaTypes.add(media.getKey());
                    JsonNode s = media.getValue().path("schema");
                    if (schema == null || (!schema.toString().contains("$ref") && s.toString().contains("$ref"))) {
                        schema = s;
                        schemaName = s.toString();
                    }
                }
                String role = op.getValue().path("x-required-role").asText(null);
                out.add(new Operation(op.getKey(), path.getKey(), spec, schema, mediaTypes, schemaName, role));
            }
        }
        return out;
    }

    private static List<String> paths(List<Operation> operations) {
        return operations.stream().map(Operation::path).distinct().toList();
    }

    /** Which existing resource a path parameter names: the collection it follows, as "articles.slug". */
    private static String pathKey(String path, String parameter) {
        String before = path.substring(0, path.indexOf("{" + parameter + "}"));
        String[] segments = before.split("/");
        return segments[segments.length - 1] + "." + parameter;
    }

    private static String targetOf(Operation op, Map<String, String> pathValues, String query) {
        Matcher m = PATH_PARAM.matcher(op.path());
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String value = pathValues.getOrDefault(pathKey(op.path(), m.group(1)), "1");
            m.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        m.appendTail(url);
        return query.isEmpty() ? url.toString() : url + "?" + query;
    }

    private static Request request(Operation op, Map<String, String> pathValues, String query, byte[] body) {
        return request(op, pathValues, query, body, false);
    }

    private static Request request(Operation op, Map<String, String> pathValues, String query, byte[] body, boolean bareQuestionMark) {
        String target = targetOf(op, pathValues, query) + (bareQuestionMark ? "?" : "");
        Request r = new Request(op.method().toUpperCase(Locale.ROOT), target.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && op.firstMediaType() != null) {
            r.header("Content-Type", op.validMediaType()).body(body);
        }
        return r;
    }

    // ---- bodies from schemas -----------------------------------------------------------------------

    /** A property at a path in a body ("coverImage", "url" or 0, "title"), with its resolved schema. */
    record Property(List<Object> path, JsonNode schema, String name) {
    }

    private record BodyCase(String label, Property property, Fragment fragment) {
    }

    static JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null; i++) {
            if (s.has("$ref")) {
                String name = s.get("$ref").asText().replace("#/components/schemas/", "");
                s = document.path("components").path("schemas").path(name);
            } else if (s.has("anyOf") || s.has("oneOf")) {
                JsonNode chosen = null;
                for (JsonNode option : s.has("anyOf") ? s.get("anyOf") : s.get("oneOf")) {
                    if (!"null".equals(option.path("type").asText())) {
                        chosen = option;
                        break;
                    }
                }
                s = chosen;
            } else {
                return s;
            }
        }
        return s == null ? NODES.objectNode() : s;
    }

    private static String kind(JsonNode resolved) {
        if (resolved.has("enum")) {
            return "enum";
        }
        JsonNode type = resolved.path("type");
        String t = type.isArray() ? type.get(0).asText() : type.asText(resolved.has("properties") ? "object" : "string");
        if (t.equals("string") && "date-time".equals(resolved.path("format").asText())) {
            return "date-time";
        }
        return t;
    }

    /** Every property of the body, one level into nested objects and the items of a top-level array. */
    private static List<Property> properties(JsonNode schema, List<Object> prefix, int depth) {
        JsonNode s = resolve(schema);
        List<Property> out = new ArrayList<>();
        if ("array".equals(kind(s)) && depth == 0) {
            List<Object> item = new ArrayList<>(prefix);
            item.add(0);
            out.addAll(properties(s.path("items"), item, depth + 1));
            return out;
        }
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            List<Object> path = new ArrayList<>(prefix);
            path.add(p.getKey());
            JsonNode resolved = resolve(p.getValue());
            out.add(new Property(path, resolved, p.getKey()));
            if ("object".equals(kind(resolved)) && depth < 2 && resolved.has("properties")) {
                out.addAll(properties(resolved, path, depth + 1));
            }
        }
        return out;
    }

    private static List<Fragment> fragmentsFor(Property p, Targets t, boolean withHuge) {
        List<Fragment> out = new ArrayList<>();
        String kind = kind(p.schema());
        switch (kind) {
            case "string" -> out.addAll(HostileValues.hostileStrings(withHuge));
            case "date-time" -> {
                out.addAll(HostileValues.dateTimes());
                out.addAll(HostileValues.hostileStrings(false).subList(0, 6));
            }
            case "integer", "number" -> out.addAll(HostileValues.numbers());
            case "boolean" -> out.addAll(HostileValues.booleans());
            case "enum" -> {
                List<String> allowed = new ArrayList<>();
                p.schema().path("enum").forEach(e -> allowed.add(e.asText()));
                out.addAll(HostileValues.enums(allowed));
                out.add(Fragment.string("sql-in-enum", "draft' OR 1=1--"));
            }
            case "array" -> {
                JsonNode items = resolve(p.schema().path("items"));
                Fragment validItem = Fragment.json("item", valid(new Property(List.of("item"), items, p.name().equals("ids") ? "id" : "item"), t, 1).toString());
                out.addAll(HostileValues.arrays(validItem, withHuge));
                String itemKind = kind(items);
                List<Fragment> itemValues = itemKind.equals("string") ? HostileValues.hostileStrings(false)
                        : itemKind.equals("integer") ? HostileValues.numbers() : List.of();
                for (Fragment f : itemValues) {
                    out.add(Fragment.raw("[" + f.label() + "]", HostileValues.concat(HostileValues.concat(new byte[] { '[' }, f.json()), new byte[] { ']' })));
                }
            }
            default -> {
            }
        }
        for (Fragment wrong : HostileValues.wrongTypes()) {
            boolean fits = (kind.equals("object") && wrong.label().contains("object")) || (kind.equals("array") && wrong.label().contains("array"))
                    || (kind.equals("string") && wrong.label().equals("string"));
            if (!fits) {
                out.add(wrong);
            }
        }
        return out;
    }

    /** A body that should be accepted, as bytes: for an upload, a small valid PNG (the same bytes each time). */
    private static byte[] validBody(Operation op, Targets t, String mediaType) {
        if (op.bodySchema() == null) {
            return null;
        }
        if (HostileImages.isBinary(op.bodySchema())) {
            return HostileImages.VALID_PNG;
        }
        return baseBody(op.bodySchema(), t, 0).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode baseBody(JsonNode schema, Targets t, int depth) {
        return valid(new Property(List.of(), resolve(schema), "body-root"), t, depth);
    }

    private static final Set<String> BASE_PROPERTIES = Set.of("title", "name", "body", "url", "authorName", "authorEmail", "status",
            "role", "ids", "categorySlug", "parentSlug", "tags");

    /** A valid value for a property, from its name and schema, pointing at the targets where it names something. */
    private static JsonNode valid(Property p, Targets t, int depth) {
        JsonNode s = p.schema();
        String name = p.name();
        String kind = kind(s);
        switch (name) {
            case "categorySlug":
                return NODES.textNode(t.category);
            case "parentSlug":
                return NODES.textNode(rootCategory);
            case "articleSlug":
                return NODES.textNode(t.otherArticle);
            case "authorEmail":
                return NODES.textNode(unique("hostile").replace("-", ".") + "@readers.example.org");
            case "url", "authorUrl":
                return NODES.textNode("https://fuzz.example.org/" + unique("p"));
            case "expiresAt":
                return NODES.textNode("2099-01-01T00:00:00Z");
            case "publishedAt":
                return NODES.textNode("2024-02-23T09:30:00Z");
            case "id":
                return NODES.numberNode(t.comment);
            case "slug":
                return NODES.textNode(unique("hostile"));
            default:
                break;
        }
        switch (kind) {
            case "enum": {
                List<String> allowed = new ArrayList<>();
                s.path("enum").forEach(e -> allowed.add(e.asText()));
                for (String preferred : List.of("draft", "pending", "author")) {
                    if (allowed.contains(preferred)) {
                        return NODES.textNode(preferred);
                    }
                }
                return NODES.textNode(allowed.get(0));
            }
            case "string":
            case "date-time":
                return NODES.textNode("Hostile " + name + " " + unique("v"));
            case "integer":
            case "number":
                return NODES.numberNode(name.equals("parentId") ? t.comment : 1);
            case "boolean":
                return NODES.booleanNode(!name.equals("delete"));
            case "array": {
                ArrayNode array = NODES.arrayNode();
                if (name.equals("ids")) {
                    array.add(t.comment);
                } else if (depth < 3) {
                    array.add(valid(new Property(List.of(), resolve(s.path("items")), name.equals("tags") ? "tag" : "item"), t, depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                s.path("required").forEach(r -> required.add(r.asText()));
                for (Map.Entry<String, JsonNode> prop : s.path("properties").properties()) {
                    if (depth < 3 && (required.contains(prop.getKey()) || BASE_PROPERTIES.contains(prop.getKey()))) {
                        object.set(prop.getKey(), valid(new Property(List.of(), resolve(prop.getValue()), prop.getKey()), t, depth + 1));
                    }
                }
                return object;
            }
        }
    }

    private static byte[] with(JsonNode base, Property p, Fragment fragment, Targets t) {
        return withAll(base.deepCopy(), List.of(p), List.of(fragment), t);
    }

    /** The body with each property replaced by its fragment's bytes (spliced in place of a placeholder). */
    private static byte[] withAll(JsonNode body, List<Property> props, List<Fragment> fragments, Targets t) {
        for (int i = 0; i < props.size(); i++) {
            set(body, props.get(i).path(), NODES.textNode(PLACEHOLDER + i), t);
        }
        byte[] out = body.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < props.size(); i++) {
            out = splice(out, ("\"" + PLACEHOLDER + i + "\"").getBytes(StandardCharsets.UTF_8), fragments.get(i).json());
        }
        return out;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value, Targets t) {
        JsonNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            JsonNode next = step instanceof Integer n ? at.path(n) : at.path(step.toString());
            if (next.isMissingNode() || !next.isContainerNode()) {
                next = path.get(i + 1) instanceof Integer ? NODES.arrayNode().add(NODES.objectNode()) : NODES.objectNode();
                if (at instanceof ObjectNode o) {
                    o.set(step.toString(), next);
                }
            }
            at = next;
        }
        Object last = path.get(path.size() - 1);
        if (at instanceof ObjectNode o) {
            o.set(last.toString(), value);
        } else if (at instanceof ArrayNode a && last instanceof Integer n) {
            while (a.size() <= n) {
                a.add(NODES.objectNode());
            }
            a.set(n, value);
        }
    }

    private static byte[] without(JsonNode base, List<Object> path) {
        JsonNode copy = base.deepCopy();
        if (copy instanceof ObjectNode o) {
            o.remove(path.get(0).toString());
        }
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withExtra(JsonNode base, String name, Fragment value) {
        if (!(base instanceof ObjectNode)) {
            return base.toString().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode copy = ((ObjectNode) base).deepCopy();
        copy.put(name, PLACEHOLDER + "x");
        return splice(copy.toString().getBytes(StandardCharsets.UTF_8), ("\"" + PLACEHOLDER + "x\"").getBytes(StandardCharsets.UTF_8), value.json());
    }

    private static byte[] splice(byte[] haystack, byte[] needle, byte[] replacement) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            byte[] out = new byte[haystack.length - needle.length + replacement.length];
            System.arraycopy(haystack, 0, out, 0, i);
            System.arraycopy(replacement, 0, out, i, replacement.length);
            System.arraycopy(haystack, i + needle.length, out, i + replacement.length, haystack.length - i - needle.length);
            return out;
        }
        return haystack;
    }

    // ---- real resources to point at ------------------------------------------------------------------

    /**
     * For each operation, resources of its own: a category under the hostile root, a published article
     * in it whose Markdown is an XSS corpus (with an approved comment), a second article to link to,
     * an editor token and a media item (a small PNG of its own). Destructive cases then only ever destroy their own operation's targets.
     */
    static final class Targets {
        final String category;
        final String article;
        final String otherArticle;
        final long comment;
        final long token;
        final String searchWord;
        final long media;
        final long webhook;
        final long delivery;
        final long importJob;
        private static Targets shared;

        private Targets(String category, String article, String otherArticle, long comment, long token, String searchWord, long media,
                long webhook, long delivery, long importJob) {
            this.importJob = importJob;
            this.webhook = webhook;
            this.delivery = delivery;
            this.category = category;
            this.article = article;
            this.otherArticle = otherArticle;
            this.comment = comment;
            this.token = token;
            this.searchWord = searchWord;
            this.media = media;
        }

        static synchronized Targets shared() {
            if (shared == null) {
                shared = create();
            }
            return shared;
        }

        static Targets create() {
            String category = Fixtures.category().name(unique("Hostile category")).parent(rootCategory).createSlug();
            String word = "hostileword" + unique("w").replaceAll("[^a-z0-9]", "");
            String markdown = word + " <script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))\n\n"
                    + "<a href=\"javascript:alert(1)\">a</a> <iframe src=\"https://evil.example\"></iframe> <svg onload=alert(1)>\n\n"
                    + "![x](javascript:alert(1) \"caption\")\n\n<div style=\"background:url(javascript:alert(1))\">x</div> "
                    + "<object data=\"x\"></object> [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
                    + "<a href=\"jav&#x09;ascript:alert(1)\">tab</a> <math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>\n\n"
                    + "' OR 1=1-- '; DROP TABLE article;-- " + word;
            String article = Fixtures.article().title("Hostile " + word).category(category).tags("hostile", "<script>")
                    .body(markdown).createSlug();
            String other = Fixtures.article().category(category).createSlug();
            long comment = Comments.comment(article).body("A remark with <script>alert(1)</script> and https://example.org/x " + word).approved();
            Map<String, Object> tokenBody = Map.of("name", unique("hostile-token"), "role", "editor");
            long token = ((Number) asAdmin().contentType(ContentType.JSON).body(tokenBody).when().post("/api/v1/tokens")
                    .then().statusCode(201).extract().path("id")).longValue();
            long media = ((Number) asAdmin().contentType("image/png")
                    .body(HostileImages.uniquePng()).when().post("/api/v1/media").then().statusCode(201).extract().path("id")).longValue();
            // A webhook of its own (to a closed local port: its deliveries fail and are retried) with one delivery.
            long webhook = ((Number) asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:9/hostile", "events", List.of("webhook.test"))).when().post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("id")).longValue();
            asAdmin().when().post("/api/v1/webhooks/" + webhook + "/test").then().statusCode(202);
            long delivery = ((Number) asAdmin()
                    .when().get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200).extract().path("items[0].id")).longValue();
            // A dry-run WordPress import of a one-post export: a job to read.
            byte[] export = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                    + "<channel><title>Hostile</title><link>https://hostile.example</link><wp:wxr_version>1.2</wp:wxr_version>"
                    + "<item><title>x</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>draft</wp:status></item>"
                    + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
            long importJob = ((Number) asAdmin().contentType("application/xml").body(export).queryParam("dryRun", "true").when()
                    .post("/api/v1/imports/wordpress").then().statusCode(202).extract().path("id")).longValue();
            return new Targets(category, article, other, comment, token, word, media, webhook, delivery, importJob);
        }

        Map<String, String> pathValues() {
            Map<String, String> values = new HashMap<>();
            values.put("articles.slug", article);
            values.put("categories.slug", category);
            values.put("comments.id", Long.toString(comment));
            values.put("tokens.id", Long.toString(token));
            values.put("media.id", Long.toString(media));
            values.put("webhooks.id", Long.toString(webhook));
            values.put("deliveries.deliveryId", Long.toString(delivery));
            values.put("imports.id", Long.toString(importJob));
            values.put("revisions.number", "1"); // every article created since history is kept has its first revision
            values.put("articles-.n", "1"); // /sitemaps/articles-{n}.xml: the first article sitemap, there whenever an article is
            return values;
        }
    }
}
