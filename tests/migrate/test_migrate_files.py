"""Migration files without a database: how they are found, split (as the Supabase CLI
records statements), marked non-transactional, and judged against the history."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dfworx_db.config import load_config
from dfworx_db.errors import DeclarationError
from dfworx_db.migrate import AppliedRecord, apply_settings, migration_files, pending_migrations, version_statuses
from dfworx_db.migrate.files import MigrationFile, split_statements

from migrate_project import Project, V


def texts(sql: str) -> list[str]:
    return [s.text for s in split_statements(sql, "m.sql")]


def test_statements_are_recorded_as_the_supabase_cli_does():
    """Leading comments stay with their statement, the semicolon and surrounding space
    go, empty statements vanish, a trailing comment is a statement of its own."""
    sql = ("-- create the table\nCREATE TABLE t (id int);  -- same line\n"
           "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1; -- inside\nEND\n$body$;\n"
           ";;\nCREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
           "INSERT INTO t VALUES (1)\n-- end of file\n")
    assert texts(sql) == [
        "-- create the table\nCREATE TABLE t (id int)",
        "-- same line\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1; -- inside\nEND\n$body$",
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
        "INSERT INTO t VALUES (1)\n-- end of file",
    ]


def test_a_comment_ended_by_an_empty_statement_is_recorded_as_the_cli_does():
    """The CLI cuts at every semicolon outside comments and quotes and keeps every
    non-empty piece: a comment before `;;` is a "statement" of its own."""
    statements = split_statements("SELECT 1 /* a; */ ; -- b;\n;\nSELECT 2;", "m.sql")
    assert [s.text for s in statements] == ["SELECT 1 /* a; */", "-- b;", "SELECT 2"]
    assert [s.runs for s in statements] == [True, False, True]


def test_a_comment_after_the_last_semicolon_is_recorded_but_not_run():
    statements = split_statements("SELECT 1;\n-- the end\n", "m.sql")
    assert [s.text for s in statements] == ["SELECT 1", "-- the end"]
    assert [s.runs for s in statements] == [True, False]


def test_statements_know_their_line_even_after_multibyte_text():
    statements = split_statements("-- résumé\nSELECT 'é;ü';\n\n  SELECT 2;", "m.sql")
    assert [(s.sql, s.line) for s in statements] == [("SELECT 'é;ü'", 2), ("SELECT 2", 4)]


def test_a_syntax_error_names_file_line_and_column():
    with pytest.raises(DeclarationError) as err:
        split_statements("SELECT 1;\nCREATE TABEL t (id int);\n", "supabase/migrations/1_x.sql")
    problem = err.value.problems[0]
    assert str(problem.location) == "supabase/migrations/1_x.sql:2:8"
    assert "TABEL" in problem.message


def file_with(tmp_path: Path, sql: str, name: str = "20240101000001_x.sql") -> MigrationFile:
    (tmp_path / name).write_text(sql, encoding="utf-8")
    return migration_files(tmp_path)[0]


def test_no_transaction_marker_among_leading_comments(tmp_path):
    marked = file_with(tmp_path, "-- Adds an index\n--  dfworx-db: no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n")
    assert not marked.transactional
    (tmp_path / "20240101000001_x.sql").unlink()
    assert file_with(tmp_path, "CREATE INDEX i ON t (a);\n").transactional


def test_no_transaction_marker_after_a_statement_is_an_error(tmp_path):
    late = file_with(tmp_path, "SELECT 1;\n-- dfworx-db: no-transaction\nSELECT 2;\n")
    with pytest.raises(DeclarationError) as err:
        late.transactional
    assert str(err.value.problems[0].location).endswith("20240101000001_x.sql:2:4")


def test_a_begin_commit_wrapper_is_recorded_but_not_run(tmp_path):
    file = file_with(tmp_path, "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n")
    assert [s.sql for s in file.executable()] == ["CREATE TABLE t (id int)"]
    assert [s.text for s in file.statements] == ["BEGIN", "CREATE TABLE t (id int)", "COMMIT"]


def test_other_transaction_control_is_refused(tmp_path):
    file = file_with(tmp_path, "CREATE TABLE t (id int);\nCOMMIT;\nCREATE TABLE u (id int);\n")
    with pytest.raises(DeclarationError) as err:
        file.executable()
    assert "transaction control (COMMIT)" in err.value.problems[0].message
    assert str(err.value.problems[0].location).endswith(":2:1")


def test_files_are_found_by_the_supabase_cli_pattern(tmp_path):
    for name in ("20240101000002_b.sql", "1_first.sql", "20240101000001_a.sql", "README.md", ".gitkeep",
                 "notes.sql", "20240101000003_c.sql.bak"):
        (tmp_path / name).write_text("SELECT 1;")
    assert [(f.version, f.name) for f in migration_files(tmp_path)] == [
        ("1", "first"), ("20240101000001", "a"), ("20240101000002", "b")]
    file = migration_files(tmp_path)[0]
    assert file.checksum == hashlib.sha256(b"SELECT 1;").hexdigest()


def test_two_files_with_one_version_are_an_error(tmp_path):
    (tmp_path / "20240101000001_a.sql").write_text("SELECT 1;")
    (tmp_path / "20240101000001_b.sql").write_text("SELECT 2;")
    with pytest.raises(DeclarationError, match="used by two files"):
        migration_files(tmp_path)


def statuses(tmp_path, applied: dict[str, AppliedRecord], *sqls: str):
    for version, sql in zip(V, sqls):
        (tmp_path / f"{version}_m.sql").write_text(sql)
    return version_statuses(migration_files(tmp_path), applied)


def record(version: str, sql: str | None = None, *, checksum: str | None = None) -> AppliedRecord:
    statements = tuple(s.text for s in split_statements(sql, "x")) if sql is not None else None
    return AppliedRecord(version, "m", statements, checksum)


def test_states_of_versions(tmp_path):
    sha = hashlib.sha256(b"SELECT 1;").hexdigest()
    applied = {V[0]: record(V[0], checksum=sha), V[1]: record(V[1], checksum="0" * 64),
               V[3]: record(V[3], checksum=sha), "20230101000000": record("20230101000000", checksum=sha)}
    result = statuses(tmp_path, applied, "SELECT 1;", "SELECT 1;", "SELECT 1;", "SELECT 1;", "SELECT 1;")
    assert [(s.version, s.state) for s in result] == [
        ("20230101000000", "missing-locally"), (V[0], "applied"), (V[1], "edited"), (V[2], "out-of-order"),
        (V[3], "applied"), (V[4], "pending")]


def test_a_version_the_supabase_cli_applied_is_judged_by_its_statements(tmp_path):
    sql = "-- one\nCREATE TABLE t (id int);\nSELECT 1"
    applied = {V[0]: record(V[0], sql), V[1]: record(V[1], "SELECT 2"), V[2]: record(V[2])}
    result = statuses(tmp_path, applied, sql, "SELECT 3;", "SELECT 4;")
    assert [(s.state, s.adoptable) for s in result] == [("applied", True), ("edited", False), ("applied", True)]


def test_refusals_are_gathered_and_include_all_takes_out_of_order_files(tmp_path):
    sha = hashlib.sha256(b"SELECT 1;").hexdigest()
    applied = {V[0]: record(V[0], checksum="0" * 64), V[2]: record(V[2], checksum=sha)}
    result = statuses(tmp_path, applied, "SELECT 1;", "SELECT 1;", "SELECT 1;", "SELECT 1;")
    with pytest.raises(DeclarationError) as err:
        pending_migrations(result)
    messages = [p.message for p in err.value.problems]
    assert any("was edited after it was applied" in m for m in messages)
    assert any(f"older than the newest applied one ({V[2]})" in m for m in messages)
    (tmp_path / f"{V[0]}_m.sql").write_text("SELECT 9;")  # still edited: --include-all does not excuse that
    with pytest.raises(DeclarationError):
        pending_migrations(statuses(tmp_path, applied), include_all=True)


def test_apply_settings_from_dfworx_yaml_and_options(tmp_path):
    Project(tmp_path, apply_section="apply:\n  lock_timeout: 2s\n  statement_timeout: 1min\n  lock_wait: 10\n")
    settings = apply_settings(load_config(tmp_path), lock_wait="250ms")
    assert (settings.lock_timeout, settings.statement_timeout, settings.lock_wait) == ("2000ms", "60000ms", 0.25)
    assert apply_settings(load_config(tmp_path), lock_wait="5m", lock_timeout="0").lock_wait == 300.0
    assert apply_settings(load_config(tmp_path), lock_timeout="0").lock_timeout == "0ms"


def test_a_bad_apply_setting_names_the_key(tmp_path):
    Project(tmp_path, apply_section="apply:\n  lock_timeout: soon\n  lock_wiat: 5\n")
    with pytest.raises(DeclarationError) as err:
        apply_settings(load_config(tmp_path))
    messages = [p.message for p in err.value.problems]
    assert "unknown key 'lock_wiat' in apply: of dfworx.yaml" in messages
    assert "apply.lock_timeout is 'soon', not a duration" in messages
