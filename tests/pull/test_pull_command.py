"""`dfworx-db pull` on the command line: where it writes, what it refuses, what it says."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli

pytestmark = pytest.mark.postgres

TABLE = "create table public.notes (note_id uuid primary key default gen_random_uuid(), body text not null)"


def _pull(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["pull", *args], env=env)


def test_writes_the_declarations_of_the_database(supabase_db_url, supabase_db, tmp_path):
    supabase_db.execute(TABLE)
    result = _pull("--db-url", supabase_db_url, "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 0, result.output
    assert "wrote 1 file" in result.output
    assert (tmp_path / "schemas" / "public.yaml").read_text().endswith(
        "tables:\n  notes:\n    columns:\n      note_id: uuid primary key default gen_random_uuid()\n"
        "      body: text not null\n")


def test_refuses_a_folder_that_holds_yaml_and_changes_nothing(supabase_db_url, supabase_db, tmp_path):
    supabase_db.execute(TABLE)
    out = tmp_path / "schemas"
    (out / "old").mkdir(parents=True)
    (out / "old" / "mine.yaml").write_text("tables: {}\n")
    result = _pull("--db-url", supabase_db_url, "--out", str(out))
    assert result.exit_code == 2
    assert "mine.yaml exists; pull writes a complete declaration set" in result.output
    assert "--force" in result.output
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["mine.yaml"]
    assert (out / "old" / "mine.yaml").read_text() == "tables: {}\n"


def test_force_replaces_the_yaml_of_the_folder(supabase_db_url, supabase_db, tmp_path):
    supabase_db.execute(TABLE)
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "stale.yaml").write_text("tables: {}\n")
    (out / "README.md").write_text("kept\n")
    result = _pull("--db-url", supabase_db_url, "--out", str(out), "--force", "--layout", "table")
    assert result.exit_code == 0, result.output
    assert "Replaced 1 YAML file." in result.output
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "README.md", "public/notes.yaml"]


def test_unsupported_objects_exit_4_naming_them_or_become_warnings(supabase_db_url, supabase_db, tmp_path):
    supabase_db.execute(TABLE)
    supabase_db.execute("create domain public.email as text check (value like '%@%')")
    result = _pull("--db-url", supabase_db_url, "--out", str(tmp_path / "a"))
    assert result.exit_code == 4
    assert "domain public.email" in result.output
    assert "--skip-unsupported" in result.output
    assert not (tmp_path / "a").exists()
    result = _pull("--db-url", supabase_db_url, "--out", str(tmp_path / "b"), "--skip-unsupported")
    assert result.exit_code == 0, result.output
    assert "warning: left out domain public.email" in result.output
    assert "notes:" in (tmp_path / "b" / "public.yaml").read_text()


def test_env_reads_the_url_and_the_schemas_folder_from_dfworx_yaml(supabase_db_url, supabase_db, tmp_path,
                                                                   monkeypatch):
    supabase_db.execute(TABLE)
    (tmp_path / "dfworx.yaml").write_text("schemas: db/declarations\nenvironments:\n  staging:\n"
                                          "    url_env: STAGING_DATABASE_URL\n")
    monkeypatch.chdir(tmp_path)
    result = _pull("--env", "staging", env={"STAGING_DATABASE_URL": supabase_db_url})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "db" / "declarations" / "public.yaml").is_file()


def test_schema_options_limit_what_is_pulled(supabase_db_url, supabase_db, tmp_path):
    supabase_db.execute("create schema app; create table app.items (id int primary key); " + TABLE)
    result = _pull("--db-url", supabase_db_url, "--out", str(tmp_path / "only"), "--schema", "app")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "only").iterdir()) == ["app.yaml"]
    result = _pull("--db-url", supabase_db_url, "--out", str(tmp_path / "but"), "--exclude-schema", "app")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "but").iterdir()) == ["public.yaml"]


def test_a_password_in_the_url_is_never_printed(supabase_db_url, tmp_path):
    parts = urlsplit(supabase_db_url)
    user = parts.username or "postgres"
    host = parts.netloc.rpartition("@")[2]
    url = urlunsplit(parts._replace(netloc=f"{user}:s3cret-pw@{host}"))
    for args in (("--db-url", url), ("--db-url", url + "_no_such_database")):
        result = _pull(*args, "--out", str(tmp_path / "out"), "--force")
        assert "s3cret-pw" not in result.output
        assert result.exit_code in (0, 3), result.output
