-- A comment a moderator moves to the trash remembers when and from which status, so it can be restored as it was
-- and removed for good once it has stayed there longer than the trash retention.
alter table comment add column trashed_at timestamptz;
alter table comment add column status_before_trash varchar(16);
update comment set trashed_at = updated_at where status = 'trash';
create index comment_trash_idx on comment (trashed_at) where status = 'trash';
