"""apply, status, repair and baseline against a real Postgres: history in the Supabase
CLI's format, all-or-nothing files, refusals before anything runs, the lock, and no
password in any output."""

from __future__ import annotations

import hashlib
import json

import pytest

from dfworx_db.migrate.lock import LOCK_KEY
from dfworx_db.pg import connect

from migrate_project import Project, V

TABLE = "CREATE TABLE public.{0} (id int PRIMARY KEY);\n"


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


def rows(conn, sql: str, *args) -> list[tuple]:
    return conn.execute(sql, args).fetchall()


def history(conn) -> list[tuple]:
    return rows(conn, "SELECT version, name, statements FROM supabase_migrations.schema_migrations ORDER BY version")


def tables(conn) -> set[str]:
    return {r[0] for r in rows(conn, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_history_is_written_as_the_supabase_cli_writes_it(project, db_url, db):
    sql = ("-- people\nCREATE TABLE public.people (id int PRIMARY KEY, name text);\n"
           "CREATE FUNCTION public.hello() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 'hi;';\nEND\n$$;\n")
    first = project.add(V[0], "create_people", sql)
    project.add(V[1], "seed", "INSERT INTO public.people VALUES (1, 'Ada')\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 0, result.stderr
    assert history(db) == [
        (V[0], "create_people", ["-- people\nCREATE TABLE public.people (id int PRIMARY KEY, name text)",
                                 "CREATE FUNCTION public.hello() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 'hi;';\nEND\n$$"]),
        (V[1], "seed", ["INSERT INTO public.people VALUES (1, 'Ada')"]),
    ]
    # The CLI's table, column for column (pkg/migration/history.go).
    assert rows(db, "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    "WHERE table_schema = 'supabase_migrations' AND table_name = 'schema_migrations' ORDER BY ordinal_position") == [
        ("version", "text", "NO"), ("statements", "ARRAY", "YES"), ("name", "text", "YES")]
    checksum, applied_by, duration = rows(db, "SELECT checksum, applied_by, duration_ms FROM supabase_migrations.dfworx_migrations "
                                              "WHERE version = %s", V[0])[0]
    assert checksum == hashlib.sha256(first.read_bytes()).hexdigest()
    assert applied_by == "postgres" or applied_by  # the connecting role
    assert duration >= 0

    again = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert again.exit_code == 0
    assert "Nothing to apply" in again.stderr
    assert rows(db, "SELECT count(*) FROM public.people") == [(1,)]


def test_a_failing_statement_in_file_3_of_5(project, db_url, db):
    project.add(V[0], "one", TABLE.format("one"))
    project.add(V[1], "two", TABLE.format("two"))
    project.add(V[2], "three", TABLE.format("three") + "INSERT INTO public.three VALUES (1);\n\n"
                "INSERT INTO public.three\n  VALUES (1);\n")
    project.add(V[3], "four", TABLE.format("four"))
    project.add(V[4], "five", TABLE.format("five"))
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    assert [r[0] for r in history(db)] == V[:2]
    assert tables(db) == {"one", "two"}  # three rolled back, four and five never ran
    message = result.stderr
    assert f"migration {V[2]}_three.sql failed; it was rolled back" in message
    assert f"supabase/migrations/{V[2]}_three.sql:4:1: statement 3 of 3" in message
    assert "INSERT INTO public.three\n      VALUES (1)" in message
    assert "ERROR 23505: duplicate key value violates unique constraint" in message
    assert "detail: Key (id)=(1) already exists." in message
    assert f"not run: {V[3]}_four.sql, {V[4]}_five.sql" in message


def test_a_failure_deep_in_a_long_file_names_its_statement_and_line(project, db_url, db):
    """Statements travel in batches of many; a failing batch is replayed one statement at a
    time, so the report is as exact as for a short file, and nothing of the file stays."""
    inserts = "".join(f"INSERT INTO public.long VALUES ({i});\n" for i in range(1, 1200))
    project.add(V[0], "long", TABLE.format("long") + inserts + "INSERT INTO public.long VALUES (700);\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    statements = 1 + 1199 + 1
    line = TABLE.format("long").count("\n") + 1200
    assert f"{V[0]}_long.sql:{line}:1: statement {statements} of {statements}" in result.stderr
    assert "detail: Key (id)=(700) already exists." in result.stderr
    assert history(db) == [] and tables(db) == set()


def test_a_position_in_the_error_points_at_the_column(project, db_url):
    project.add(V[0], "bad", "SELECT 1;\nSELECT no_such_column\n  FROM pg_class;\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    assert f"{V[0]}_bad.sql:2:8: statement 2 of 2" in result.stderr
    assert "ERROR 42703: column \"no_such_column\" does not exist" in result.stderr


def test_failure_as_json(project, db_url):
    project.add(V[0], "one", TABLE.format("one"))
    project.add(V[1], "bad", "SELECT 1/0;\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify", "--json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert [a["version"] for a in report["applied"]] == [V[0]]
    assert report["failed"]["version"] == V[1] and not report["failed"]["applied"]
    assert report["error"]["sqlstate"] == "22012" and report["error"]["location"].endswith(f"{V[1]}_bad.sql:1:1")


def test_an_edited_applied_file_is_refused_before_anything_runs(project, db_url, db):
    first = project.add(V[0], "one", TABLE.format("one"))
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    first.write_text(TABLE.format("one") + "-- an afterthought\n")
    project.add(V[1], "two", TABLE.format("two"))
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 2
    assert f"migration {V[0]} was edited after it was applied" in result.stderr
    assert "nothing was changed" in result.stderr
    assert tables(db) == {"one"} and [r[0] for r in history(db)] == [V[0]]
    # A deliberate edit is accepted by recording the file again.
    assert project.cli("repair", V[0], "--status", "applied", "--db-url", db_url).exit_code == 0
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    assert tables(db) == {"one", "two"}


def test_an_out_of_order_file_is_refused_unless_include_all(project, db_url, db):
    project.add(V[0], "one", TABLE.format("one"))
    project.add(V[2], "three", TABLE.format("three"))
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    project.add(V[1], "two", TABLE.format("two"))
    project.add(V[3], "four", TABLE.format("four"))
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 2
    assert f"migration {V[1]} is not applied but older than the newest applied one ({V[2]})" in result.stderr
    assert tables(db) == {"one", "three"}
    assert project.cli("apply", "--db-url", db_url, "--no-verify", "--include-all").exit_code == 0
    assert tables(db) == {"one", "two", "three", "four"}
    assert [r[0] for r in history(db)] == V[:4]


def test_an_applied_version_without_its_file_is_refused(project, db_url, db):
    gone = project.add(V[0], "one", TABLE.format("one"))
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    gone.unlink()
    project.add(V[1], "two", TABLE.format("two"))
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 2 and "is applied to the database but has no file here" in result.stderr
    assert project.cli("repair", V[0], "--status", "reverted", "--db-url", db_url).exit_code == 0
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    assert [r[0] for r in history(db)] == [V[1]]
    assert rows(db, "SELECT version FROM supabase_migrations.dfworx_migrations") == [(V[1],)]


def test_files_applied_by_the_supabase_cli_are_adopted(project, db_url, db):
    """A database the Supabase CLI migrated: its history has no checksums. Versions whose
    recorded statements match the file get one; a differing one is an edit."""
    sql = "-- one\nCREATE TABLE public.one (id int);\n"
    project.add(V[0], "one", sql)
    project.add(V[1], "two", TABLE.format("two"))
    db.execute(sql)
    for statement in ("CREATE SCHEMA IF NOT EXISTS supabase_migrations",
                      "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)",
                      "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]",
                      "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text"):
        db.execute(statement)
    db.execute("INSERT INTO supabase_migrations.schema_migrations VALUES (%s, %s, %s)",
               (V[0], ["-- one\nCREATE TABLE public.one (id int)"], "one"))
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 0, result.stderr
    assert "Recorded the checksums of 1 migration(s) applied by the Supabase CLI" in result.stderr
    assert rows(db, "SELECT version, applied_at IS NULL FROM supabase_migrations.dfworx_migrations ORDER BY 1") == [
        (V[0], True), (V[1], False)]
    status = json.loads(project.cli("status", "--db-url", db_url, "--json").stdout)
    assert [v["state"] for v in status["versions"]] == ["applied", "applied"]


def test_non_transactional_file_runs_statement_by_statement(project, db_url, db):
    project.add(V[0], "table", TABLE.format("items") + "INSERT INTO public.items SELECT g FROM generate_series(1, 100) g;\n")
    project.add(V[1], "index", "-- dfworx-db: no-transaction\n"
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_id_idx ON public.items (id);\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 0, result.stderr
    assert "no transaction" in result.stderr
    assert rows(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.items_id_idx'::regclass") == [(True,)]


def test_a_failing_non_transactional_file_is_not_recorded_and_names_invalid_indexes(project, db_url, db):
    project.add(V[0], "table", "CREATE TABLE public.items (id int);\nINSERT INTO public.items VALUES (1), (1);\n")
    project.add(V[1], "index", "-- dfworx-db: no-transaction\n"
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS items_plain ON public.items (id);\n"
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_unique ON public.items (id);\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    assert "statements 1–1 of 2 ran and stay; the file is not recorded" in result.stderr
    assert "public.items_unique" in result.stderr
    assert [r[0] for r in history(db)] == [V[0]]
    # Rerun: IF NOT EXISTS skips the invalid index, which apply still refuses to record.
    db.execute("DELETE FROM public.items")
    rerun = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert rerun.exit_code == 3 and "INVALID" in rerun.stderr and "public.items_unique" in rerun.stderr
    db.execute("DROP INDEX CONCURRENTLY public.items_unique")
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    assert [r[0] for r in history(db)] == V[:2]


def test_create_index_concurrently_in_a_transactional_file_says_how_to_fix_it(project, db_url):
    project.add(V[0], "index", "CREATE TABLE public.t (id int);\nCREATE INDEX CONCURRENTLY t_id ON public.t (id);\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    assert "ERROR 25001" in result.stderr and "-- dfworx-db: no-transaction" in result.stderr


def test_the_files_own_set_wins_over_the_defaults(tmp_path, db_url, db):
    project = Project(tmp_path, apply_section="apply:\n  statement_timeout: 42s\n")
    project.add(V[0], "defaults", "CREATE TABLE public.seen AS SELECT current_setting('statement_timeout') AS v;\n")
    project.add(V[1], "own", "SET statement_timeout = '7s';\nINSERT INTO public.seen SELECT current_setting('statement_timeout');\n")
    project.add(V[2], "reset", "INSERT INTO public.seen SELECT current_setting('statement_timeout');\n")
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    assert [r[0] for r in rows(db, "SELECT v FROM public.seen")] == ["42s", "7s", "42s"]


def test_a_second_apply_waits_for_the_lock_then_exits_with_a_message(project, db_url, db):
    project.add(V[0], "one", TABLE.format("one"))
    db.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        result = project.cli("apply", "--db-url", db_url, "--no-verify", "--lock-wait", "300ms")
    finally:
        db.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    assert result.exit_code == 3
    assert "another migration run holds the migration lock" in result.stderr
    assert "waited 0.3 s, nothing was applied" in result.stderr
    assert tables(db) == set()


def test_dry_run_prints_what_would_run_and_changes_nothing(project, db_url, db):
    project.add(V[0], "one", "-- a comment\n" + TABLE.format("one"))
    result = project.cli("apply", "--db-url", db_url, "--dry-run")
    assert result.exit_code == 0
    assert f"-- {V[0]}_one.sql: 1 statements, in one transaction" in result.stdout
    assert f"-- {V[0]}_one.sql:2\nCREATE TABLE public.one (id int PRIMARY KEY);" in result.stdout
    assert rows(db, "SELECT to_regclass('supabase_migrations.schema_migrations')") == [(None,)]


def test_status_lists_every_state(project, db_url, db):
    edited = project.add(V[0], "one", TABLE.format("one"))
    project.add(V[2], "three", TABLE.format("three"))
    gone = project.add(V[3], "four", TABLE.format("four"))
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    edited.write_text("-- edited\n" + TABLE.format("one"))
    gone.unlink()
    project.add(V[1], "two", TABLE.format("two"))
    project.add(V[4], "five", TABLE.format("five"))
    result = project.cli("status", "--db-url", db_url, "--json")
    assert result.exit_code == 0
    assert [(v["version"], v["state"]) for v in json.loads(result.stdout)["versions"]] == [
        (V[0], "edited"), (V[1], "out-of-order"), (V[2], "applied"), (V[3], "missing-locally"), (V[4], "pending")]
    table = project.cli("status", "--db-url", db_url)
    assert "missing-locally" in table.stdout and "1 applied, 1 pending, 1 out-of-order, 1 edited" in table.stderr


def test_baseline_marks_existing_migrations_applied(project, db_url, db):
    for i, name in enumerate(("one", "two", "three")):
        project.add(V[i], name, TABLE.format(name))
    db.execute(TABLE.format("one") + TABLE.format("two"))  # built before dfworx-db
    result = project.cli("baseline", V[1], "--db-url", db_url)
    assert result.exit_code == 0 and "2 migration(s) marked applied" in result.stderr
    assert project.cli("apply", "--db-url", db_url, "--no-verify").exit_code == 0
    assert [r[0] for r in history(db)] == V[:3] and tables(db) == {"one", "two", "three"}


def test_repair_needs_the_file_for_applied(project, db_url):
    result = project.cli("repair", V[5], "--status", "applied", "--db-url", db_url)
    assert result.exit_code == 2 and f"no migration file has version {V[5]}" in result.stderr


def test_no_output_contains_the_password(project, db_url):
    """The test server trusts the connection, so the password goes nowhere, but it is in
    the URL every command is given: it must not come back in any output or message."""
    secret = "Pw-9f3e2a-s3cret"
    url = db_url.replace("@", f":{secret}@", 1)
    unreachable = url + ("&" if "?" in url else "?") + "port=1&connect_timeout=2"
    project.add(V[0], "one", TABLE.format("one"))
    project.add(V[1], "bad", "SELECT 1/0;\n")
    outputs = [project.cli("apply", "--db-url", url, "--no-verify"),
               project.cli("apply", "--db-url", url, "--no-verify", "--json"),
               project.cli("apply", "--db-url", url, "--dry-run", "--json"),
               project.cli("status", "--db-url", url),
               project.cli("status", "--db-url", url, "--json"),
               project.cli("status", "--env", "staging", env={"DFWORX_TEST_STAGING_URL": url}),
               project.cli("repair", V[0], "--status", "reverted", "--db-url", url),
               project.cli("apply", "--db-url", unreachable, "--no-verify")]
    with connect(db_url) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        outputs.append(project.cli("apply", "--db-url", url, "--no-verify", "--lock-wait", "0.1"))
    assert [r.exit_code for r in outputs] == [3, 3, 0, 0, 0, 0, 0, 3, 3]
    for result in outputs:
        assert secret not in result.stdout + result.stderr, result.stdout + result.stderr
    assert ":***@" in outputs[3].stdout  # the status title shows the redacted URL


def test_copy_from_stdin_fails_cleanly_and_copy_to_stdout_runs(project, db_url, db):
    project.add(V[0], "copy_out", TABLE.format("one") + "COPY public.one TO STDOUT;\n")
    project.add(V[1], "copy_in", "COPY public.one FROM STDIN;\n")
    result = project.cli("apply", "--db-url", db_url, "--no-verify")
    assert result.exit_code == 3
    assert "COPY FROM STDIN is not supported in migrations" in result.stderr
    assert [r[0] for r in history(db)] == [V[0]]


def test_a_role_that_cannot_write_the_history_gets_a_clear_error(project, db_url, db):
    db.execute("DO $$ BEGIN CREATE ROLE dfworx_test_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    project.add(V[0], "one", TABLE.format("one"))
    reader = db_url.replace("postgres@", "dfworx_test_reader:Pw-reader-123@", 1)
    result = project.cli("apply", "--db-url", reader, "--no-verify")
    assert result.exit_code == 3
    assert "ERROR 42501: permission denied for database" in result.stderr
    assert "Pw-reader-123" not in result.stderr and "Traceback" not in result.stderr
