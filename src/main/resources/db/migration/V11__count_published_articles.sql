-- List totals and category counts no longer count public articles one by one: this table keeps, per
-- category (0 for none), how many articles are published with a date, kept by a trigger whoever writes
-- the row. Public is published with a date that has come, so a count is the table's sum minus the few
-- published articles still scheduled (read through article_public_idx). A partial index lets those be
-- counted per category without visiting the rows.
create table article_count (
    category_key bigint primary key,
    published    bigint not null check (published >= 0)
);

insert into article_count (category_key, published)
select coalesce(category_id, 0), count(*) from article
where status = 'published' and published_at is not null
group by 1;

create function article_count_sync() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'published' and old.published_at is not null then
        if tg_op = 'UPDATE' and new.status = 'published' and new.published_at is not null
           and new.category_id is not distinct from old.category_id then
            return null;
        end if;
        update article_count set published = published - 1 where category_key = coalesce(old.category_id, 0);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' and new.published_at is not null then
        insert into article_count (category_key, published) values (coalesce(new.category_id, 0), 1)
        on conflict (category_key) do update set published = article_count.published + 1;
    end if;
    return null;
end $$;

create trigger article_count_sync after insert or update or delete on article
    for each row execute function article_count_sync();

create index article_public_category_idx on article (category_id, published_at) where status = 'published';
