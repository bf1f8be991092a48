package io.newsdesk.cms.comment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.auth.AppSecrets;
import io.newsdesk.cms.auth.SigningKeys;

/**
 * Commenter keys: what a returning reader presents to skip moderation, in place of an email anyone can type. A key
 * names one comment and is signed together with that comment's email (trimmed, lower-cased), with the commenter-key
 * purpose's key ({@link SigningKeys} gives the format). Each submission is answered with a key for the comment it
 * created, so the key reaches only the person who wrote that comment; it works once a moderator approved that comment
 * (see {@link CommentRepository#keyIsActive}). Typing someone's email yields a key for one's own new comment, never
 * for theirs. After CMS_SECRET is rotated, keys signed before it work for one preview lifetime, then fall back to
 * moderation until the reader's next approved comment hands out a new one.
 */
@ApplicationScoped
public class CommenterKeys {

    private static final SigningKeys.Purpose PURPOSE = new SigningKeys.Purpose("commenter-key", 32);

    @Inject
    AppSecrets secrets;

    public String issue(long commentId, String emailKey) {
        return secrets.sign(PURPOSE, ByteBuffer.allocate(Long.BYTES).putLong(commentId).array(), email(emailKey));
    }

    /** The comment a key names, if the key is authentic and was issued for this email; anything else is no key at all. */
    public OptionalLong commentOf(String key, String emailKey) {
        return secrets.verify(PURPOSE, key, email(emailKey))
                .filter(payload -> payload.length == Long.BYTES)
                .map(payload -> OptionalLong.of(ByteBuffer.wrap(payload).getLong()))
                .orElse(OptionalLong.empty());
    }

    /** Signed after the id, whose length is fixed, so no other id and email give the same bytes. */
    private static byte[] email(String emailKey) {
        return emailKey.getBytes(StandardCharsets.UTF_8);
    }
}
