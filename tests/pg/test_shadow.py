"""The shadow database: declarations are executed in a fresh database that is dropped
after, and a declaration Postgres rejects is reported with the failing statement."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli
from dfworx_db.declare import load_catalog
from dfworx_db.errors import DatabaseError
from dfworx_db.pg.shadow import execute_catalog, shadow_database


def _write(tmp_path, text: str):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "main.yaml").write_text(text)
    return tmp_path / "schemas"


def _databases(server_url: str) -> set[str]:
    with psycopg.connect(server_url, autocommit=True) as conn:
        return {r[0] for r in conn.execute("select datname from pg_database")}


def test_shadow_database_is_dropped_after_use(pg_server_url):
    with shadow_database(pg_server_url) as url:
        with psycopg.connect(url) as conn:
            name = conn.execute("select current_database()").fetchone()[0]
            assert conn.execute("select auth.uid() is null").fetchone() == (True,)
        assert name in _databases(pg_server_url)
    # only this one: other runs may share the server and make databases of their own
    assert name not in _databases(pg_server_url)


def test_rejected_declaration_names_the_statement(pg_server_url, tmp_path):
    schemas = _write(tmp_path, "tables:\n  counters:\n    columns:\n      id: integer primary key\n"
                               "      hits: integer not null default 'many'\n")
    with shadow_database(pg_server_url) as url, pytest.raises(DatabaseError) as err:
        execute_catalog(url, load_catalog(schemas))
    message = str(err.value)
    assert "invalid input syntax for type integer" in message
    assert "CREATE TABLE public.counters" in message
    assert "sqlstate: 22P02" in message


def test_missing_extension_is_named_before_any_ddl(pg_server_url, tmp_path):
    schemas = _write(tmp_path, "extensions:\n  no_such_extension: {}\n"
                               "tables:\n  t:\n    columns:\n      id: integer primary key\n")
    with shadow_database(pg_server_url) as url:
        with pytest.raises(DatabaseError, match="no_such_extension"):
            execute_catalog(url, load_catalog(schemas))
        with psycopg.connect(url) as conn:
            assert conn.execute("select to_regclass('public.t')").fetchone() == (None,)


def test_validate_shadow_command(pg_server_url, tmp_path, monkeypatch):
    _write(tmp_path, "tables:\n  t:\n    columns:\n      id: integer primary key\n      n: integer default 'x'\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--shadow-url", pg_server_url])
    assert result.exit_code == 3
    assert "the declarations do not apply" in result.stderr
