"""Golden rule cases: tests/cases/lint/rules/<rule-id>/{bad,good}.sql, with an optional
before.sql holding what earlier migrations did (it runs first, as an earlier file)."""

from __future__ import annotations

from pathlib import Path

from dfworx_db.lint.config import LintConfig
from dfworx_db.lint.findings import Finding
from dfworx_db.lint.run import lint_sql_files
from dfworx_db.lint.sqlfile import read_sql_file

RULE_CASES = Path(__file__).parent.parent / "cases" / "lint" / "rules"


def lint_case(case: Path, example: str) -> list[Finding]:
    """Findings of `example` (bad or good) run after the case's before.sql, if any."""
    files = [case / "before.sql"] if (case / "before.sql").exists() else []
    sql_files = [read_sql_file(p, p.relative_to(case).as_posix()) for p in [*files, case / f"{example}.sql"]]
    return [f for f in lint_sql_files(sql_files, LintConfig()) if f.location and f.location.file == f"{example}.sql"]
