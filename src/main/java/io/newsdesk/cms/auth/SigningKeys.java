package io.newsdesk.cms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;

/**
 * Signs short tokens (preview tokens, cursors) with keys derived from one master secret, and checks them with that master's
 * keys or, after a rotation, the previous master's. A token reads {@code keyId.payload.signature} (payload and signature in
 * base64url); the signature is an HMAC-SHA256 of {@code keyId.payload.} followed by a context the caller binds the token to
 * (a cursor's filters), cut to the purpose's length.
 * <p>
 * Derivation (RFC 5869): {@code prk = HKDF-Extract(salt "newsdesk", master)}. The key id is
 * {@code HKDF-Expand(prk, "newsdesk/key-id", 6)} in base64url, eight characters that name a master and tell nothing of it.
 * A purpose's key is {@code HKDF-Expand(prk, "newsdesk/" + purpose + "/" + keyId, 32)}: no two purposes share a key, and a
 * key is only good under the id it was derived for. Extract condenses a master that is a passphrase into a uniform key
 * first, which hashing the secret and the purpose together did not.
 */
public final class SigningKeys {

    /** Longer than any token this service gives out; anything longer is refused unread. */
    static final int MAX_TOKEN_LENGTH = 200;
    private static final byte[] SALT = "newsdesk".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What keys sign: the name is part of each key's derivation; a token carries this many bytes of the HMAC. */
    public record Purpose(String name, int signatureLength) {
    }

    /** A token whose signature holds: its payload, and whether the previous master's key signed it. */
    public record Opened(byte[] payload, boolean byPreviousKey) {
    }

    private final Master current;
    private final Optional<Master> previous;

    /** Keys from this master; the previous master's keys only verify, never sign. */
    public SigningKeys(byte[] master, Optional<byte[]> previousMaster) {
        this.current = new Master(master);
        this.previous = previousMaster.map(Master::new).filter(p -> !p.id.equals(current.id));
    }

    /** The id of the key new tokens are signed with (for any purpose). */
    public String keyId() {
        return current.id;
    }

    public String sign(Purpose purpose, byte[] payload, byte[] context) {
        String signed = current.id + "." + ENCODER.encodeToString(payload) + ".";
        return signed + ENCODER.encodeToString(current.signature(purpose, signed, context));
    }

    /** The token's payload, if one of the keys for this purpose signed it for this context; any other token is empty. */
    public Optional<Opened> open(Purpose purpose, String token, byte[] context) {
        int first = token == null ? -1 : token.indexOf('.');
        int last = first < 0 ? -1 : token.lastIndexOf('.');
        if (first < 0 || first == last || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String keyId = token.substring(0, first);
        Optional<Master> signer = current.id.equals(keyId) ? Optional.of(current) : previous.filter(p -> p.id.equals(keyId));
        if (signer.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(first + 1, last));
            byte[] signature = DECODER.decode(token.substring(last + 1));
            String signed = token.substring(0, last + 1);
            if (!MessageDigest.isEqual(signature, signer.get().signature(purpose, signed, context))) {
                return Optional.empty();
            }
            return Optional.of(new Opened(payload, signer.get() != current));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** One master secret and the keys derived from it. */
    private static final class Master {
        final String id;
        private final byte[] prk;
        private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

        Master(byte[] master) {
            this.prk = Hkdf.extract(SALT, master);
            this.id = ENCODER.encodeToString(Hkdf.expand(prk, info("newsdesk/key-id"), 6));
        }

        byte[] signature(Purpose purpose, String signed, byte[] context) {
            Mac mac = Hkdf.hmac(keys.computeIfAbsent(purpose.name(), name -> Hkdf.expand(prk, info("newsdesk/" + name + "/" + id), 32)));
            mac.update(signed.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(context), purpose.signatureLength());
        }

        private static byte[] info(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
