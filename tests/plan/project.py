"""A throw-away dfworx-db project for plan tests: declarations written from strings,
`dfworx-db plan` run through the real CLI, the migrations it writes read back."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

from dfworx_db.cli import cli
from dfworx_db.plan.migrations import MigrationFile, migration_files, replay

DFWORX = Path(__file__).parents[2] / "schemas"


class Project:
    def __init__(self, root: Path, server_url: str):
        self.root = root
        self.server_url = server_url
        self.schemas = root / "schemas"
        self.migrations = root / "supabase" / "migrations"
        self.schemas.mkdir(parents=True, exist_ok=True)

    def declare(self, **files: str) -> None:
        """Replace the declarations with `files` (name → YAML; 'public' → schemas/public.yaml)."""
        shutil.rmtree(self.schemas)
        self.schemas.mkdir()
        for name, text in files.items():
            (self.schemas / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")

    def copy_dfworx(self) -> None:
        shutil.rmtree(self.schemas)
        shutil.copytree(DFWORX, self.schemas)

    def plan(self, *args: str, expect: int = 0) -> Result:
        result = CliRunner().invoke(cli, ["plan", "--schemas", str(self.schemas), "--migrations",
                                          str(self.migrations), "--shadow-url", self.server_url, *args])
        assert result.exit_code == expect, (result.exit_code, result.stderr, result.exception)
        return result

    def plan_json(self, *args: str) -> dict:
        return json.loads(self.plan("--json", *args).stdout)

    def files(self) -> list[MigrationFile]:
        return migration_files(self.migrations)

    def apply_to(self, url: str) -> None:
        replay(url, self.files())
