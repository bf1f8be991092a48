-- Autosave: one unsaved working copy per article and token, never shown to readers and not a revision. It is
-- the editor's form as it was (a JSON object in the shape of an article write, possibly incomplete), with the
-- article's ETag when the copy was started.
create table article_autosave (
    article_id bigint       not null references article (id) on delete cascade,
    token_id   bigint       not null,
    content    jsonb        not null,
    based_on   varchar(200),
    saved_at   timestamptz  not null,
    primary key (article_id, token_id)
);
