package io.newsdesk.cms.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.common.config.CmsConfig;

/**
 * The one rule for an item's files: which renditions exist, what they are named, where they are stored
 * and at which URL they are served. Files are named by the item's hash and the rendition
 * ({@code <sha256>/640.webp}, {@code <sha256>/full.jpg}), so a URL always means the same bytes.
 */
@ApplicationScoped
public class MediaFiles {

    /** Where the service serves media files, below the API's base path. */
    public static final String PATH = "/api/v1/media/files";

    private static final Pattern NAME = Pattern.compile("(full|[1-9][0-9]{0,4})\\.(jpg|png|gif|webp)");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

    /** One file of an item: {@code width} 0 names the full-size original. */
    public record Variant(String name, int width, int height, ImageFormat format) {
        public boolean full() {
            return name.startsWith("full.");
        }
    }

    private final List<Integer> widths;
    private final String base;

    @Inject
    public MediaFiles(CmsConfig config) {
        this.widths = List.copyOf(new TreeSet<>(config.media().widths()));
        this.base = config.media().baseUrl().map(u -> u.replaceAll("/+$", "")).orElse(PATH);
    }

    public List<Integer> widths() {
        return widths;
    }

    /** The storage key of an item's file. */
    public static String key(String sha256, String name) {
        return sha256.substring(0, 2) + "/" + sha256 + "/" + name;
    }

    /** The prefix under which all of an item's files are stored. */
    public static String prefix(String sha256) {
        return sha256.substring(0, 2) + "/" + sha256 + "/";
    }

    public String url(String sha256, String name) {
        return base + "/" + sha256 + "/" + name;
    }

    public static boolean isHash(String value) {
        return value != null && SHA.matcher(value).matches();
    }

    /** Every file of an image of this size and format, narrowest first: each configured width below its own, then full size, each in the format and in WebP. */
    public List<Variant> variants(int width, int height, ImageFormat format) {
        List<Variant> out = new ArrayList<>();
        List<ImageFormat> formats = format == ImageFormat.WEBP ? List.of(format) : List.of(format, ImageFormat.WEBP);
        for (int w : widths) {
            if (w < width) {
                int h = Math.max(1, Math.round((float) height * w / width));
                for (ImageFormat f : formats) {
                    out.add(new Variant(w + "." + f.extension(), w, h, f));
                }
            }
        }
        for (ImageFormat f : formats) {
            out.add(new Variant("full." + f.extension(), width, height, f));
        }
        return out;
    }

    /** Whether a requested file name could exist at all under the configured sizes; anything else is refused before any lookup. */
    public boolean isConfiguredName(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() && (m.group(1).equals("full") || widths.contains(Integer.parseInt(m.group(1))));
    }

    /** The variant of an item that the name asks for, when the item has it. */
    public Optional<Variant> variant(int width, int height, ImageFormat format, String name) {
        return variants(width, height, format).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** What a page needs to show an item: its full-size URL, a srcset in its own format, and srcsets per type (WebP first). */
    public record Picture(String url, String srcset, List<MediaView.Source> sources, List<Variant> variants) {
    }

    public Picture picture(String sha256, String contentType, int width, int height) {
        ImageFormat format = ImageFormat.ofContentType(contentType).orElseThrow();
        List<Variant> variants = variants(width, height, format);
        List<MediaView.Source> sources = format == ImageFormat.WEBP
                ? List.of(new MediaView.Source(format.contentType(), srcset(sha256, variants, format)))
                : List.of(new MediaView.Source(ImageFormat.WEBP.contentType(), srcset(sha256, variants, ImageFormat.WEBP)),
                        new MediaView.Source(format.contentType(), srcset(sha256, variants, format)));
        return new Picture(url(sha256, "full." + format.extension()), srcset(sha256, variants, format), sources, variants);
    }

    /** A srcset of the item's variants in one format. */
    public String srcset(String sha256, List<Variant> variants, ImageFormat format) {
        return variants.stream().filter(v -> v.format() == format)
                .map(v -> url(sha256, v.name()) + " " + v.width() + "w")
                .collect(Collectors.joining(", "));
    }
}
