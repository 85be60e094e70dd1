-- dfworx-db Supabase baseline: the part of a Supabase database that declarations may
-- reference, recreated on plain PostgreSQL (shadow databases, tests). Idempotent; two
-- databases of one cluster may run it at the same time.

-- Serialises runs inside this database (advisory locks are per database).
select pg_advisory_xact_lock(hashtext('dfworx-db supabase baseline'));

-- The API roles, as Supabase creates them. Roles are cluster-wide, so a run in another
-- database may create one between our check and our CREATE: losing that race is fine.
-- The check comes first so a user without CREATEROLE can run the baseline on a cluster
-- that already has the roles.
do $roles$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    begin
      create role anon nologin noinherit;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    begin
      create role authenticated nologin noinherit;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    begin
      create role service_role nologin noinherit bypassrls;
    exception when duplicate_object or unique_violation then null;
    end;
  end if;
end
$roles$;

create schema if not exists auth;
comment on schema auth is 'dfworx-db supabase baseline';

-- Supabase installs extensions into this schema; declarations may name it.
create schema if not exists extensions;

-- The claim readers behave as Supabase's: PostgREST sets request.jwt.claims (a JSON
-- object) per request, older versions set one request.jwt.claim.<name> per claim.
-- A claim set with set_config(..., true) reads back as '' once its transaction ends,
-- hence nullif before the cast. search_path is empty so callers cannot shadow anything.
create or replace function auth.uid() returns uuid
language sql stable
set search_path = ''
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$fn$;

create or replace function auth.role() returns text
language sql stable
set search_path = ''
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$fn$;

create or replace function auth.email() returns text
language sql stable
set search_path = ''
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'
  )::text
$fn$;

create or replace function auth.jwt() returns jsonb
language sql stable
set search_path = ''
as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$fn$;

grant usage on schema auth, extensions to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;
