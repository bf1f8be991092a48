-- The published-article counters are brought up to date when a transaction commits, not as each row is written.
-- A transaction that writes many articles (an import batch, a trash purge) no longer holds a category's counter
-- row from its first article to its end: two of them at once queue for a moment at commit instead of waiting on,
-- or deadlocking with, each other. Within the writing transaction the counters still show what was committed before.
drop trigger article_count_sync on article;
create constraint trigger article_count_sync after insert or update or delete on article
    deferrable initially deferred
    for each row execute function article_count_sync();
