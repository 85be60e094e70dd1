"""The shipped DFWorX declarations (schemas/): they validate, render to SQL that runs in
one transaction, hold everything the seed defines, and isolate tenants under RLS."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli
from dfworx_db.declare import load_catalog
from dfworx_db.render import render_catalog

ROOT = Path(__file__).parents[2]
SCHEMAS = ROOT / "schemas"
SEED_SCHEMAS = ("public", "app_web", "app_admin", "shared_services")

# What the seed (../shared/seed/data-management-strategy.md) shows, by name.
SEED_INDEXES = {
    "idx_users_organization", "idx_notifications_user", "idx_profiles_user", "idx_posts_user",
    "idx_posts_status", "idx_posts_user_status", "idx_notifications_user_unread", "idx_active_users",
    "idx_posts_list",
}
SEED_TRIGGERS = {"update_users_updated_at", "update_profiles_updated_at", "on_user_created"}
SEED_FUNCTIONS = {"update_updated_at_column", "handle_new_user", "get_posts_with_users"}
# Seed policies as (table, command); "manage own posts" (FOR ALL) is split per command
# so that posts has a single SELECT policy (docs/decisions.md).
SEED_POLICY_COMMANDS = {
    ("public.users", "SELECT"), ("app_web.profiles", "UPDATE"), ("app_web.posts", "SELECT"),
    ("app_web.posts", "INSERT"), ("app_web.posts", "UPDATE"), ("app_web.posts", "DELETE"),
    ("app_web.projects", "SELECT"),
}


@pytest.fixture
def dfworx_db(supabase_db):
    supabase_db.execute(render_catalog(load_catalog(SCHEMAS)))
    return supabase_db


def test_validate_exits_0():
    result = CliRunner().invoke(cli, ["validate", str(SCHEMAS)])
    assert result.exit_code == 0, result.stderr


def test_declares_no_duplicate_of_a_unique_constraint():
    """The seed's idx_users_email duplicated the UNIQUE constraint on users.email."""
    catalog = load_catalog(SCHEMAS)
    assert all(i.name.name != "idx_users_email" for i in catalog.indexes)


def test_security_definer_functions_pin_search_path():
    for function in load_catalog(SCHEMAS).functions:
        if function.security_definer:
            assert dict(function.config).get("search_path") == "", function.name


def test_policies_call_auth_functions_once_per_statement():
    for policy in load_catalog(SCHEMAS).policies:
        for expression in filter(None, (policy.using, policy.with_check)):
            text = expression.replace(" ", "").lower()
            assert "auth.uid()" not in text.replace("(selectauth.uid())", ""), (policy.table, policy.name)


def test_render_runs_in_one_transaction(supabase_db):
    with supabase_db.transaction():
        supabase_db.execute(render_catalog(load_catalog(SCHEMAS)))


def test_every_table_has_rls_and_the_seed_objects_exist(dfworx_db):
    tables = dfworx_db.execute(
        "select n.nspname, c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where c.relkind = 'r' and n.nspname = any(%s)", (list(SEED_SCHEMAS),)).fetchall()
    assert len(tables) >= 15
    assert {t[0] for t in tables} == set(SEED_SCHEMAS)
    assert [f"{s}.{t}" for s, t, rls in tables if not rls] == []

    indexes = {r[0] for r in dfworx_db.execute("select indexname from pg_indexes")}
    assert SEED_INDEXES <= indexes
    partial = dict(dfworx_db.execute(
        "select c.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid "
        "where c.relname = any(%s)", (["idx_notifications_user_unread", "idx_active_users", "idx_posts_list"],)))
    assert "WHERE (is_read = false)" in partial["idx_notifications_user_unread"]
    assert "WHERE (is_active = true)" in partial["idx_active_users"]
    assert "(user_id, created_at DESC) INCLUDE (title, status)" in partial["idx_posts_list"]

    triggers = {r[0] for r in dfworx_db.execute("select tgname from pg_trigger where not tgisinternal")}
    assert SEED_TRIGGERS <= triggers
    functions = {r[0] for r in dfworx_db.execute("select proname from pg_proc where pronamespace = 'public'::regnamespace")}
    assert SEED_FUNCTIONS <= functions
    policies = {(f"{s}.{t}", c) for s, t, c in dfworx_db.execute("select schemaname, tablename, cmd from pg_policies")}
    assert SEED_POLICY_COMMANDS <= policies


def test_seed_grants(dfworx_db):
    checks = dfworx_db.execute("""
        select
          has_schema_privilege('authenticated', 'public', 'usage'),
          has_schema_privilege('authenticated', 'app_web', 'usage'),
          has_table_privilege('authenticated', 'public.users', 'select'),
          has_column_privilege('authenticated', 'public.users', 'name', 'update'),
          has_table_privilege('authenticated', 'app_web.profiles', 'select, insert, update, delete'),
          has_table_privilege('authenticated', 'app_web.posts', 'select'),
          has_function_privilege('anon', 'private.user_organization_ids()', 'execute')
    """).fetchone()
    assert checks == (True, True, True, True, True, True, False)
    service_role_gaps = dfworx_db.execute("""
        select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = any(%s)
          and not has_table_privilege('service_role', c.oid, 'select, insert, update, delete, truncate, references, trigger')
    """, (list(SEED_SCHEMAS),)).fetchall()
    assert service_role_gaps == []


def test_tenants_are_isolated_and_policies_do_not_recurse(dfworx_db):
    """Two organizations' users, signed in through request.jwt.claims, each see only their
    organization's rows (the SQL raises on any violation, including 42P17)."""
    dfworx_db.execute((Path(__file__).parent / "isolation.sql").read_text())


def test_seed_policy_would_have_recursed(dfworx_db):
    """The control for the test above: the seed's own users policy raises 42P17."""
    dfworx_db.execute('drop policy "Users can view organization users" on public.users')
    dfworx_db.execute("""
        create policy "Seed policy" on public.users for select using (
          organization_id in (select organization_id from public.users where user_id = auth.uid()))""")
    with pytest.raises(psycopg.errors.InvalidObjectDefinition, match="infinite recursion"):
        with dfworx_db.transaction():
            dfworx_db.execute("set local role authenticated")
            dfworx_db.execute("select set_config('request.jwt.claims', '{\"sub\": \"00000000-0000-0000-0000-000000000001\"}', true)")
            dfworx_db.execute("select count(*) from public.users").fetchone()
