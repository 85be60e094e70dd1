"""Golden files: expected outputs stored beside their inputs under tests/cases/.

Run pytest with --update-golden to rewrite them from the current output, then review
the change in `git diff` like any other code change."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"


def case_dirs(stage: str, category: str) -> list[Path]:
    return sorted(p for p in (CASES / stage / category).iterdir() if p.is_dir())


def case_params(stage: str, category: str) -> list:
    return [pytest.param(p, id=p.name) for p in case_dirs(stage, category)]


def assert_golden(request: pytest.FixtureRequest, path: Path, actual: str) -> None:
    if request.config.getoption("--update-golden"):
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; run pytest --update-golden to create it"
    assert actual == path.read_text(encoding="utf-8")
