package io.newsdesk.cms.wordpress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an import found and did, kind by kind, with every warning naming the WordPress object it is about. */
public final class ImportReport {

    /** At most this many warnings are listed; the rest are counted. */
    static final int MAX_WARNINGS = 10_000;

    private final Map<String, Tally> counts = new LinkedHashMap<>();
    private final Map<String, Integer> unknownShortcodes = new TreeMap<>();
    private final List<Warning> warnings = new ArrayList<>();
    private final List<SlugChange> slugChanges = new ArrayList<>();
    private int warningsLeftOut;
    private int captions;
    private int galleries;
    private int embeds;

    ImportReport() {
        for (String kind : List.of("authors", "categories", "tags", "posts", "pages", "comments", "attachments", "pingbacks",
                "menuItems", "other")) {
            counts.put(kind, new Tally());
        }
    }

    /** How many of one kind were seen, and what became of them. */
    @Schema(name = "ImportTally")
    public static final class Tally {
        public int seen;
        public int imported;
        public int updated;
        public int unchanged;
        public int skipped;
    }

    @Schema(name = "ImportWarning")
    public record Warning(@Schema(description = "post, page, comment, category, attachment...") String kind,
            @Schema(description = "The WordPress id of the object, when it has one") Long wordpressId, String message) {
    }

    @Schema(name = "ImportSlugChange", description = "A post whose slug was taken here: it got the next free one")
    public record SlugChange(long wordpressId, String wanted, String slug) {
    }

    @Schema(name = "ImportContent")
    public record Content(int captions, int galleries, int embeds,
            @Schema(description = "Shortcodes kept as text, by name, with how often they occur") Map<String, Integer> unknownShortcodes) {
    }

    @Schema(name = "ImportReport")
    public record View(
            @Schema(description = "Per kind: seen, imported (new), updated, unchanged and skipped") Map<String, Tally> counts,
            Content content, List<SlugChange> slugChanges, List<Warning> warnings,
            @Schema(description = "Warnings past the first " + MAX_WARNINGS + ", not listed") int warningsLeftOut) {
    }

    Tally of(String kind) {
        return counts.get(kind);
    }

    void warn(String kind, Long wordpressId, String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new Warning(kind, wordpressId, message));
        } else {
            warningsLeftOut++;
        }
    }

    void slugChanged(long wordpressId, String wanted, String slug) {
        slugChanges.add(new SlugChange(wordpressId, wanted, slug));
        warn("post", wordpressId, "The slug '" + wanted + "' is taken here; the article got '" + slug + "'");
    }

    void content(WordPressContent.Converted converted) {
        captions += converted.captions();
        galleries += converted.galleries();
        embeds += converted.embeds();
        converted.unknownShortcodes().forEach((name, n) -> unknownShortcodes.merge(name, n, Integer::sum));
    }

    /** Adds what another part of the same import found (a batch written apart), after what this one holds. */
    void add(ImportReport part) {
        part.counts.forEach((kind, t) -> {
            Tally mine = counts.computeIfAbsent(kind, k -> new Tally());
            mine.seen += t.seen;
            mine.imported += t.imported;
            mine.updated += t.updated;
            mine.unchanged += t.unchanged;
            mine.skipped += t.skipped;
        });
        part.warnings.forEach(w -> warn(w.kind(), w.wordpressId(), w.message()));
        warningsLeftOut += part.warningsLeftOut;
        slugChanges.addAll(part.slugChanges);
        captions += part.captions;
        galleries += part.galleries;
        embeds += part.embeds;
        part.unknownShortcodes.forEach((name, n) -> unknownShortcodes.merge(name, n, Integer::sum));
    }

    View view() {
        return new View(counts, new Content(captions, galleries, embeds, unknownShortcodes), slugChanges, warnings, warningsLeftOut);
    }
}
