"""apply as real processes against a real Postgres: a connection killed in the middle of
a migration, and two applies started together."""

from __future__ import annotations

import time


from migrate_project import Project, V

# Sleeps as long as the session's dfworx_test.sleep says (0 unless PGOPTIONS sets it), so
# the same file is slow in the run that gets killed and fast in the rerun.
SLEEP = "SELECT pg_sleep(coalesce(nullif(current_setting('dfworx_test.sleep', true), ''), '0')::float8);\n"


def wait_for_backend(conn, pattern: str, timeout: float = 20.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                           "AND application_name = 'dfworx-db' AND query LIKE %s AND state = 'active'",
                           (pattern,)).fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError(f"no dfworx-db backend ran {pattern!r} within {timeout} s")


def test_a_killed_connection_leaves_the_previous_migration_and_a_rerun_completes(tmp_path, db_url, db):
    project = Project(tmp_path)
    project.add(V[0], "one", "CREATE TABLE public.one (id int);\n")
    project.add(V[1], "two", "CREATE TABLE public.two (id int);\n" + SLEEP + "CREATE TABLE public.two_b (id int);\n")
    project.add(V[2], "three", "CREATE TABLE public.three (id int);\n")
    process = project.start("apply", "--db-url", db_url, "--no-verify", env={"PGOPTIONS": "-c dfworx_test.sleep=30"})
    pid = wait_for_backend(db, "%pg_sleep%")
    assert db.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 3
    assert f"migration {V[1]}_two.sql failed; the connection was lost" in stderr
    assert "rolled back this file's transaction, nothing of it is recorded" in stderr
    assert [r[0] for r in db.execute("SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1")] == [V[0]]
    assert db.execute("SELECT to_regclass('public.two'), to_regclass('public.three')").fetchone() == (None, None)

    rerun = project.start("apply", "--db-url", db_url, "--no-verify")
    _, stderr = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, stderr
    assert [r[0] for r in db.execute("SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1")] == V[:3]
    assert db.execute("SELECT to_regclass('public.two_b') IS NOT NULL, to_regclass('public.three') IS NOT NULL").fetchone() == (True, True)


def test_two_applies_started_together_apply_each_file_once(tmp_path, db_url, db):
    project = Project(tmp_path)
    project.add(V[0], "log", "CREATE TABLE public.runs (version text NOT NULL);\n"
                f"INSERT INTO public.runs VALUES ('{V[0]}');\n")
    for version in V[1:5]:
        project.add(version, "step", f"INSERT INTO public.runs VALUES ('{version}');\n" + SLEEP)
    env = {"PGOPTIONS": "-c dfworx_test.sleep=0.3"}
    first, second = (project.start("apply", "--db-url", db_url, "--no-verify", env=env) for _ in range(2))
    outcomes = [p.communicate(timeout=60) + (p.returncode,) for p in (first, second)]
    assert [code for _, _, code in outcomes] == [0, 0], outcomes
    stderr = [err for _, err, _ in outcomes]
    assert sum("Applied 5 migration(s)" in err for err in stderr) == 1
    assert sum("Nothing to apply" in err for err in stderr) == 1
    assert any("Waiting for the migration lock" in err for err in stderr)
    runs = [r[0] for r in db.execute("SELECT version FROM public.runs ORDER BY version")]
    assert runs == V[:5]  # each file exactly once
    assert [r[0] for r in db.execute("SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1")] == V[:5]


def test_a_second_apply_that_cannot_wait_exits_cleanly(tmp_path, db_url, db):
    project = Project(tmp_path)
    for version in V[:5]:
        project.add(version, "step", SLEEP)
    env = {"PGOPTIONS": "-c dfworx_test.sleep=0.4"}
    first = project.start("apply", "--db-url", db_url, "--no-verify", env=env)
    wait_for_backend(db, "%pg_sleep%")
    second = project.start("apply", "--db-url", db_url, "--no-verify", "--lock-wait", "0.2")
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 3
    assert "another migration run holds the migration lock of this database (pid " in stderr
    assert "dfworx-db" in stderr and "nothing was applied" in stderr
    assert first.wait(timeout=60) == 0
    assert db.execute("SELECT count(*) FROM supabase_migrations.schema_migrations").fetchone()[0] == 5
