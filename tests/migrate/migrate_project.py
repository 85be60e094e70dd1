"""A throw-away dfworx-db project for migrate tests: dfworx.yaml, a migrations folder,
and ways to run the CLI in it (in process, or as real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from dfworx_db.cli import cli

ROOT = Path(__file__).parents[2]

# Versions used by the tests, in order.
V = [f"2024010100000{i}" for i in range(1, 10)]


class Project:
    def __init__(self, root: Path, schemas: Path | None = None, apply_section: str = ""):
        self.root = root
        self.migrations = root / "supabase" / "migrations"
        self.migrations.mkdir(parents=True, exist_ok=True)
        (self.migrations / ".gitkeep").touch()
        lines = [f"schemas: {schemas or root / 'schemas'}", "migrations: supabase/migrations",
                 "environments:", "  staging:", "    url_env: DFWORX_TEST_STAGING_URL"]
        (root / "dfworx.yaml").write_text("\n".join(lines) + "\n" + apply_section, encoding="utf-8")

    def add(self, version: str, name: str, sql: str) -> Path:
        path = self.migrations / f"{version}_{name}.sql"
        path.write_text(sql, encoding="utf-8")
        return path

    def cli(self, *args: str, env: dict[str, str] | None = None) -> Result:
        """Run dfworx-db in process, in the project folder."""
        old = Path.cwd()
        os.chdir(self.root)
        try:
            return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
        finally:
            os.chdir(old)

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """Start dfworx-db as a separate process in the project folder."""
        return subprocess.Popen([sys.executable, "-m", "dfworx_db.cli", *args], cwd=self.root,
                                env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
