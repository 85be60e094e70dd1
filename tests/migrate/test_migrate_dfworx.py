"""The DFWorX migrations on an empty Supabase-like database: apply, verify, apply again;
then manual changes that verify must catch and name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dfworx_db.declare import load_catalog
from dfworx_db.migrate.files import split_statements
from dfworx_db.render import render_catalog

from migrate_project import ROOT, Project

SCHEMAS = ROOT / "schemas"
# The project's own migrations once `plan` has written them: switch the test to them by
# setting this to ROOT / "supabase" / "migrations". Until then the folder is built from
# the declarations (below).
PROJECT_MIGRATIONS: Path | None = None


def write_dfworx_migrations(project: Project) -> list[str]:
    """The DFWorX schema as three migrations (functions and tables; keys and indexes;
    security), cut at statement boundaries of the full render."""
    if PROJECT_MIGRATIONS is not None:
        for path in PROJECT_MIGRATIONS.glob("*.sql"):
            shutil.copy(path, project.migrations / path.name)
        return sorted(p.name.split("_", 1)[0] for p in PROJECT_MIGRATIONS.glob("*.sql"))
    sql = render_catalog(load_catalog(SCHEMAS))
    head, *statements = split_statements(sql, "render")
    assert head.sql == "SET check_function_bodies = false"
    cuts = [len(statements) // 3, 2 * len(statements) // 3]
    parts = [statements[:cuts[0]], statements[cuts[0]:cuts[1]], statements[cuts[1]:]]
    versions = ["20250101000001", "20250101000002", "20250101000003"]
    for version, name, part in zip(versions, ("dfworx_base", "dfworx_keys", "dfworx_security"), parts):
        body = "".join(f"{s.text};\n\n" for s in part)
        project.add(version, name, f"-- DFWorX schema, part of the full render\n{head.sql};\n\n{body}")
    return versions


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
