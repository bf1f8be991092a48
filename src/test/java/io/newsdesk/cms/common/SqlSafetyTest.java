package io.newsdesk.cms.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * SQL is built only with bound parameters: this reads the service's source and finds every statement
 * that glues a SQL text to something other than another literal or a constant. The only such places
 * are a few reviewed fragment builders, which choose among fixed SQL fragments (a sort key from a
 * closed list, a WHERE clause whose values go into named parameters); a new one fails this test
 * until it is reviewed and listed here.
 */
class SqlSafetyTest {

    private static final Path SOURCES = Path.of("src/main/java");

    private static final String COVER_COLUMNS = "Covers.columns(\"\", \"\")";
    private static final String COVER_JOIN = "Covers.join(\"\", \"\")";

    /** Reviewed concatenations: file name → operands that are SQL fragments picked from fixed text, never values. */
    private static final Map<String, Set<String>> REVIEWED = Map.of(
            // Sort keys and WHERE clauses from fixed fragments; every value is a named parameter.
            "ArticleRepository.java", Set.of("snippet(query)", "where", "orderBy(query.sort(), rank)", "key", "where(query, params)",
                    "rank(query, params)", "walk", "order", COVER_COLUMNS, COVER_JOIN,
                    // the one public rule as SQL text, and the fixed extra column list of a keyset page
                    "ArticleQuery.Visibility.PUBLISHED.sql", "Article.scheduledSql(\"\")", "more"),
            // The one public rule as SQL text (article.Article), on a fixed alias.
            "CategoryRepository.java", Set.of("Article.publicSql(\"\")", "Article.scheduledSql(\"\")"),
            // The cover columns and join of article.Covers, built from fixed table aliases.
            "RelatedRepository.java", Set.of(COVER_COLUMNS, COVER_JOIN, "Covers.passOn(\"\")", "Article.publicSql(\"\")"),
            // A WHERE clause from fixed fragments; the search words are a bound parameter.
            "MediaRepository.java", Set.of("where", "sight.sql(\"\")"),
            // A WHERE clause from fixed fragments, and a constant column list re-aliased.
            "CommentRepository.java", Set.of("queueWhere(status, articleSlug, params)", "PUBLIC_COLUMNS.replace(\"\", \"\")"),
            // Not SQL text: the escaped LIKE pattern is itself a bound parameter's value.
            "SlugHistory.java", Set.of("replace(\"\", \"\")"));

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern SQL = Pattern.compile(
            "(?i)\\b(select\\s.+\\sfrom|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from|\\bwhere\\b|order\\s+by|\\band\\s*\\()");
    /** An operand next to a '+': a name, possibly dotted, possibly a call with one level of nested parentheses. */
    private static final Pattern AFTER_PLUS = Pattern.compile("\\+\\s*([A-Za-z_][\\w.]*(?:\\((?:[^()]|\\([^()]*\\))*\\))?)");
    private static final Pattern BEFORE_PLUS = Pattern.compile("([A-Za-z_][\\w.]*(?:\\((?:[^()]|\\([^()]*\\))*\\))?)\\s*\\+(?!\\+)");

    @Test
    void shouldBuildSqlOnlyFromLiteralsConstantsAndReviewedFragments() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        int sqlStatements = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                for (String statement : statements(Files.readString(file))) {
                    Matcher literals = LITERAL.matcher(statement);
                    boolean sql = false;
                    StringBuilder stripped = new StringBuilder();
                    while (literals.find()) {
                        sql |= SQL.matcher(literals.group()).find();
                        literals.appendReplacement(stripped, "\"\"");
                    }
                    literals.appendTail(stripped);
                    if (!sql) {
                        continue;
                    }
                    sqlStatements++;
                    for (String operand : operands(stripped.toString())) {
                        if (!operand.matches("[A-Z][A-Z0-9_]*") && !REVIEWED.getOrDefault(name, Set.of()).contains(operand)) {
                            found.computeIfAbsent(name, k -> new ArrayList<>()).add(operand);
                        }
                    }
                }
            }
        }
        assertTrue(sqlStatements > 20, "the scan found the service's SQL (" + sqlStatements + " statements)");
        assertEquals(Map.of(), found, "SQL glued to values: bind them as parameters instead (or review the fragment and list it)");
    }

    @Test
    void shouldCatchAValueGluedIntoSql() {
        List<String> operands = operands(strip("q = em.createNativeQuery(\"select * from article where slug = '\" + slug + \"'\");"));
        assertEquals(List.of("slug"), operands);
    }

    private static String strip(String statement) {
        return LITERAL.matcher(statement).replaceAll("\"\"");
    }

    private static List<String> operands(String statement) {
        List<String> operands = new ArrayList<>();
        for (Pattern pattern : List.of(AFTER_PLUS, BEFORE_PLUS)) {
            Matcher m = pattern.matcher(statement);
            while (m.find()) {
                if (!operands.contains(m.group(1))) {
                    operands.add(m.group(1));
                }
            }
        }
        return operands;
    }

    /** Splits source into rough statements at semicolons outside string literals and text blocks. */
    private static List<String> statements(String source) {
        List<String> statements = new ArrayList<>();
        Matcher literals = LITERAL.matcher(source);
        int start = 0;
        int from = 0;
        while (true) {
            int literal = literals.find(from) ? literals.start() : source.length();
            int semicolon = source.indexOf(';', from);
            if (semicolon < 0) {
                break;
            }
            if (semicolon < literal) {
                statements.add(source.substring(start, semicolon));
                start = semicolon + 1;
                from = start;
            } else {
                from = literals.end();
            }
        }
        return statements;
    }
}
