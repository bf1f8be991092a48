package io.newsdesk.cms.auth;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF (RFC 5869) with HMAC-SHA256: independent keys, one per use, from one master secret. */
final class Hkdf {

    static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /** HKDF-Extract: a uniformly random key from a master of any length and quality (a passphrase included). */
    static byte[] extract(byte[] salt, byte[] master) {
        // RFC 5869 2.2: no salt is a salt of HashLen zeros
        return hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt).doFinal(master);
    }

    /** HKDF-Expand: {@code length} bytes for this info from an extracted key; different infos give unrelated bytes. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand gives 1 to " + 255 * HASH_LENGTH + " bytes, not " + length);
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int counter = 1, done = 0; done < length; counter++) {
            // T(i) = HMAC(PRK, T(i-1) | info | i)
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int take = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, take);
            done += take;
        }
        return out;
    }

    /** An HMAC-SHA256 ready to use with this key. */
    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
