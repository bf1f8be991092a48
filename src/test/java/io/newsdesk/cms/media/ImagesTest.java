package io.newsdesk.cms.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import io.newsdesk.cms.support.Images;
import org.junit.jupiter.api.Test;

/**
 * The fixtures are what they claim to be, checked with the same metadata reader the service uses: the
 * privacy and hostile-input tests would pass for nothing if the GPS position were never in the file
 * or the pixel bomb were not a valid PNG.
 */
class ImagesTest {

    @Test
    void shouldMakeDecodableImagesOfEachFormatUniquePerSeed() throws Exception {
        assertDecodes(Images.jpeg(300, 200, 1), 300, 200);
        assertDecodes(Images.png(300, 200, 1), 300, 200);
        assertDecodes(Images.gif(300, 200, 1), 300, 200);
        assertDecodes(Images.webp(300, 200, 1), 300, 200);
        assertArrayEquals(Images.jpeg(300, 200, 7), Images.jpeg(300, 200, 7));
        assertFalse(Arrays.equals(Images.jpeg(300, 200, 7), Images.jpeg(300, 200, 8)));
        assertTrue(Images.jpeg(600, 400, 3).length > 20_000, "noise makes realistic sizes, not a flat colour's few hundred bytes");
        assertEquals("RIFF", new String(Images.webp(64, 64, 1), 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldEmbedExifWithGpsSerialArtistAndOrientation() throws Exception {
        byte[] jpeg = Images.jpegWithExif(600, 400, 42, 6);
        assertDecodes(jpeg, 600, 400);

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        metadata.getDirectories().forEach(d -> assertFalse(d.hasErrors(), d.getName() + ": " + d.getErrors()));

        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertNotNull(ifd0, "IFD0");
        assertEquals(6, ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION));
        assertEquals(Images.EXIF_ARTIST, ifd0.getString(ExifIFD0Directory.TAG_ARTIST));
        assertEquals(Images.EXIF_COPYRIGHT, ifd0.getString(ExifIFD0Directory.TAG_COPYRIGHT));
        assertEquals(Images.EXIF_MAKE, ifd0.getString(ExifIFD0Directory.TAG_MAKE));
        assertEquals(Images.EXIF_MODEL, ifd0.getString(ExifIFD0Directory.TAG_MODEL));

        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertNotNull(exif, "EXIF sub-IFD");
        assertEquals(Images.EXIF_SERIAL, exif.getString(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER));
        assertEquals(Images.EXIF_OWNER, exif.getString(ExifSubIFDDirectory.TAG_CAMERA_OWNER_NAME));

        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        assertNotNull(gps, "GPS IFD");
        GeoLocation location = gps.getGeoLocation();
        assertNotNull(location, "GPS position");
        assertEquals(48.8567, location.getLatitude(), 0.001);
        assertEquals(2.3508, location.getLongitude(), 0.001);

        assertTrue(new String(jpeg, StandardCharsets.ISO_8859_1).contains(Images.EXIF_SERIAL));
    }

    @Test
    void shouldEmbedIptcBylineCreditAndCaption() throws Exception {
        byte[] jpeg = Images.jpegWithIptc(320, 240, 43, "Jane Doe", "Newsdesk Agency", "Crowds gather — at dawn");
        assertDecodes(jpeg, 320, 240);

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        assertNotNull(iptc, "IPTC");
        assertFalse(iptc.hasErrors(), iptc.getErrors().toString());
        assertEquals("Jane Doe", iptc.getString(IptcDirectory.TAG_BY_LINE));
        assertEquals("Newsdesk Agency", iptc.getString(IptcDirectory.TAG_CREDIT));
        assertEquals("Crowds gather — at dawn", iptc.getString(IptcDirectory.TAG_CAPTION));
    }

    @Test
    void shouldMakeTinyValidPngClaimingHugeSize() throws Exception {
        byte[] bomb = Images.pngClaiming(14_000, 14_000);
        assertTrue(bomb.length < 200, "a few bytes: " + bomb.length);

        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bomb))) {
            reader.setInput(in);
            assertEquals(14_000, reader.getWidth(0));
            assertEquals(14_000, reader.getHeight(0));
        } finally {
            reader.dispose();
        }
        // Every chunk's CRC is right: IHDR at 8, its CRC after 13 bytes of data.
        CRC32 crc = new CRC32();
        crc.update(bomb, 12, 4 + 13);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(bomb, 12 + 4 + 13, 4).getInt());
        assertEquals("IEND", new String(bomb, bomb.length - 8, 4, StandardCharsets.ISO_8859_1), "ends with IEND and its CRC");
    }

    @Test
    void shouldMakeTruncatedAndCorruptJpegsThatKeepTheirHeaders() throws Exception {
        byte[] jpeg = Images.jpeg(400, 300, 44);
        byte[] truncated = Images.truncated(jpeg);
        assertEquals(jpeg.length / 2, truncated.length);
        assertArrayEquals(Arrays.copyOf(jpeg, 3), Arrays.copyOf(truncated, 3));

        byte[] corrupt = Images.corrupt(jpeg, 44);
        assertEquals(jpeg.length, corrupt.length);
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(corrupt))) {
            reader.setInput(in);
            assertEquals(400, reader.getWidth(0), "the header still states the size");
            assertEquals(300, reader.getHeight(0));
        } finally {
            reader.dispose();
        }
        assertFalse(Arrays.equals(jpeg, corrupt));
    }

    @Test
    void shouldMakeSvgWithScript() {
        String svg = new String(Images.svgWithScript(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("<script"));
        assertThrows(IllegalStateException.class, () -> Images.decode(Images.svgWithScript()));
    }

    private static void assertDecodes(byte[] bytes, int width, int height) {
        BufferedImage image = Images.decode(bytes);
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }
}
