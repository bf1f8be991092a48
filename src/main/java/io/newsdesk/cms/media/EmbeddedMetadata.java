package io.newsdesk.cms.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;

/**
 * What a photo's own EXIF, IPTC and XMP say that the library keeps: the orientation (applied to the
 * pixels) and the text an agency puts in (creator, credit line, copyright, caption), which pre-fills the
 * item's fields. Everything else, GPS position and camera serial numbers included, is dropped with the
 * re-encode.
 */
public record EmbeddedMetadata(int orientation, String credit, String caption) {

    static final EmbeddedMetadata NONE = new EmbeddedMetadata(1, null, null);

    /** Reads the file's metadata; a file whose metadata cannot be parsed simply has none. */
    public static EmbeddedMetadata read(Path file) {
        Metadata metadata;
        try (var in = Files.newInputStream(file)) {
            metadata = ImageMetadataReader.readMetadata(in, Files.size(file));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NONE;
        }
        int orientation = 1;
        String artist = null;
        String exifCopyright = null;
        String description = null;
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (exif != null) {
            Integer o = exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            orientation = o == null ? 1 : o;
            artist = text(exif, ExifIFD0Directory.TAG_ARTIST);
            exifCopyright = text(exif, ExifIFD0Directory.TAG_COPYRIGHT);
            description = cameraDefault(text(exif, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION));
        }
        String byLine = null;
        String iptcCredit = null;
        String iptcCopyright = null;
        String iptcCaption = null;
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        if (iptc != null) {
            byLine = text(iptc, IptcDirectory.TAG_BY_LINE);
            iptcCredit = text(iptc, IptcDirectory.TAG_CREDIT);
            iptcCopyright = text(iptc, IptcDirectory.TAG_COPYRIGHT_NOTICE);
            iptcCaption = text(iptc, IptcDirectory.TAG_CAPTION);
        }
        String xmpCreator = null;
        String xmpCredit = null;
        String xmpRights = null;
        String xmpDescription = null;
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp != null) {
            Map<String, String> p = xmp.getXmpProperties();
            xmpCreator = clean(p.get("dc:creator[1]"));
            xmpCredit = clean(p.get("photoshop:Credit"));
            xmpRights = clean(p.get("dc:rights[1]"));
            xmpDescription = clean(p.get("dc:description[1]"));
        }
        String creator = first(byLine, artist, xmpCreator);
        String creditLine = first(iptcCredit, xmpCredit);
        String copyright = first(iptcCopyright, exifCopyright, xmpRights);
        List<String> parts = new ArrayList<>();
        for (String part : new String[] { creator, creditLine }) {
            if (part != null && parts.stream().noneMatch(p -> p.equalsIgnoreCase(part))) {
                parts.add(part);
            }
        }
        String credit = parts.isEmpty() ? copyright : String.join(" / ", parts);
        return new EmbeddedMetadata(orientation, limit(credit, 300), limit(first(iptcCaption, xmpDescription, description), 1000));
    }

    private static String text(Directory directory, int tag) {
        return directory.containsTag(tag) ? clean(directory.getString(tag)) : null;
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.replace("\u0000", "").strip();
        return v.isEmpty() ? null : v;
    }

    /** Cameras write their own name as the description ("OLYMPUS DIGITAL CAMERA"); that is no caption. */
    private static String cameraDefault(String description) {
        if (description == null) {
            return null;
        }
        String upper = description.toUpperCase(Locale.ROOT);
        boolean shouting = description.equals(upper);
        return shouting && (upper.contains("CAMERA") || upper.contains("DSC") || upper.contains("DIGITAL")) ? null : description;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String limit(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
