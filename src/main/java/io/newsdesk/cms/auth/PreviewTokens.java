package io.newsdesk.cms.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signed, expiring tokens that let a front-end show one article as it stands, draft or scheduled:
 * base64url(article id, expiry) + "." + base64url(HMAC-SHA256 of those bytes).
 */
@ApplicationScoped
public class PreviewTokens {

    private static final String PURPOSE = "preview-signing-key";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    AppSecrets secrets;

    public String issue(long articleId, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(16).putLong(articleId).putLong(expiresAt.getEpochSecond()).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The article id the token was issued for, if it is authentic and not expired. */
    public OptionalLong verify(String token, Instant now) {
        if (token == null || token.length() > 200) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return OptionalLong.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (payload.length != 16 || !MessageDigest.isEqual(signature, mac(payload))) {
                return OptionalLong.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            long articleId = buffer.getLong();
            long expires = buffer.getLong();
            return now.getEpochSecond() < expires ? OptionalLong.of(articleId) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.key(PURPOSE), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
