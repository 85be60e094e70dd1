"""`dfworx-db sandbox`: the README's first command, plan → apply → verify on a throw-away
local server, on the project's own declarations."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dfworx_db.cli import cli

ROOT = Path(__file__).parents[2]


def test_sandbox_plans_applies_and_verifies_the_shipped_declarations(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["sandbox"])
    assert result.exit_code == 0, (result.stderr, result.exception)
    for step in ("1. started a throw-away PostgreSQL", "2. plan: ", "3. apply: 1 migration(s)",
                 "4. verify: the database equals the declarations", "5. plan --db-url: no changes",
                 "6. plan --check: ", "is complete", "ok: plan, apply and verify work here"):
        assert step in result.stderr, step
