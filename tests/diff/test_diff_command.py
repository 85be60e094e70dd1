"""`dfworx-db diff FROM TO`: SQL (or JSON) that takes FROM to TO; exit 0 when equal, 2
when different; the DFWorX declarations converge from an empty database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli
from dfworx_db.declare import load_catalog
from dfworx_db.render import render_catalog
from tests.diff.convergence import converge, database_pair

pytestmark = pytest.mark.postgres
SCHEMAS = Path(__file__).parents[2] / "schemas"


def test_equal_databases_exit_0(pg_server_url):
    with database_pair(pg_server_url, "create table t (id int);", "create table t (id int);") as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""


def test_different_databases_exit_2_with_sql(pg_server_url):
    with database_pair(pg_server_url, "create table t (id int);", "create table t (id int, n text);") as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b])
    assert result.exit_code == 2, result.stderr
    assert "ALTER TABLE public.t ADD COLUMN n text;" in result.stdout


def test_json_output_lists_changes_with_hazards(pg_server_url):
    with database_pair(pg_server_url, "create table t (id int, n text);", "create table t (id int);") as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b, "--json"])
    assert result.exit_code == 2
    changes = json.loads(result.stdout)
    assert changes == [{"kind": "drop_column", "object": "n", "table": "public.t", "hazards": ["deletes data"],
                        "sql": "ALTER TABLE public.t DROP COLUMN n;"}]


def test_console_script_exits_2_with_all_its_output(pg_server_url):
    """The console script ends without the interpreter's teardown (cli.finish): its output
    must be complete and its exit status the command's."""
    with database_pair(pg_server_url, "create table t (id int);", "create table t (id int, n text);") as (a, b):
        run = subprocess.run([sys.executable, "-m", "dfworx_db.cli", "diff", a, b], capture_output=True, text=True)
        same = subprocess.run([sys.executable, "-m", "dfworx_db.cli", "diff", a, a], capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    assert run.stdout.endswith("ALTER TABLE public.t ADD COLUMN n text;\n")
    assert (same.returncode, same.stdout) == (0, ""), same.stderr


def test_schema_filters(pg_server_url):
    current = "create schema a; create schema b;"
    desired = "create schema a; create schema b; create table a.x (id int); create table b.y (id int);"
    with database_pair(pg_server_url, current, desired) as (a, b):
        only_a = CliRunner().invoke(cli, ["diff", a, b, "--schema", "a"])
        not_a = CliRunner().invoke(cli, ["diff", a, b, "--exclude-schema", "a"])
    assert "a.x" in only_a.stdout and "b.y" not in only_a.stdout
    assert "b.y" in not_a.stdout and "a.x" not in not_a.stdout


def test_password_never_printed(pg_server_url):
    result = CliRunner().invoke(cli, ["diff", "postgresql://u:hunter2@127.0.0.1:1/x", "postgresql://u:hunter2@127.0.0.1:1/y"])
    assert result.exit_code == 3
    assert "hunter2" not in result.output + result.stderr


def test_dfworx_declarations_converge_from_an_empty_database(pg_server_url):
    desired_sql = render_catalog(load_catalog(SCHEMAS))
    with database_pair(pg_server_url, "", desired_sql) as (empty, dfworx):
        result = converge(empty, dfworx)
    assert "CREATE TABLE public.users" in result.sql
    assert len(result.desired.tables) == 16


def test_expressions_postgres_rewrites_are_not_drift(pg_server_url):
    """`role in (…)` on varchar is written back by Postgres in a form that, executed again,
    is written back differently; both mean the same and the diff is empty (compared in a
    shadow built from the target's schema)."""
    current = ("create table t (role varchar(50) constraint t_role_check check (((role)::text = ANY "
               "(ARRAY[('user'::character varying)::text, ('admin'::character varying)::text]))));")
    desired = "create table t (role varchar(50) constraint t_role_check check (role in ('user', 'admin')));"
    with database_pair(pg_server_url, current, desired) as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b, "--shadow-url", pg_server_url])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_real_expression_change_is_still_a_change(pg_server_url):
    current = "create table t (role varchar(50) constraint t_role_check check (role in ('user', 'admin')));"
    desired = "create table t (role varchar(50) constraint t_role_check check (role in ('user', 'owner')));"
    with database_pair(pg_server_url, current, desired) as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b, "--shadow-url", pg_server_url])
    assert result.exit_code == 2
    assert "DROP CONSTRAINT t_role_check" in result.stdout and "'owner'" in result.stdout


def test_dfworx_yaml_extends_the_excluded_schemas(pg_server_url, tmp_path, monkeypatch):
    (tmp_path / "dfworx.yaml").write_text("exclude_schemas: [legacy]\n")
    monkeypatch.chdir(tmp_path)
    current = "create schema legacy;"
    desired = "create schema legacy; create table legacy.old (id int); create table public.new (id int);"
    with database_pair(pg_server_url, current, desired) as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b])
    assert result.exit_code == 2
    assert "public.new" in result.stdout and "legacy.old" not in result.stdout


def test_the_throw_away_shadow_gets_the_roles_the_target_names(pg_server_url):
    """No --shadow-url: the local shadow server has only the Supabase roles, yet a policy
    for another role is compared (its role is created there, NOLOGIN)."""
    setup = ("do $$ begin create role dfworx_reader nologin; exception when duplicate_object then null; end $$;"
             "create table t (role varchar(20), owner text); alter table t enable row level security;")
    current = setup + ("create policy p on t to dfworx_reader using (((role)::text = ANY "
                       "(ARRAY[('a'::character varying)::text, ('b'::character varying)::text])));")
    desired = setup + "create policy p on t to dfworx_reader using (role in ('a', 'b'));"
    with database_pair(pg_server_url, current, desired) as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_policies_reading_other_tables_are_compared_in_meaning(pg_server_url):
    setup = ("create table members (name text, role varchar(20)); create table t (owner text);"
             "alter table t enable row level security;")
    current = setup + ("create policy p on t using (owner in (select m.name from public.members m where "
                       "((m.role)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))));")
    desired = setup + "create policy p on t using (owner in (select m.name from public.members m where m.role in ('a', 'b')));"
    with database_pair(pg_server_url, current, desired) as (a, b):
        result = CliRunner().invoke(cli, ["diff", a, b, "--shadow-url", pg_server_url])
    assert result.exit_code == 0, result.stdout + result.stderr
