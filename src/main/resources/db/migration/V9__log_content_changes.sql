-- Every write that changes something public logs the cache keys it changed (and notifies them on the
-- cms_content channel in the same transaction). An instance whose listening connection was down replays
-- what was logged meanwhile instead of dropping everything it keeps. Rows older than an hour are pruned.
create table content_change (
    id         bigserial   primary key,
    changed_at timestamptz not null default clock_timestamp(),
    keys       text        not null
);
create index content_change_at_idx on content_change (changed_at);
