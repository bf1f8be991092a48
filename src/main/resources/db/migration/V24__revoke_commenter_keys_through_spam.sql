-- A comment published at once because its commenter presented a commenter key remembers which comment that key was
-- issued for. Marking such a comment as spam revokes the key: a key works only while no comment it published is spam.
alter table comment add column key_comment_id bigint references comment (id) on delete set null;
create index comment_key_comment_idx on comment (key_comment_id) where key_comment_id is not null;
