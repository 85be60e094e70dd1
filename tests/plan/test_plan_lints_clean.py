"""What plan writes passes dfworx-db lint: online DDL on existing tables (CONCURRENTLY in
a file outside a transaction, NOT VALID then VALIDATE in another transaction, SET NOT
NULL through a validated check) and timeouts set in every file."""

from __future__ import annotations

import copy

import yaml
from click.testing import CliRunner

from dfworx_db.cli import cli
from tests.plan.project import Project
from tests.plan.test_plan_hazards import BASE


def test_an_online_plan_lints_clean(tmp_path, pg_server_url, monkeypatch):
    project = Project(tmp_path, pg_server_url)
    project.declare(app=yaml.safe_dump(BASE))
    project.plan("--name", "init")
    spec = copy.deepcopy(BASE)
    notes = spec["tables"]["app.notes"]
    notes["indexes"] = {"notes_rating": {"columns": ["rating"]}}
    notes["checks"] = {"rating_range": "rating between 1 and 5"}
    notes["foreign_keys"] = [{"name": "notes_tag_fkey", "columns": ["tag_id"], "references": "app.tags(id)"}]
    notes["columns"]["body"] = "text not null"
    spec["enums"]["app.mood"] = ["happy", "sad", "calm"]
    project.declare(app=yaml.safe_dump(spec))
    project.plan("--name", "online")
    assert len(project.files()) == 4  # init, enum values, the change, the online follow-up
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["lint", str(project.migrations), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
