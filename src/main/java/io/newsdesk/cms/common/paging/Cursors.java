package io.newsdesk.cms.common.paging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsdesk.cms.auth.AppSecrets;
import io.newsdesk.cms.auth.SigningKeys;
import io.newsdesk.cms.common.error.InvalidInput;

/**
 * Opaque, tamper-evident keyset cursors: the last item's sort key and id, bound to the filters of the
 * list they came from, signed with the cursor key ({@link SigningKeys}). A forged or foreign cursor is a 400, never a 500.
 */
@ApplicationScoped
public class Cursors {

    public static final SigningKeys.Purpose PURPOSE = new SigningKeys.Purpose("cursor", 16);

    @Inject
    AppSecrets secrets;

    /** Where the previous page ended: its last item's sort key (epoch seconds) and id. */
    public record Position(long key, long id) {
    }

    public String encode(Position position, String filters) {
        byte[] payload = ByteBuffer.allocate(16).putLong(position.key()).putLong(position.id()).array();
        return secrets.sign(PURPOSE, payload, filters.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor holds; after a key rotation, cursors signed with the previous key are taken as well. */
    public Position decode(String cursor, String filters) {
        byte[] payload = secrets.verify(PURPOSE, cursor, filters.getBytes(StandardCharsets.UTF_8))
                .filter(p -> p.length == 16)
                .orElseThrow(Cursors::invalid);
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        return new Position(buffer.getLong(), buffer.getLong());
    }

    private static InvalidInput invalid() {
        return InvalidInput.field("cursor", "is not a cursor this list gave out (it may come from other filters); start again with cursor=");
    }
}
