package io.newsdesk.cms.media;

import static io.newsdesk.cms.media.MediaApi.seed;
import static io.newsdesk.cms.media.MediaApi.uploadForm;
import static io.newsdesk.cms.media.MediaApi.uploadRaw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import io.newsdesk.cms.support.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * What a photo says about its maker and where it was taken stays out of every file the service serves
 * (the fixtures really carry it: see ImagesTest), while the orientation is applied to the pixels and the
 * agency's credit and caption pre-fill the item's fields.
 */
@QuarkusTest
class MediaPrivacyTest {

    @Test
    void shouldServeNoGpsSerialNumberOrArtistInOriginalOrRenditions() throws Exception {
        byte[] jpeg = Images.jpegWithExif(600, 400, seed(), 6);
        JsonPath item = uploadRaw(jpeg, "image/jpeg", "geotagged.jpg").then().statusCode(201).extract().jsonPath();
        String sha = item.getString("sha256");
        assertEquals(Images.sha256(jpeg), sha);

        for (String name : List.of("full.jpg", "320.jpg", "320.webp", "full.webp")) {
            byte[] served = given().when().get(MediaApi.file(sha, name)).then().statusCode(200).extract().asByteArray();
            assertNoPersonalMetadata(name, served);
        }
    }

    @Test
    void shouldTurnPixelsUprightByOrientationAndDropTheTag() throws Exception {
        // Stored 600 × 400 with a red block at the stored top left; orientation 6 means "turn 90° clockwise to show".
        BufferedImage stored = Images.picture(600, 400, seed(), false);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 120, 120);
        g.dispose();
        byte[] jpeg = Images.withExif(Images.encode(stored, "image/jpeg", 0.9f), 6);

        JsonPath item = uploadRaw(jpeg, "image/jpeg", "sideways.jpg")
                .then().statusCode(201)
                .body("width", equalTo(400))
                .body("height", equalTo(600))
                .extract().jsonPath();

        byte[] served = given().when().get(item.getString("url")).then().statusCode(200).extract().asByteArray();
        BufferedImage upright = Images.decode(served);
        assertEquals(400, upright.getWidth());
        assertEquals(600, upright.getHeight());
        assertRed("turned clockwise, the stored top left is shown at the top right", upright.getRGB(400 - 60, 60));

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertTrue(ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION) || ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION) == 1,
                "no orientation left to apply twice");

        // A rendition is upright too: 320 wide, 480 high.
        byte[] rendition = given().when().get(MediaApi.file(item.getString("sha256"), "320.jpg")).then().statusCode(200).extract().asByteArray();
        BufferedImage small = Images.decode(rendition);
        assertEquals(320, small.getWidth());
        assertEquals(480, small.getHeight());
        assertRed("the rendition is turned the same way", small.getRGB(320 - 25, 25));
    }

    @Test
    void shouldPrefillCreditFromExifArtistWhenUploaderGivesNone() {
        uploadRaw(Images.jpegWithExif(600, 400, seed(), 1), "image/jpeg", "byline.jpg")
                .then().statusCode(201)
                .body("credit", equalTo(Images.EXIF_ARTIST))
                .body("width", equalTo(600))
                .body("height", equalTo(400));
    }

    @Test
    void shouldKeepUploaderCreditOverExifArtist() {
        uploadForm(Images.jpegWithExif(600, 400, seed(), 1), "byline.jpg", "image/jpeg", Map.of("credit", "Newsdesk Staff"))
                .then().statusCode(201)
                .body("credit", equalTo("Newsdesk Staff"));
    }

    @Test
    void shouldPrefillCreditAndCaptionFromIptc() {
        String caption = "Crowds gather at dawn " + seed();
        uploadRaw(Images.jpegWithIptc(500, 300, seed(), "Jane Doe", "Newsdesk Agency", caption), "image/jpeg", "agency.jpg")
                .then().statusCode(201)
                .body("credit", equalTo("Jane Doe / Newsdesk Agency"))
                .body("caption", equalTo(caption))
                .body("alt", equalTo(null));
    }

    @Test
    void shouldKeepUploaderCaptionAndCreditOverIptc() {
        uploadForm(Images.jpegWithIptc(500, 300, seed(), "Jane Doe", "Newsdesk Agency", "Agency caption"), "agency.jpg", "image/jpeg",
                Map.of("caption", "Our own caption", "credit", "Our own credit"))
                .then().statusCode(201)
                .body("caption", equalTo("Our own caption"))
                .body("credit", equalTo("Our own credit"));
    }

    @Test
    void shouldServeNoIptcInOriginal() throws Exception {
        byte[] jpeg = Images.jpegWithIptc(500, 300, seed(), "Jane Doe", "Newsdesk Agency", "Secret source named here");
        JsonPath item = uploadRaw(jpeg, "image/jpeg", null).then().statusCode(201).extract().jsonPath();

        byte[] served = given().when().get(item.getString("url")).then().statusCode(200).extract().asByteArray();
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
        assertNull(metadata.getFirstDirectoryOfType(IptcDirectory.class), "no IPTC");
        assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains("Secret source"));
    }

    private static void assertNoPersonalMetadata(String name, byte[] served) throws Exception {
        assertTrue(served.length > 0, name);
        String raw = new String(served, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(Images.EXIF_SERIAL), name + " carries the serial number");
        assertFalse(raw.contains(Images.EXIF_ARTIST), name + " carries the artist");
        assertFalse(raw.contains(Images.EXIF_MAKE), name + " carries the camera make");

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
        assertNull(metadata.getFirstDirectoryOfType(GpsDirectory.class), name + " has a GPS directory");
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertTrue(ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ARTIST), name + " has an EXIF Artist");
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertTrue(exif == null || !exif.containsTag(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER), name + " has a serial number tag");
        for (Directory directory : metadata.getDirectories()) {
            for (Tag tag : directory.getTags()) {
                String description = tag.getDescription();
                assertFalse(description != null && description.contains(Images.EXIF_SERIAL), name + ": " + tag);
                assertFalse(description != null && description.contains(Images.EXIF_ARTIST), name + ": " + tag);
            }
        }
        assertNotNull(Images.decode(served), name + " decodes");
    }

    private static void assertRed(String message, int rgb) {
        assertTrue(isRed(rgb), message + String.format(": #%06x", rgb & 0xFFFFFF));
    }

    private static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return r > 200 && g < 60 && b < 60;
    }
}
