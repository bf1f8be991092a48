package io.newsdesk.cms.media;

import io.newsdesk.cms.common.error.ApiException;

/** An upload the library will not take: the wrong kind of file (415), too big (413), or not a usable image (422). */
public class MediaRefused extends ApiException {

    private MediaRefused(int status, String type, String title, String detail) {
        super(status, type, title, detail);
    }

    private MediaRefused(int status, String type, String title, String detail, java.util.Map<String, String> headers) {
        super(status, type, title, detail, null, headers);
    }

    public static MediaRefused unsupportedType(String detail) {
        return new MediaRefused(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static MediaRefused tooLarge(long limit) {
        // The rest of the body is not read: the connection closes after the answer.
        return new MediaRefused(413, "payload-too-large", "Payload too large",
                "The file is larger than the upload limit of " + limit + " bytes", java.util.Map.of("Connection", "close"));
    }

    public static MediaRefused invalidImage(String detail) {
        return new MediaRefused(422, "invalid-image", "Invalid image", detail);
    }
}
