package io.newsdesk.cms.common.persistence;

import java.time.Instant;

/** Content with a trash: what stays in it longer than CMS_TRASH_RETENTION is removed for good by {@link TrashPurge}. */
public interface TrashBin {

    /** What the trash holds, for the log: "articles", "comments". */
    String trashOf();

    /**
     * Removes for good, in one transaction, at most {@code limit} items moved to the trash before {@code cutoff};
     * answers how many went (fewer than {@code limit} when nothing older is left).
     */
    int purgeTrash(Instant cutoff, int limit);
}
