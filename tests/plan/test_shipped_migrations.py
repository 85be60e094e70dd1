"""The project's own supabase/migrations produce its schemas/: what `plan --check` tells CI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dfworx_db.cli import cli

ROOT = Path(__file__).parents[2]


def test_shipped_migrations_produce_the_shipped_declarations(pg_server_url, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["plan", "--check", "--shadow-url", pg_server_url])
    assert result.exit_code == 0, result.stderr
    assert "produce the declared schema" in result.stderr
