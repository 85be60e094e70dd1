"""Policies and grants read back from a live database (roles from the Supabase baseline)."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import Policy, QualifiedName
from dfworx_db.introspect import introspect

pytestmark = pytest.mark.postgres

Q = QualifiedName


def test_policies(supabase_db):
    supabase_db.execute("""
        create table public.notes (owner uuid, body text, shared boolean);
        alter table public.notes enable row level security;
        create policy "Own notes" on public.notes for all to authenticated
            using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
        create policy only_shared on public.notes as restrictive for select to service_role, anon
            using (shared);
        create policy anyone_inserts on public.notes for insert with check (body <> '');
        create policy upd on public.notes for update using (true);
        create policy del on public.notes for delete to anon using (false);
        comment on policy only_shared on public.notes is 'Restrictive.';
    """)
    notes = Q("public", "notes")
    policies = {p.name: p for p in introspect(supabase_db).policies}
    assert policies == {
        "Own notes": Policy(name="Own notes", table=notes, command="all", roles=("authenticated",),
                            using="(owner = ( SELECT auth.uid() AS uid))",
                            with_check="(owner = ( SELECT auth.uid() AS uid))"),
        "only_shared": Policy(name="only_shared", table=notes, command="select", permissive=False,
                              roles=("anon", "service_role"), using="shared", comment="Restrictive."),
        "anyone_inserts": Policy(name="anyone_inserts", table=notes, command="insert", roles=("public",),
                                 with_check="(body <> ''::text)"),
        "upd": Policy(name="upd", table=notes, command="update", using="true"),
        "del": Policy(name="del", table=notes, command="delete", roles=("anon",), using="false"),
    }


def _grants(catalog, target):
    return {(g.object_kind, g.column, g.arguments, g.grantee, g.privilege, g.with_grant_option)
            for g in catalog.grants_on(target)}


def test_grants_on_every_kind_of_object(supabase_db):
    supabase_db.execute("""
        create schema app;
        grant usage on schema app to authenticated;
        grant usage, create on schema app to service_role with grant option;
        create table app.items (id int, price numeric, secret text);
        grant select on app.items to authenticated;
        grant select (price), update (price, secret) on app.items to anon;
        create view app.cheap as select id from app.items;
        grant select on app.cheap to anon;
        create sequence app.numbers;
        grant usage on sequence app.numbers to authenticated;
        create function app.open(n int) returns int language sql as 'select n';
        create function app.closed(n int, t text) returns int language sql as 'select n';
        revoke execute on function app.closed(int, text) from public;
        grant execute on function app.closed(int, text) to service_role;
    """)
    catalog = introspect(supabase_db)
    assert _grants(catalog, Q("app", "app")) == {
        ("schema", None, None, "authenticated", "usage", False),
        ("schema", None, None, "service_role", "usage", True),
        ("schema", None, None, "service_role", "create", True),
    }
    assert _grants(catalog, Q("app", "items")) == {
        ("table", None, None, "authenticated", "select", False),
        ("column", "price", None, "anon", "select", False),
        ("column", "price", None, "anon", "update", False),
        ("column", "secret", None, "anon", "update", False),
    }
    assert _grants(catalog, Q("app", "cheap")) == {("view", None, None, "anon", "select", False)}
    assert _grants(catalog, Q("app", "numbers")) == {("sequence", None, None, "authenticated", "usage", False)}
    # Postgres's default EXECUTE for PUBLIC is stated, as the loader states it; a revoke removes it.
    assert _grants(catalog, Q("app", "open")) == {("function", None, "integer", "public", "execute", False)}
    assert _grants(catalog, Q("app", "closed")) == {("function", None, "integer, text", "service_role", "execute",
                                                    False)}


def test_the_owner_s_own_rights_are_implicit(supabase_db):
    supabase_db.execute("create schema app; create table app.t (id int); create sequence app.s;")
    catalog = introspect(supabase_db)
    assert catalog.grants_on(Q("app", "t")) == () and catalog.grants_on(Q("app", "s")) == ()
    assert catalog.grants_on(Q("app", "app")) == ()
    # public: pg_database_owner's rights are the owner's; PUBLIC's USAGE is a real grant.
    assert _grants(catalog, Q("public", "public")) == {("schema", None, None, "public", "usage", False)}


def test_a_privilege_from_several_grantors_is_one_grant(supabase_db):
    supabase_db.execute("""
        create table public.t (id int);
        grant select on public.t to service_role with grant option;
        set role service_role;
        grant select on public.t to authenticated;
        reset role;
        grant select on public.t to authenticated;
    """)
    assert _grants(introspect(supabase_db), Q("public", "t")) == {
        ("table", None, None, "service_role", "select", True),
        ("table", None, None, "authenticated", "select", False),
    }


def test_grants_on_extension_members_are_left_out(supabase_db):
    supabase_db.execute("create extension citext; grant execute on function public.citext(boolean) to anon;")
    assert [g for g in introspect(supabase_db).grants if g.object_kind == "function"] == []


def test_grant_all_on_postgres_17_includes_maintain(supabase_db):
    supabase_db.execute("create table public.t (id int); grant all on public.t to anon;")
    privileges = {g.privilege for g in introspect(supabase_db).grants_on(Q("public", "t"))}
    base = {"select", "insert", "update", "delete", "truncate", "references", "trigger"}
    expected = base | {"maintain"} if supabase_db.info.server_version >= 170000 else base
    assert privileges == expected
