"""`plan` on the DFWorX declarations: one migration from an empty base, nothing the
second time, and exactly the changes a YAML edit makes."""

from __future__ import annotations

import pytest

from dfworx_db.pg import redact
from dfworx_db.plan.migrations import NO_TRANSACTION_MARKER

from tests.plan.project import Project


@pytest.fixture
def project(tmp_path, pg_server_url) -> Project:
    project = Project(tmp_path, pg_server_url)
    project.copy_dfworx()
    return project


def edit(project: Project, relative: str, old: str, new: str) -> None:
    path = project.schemas / relative
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_one_migration_from_an_empty_base_then_nothing(project, supabase_db_url):
    result = project.plan("--name", "init")
    [migration] = project.files()
    assert migration.name == "init" and len(migration.version) == 14 and migration.transactional
    assert "Wrote" in result.stderr
    text = migration.text
    assert text.startswith(f"-- {migration.version}_init: written by dfworx-db plan")
    assert "SET lock_timeout = '5s';" in text and "SET statement_timeout = '1min';" in text
    assert "--   create table public.users" in text

    project.apply_to(supabase_db_url)  # a real database with the Supabase baseline
    assert "No changes" in project.plan("--name", "again").stderr
    assert "No changes" in project.plan("--name", "again", "--db-url", supabase_db_url).stderr
    assert len(project.files()) == 1


def test_a_column_type_a_policy_and_a_grant_make_exactly_three_changes(project):
    project.plan("--name", "init")
    edit(project, "app_web/posts.yaml", "title: varchar(255) not null", "title: varchar(500) not null")
    edit(project, "app_web/posts.yaml", "using: user_id = (select auth.uid())\n    grants:",
         "using: user_id = (select auth.uid()) and status <> 'archived'\n    grants:")
    edit(project, "app_web/posts.yaml", "authenticated: select, insert, update, delete",
         "authenticated: select, insert, update")
    refused = project.plan("--name", "edit", expect=1)
    assert "revoke delete on table app_web.posts from authenticated: revokes a privilege" in refused.stderr
    assert len(project.files()) == 1  # nothing written

    plan = project.plan_json("--name", "edit", "--allow-destructive")
    [file] = plan["files"]
    assert sorted((c["kind"], c["description"]) for c in file["changes"]) == [
        ("alter_column_type", "alter column type title on app_web.posts"),
        ("alter_policy", "alter policy Users can delete own posts on app_web.posts"),
        ("revoke", "revoke delete on table app_web.posts from authenticated"),
    ]
    assert len(project.files()) == 2
    assert "No changes" in project.plan("--name", "again").stderr


def test_split_writes_the_baseline_as_ordered_files(project, supabase_db_url):
    project.plan("--name", "init", "--split")
    names = [f.name for f in project.files()]
    assert names == ["init_foundation", "init_functions", "init_public_tables", "init_app_admin_tables",
                     "init_app_web_tables", "init_shared_services_tables", "init_indexes", "init_triggers",
                     "init_security"], names
    assert all(f.transactional for f in project.files())
    project.apply_to(supabase_db_url)
    assert "No changes" in project.plan("--name", "again", "--db-url", supabase_db_url).stderr


def test_split_needs_an_empty_base(project):
    project.plan("--name", "init")
    result = project.plan("--name", "more", "--split", expect=1)
    assert "--split writes a baseline and needs an empty base" in result.stderr


def test_split_needs_an_empty_database(project, supabase_db_url):
    """With --db-url the base is the database: one that holds tables is refused, before
    anything is written, from the one read of it that planning makes."""
    project.plan("--name", "init")
    project.apply_to(supabase_db_url)
    for migration in project.files():
        migration.path.unlink()
    result = project.plan("--name", "more", "--split", "--db-url", supabase_db_url, expect=1)
    assert f"needs an empty base; the database {redact(supabase_db_url)} already holds" in result.stderr
    assert not project.files()


def test_check_fails_while_a_yaml_change_has_no_migration(project):
    project.plan("--name", "init")
    assert "produce the declared schema" in project.plan("--check").stderr
    edit(project, "app_web/posts.yaml", "content: text", "content: text\n      summary: text")
    missing = project.plan("--check", expect=1)
    assert "1 changes are missing" in missing.stderr and "add column summary on app_web.posts" in missing.stderr
    project.plan("--name", "add_summary")
    project.plan("--check")


def test_an_index_on_an_existing_table_gets_its_own_non_transactional_file(project):
    project.plan("--name", "init")
    edit(project, "app_web/posts.yaml", "      idx_posts_status:\n",
         "      idx_posts_title:\n        columns: [title]\n      idx_posts_status:\n")
    plan = project.plan_json("--name", "title_index")
    [file] = plan["files"]
    assert not file["transactional"] and file["path"].endswith("_title_index_online.sql")
    assert [c["sql"] for c in file["changes"]] == [
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_title ON app_web.posts (title);"]
    [_, online] = project.files()
    assert NO_TRANSACTION_MARKER in online.text and not online.transactional
    assert "No changes" in project.plan("--name", "again").stderr  # the replay ran it outside a transaction
