"""The small commands: init scaffolds a project that validates and renders; bootstrap gives
a plain Postgres the Supabase baseline, once, and refuses a real Supabase database."""

from __future__ import annotations

import json

import psycopg
import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli


def test_init_scaffolds_a_project_that_validates(tmp_path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "app")]).exit_code == 0
    for path in ("dfworx.yaml", "schemas/public.yaml", "supabase/migrations/.gitkeep", "dfworx.schema.json"):
        assert (tmp_path / "app" / path).exists(), path
    assert json.loads((tmp_path / "app" / "dfworx.schema.json").read_text())["title"] == "dfworx-db declarations"
    monkeypatch.chdir(tmp_path / "app")
    assert runner.invoke(cli, ["validate"]).exit_code == 0
    rendered = runner.invoke(cli, ["render"])
    assert "CREATE TABLE public.todos" in rendered.stdout


def test_init_refuses_an_existing_project(tmp_path):
    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path)])
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists" in result.stderr


def test_render_writes_a_file(tmp_path, monkeypatch):
    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path)])
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["render", "-o", "build/schema.sql"]).exit_code == 0
    assert (tmp_path / "build" / "schema.sql").read_text().startswith("SET check_function_bodies = false;")


@pytest.mark.postgres
def test_bootstrap_is_idempotent(db_url):
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(cli, ["bootstrap", "--db-url", db_url])
        assert result.exit_code == 0, result.stderr
    with psycopg.connect(db_url) as conn:
        assert conn.execute("select to_regprocedure('auth.uid()') is not null").fetchone() == (True,)


@pytest.mark.postgres
def test_bootstrap_refuses_a_supabase_database(db_url):
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("create schema auth")  # a real Supabase has its own auth schema
    result = CliRunner().invoke(cli, ["bootstrap", "--db-url", db_url])
    assert result.exit_code == 3
    assert "auth schema" in result.stderr
