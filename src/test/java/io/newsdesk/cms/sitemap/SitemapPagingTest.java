package io.newsdesk.cms.sitemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The split of article URLs into sitemap files, at the protocol's 50,000 and at small sizes. */
class SitemapPagingTest {

    private final SitemapPaging protocol = new SitemapPaging(SitemapPaging.PROTOCOL_MAX);

    @Test
    void shouldNeedNoFileForNoArticlesAndOneUpToFiftyThousand() {
        assertEquals(0, protocol.files(0));
        assertEquals(1, protocol.files(1));
        assertEquals(1, protocol.files(49_999));
        assertEquals(1, protocol.files(50_000));
    }

    @Test
    void shouldStartASecondFileAtTheFiftyThousandAndFirstUrl() {
        assertEquals(2, protocol.files(50_001));
        assertEquals(2, protocol.files(100_000));
        assertEquals(3, protocol.files(100_001));
        assertEquals(1, protocol.fileOf(50_000));
        assertEquals(2, protocol.fileOf(50_001));
        assertEquals(0, protocol.offset(1));
        assertEquals(50_000, protocol.offset(2));
        assertEquals(100_000, protocol.offset(3));
    }

    @Test
    void shouldPutEveryPositionInTheFileWhoseOffsetItFollows() {
        SitemapPaging small = new SitemapPaging(3);
        for (long position = 1; position <= 20; position++) {
            int file = small.fileOf(position);
            assertTrue(position > small.offset(file) && position <= small.offset(file) + 3, "position " + position + " in file " + file);
            assertTrue(file <= small.files(position), "file " + file + " exists once there are " + position + " URLs");
        }
        assertEquals(7, small.files(20));
        assertEquals(7, small.fileOf(20));
    }

    @Test
    void shouldKeepOffsetsExactPastTwoBillionUrls() {
        assertEquals(2_147_450_000L, protocol.offset(42_950));
        assertEquals(Integer.MAX_VALUE / 50_000 + 1, protocol.files(Integer.MAX_VALUE));
    }

    @Test
    void shouldRefuseFilesLargerThanTheProtocolAllowsOrEmpty() {
        assertThrows(IllegalArgumentException.class, () -> new SitemapPaging(50_001));
        assertThrows(IllegalArgumentException.class, () -> new SitemapPaging(0));
    }

    @Test
    void shouldReadOnlyPlainFileNumbersFromOne() {
        assertEquals(OptionalInt.of(1), SitemapPaging.parse("1"));
        assertEquals(OptionalInt.of(12), SitemapPaging.parse("12"));
        assertEquals(OptionalInt.of(Integer.MAX_VALUE), SitemapPaging.parse("2147483647"));
        for (String bad : new String[] { null, "", "0", "01", "-1", "+1", "1.5", "x", "2147483648", "99999999999", " 1", "1e3" }) {
            assertEquals(OptionalInt.empty(), SitemapPaging.parse(bad), String.valueOf(bad));
        }
    }
}
