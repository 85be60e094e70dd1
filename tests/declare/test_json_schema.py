"""The JSON Schema editors use is generated from the same models the loader validates
with: files the loader accepts pass it, and the shapes it rejects fail it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from dfworx_db.cli import cli
from dfworx_db.declare import json_schema

ROOT = Path(__file__).parents[2]
SHIPPED = ROOT / "dfworx_db" / "declare" / "schema.json"


def _yaml_files() -> list[Path]:
    files = sorted((ROOT / "schemas").rglob("*.yaml")) + sorted((ROOT / "tests" / "cases" / "render").rglob("*.yaml"))
    return files


def test_shipped_schema_is_current():
    """dfworx_db/declare/schema.json is regenerated whenever the format changes."""
    assert json.loads(SHIPPED.read_text()) == json_schema(), \
        "regenerate with: dfworx-db schema-json > dfworx_db/declare/schema.json"


def test_schema_json_command_prints_the_schema():
    result = CliRunner().invoke(cli, ["schema-json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_declarations_pass_the_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text()), json_schema())


@pytest.mark.parametrize("document", [
    {"tables": {"users": {"columns": {"id": {"type": "uuid", "not_nul": True}}}}},
    {"tables": {"users": {"columns": {"id": "uuid"}, "rls": "sometimes"}}},
    {"tables": {"users": {"colums": {"id": "uuid"}}}},
    {"functions": {"f": {"returns": "int", "language": "sql"}}},
    {"tables": {"t": {"columns": {"id": "int"}, "policies": {"p": {"command": "upsert", "using": "true"}}}}},
], ids=["unknown-key", "wrong-type", "misspelt-required", "missing-body", "bad-enum-value"])
def test_invalid_shapes_fail_the_schema(document):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema())
