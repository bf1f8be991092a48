package io.newsdesk.cms.related;

import static io.newsdesk.cms.related.RelatedApi.curated;
import static io.newsdesk.cms.related.RelatedApi.external;
import static io.newsdesk.cms.related.RelatedApi.internal;
import static io.newsdesk.cms.related.RelatedApi.items;
import static io.newsdesk.cms.related.RelatedApi.linkedSlugs;
import static io.newsdesk.cms.related.RelatedApi.patchArticle;
import static io.newsdesk.cms.related.RelatedApi.related;
import static io.newsdesk.cms.related.RelatedApi.relatedAsEditor;
import static io.newsdesk.cms.related.RelatedApi.sources;
import static io.newsdesk.cms.support.Fixtures.article;
import static io.newsdesk.cms.support.Fixtures.category;
import static io.newsdesk.cms.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.support.Fixtures.ArticleBuilder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Automatic suggestions filling a block up to cms.related.count (4). Every test tags its articles with
 * tags of its own: sharing a tag ranks first, so the expected suggestions rank above whatever else the
 * shared test database holds.
 */
@QuarkusTest
class RelatedSuggestionTest {

    @jakarta.inject.Inject
    io.newsdesk.cms.common.cache.ResponseCache cache;

    private static final int COUNT = 4;

    @Test
    void shouldFillAnUncuratedBlockWithFourSuggestionsWithoutIds() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        List<String> tagged = newestFirst(5, () -> article().tags(tag));

        related(source).then().statusCode(200)
                .body("items", hasSize(COUNT))
                .body("items.source", everyItem(equalTo("suggested")))
                .body("items.kind", everyItem(equalTo("article")))
                .body("items.id", everyItem(nullValue()))
                .body("items.state", everyItem(nullValue()))
                .body("items.position", contains(1, 2, 3, 4))
                .body("items.article.slug", contains(tagged.subList(0, COUNT).toArray()));
    }

    @Test
    void shouldRankAnArticleSharingTwoTagsBeforeOnesSharingOneAndThoseBeforeTheSameCategory() {
        String red = unique("red");
        String blue = unique("blue");
        String section = category().createSlug();
        String elsewhere = category().createSlug();
        String source = article().tags(red, blue).category(section).createSlug();
        // the older the article, the better its tags and category: only the ranking can put it first
        String twoTags = article().tags(blue, red).category(elsewhere).publishedAt(ago(5)).createSlug();
        String oneTagOlder = article().tags(red).category(elsewhere).publishedAt(ago(4)).createSlug();
        String oneTagNewer = article().tags(blue.toUpperCase()).category(elsewhere).publishedAt(ago(3)).createSlug();
        String sameCategory = article().category(section).publishedAt(ago(2)).createSlug();
        article().category(elsewhere).publishedAt(ago(1)).createSlug();

        assertEquals(List.of(twoTags, oneTagNewer, oneTagOlder, sameCategory), linkedSlugs(items(source)));
    }

    @Test
    void shouldRankTheSameCategoryBeforeAParentChildOrSiblingAndThoseBeforeAnUnrelatedOne() {
        String tag = unique("tag");
        String parent = category().createSlug();
        String own = category().parent(parent).createSlug();
        String sibling = category().parent(parent).createSlug();
        String child = category().parent(own).createSlug();
        String unrelated = category().createSlug();
        String source = article().tags(tag).category(own).createSlug();
        // every candidate shares the one tag; the oldest has the best category
        String inSameCategory = article().tags(tag).category(own).publishedAt(ago(6)).createSlug();
        String inParent = article().tags(tag).category(parent).publishedAt(ago(5)).createSlug();
        String inChild = article().tags(tag).category(child).publishedAt(ago(4)).createSlug();
        String inSibling = article().tags(tag).category(sibling).publishedAt(ago(3)).createSlug();
        String inUnrelated = article().tags(tag).category(unrelated).publishedAt(ago(2)).createSlug();
        String withoutCategory = article().tags(tag).publishedAt(ago(1)).createSlug();

        List<String> block = linkedSlugs(items(source));

        assertEquals(List.of(inSameCategory, inSibling, inChild, inParent), block,
                "same category, then the family newest first; unrelated " + inUnrelated + " and uncategorised " + withoutCategory
                        + " come after");
    }

    @Test
    void shouldRankTheNewestFirstWhenTagsAndCategoryTie() {
        String tag = unique("tag");
        String section = category().createSlug();
        String source = article().tags(tag).category(section).createSlug();
        String middle = article().tags(tag).category(section).publishedAt(ago(2)).createSlug();
        String newest = article().tags(tag).category(section).publishedAt(ago(1)).createSlug();
        String oldest = article().tags(tag).category(section).publishedAt(ago(3)).createSlug();
        String oldestStill = article().tags(tag).category(section).publishedAt(ago(4)).createSlug();
        String tooOld = article().tags(tag).category(section).publishedAt(ago(5)).createSlug();

        List<String> block = linkedSlugs(items(source));

        assertEquals(List.of(newest, middle, oldest, oldestStill), block);
        assertFalse(block.contains(tooOld));
    }

    @Test
    void shouldNeverSuggestTheArticleItself() {
        String tag = unique("tag");
        String section = category().createSlug();
        String source = article().tags(tag, unique("x"), unique("y")).category(section).publishedAt(ago(1)).createSlug();
        List<String> others = newestFirst(4, () -> article().tags(tag).category(section));

        List<String> block = linkedSlugs(items(source));

        assertFalse(block.contains(source), "the article shares every tag with itself but is never its own suggestion");
        assertEquals(others, block);
        assertFalse(linkedSlugs(relatedAsEditor(source).then().statusCode(200).extract().jsonPath().getList("items")).contains(source));
    }

    @Test
    void shouldNeverSuggestAnArticleThatIsAlreadyACuratedLink() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        String best = article().tags(tag).publishedAt(ago(1)).createSlug();
        List<String> rest = newestFirst(4, () -> article().tags(tag));
        curated(source, internal(best));

        List<Map<String, Object>> block = items(source);

        assertEquals(List.of("curated", "suggested", "suggested", "suggested"), sources(block));
        assertEquals(best, linkedSlugs(block).get(0));
        assertEquals(rest.subList(0, 3), linkedSlugs(block).subList(1, 4), "the curated target appears once");
    }

    @Test
    void shouldNeverSuggestADraftScheduledOrArchivedArticle() {
        String red = unique("red");
        String green = unique("green");
        String blue = unique("blue");
        String section = category().createSlug();
        String source = article().tags(red, green, blue).category(section).createSlug();
        String draft = article().draft().tags(red, green, blue).category(section).publishedAt(ago(1)).createSlug();
        String scheduled = article().tags(red, green, blue).category(section)
                .publishedAt(Instant.now().plus(1, ChronoUnit.DAYS)).createSlug();
        String archived = article().archived().tags(red, green, blue).category(section).publishedAt(ago(1)).createSlug();
        List<String> publicOnes = newestFirst(4, () -> article().tags(red));

        List<String> anonymous = linkedSlugs(items(source));
        List<String> editor = linkedSlugs(relatedAsEditor(source).then().statusCode(200).extract().jsonPath().getList("items"));

        assertEquals(publicOnes, anonymous, "not " + List.of(draft, scheduled, archived));
        assertEquals(publicOnes, editor, "editors are suggested public articles only, too");
    }

    @Test
    void shouldAddOnlyTwoSuggestionsAfterTwoPublicCuratedLinks() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        String first = article().createSlug();
        String second = article().createSlug();
        List<String> tagged = newestFirst(4, () -> article().tags(tag));
        curated(source, internal(first), internal(second));

        related(source).then().statusCode(200)
                .body("items.source", contains("curated", "curated", "suggested", "suggested"))
                .body("items.position", contains(1, 2, 3, 4))
                .body("items.article.slug", contains(first, second, tagged.get(0), tagged.get(1)));
    }

    @Test
    void shouldCountAnExternalLinkAsAPublicCuratedLink() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        List<String> tagged = newestFirst(4, () -> article().tags(tag));
        curated(source, external("https://example.org/" + unique("page"), "Elsewhere", null));

        List<Map<String, Object>> block = items(source);

        assertEquals(List.of("curated", "suggested", "suggested", "suggested"), sources(block));
        assertEquals(tagged.subList(0, 3), linkedSlugs(block).subList(1, 4));
    }

    @Test
    void shouldShowNoSuggestionsWhenCurationFillsTheBlock() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        newestFirst(2, () -> article().tags(tag));
        List<Object> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(internal(article().createSlug()));
        }
        curated(source, five.toArray());

        related(source).then().statusCode(200)
                .body("items", hasSize(5))
                .body("items.source", everyItem(equalTo("curated")));
    }

    @Test
    void shouldLetASuggestionTakeThePlaceOfACuratedLinkToAScheduledArticle() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        String scheduled = article().publishedAt(Instant.now().plus(3, ChronoUnit.DAYS)).createSlug();
        String published = article().createSlug();
        List<String> tagged = newestFirst(4, () -> article().tags(tag));
        curated(source, internal(scheduled), internal(published));

        List<Map<String, Object>> anonymous = items(source);
        assertEquals(List.of("curated", "suggested", "suggested", "suggested"), sources(anonymous));
        assertEquals(List.of(published, tagged.get(0), tagged.get(1), tagged.get(2)), linkedSlugs(anonymous));

        relatedAsEditor(source).then().statusCode(200)
                .body("items.source", contains("curated", "curated", "suggested", "suggested", "suggested"))
                .body("items.state", contains("scheduled", "published", "published", "published", "published"))
                .body("items.article.slug", contains(scheduled, published, tagged.get(0), tagged.get(1), tagged.get(2)));
    }

    @Test
    void shouldChangeSuggestionsOnTheNextReadWhenTheTagsChange() {
        String before = unique("before");
        String after = unique("after");
        String source = article().tags(before).createSlug();
        List<String> taggedBefore = newestFirst(4, () -> article().tags(before));
        List<String> taggedAfter = newestFirst(4, () -> article().tags(after));
        assertEquals(taggedBefore, linkedSlugs(items(source)));

        patchArticle(source, Map.of("tags", List.of(after)));

        assertEquals(taggedAfter, linkedSlugs(items(source)));
    }

    @Test
    void shouldChangeSuggestionsOnTheNextReadWhenTheCategoryChanges() {
        String first = category().createSlug();
        String second = category().createSlug();
        String source = article().category(first).createSlug();
        List<String> inFirst = newestFirst(4, () -> article().category(first));
        List<String> inSecond = newestFirst(4, () -> article().category(second));
        assertEquals(inFirst, linkedSlugs(items(source)));

        patchArticle(source, Map.of("categorySlug", second));

        assertEquals(inSecond, linkedSlugs(items(source)));
    }

    @Test
    void shouldRankACandidateByItsCurrentTagsWhenTheBlockIsComputedAgain() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        List<String> tagged = newestFirst(4, () -> article().tags(tag));
        String latecomer = article().publishedAt(Instant.now().minusSeconds(60)).createSlug();
        assertFalse(linkedSlugs(items(source)).contains(latecomer));

        patchArticle(latecomer, Map.of("tags", List.of(tag)));
        // A kept block keeps its suggestions until it is computed again (within the server cache's time to live).
        cache.clear();

        assertEquals(List.of(latecomer, tagged.get(0), tagged.get(1), tagged.get(2)), linkedSlugs(items(source)));
    }

    @Test
    void shouldDropAKeptBlockAtOnceWhenASuggestedArticleIsEditedOrWithdrawn() {
        String tag = unique("tag");
        String source = article().tags(tag).createSlug();
        List<String> tagged = newestFirst(5, () -> article().tags(tag));
        assertEquals(tagged.subList(0, 4), linkedSlugs(items(source)));

        patchArticle(tagged.get(0), Map.of("title", "Renamed suggestion"));
        related(source).then().body("items[0].title", equalTo("Renamed suggestion"));
        patchArticle(tagged.get(1), Map.of("status", "draft"));

        assertEquals(List.of(tagged.get(0), tagged.get(2), tagged.get(3), tagged.get(4)), linkedSlugs(items(source)));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Instant ago(int hours) {
        return Instant.now().minus(hours, ChronoUnit.HOURS);
    }

    /** Publishes {@code count} articles made by {@code builder}, one minute apart from 20 minutes ago, and answers their slugs newest first. */
    private static List<String> newestFirst(int count, Supplier<ArticleBuilder> builder) {
        Instant newest = Instant.now().minus(20, ChronoUnit.MINUTES);
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slugs.add(builder.get().publishedAt(newest.minus(i, ChronoUnit.MINUTES)).createSlug());
        }
        return List.copyOf(slugs);
    }
}
