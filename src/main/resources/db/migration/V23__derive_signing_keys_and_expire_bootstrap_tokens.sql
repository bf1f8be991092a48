-- Signing keys are derived with HKDF from one master (CMS_SECRET, or a generated master kept in app_secret as 'master'):
-- the keys generated per purpose before sign nothing any more.
delete from app_secret where name in ('preview-signing-key', 'cursor-signing-key');

-- Each signing key id this database has used, and when first: after a rotation, what the previous key signed is
-- accepted for one preview lifetime from the new key's first use.
create table signing_key (
    id            varchar(16) primary key,
    first_used_at timestamptz not null
);

-- A token made from CMS_BOOTSTRAP_TOKEN now expires (CMS_BOOTSTRAP_TOKEN_LIFETIME, 24 hours by default); one made
-- before it did gets the default lifetime from this upgrade on. Only bootstrap tokens have no creator.
update api_token
   set expires_at = now() + interval '24 hours'
 where name = 'bootstrap' and created_by is null and expires_at is null;
