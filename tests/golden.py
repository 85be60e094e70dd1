"""Golden files: expected outputs stored beside their inputs under tests/cases/.

Run pytest with --update-golden to rewrite them from the current output, then review
the change in `git diff` like any other code change. A per-version variant
(`expected.pg18.sql`) is written when the output on that version differs from
`expected.sql`; to refresh a case whose output changed everywhere, delete its expected
files and run --update-golden once per server version."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"


def case_dirs(stage: str, category: str) -> list[Path]:
    return sorted(p for p in (CASES / stage / category).iterdir() if p.is_dir())


def case_params(stage: str, category: str) -> list:
    return [pytest.param(p, id=p.name) for p in case_dirs(stage, category)]


def assert_golden(request: pytest.FixtureRequest, path: Path, actual: str, variant: str | None = None) -> None:
    """Compare with the golden file. Output that differs between Postgres versions (view
    text, extension versions) has a variant beside it, `expected.pg18.sql`, used on
    that version instead of `expected.sql`; --update-golden writes one only when needed."""
    special = path.with_suffix(f".{variant}{path.suffix}") if variant else None
    if request.config.getoption("--update-golden"):
        if not path.exists() or special is None:
            path.write_text(actual, encoding="utf-8")
        elif actual != path.read_text(encoding="utf-8"):
            special.write_text(actual, encoding="utf-8")
        elif special.exists():
            special.unlink()
        return
    expected = special if special is not None and special.exists() else path
    assert expected.exists(), f"{expected} is missing; run pytest --update-golden to create it"
    assert actual == expected.read_text(encoding="utf-8")
