package io.newsdesk.cms.auth;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Signed, expiring tokens that let a front-end show one article as it stands, draft or scheduled: the article id and the
 * expiry, signed with the preview key ({@link SigningKeys} gives the format).
 */
@ApplicationScoped
public class PreviewTokens {

    static final SigningKeys.Purpose PURPOSE = new SigningKeys.Purpose("preview", 32);
    private static final byte[] NO_CONTEXT = new byte[0];

    @Inject
    AppSecrets secrets;

    public String issue(long articleId, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(16).putLong(articleId).putLong(expiresAt.getEpochSecond()).array();
        return secrets.sign(PURPOSE, payload, NO_CONTEXT);
    }

    /** The article id the token was issued for, if it is authentic and not expired. */
    public OptionalLong verify(String token, Instant now) {
        byte[] payload = secrets.verify(PURPOSE, token, NO_CONTEXT).orElse(NO_CONTEXT);
        if (payload.length != 16) {
            return OptionalLong.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long articleId = buffer.getLong();
        long expires = buffer.getLong();
        return now.getEpochSecond() < expires ? OptionalLong.of(articleId) : OptionalLong.empty();
    }
}
