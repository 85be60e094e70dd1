"""Every problem in dfworx.yaml, whichever command family reads its section, is reported
at the file:line of the key it is about, all at once, with a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from dfworx_db.codegen.settings import types_settings
from dfworx_db.config import load_config
from dfworx_db.errors import DeclarationError
from dfworx_db.lint.config import lint_config
from dfworx_db.migrate.settings import apply_settings
from dfworx_db.plan.command import _settings as plan_settings

SETTINGS = """\
schemas: schemas
plan:
  lock_timeout: 5s
  concurrent_indexes: yes please
  split_files: true
apply:
  lock_timeout: soon
  lock_wiat: 5
lint:
  fail_on: error
  severty: {}
types:
  schemas: public
  modles: {}
"""


def problems(tmp_path: Path, text: str, read) -> list[tuple[str, str, str | None]]:
    (tmp_path / "dfworx.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DeclarationError) as raised:
        read(tmp_path)
    return [(p.message, str(p.location).removeprefix(str(tmp_path / "dfworx.yaml")), p.hint)
            for p in raised.value.problems]


def test_each_section_reports_at_the_line_of_the_key(tmp_path: Path) -> None:
    def read(section: str):
        return {
            "plan": lambda root: plan_settings(load_config(root)),
            "apply": lambda root: apply_settings(load_config(root)),
            "lint": lambda root: lint_config(load_config(root).section("lint"), load_config(root).path),
            "types": lambda root: types_settings(load_config(root)),
        }[section]

    assert problems(tmp_path, SETTINGS, read("plan")) == [
        ("unknown key 'split_files' in plan: of dfworx.yaml", ":5:3", "allowed: " + problems_hint_plan()),
        ("plan.concurrent_indexes in dfworx.yaml must be a bool", ":4:23", "e.g. concurrent_indexes: false"),
    ]
    assert problems(tmp_path, SETTINGS, read("apply")) == [
        ("unknown key 'lock_wiat' in apply: of dfworx.yaml", ":8:3", "did you mean 'lock_wait'?"),
        ("apply.lock_timeout is 'soon', not a duration", ":7:17",
         "write a number of seconds or a value like 500ms, 5s, 15min, 1h (0 disables)"),
    ]
    assert problems(tmp_path, SETTINGS, read("lint")) == [
        ("unknown key 'severty' in lint: of dfworx.yaml", ":11:3", "did you mean 'severity'?"),
    ]
    assert problems(tmp_path, SETTINGS, read("types")) == [
        ("unknown key 'modles' in types: of dfworx.yaml", ":14:3", "did you mean 'models'?"),
        ("types.schemas must be a list of schema names in dfworx.yaml", ":13:12", "write schemas: [public, app_web]"),
    ]


def problems_hint_plan() -> str:
    from dfworx_db.plan.command import SETTINGS as PLAN_KEYS
    return ", ".join(PLAN_KEYS)


def test_the_file_s_own_keys_are_located_too(tmp_path: Path) -> None:
    text = "schemas: schemas\nexclude_schema: [x]\nenvironments:\n  local: postgres://u@h/db\nlint: [a]\n"
    assert problems(tmp_path, text, load_config) == [
        ("unknown key 'exclude_schema' in dfworx.yaml", ":2:1", "did you mean 'exclude_schemas'?"),
        ("environments.local in dfworx.yaml must be a mapping with url_env", ":4:3",
         "write url_env: the name of the environment variable that holds the URL"),
        ("lint: in dfworx.yaml must be a mapping", ":5:1", "write lint: followed by indented settings"),
    ]


def test_environments_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "environments: [local]\n", load_config) == [
        ("environments in dfworx.yaml must map names to {url_env: VARIABLE}", ":1:1",
         "write environments: {local: {url_env: DATABASE_URL}}"),
    ]
