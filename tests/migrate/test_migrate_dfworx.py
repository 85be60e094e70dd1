"""The project's DFWorX migrations (supabase/migrations/, written by `plan`) on an empty
Supabase-like database: apply, verify, apply again; then manual changes that verify must
catch and name."""

from __future__ import annotations

import json
import shutil

import pytest

from dfworx_db.migrate.files import split_statements

from migrate_project import ROOT, Project

SCHEMAS = ROOT / "schemas"
# The project's own migrations, written by `dfworx-db plan` from schemas/.
MIGRATIONS = ROOT / "supabase" / "migrations"


def write_dfworx_migrations(project: Project) -> list[str]:
    files = sorted(MIGRATIONS.glob("*.sql"))
    assert files, f"no DFWorX migrations in {MIGRATIONS}"
    for path in files:
        shutil.copy(path, project.migrations / path.name)
    return [p.name.split("_", 1)[0] for p in files]


@pytest.fixture
def dfworx_project(tmp_path, supabase_db_url, pg_server_url):
    project = Project(tmp_path, schemas=SCHEMAS)
    versions = write_dfworx_migrations(project)
    result = project.cli("apply", "--db-url", supabase_db_url, "--shadow-url", pg_server_url)
    assert result.exit_code == 0, result.stderr
    assert f"Applied {len(versions)} migration(s)" in result.stderr
    assert "Verified: the database matches the declarations." in result.stderr
    return project, versions


def test_dfworx_migrations_apply_verify_and_apply_again(dfworx_project, supabase_db_url, supabase_db, pg_server_url):
    project, versions = dfworx_project
    verify = project.cli("verify", "--db-url", supabase_db_url, "--shadow-url", pg_server_url)
    assert verify.exit_code == 0, verify.stderr
    again = project.cli("apply", "--db-url", supabase_db_url, "--no-verify", "--json")
    assert again.exit_code == 0 and json.loads(again.stdout)["applied"] == []
    recorded = supabase_db.execute("SELECT version, name, array_length(statements, 1) "
                                   "FROM supabase_migrations.schema_migrations ORDER BY 1").fetchall()
    assert [r[0] for r in recorded] == versions
    for (version, name, count), path in zip(recorded, sorted(project.migrations.glob("*.sql"))):
        assert path.name == f"{version}_{name}.sql"
        assert count == len(split_statements(path.read_text(), path.name))


def test_manual_changes_make_verify_exit_1_and_name_the_objects(dfworx_project, supabase_db_url, supabase_db,
                                                                pg_server_url):
    project, _ = dfworx_project
    supabase_db.execute("DROP INDEX app_web.idx_posts_status")
    supabase_db.execute("CREATE POLICY \"Anyone reads projects\" ON app_web.projects FOR SELECT TO anon USING (true)")
    result = project.cli("verify", "--db-url", supabase_db_url, "--shadow-url", pg_server_url)
    assert result.exit_code == 1
    assert "create_index app_web.idx_posts_status" in result.stderr
    assert "drop_policy Anyone reads projects (on app_web.projects)" in result.stderr
    assert "CREATE INDEX idx_posts_status ON app_web.posts" in result.stderr
    report = json.loads(project.cli("verify", "--db-url", supabase_db_url, "--shadow-url", pg_server_url,
                                    "--json").stdout)
    assert report["drift"] and {c["kind"] for c in report["changes"]} == {"create_index", "drop_policy"}
