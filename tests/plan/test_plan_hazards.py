"""Hazards and online DDL: each destructive class is refused without --allow-destructive
and written with it; tables that hold rows get online DDL; renames are RENAMEs."""

from __future__ import annotations

import copy

import pytest
import yaml

from dfworx_db.plan.migrations import NO_TRANSACTION_MARKER
from tests.plan.project import Project

BASE = {
    "schemas": {"app": None, "legacy": None},
    "enums": {"app.mood": ["happy", "sad"]},
    "tables": {
        "app.notes": {
            "columns": {"id": "bigint generated always as identity primary key", "body": "text",
                        "rating": "integer", "mood": "app.mood", "tag_id": "bigint"},
            "rls": True,
            "policies": {"read": {"command": "select", "roles": ["authenticated"], "using": "true"}},
            "grants": {"authenticated": ["select", "insert"]},
        },
        "app.tags": {"columns": {"id": "bigint primary key", "label": "text"}},
    },
    "functions": {"app.shout": {"arguments": ["t text"], "returns": "text", "language": "sql",
                                "body": "select upper(t)", "search_path": ""}},
}


@pytest.fixture
def project(tmp_path, pg_server_url) -> Project:
    project = Project(tmp_path, pg_server_url)
    project.declare(app=yaml.safe_dump(BASE))
    project.plan("--name", "init")
    return project


def declare(project: Project, change) -> None:
    spec = copy.deepcopy(BASE)
    change(spec)
    project.declare(app=yaml.safe_dump(spec))


def notes(spec: dict) -> dict:
    return spec["tables"]["app.notes"]


DESTRUCTIVE = {
    "drop table": (lambda s: s["tables"].pop("app.tags"), "drop table app.tags: drops a table and its rows",
                   "DROP TABLE app.tags;"),
    "drop column": (lambda s: notes(s)["columns"].pop("body"), "drop column body on app.notes: drops a column",
                    "ALTER TABLE app.notes DROP COLUMN body;"),
    "drop schema": (lambda s: s["schemas"].pop("legacy"), "drop schema legacy: drops a schema",
                    "DROP SCHEMA legacy;"),
    "drop function": (lambda s: s.pop("functions"), "drop function app.shout(text): drops a function",
                      "DROP FUNCTION app.shout(text);"),
    "drop policy": (lambda s: notes(s).pop("policies"), "drop policy read on app.notes: drops a policy",
                    "DROP POLICY read ON app.notes;"),
    "revoke": (lambda s: notes(s)["grants"].update(authenticated=["select"]),
               "revoke insert on table app.notes from authenticated: revokes a privilege",
               "REVOKE INSERT ON TABLE app.notes FROM authenticated;"),
    "type narrowing": (lambda s: notes(s)["columns"].update(rating="smallint"),
                       "alter column type rating on app.notes: narrows a column's type",
                       "ALTER TABLE app.notes ALTER COLUMN rating TYPE smallint"),
}


@pytest.mark.parametrize("case", DESTRUCTIVE)
def test_destructive_changes_are_refused_then_written_with_the_flag(project, case):
    change, reason, sql = DESTRUCTIVE[case]
    declare(project, change)
    refused = project.plan("--name", "destroy", expect=1)
    assert reason in refused.stderr and "--allow-destructive" in refused.stderr
    assert len(project.files()) == 1
    project.plan("--name", "destroy", "--allow-destructive")
    written = project.files()[-1].text
    assert sql in written
    assert "No changes" in project.plan("--name", "again").stderr


def test_a_replaced_object_is_not_destructive(project):
    declare(project, lambda s: s["functions"]["app.shout"].update(returns="varchar"))  # drop + create
    plan = project.plan_json("--name", "retype_function")
    assert plan["destructive"] == []
    kinds = [c["kind"] for f in plan["files"] for c in f["changes"]]
    assert "drop_function" in kinds and "create_function" in kinds


def test_constraints_on_existing_tables_are_added_not_valid_then_validated(project):
    def change(spec):
        notes(spec)["checks"] = {"rating_range": "rating between 1 and 5"}
        notes(spec)["foreign_keys"] = [{"name": "notes_tag_fkey", "columns": ["tag_id"], "references": "app.tags(id)"}]
        notes(spec)["columns"]["body"] = "text not null"
    declare(project, change)
    plan = project.plan_json("--name", "constrain")
    main, online = plan["files"]
    assert main["transactional"] and not online["transactional"]
    main_sql = "\n".join(c["sql"] for c in main["changes"])
    assert "ADD CONSTRAINT rating_range CHECK (((rating >= 1) AND (rating <= 5))) NOT VALID;" in main_sql
    assert "FOREIGN KEY (tag_id) REFERENCES app.tags (id) NOT VALID;" in main_sql
    assert "ADD CONSTRAINT notes_body_not_null CHECK (body IS NOT NULL) NOT VALID;" in main_sql
    sql = [c["sql"] for c in online["changes"]]
    assert sorted(sql) == sorted([
        "ALTER TABLE app.notes VALIDATE CONSTRAINT notes_body_not_null;",
        "ALTER TABLE app.notes ALTER COLUMN body SET NOT NULL;",
        "ALTER TABLE app.notes DROP CONSTRAINT IF EXISTS notes_body_not_null;",
        "ALTER TABLE app.notes VALIDATE CONSTRAINT notes_tag_fkey;",
        "ALTER TABLE app.notes VALIDATE CONSTRAINT rating_range;",
    ])
    not_null = [s for s in sql if "notes_body_not_null" in s or "SET NOT NULL" in s]
    steps = [next(k for k in ("VALIDATE", "SET NOT NULL", "DROP") if k in s) for s in not_null]
    assert steps == ["VALIDATE", "SET NOT NULL", "DROP"]
    assert "No changes" in project.plan("--name", "again").stderr


def test_online_ddl_can_be_turned_off(project):
    def change(spec):
        notes(spec)["indexes"] = {"notes_rating": {"columns": ["rating"]}}
        notes(spec)["checks"] = {"rating_range": "rating between 1 and 5"}
    declare(project, change)
    plan = project.plan_json("--name", "offline", "--dry-run", "--no-concurrently", "--no-not-valid")
    [file] = plan["files"]
    assert file["transactional"]
    sql = "\n".join(c["sql"] for c in file["changes"])
    assert "CREATE INDEX notes_rating ON app.notes (rating);" in sql and "NOT VALID" not in sql
    index = next(c for c in file["changes"] if c["kind"] == "create_index")
    assert "blocks writes while the index builds" in index["hazards"]


def test_new_enum_values_go_first_in_a_file_of_their_own(project):
    def change(spec):
        spec["enums"]["app.mood"] = ["happy", "sad", "calm"]
        notes(spec)["columns"]["mood"] = "app.mood default 'calm'"
    declare(project, change)
    plan = project.plan_json("--name", "calm")
    enum_file, main = plan["files"]
    assert enum_file["path"].endswith("_calm_enum_values.sql") and not enum_file["transactional"]
    assert [c["sql"] for c in enum_file["changes"]] == ["ALTER TYPE app.mood ADD VALUE IF NOT EXISTS 'calm' AFTER 'sad';"]
    assert main["transactional"] and "SET DEFAULT 'calm'::app.mood" in main["changes"][0]["sql"]
    assert NO_TRANSACTION_MARKER in project.files()[1].text
    assert "No changes" in project.plan("--name", "again").stderr


def test_renamed_from_renames_instead_of_dropping(project):
    def change(spec):
        tags = spec["tables"].pop("app.tags")
        tags["renamed_from"] = "tags"
        tags["columns"] = {"id": "bigint primary key", "name": {"type": "text", "renamed_from": "label"}}
        spec["tables"]["app.labels"] = tags
    declare(project, change)
    plan = project.plan_json("--name", "rename")
    [file] = plan["files"]
    assert [c["sql"] for c in file["changes"]] == ["ALTER TABLE app.tags RENAME TO labels;",
                                                   "ALTER TABLE app.labels RENAME COLUMN label TO name;",
                                                   "ALTER TABLE app.labels RENAME CONSTRAINT tags_pkey TO labels_pkey;"]
    assert plan["destructive"] == []
    assert "No changes" in project.plan("--name", "again").stderr


def test_a_drop_and_add_of_one_type_is_reported_as_a_likely_rename(project):
    declare(project, lambda s: notes(s)["columns"].update(text=notes(s)["columns"].pop("body")))
    plan = project.plan_json("--name", "maybe_rename", "--allow-destructive", "--dry-run")
    [hint] = plan["likely_renames"]
    assert "column body is dropped and text (text) added" in hint and "renamed_from: body" in hint
