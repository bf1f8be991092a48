package io.newsdesk.cms.comment;

import static io.newsdesk.cms.comment.CommentService.publishesAtOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.newsdesk.cms.common.config.CmsConfig.Comments.AutoApprove;
import io.smallrye.config.Converters;

/**
 * Issue 18, finding 3, for each value of CMS_COMMENTS_AUTO_APPROVE: which reader's comment (past the spam rules)
 * skips moderation. The HTTP tests run the default, commenter-key (see CommenterKeyTest); the suite boots once, so the
 * other modes are held here.
 */
class AutoApproveModeTest {

    private static final BooleanSupplier KNOWN = () -> true;
    private static final BooleanSupplier UNKNOWN = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> fail("this mode must not ask whether the email is known");

    @Test
    void shouldReadEachModeAsTheEnvironmentSpellsIt() {
        assertEquals(AutoApprove.NEVER, Converters.getImplicitConverter(AutoApprove.class).convert("never"));
        assertEquals(AutoApprove.KNOWN_EMAIL, Converters.getImplicitConverter(AutoApprove.class).convert("known-email"));
        assertEquals(AutoApprove.COMMENTER_KEY, Converters.getImplicitConverter(AutoApprove.class).convert("commenter-key"));
    }

    @Test
    void shouldHoldEveryReadersCommentForModerationInNeverMode() {
        assertFalse(publishesAtOnce(AutoApprove.NEVER, true, NOT_ASKED));
        assertFalse(publishesAtOnce(AutoApprove.NEVER, false, NOT_ASKED));
    }

    @Test
    void shouldPublishAtOnceAnyCommentOfAKnownEmailInKnownEmailMode() {
        assertTrue(publishesAtOnce(AutoApprove.KNOWN_EMAIL, false, KNOWN), "the unsafe mode trusts a typed email");
        assertFalse(publishesAtOnce(AutoApprove.KNOWN_EMAIL, false, UNKNOWN));
    }

    @Test
    void shouldPublishAtOnceOnlyWithAWorkingKeyInCommenterKeyMode() {
        assertTrue(publishesAtOnce(AutoApprove.COMMENTER_KEY, true, NOT_ASKED));
        assertFalse(publishesAtOnce(AutoApprove.COMMENTER_KEY, false, NOT_ASKED), "a known email without a key waits");
    }
}
