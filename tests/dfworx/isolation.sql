-- Isolation smoke test of the DFWorX declarations. Run after the Supabase baseline and
-- the rendered schema; everything it creates is rolled back at the end.
begin;

-- Two tenants, as superuser (RLS does not apply to the table owner).
insert into public.organizations (organization_id, name, slug) values
  ('0000000a-0000-0000-0000-000000000000', 'Org A', 'org-a'),
  ('0000000b-0000-0000-0000-000000000000', 'Org B', 'org-b');
insert into public.users (user_id, organization_id, email, name, role) values
  ('000000a1-0000-0000-0000-000000000000', '0000000a-0000-0000-0000-000000000000', 'a1@a.test', 'A One', 'user'),
  ('000000a2-0000-0000-0000-000000000000', '0000000a-0000-0000-0000-000000000000', 'a2@a.test', 'A Two', 'admin'),
  ('000000b1-0000-0000-0000-000000000000', '0000000b-0000-0000-0000-000000000000', 'b1@b.test', 'B One', 'user');
insert into app_web.projects (organization_id, name) values
  ('0000000a-0000-0000-0000-000000000000', 'A project'),
  ('0000000b-0000-0000-0000-000000000000', 'B project');
insert into app_web.posts (organization_id, user_id, title, status) values
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'A1 published', 'published'),
  ('0000000a-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'A1 draft', 'draft'),
  ('0000000a-0000-0000-0000-000000000000', '000000a2-0000-0000-0000-000000000000', 'A2 draft', 'draft'),
  ('0000000b-0000-0000-0000-000000000000', '000000b1-0000-0000-0000-000000000000', 'B1 published', 'published'),
  ('0000000b-0000-0000-0000-000000000000', '000000b1-0000-0000-0000-000000000000', 'B1 draft', 'draft');

-- handle_new_user() created one profile per user.
do $$ begin
  assert (select count(*) from app_web.profiles) = 3, 'on_user_created made one profile per user';
end $$;

-- A post must belong to its author's organization (posts_author_organization_fkey).
do $$ begin
  insert into app_web.posts (organization_id, user_id, title)
  values ('0000000b-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'cross-tenant');
  raise exception 'a post of an org A author was accepted in org B';
exception when foreign_key_violation then null;
end $$;

-- User a1 (org A, role user).
savepoint as_a1;
set local role authenticated;
select set_config('request.jwt.claims',
  '{"sub":"000000a1-0000-0000-0000-000000000000","role":"authenticated"}', true);
do $$ begin
  assert (select count(*) from public.users) = 2, 'a1 sees the 2 users of org A';
  assert not exists (select from public.users where organization_id <> '0000000a-0000-0000-0000-000000000000'),
    'a1 sees no user of org B';
  assert (select count(*) from app_web.projects) = 1, 'a1 sees 1 project';
  assert not exists (select from app_web.projects where organization_id <> '0000000a-0000-0000-0000-000000000000'),
    'a1 sees no project of org B';
  assert (select array_agg(title::text order by title) from app_web.posts) = array['A1 draft', 'A1 published'],
    'a1 sees own posts and published posts of org A, not A2 draft, nothing of org B';
  assert (select array_agg(title::text) from public.get_posts_with_users(10)) = array['A1 published'],
    'get_posts_with_users returns the published posts of org A only';
  assert (select count(*) from app_web.profiles) = 2, 'a1 sees the 2 profiles of org A';
  assert (select count(*) from public.organizations) = 1, 'a1 sees its own organization only';
end $$;
-- Writes stay inside the tenant.
do $$ begin
  insert into app_web.posts (organization_id, user_id, title)
  values ('0000000b-0000-0000-0000-000000000000', '000000a1-0000-0000-0000-000000000000', 'into org B');
  raise exception 'a1 inserted a post into org B';
exception when insufficient_privilege then null;  -- 42501: new row violates row-level security policy
end $$;
do $$ begin
  update public.users set role = 'admin' where user_id = '000000a1-0000-0000-0000-000000000000';
  raise exception 'a1 changed its own role';
exception when insufficient_privilege then null;  -- 42501: no UPDATE privilege on column role
end $$;
do $$ declare n int; begin
  update app_web.projects set name = 'renamed' where organization_id = '0000000b-0000-0000-0000-000000000000';
  get diagnostics n = row_count;
  assert n = 0, 'a1 updated a project of org B';
  update app_web.posts set title = 'A1 edited' where title = 'A1 draft';
  get diagnostics n = row_count;
  assert n = 1, 'a1 can edit its own post (and the updated_at trigger fires)';
  update public.users set name = 'A One renamed' where user_id = '000000a1-0000-0000-0000-000000000000';
  get diagnostics n = row_count;
  assert n = 1, 'a1 can rename itself';
end $$;
rollback to savepoint as_a1;

-- User b1 (org B).
savepoint as_b1;
set local role authenticated;
select set_config('request.jwt.claims',
  '{"sub":"000000b1-0000-0000-0000-000000000000","role":"authenticated"}', true);
do $$ begin
  assert (select count(*) from public.users) = 1, 'b1 sees the 1 user of org B';
  assert not exists (select from public.users where organization_id <> '0000000b-0000-0000-0000-000000000000'),
    'b1 sees no user of org A';
  assert (select array_agg(name::text) from app_web.projects) = array['B project'], 'b1 sees only the project of org B';
  assert (select array_agg(title::text order by title) from app_web.posts) = array['B1 draft', 'B1 published'],
    'b1 sees only the posts of org B';
  assert (select array_agg(title::text) from public.get_posts_with_users(10)) = array['B1 published'],
    'get_posts_with_users returns the published posts of org B only';
end $$;
rollback to savepoint as_b1;

-- Without a JWT (auth.uid() is null) an authenticated session sees nothing.
savepoint no_jwt;
set local role authenticated;
do $$ begin
  assert (select count(*) from public.users) = 0, 'no rows without a user';
  assert (select count(*) from app_web.posts) = 0, 'no posts without a user';
  assert (select count(*) from app_web.projects) = 0, 'no projects without a user';
end $$;
rollback to savepoint no_jwt;

rollback;
