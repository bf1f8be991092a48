-- "Related articles" suggests the newest stories sharing a tag. The GIN index on tag_keys finds every
-- article with a tag but not the newest few, and a common tag is on thousands of them; this table
-- lists (tag, publication time, article) for published articles so the newest of a tag are an index
-- range. A trigger keeps it in step with article, whoever writes the row.
create table article_tag (
    tag_key      text        not null,
    published_at timestamptz not null,
    article_id   bigint      not null references article (id) on delete cascade,
    primary key (tag_key, published_at, article_id)
);
create index article_tag_article_idx on article_tag (article_id);

create function article_tag_sync() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if new.tag_keys is not distinct from old.tag_keys and new.status is not distinct from old.status
           and new.published_at is not distinct from old.published_at then
            return new;
        end if;
        delete from article_tag where article_id = new.id;
    end if;
    if new.status = 'published' and new.published_at is not null then
        insert into article_tag (tag_key, published_at, article_id)
        select distinct k, new.published_at, new.id from unnest(new.tag_keys) k
        on conflict do nothing;
    end if;
    return new;
end $$;

create trigger article_tag_sync after insert or update on article
    for each row execute function article_tag_sync();

insert into article_tag (tag_key, published_at, article_id)
select distinct k, a.published_at, a.id from article a cross join unnest(a.tag_keys) k
where a.status = 'published' and a.published_at is not null
on conflict do nothing;
