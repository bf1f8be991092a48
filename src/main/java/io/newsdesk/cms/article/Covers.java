package io.newsdesk.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Tuple;

import io.newsdesk.cms.media.FocalPoint;
import io.newsdesk.cms.media.MediaFiles;

/**
 * Reads an article's cover from its row: the external image columns, or the library item the article
 * names, read in the same statement through a join (never one more statement per article). Every query
 * that shows covers appends {@link #columns} and {@link #join}.
 */
@ApplicationScoped
public class Covers {

    /** How many columns {@link #columns} adds; they come last in the select list. */
    public static final int COLUMNS = 15;

    @Inject
    MediaFiles files;

    /* Each fragment starts with a space and ends with a line break, so it fits anywhere between SQL text-block lines. */

    /** The cover's columns of article alias {@code a} and its item's alias {@code m}, named so a subquery can pass them on. */
    public static String columns(String a, String m) {
        return " " + a + ".cover_url as cover_url, " + a + ".cover_alt as cover_alt, " + a + ".cover_caption as cover_caption, "
                + a + ".cover_width as cover_width, " + a + ".cover_height as cover_height, " + a + ".cover_media_id as cover_media_id, "
                + m + ".sha256 as cover_sha, " + m + ".content_type as cover_type, " + m + ".width as cover_item_width, "
                + m + ".height as cover_item_height, " + m + ".alt as cover_item_alt, " + m + ".caption as cover_item_caption, "
                + m + ".credit as cover_credit, " + m + ".focal_x as cover_focal_x, " + m + ".focal_y as cover_focal_y\n";
    }

    /** The same columns read again from a subquery {@code x} that selected {@link #columns}. */
    public static String passOn(String x) {
        return String.join(", ", java.util.stream.Stream.of("cover_url", "cover_alt", "cover_caption", "cover_width", "cover_height",
                "cover_media_id", "cover_sha", "cover_type", "cover_item_width", "cover_item_height", "cover_item_alt",
                "cover_item_caption", "cover_credit", "cover_focal_x", "cover_focal_y").map(c -> x + "." + c).toList()) + "\n";
    }

    /** The join that brings the item of article alias {@code a}'s cover in as {@code m}. */
    public static String join(String a, String m) {
        return " left join media " + m + " on " + m + ".id = " + a + ".cover_media_id\n";
    }

    /** The cover from the {@link #COLUMNS} columns starting at {@code at}. */
    public CoverImage read(Object[] r, int at) {
        if (r[at + 5] != null && r[at + 6] != null) {
            int width = ((Number) r[at + 8]).intValue();
            int height = ((Number) r[at + 9]).intValue();
            MediaFiles.Picture picture = files.picture((String) r[at + 6], (String) r[at + 7], width, height);
            FocalPoint focal = r[at + 13] == null ? null
                    : new FocalPoint(((Number) r[at + 13]).doubleValue(), ((Number) r[at + 14]).doubleValue());
            return new CoverImage(picture.url(), first((String) r[at + 1], (String) r[at + 10]), first((String) r[at + 2], (String) r[at + 11]),
                    width, height, ((Number) r[at + 5]).longValue(), (String) r[at + 12], focal, picture.srcset(), picture.sources());
        }
        if (r[at] == null) {
            return null;
        }
        return new CoverImage((String) r[at], (String) r[at + 1], (String) r[at + 2], toInteger(r[at + 3]), toInteger(r[at + 4]));
    }

    /** The cover from a tuple that selected {@link #columns}. */
    public CoverImage read(Tuple t) {
        Object[] r = new Object[COLUMNS];
        String[] names = { "cover_url", "cover_alt", "cover_caption", "cover_width", "cover_height", "cover_media_id", "cover_sha",
                "cover_type", "cover_item_width", "cover_item_height", "cover_item_alt", "cover_item_caption", "cover_credit",
                "cover_focal_x", "cover_focal_y" };
        for (int i = 0; i < COLUMNS; i++) {
            r[i] = t.get(names[i]);
        }
        return read(r, 0);
    }

    private static String first(String own, String item) {
        return own != null ? own : item;
    }

    private static Integer toInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}
