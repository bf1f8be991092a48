package io.newsdesk.cms.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Slugs as the contract describes them: lowercase a-z, 0-9 and single hyphens, accents folded, never empty. */
class SlugsTest {

    private static final String FALLBACK = "category";

    @Test
    void shouldFoldAccentsAsInTheContractExample() {
        assertEquals("cafe-deja-vu", Slugs.slugify("Café Déjà Vu", FALLBACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Straße                | strasse",
            "Größe der Straße      | grosse-der-strasse",
            "Ärger über Öl         | arger-uber-ol",
            "MÜNCHEN               | munchen",
    })
    void shouldFoldGermanSharpSAndUmlauts(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Smørrebrød på Ærø     | smorrebrod-pa-aero",
            "Ålesund               | alesund",
            "Æbleskiver            | aebleskiver",
            "Þingvellir            | thingvellir",
    })
    void shouldFoldNordicLetters(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Łódź                  | lodz",
            "Żółć i łąka           | zolc-i-laka",
            "Wrocław               | wroclaw",
    })
    void shouldFoldPolishLettersIncludingStrokedL(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "İstanbul ırmak        | istanbul-irmak",
            "Đà Nẵng phở           | da-nang-pho",
            "Œuvre complète        | oeuvre-complete",
            "ﬁnance ＡＢＣ          | finance-abc",
    })
    void shouldFoldOtherLatinLettersAndCompatibilityForms(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Hello,   World!!! -- Really?   | hello-world-really",
            "C++ / Java: 2024 (draft)       | c-java-2024-draft",
            "a_b.c~d^e                      | a-b-c-d-e",
    })
    void shouldCollapseRunsOfPunctuationAndSpaceIntoOneHyphen(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @Test
    void shouldTreatTabsAndNewlinesLikeSpaces() {
        assertEquals("tabs-and-new-lines", Slugs.slugify("Tabs\tand\nnew\r\nlines", FALLBACK));
    }

    @Test
    void shouldSpellOutAmpersandAndAtSign() {
        assertEquals("tech-and-science", Slugs.slugify("Tech & Science", FALLBACK));
        assertEquals("rock-and-roll", Slugs.slugify("Rock&Roll", FALLBACK));
        assertEquals("meet-us-at-cebit", Slugs.slugify("Meet us @ CeBIT", FALLBACK));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'  --Hello--  '        | hello",
            "!!!Breaking!!!         | breaking",
            "'-- spaced  out --'    | spaced-out",
            "...and more...         | and-more",
    })
    void shouldTrimLeadingAndTrailingHyphens(String title, String slug) {
        assertEquals(slug, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest
    @ValueSource(strings = { "🎉🎉🎉", "日本語のニュース", "!!!", "   ", "---", "🚀 — ✨" })
    void shouldFallBackWhenNothingSluggableIsLeft(String title) {
        assertEquals(FALLBACK, Slugs.slugify(title, FALLBACK));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void shouldFallBackForNoTitleAtAll(String title) {
        assertEquals(FALLBACK, Slugs.slugify(title, FALLBACK));
    }

    @Test
    void shouldKeepTheLatinPartOfAMixedTitle() {
        assertEquals("tokyo-2024", Slugs.slugify("東京 Tokyo 2024 🎌", FALLBACK));
    }

    @Test
    void shouldCutAVeryLongTitleToAtMost190CharactersWithoutATrailingHyphen() {
        String title = "The quick brown fox jumps over the lazy dog ".repeat(20);

        String slug = Slugs.slugify(title, FALLBACK);

        assertTrue(slug.length() <= Slugs.MAX_LENGTH - 10, "length " + slug.length());
        assertFalse(slug.endsWith("-"), slug);
        assertTrue(slug.startsWith("the-quick-brown-fox-jumps-over-the-lazy-dog-the-quick"), slug);
        assertTrue(Slugs.isValid(slug), slug);
    }

    @Test
    void shouldDropTheHyphenWhenTheCutFallsRightAfterIt() {
        // 189 letters, then a space: the 190th character of the slug is a hyphen.
        String title = "a".repeat(189) + " bcd";

        String slug = Slugs.slugify(title, FALLBACK);

        assertEquals("a".repeat(189), slug);
    }

    @Test
    void shouldLeaveRoomForAClashSuffixWithinTheMaximumLength() {
        String slug = Slugs.slugify("x".repeat(500), FALLBACK);

        assertEquals(190, slug.length());
        assertTrue(Slugs.isValid(slug + "-99999"), "a suffixed slug must still be valid");
    }

    @Test
    void shouldProduceValidSlugsForAwkwardTitles() {
        for (String title : new String[] { "Café Déjà Vu", "  --Hello--  ", "Ärger & Öl @ 5", "a -- b", "Łódź/Żółć", "x".repeat(400),
                "The end.", "9 to 5" }) {
            assertTrue(Slugs.isValid(Slugs.slugify(title, FALLBACK)), title);
        }
    }

    @Test
    void shouldTakeTheBaseWhenItIsFree() {
        assertEquals("news", Slugs.firstFree("news", Set.of()));
        assertEquals("news", Slugs.firstFree("news", Set.of("news-2", "newsroom")));
    }

    @Test
    void shouldPickTheFirstFreeNumberedSuffix() {
        assertEquals("news-2", Slugs.firstFree("news", Set.of("news")));
        assertEquals("news-3", Slugs.firstFree("news", Set.of("news", "news-2")));
        assertEquals("news-4", Slugs.firstFree("news", Set.of("news", "news-2", "news-3")));
    }

    @Test
    void shouldFillAGapInTheSuffixes() {
        assertEquals("news-2", Slugs.firstFree("news", Set.of("news", "news-3", "news-4")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "abc", "a-b-c", "news-2024", "2024", "cafe-deja-vu" })
    void shouldAcceptValidSlugs(String slug) {
        assertTrue(Slugs.isValid(slug));
    }

    @Test
    void shouldAcceptASlugOfExactly200Characters() {
        assertTrue(Slugs.isValid("a".repeat(200)));
        assertFalse(Slugs.isValid("a".repeat(201)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "-a", "a-", "a--b", "A", "Abc", "a_b", "a b", "a.b", "café", "a/b", " a", "a\n" })
    void shouldRejectInvalidSlugs(String slug) {
        assertFalse(Slugs.isValid(slug));
    }
}
