package io.newsdesk.cms.common.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.auth.AppSecrets;
import io.newsdesk.cms.common.error.InvalidInput;

/**
 * Opaque, tamper-evident keyset cursors: the last item's sort key and id, bound to the filters of the
 * list they came from, signed with HMAC-SHA256. A forged or foreign cursor is a 400, never a 500.
 */
@ApplicationScoped
public class Cursors {

    private static final String PURPOSE = "cursor-signing-key";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    AppSecrets secrets;

    /** Where the previous page ended: its last item's sort key (epoch seconds) and id. */
    public record Position(long key, long id) {
    }

    public String encode(Position position, String filters) {
        byte[] payload = ByteBuffer.allocate(16).putLong(position.key()).putLong(position.id()).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload, filters));
    }

    public Position decode(String cursor, String filters) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        if (dot < 0 || cursor.length() > 200) {
            throw invalid();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (payload.length != 16 || !MessageDigest.isEqual(signature, mac(payload, filters))) {
                throw invalid();
            }
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return new Position(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload, String filters) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.key(PURPOSE), "HmacSHA256"));
            mac.update(payload);
            return Arrays.copyOf(mac.doFinal(filters.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidInput invalid() {
        return InvalidInput.field("cursor", "is not a cursor this list gave out (it may come from other filters); start again with cursor=");
    }
}
