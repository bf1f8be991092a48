package io.newsdesk.cms.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures by the Standard Webhooks specification: a secret is {@code whsec_} and 32 random
 * bytes in base64; a signature is {@code v1,} and the base64 HMAC-SHA256, under the secret's bytes, of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}. While an old secret still signs, both signatures are sent,
 * separated by a space, and a receiver accepts either.
 */
public final class Signatures {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for these secrets (the current one first). */
    public static String header(String id, long timestamp, byte[] body, List<String> secrets) {
        List<String> out = new ArrayList<>();
        for (String secret : secrets) {
            out.add("v1," + sign(secret, id, timestamp, body));
        }
        return String.join(" ", out);
    }

    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
