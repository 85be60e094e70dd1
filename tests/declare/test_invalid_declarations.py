"""Every kind of bad declaration is reported with file:line:column and a clear message,
exits with code 2, and never reaches a database (validate and render open no connection;
DATABASE_URL points at a port nothing listens on to prove it)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli
from tests.golden import assert_golden, case_params

CASES = case_params("declare", "invalid")


def test_there_are_at_least_fifteen_kinds_of_bad_declarations():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["validate", "render"])
def test_bad_declaration_is_reported_and_exits_2(case, command, request, monkeypatch):
    monkeypatch.chdir(case)
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/none")
    result = CliRunner().invoke(cli, [command, "schemas"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # no SQL is printed when declarations are invalid
    assert re.search(r"^schemas/\S+\.yaml:\d+:\d+: error: ", result.stderr, re.M), result.stderr
    assert "secret" not in result.stderr
    if command == "validate":
        assert_golden(request, case / "expected.txt", result.stderr)
