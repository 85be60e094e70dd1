"""Golden diff cases (tests/cases/diff/<category>/<case>/): current.sql and desired.sql
build two databases; the diff between them must match expected.sql and converge."""

from __future__ import annotations

from pathlib import Path

import pytest

from dfworx_db.pg import connect
from tests.golden import CASES, assert_golden

from tests.diff.convergence import converge, database_pair

DIFF_CASES = sorted(p for p in (CASES / "diff").glob("*/*") if p.is_dir())


def test_there_are_at_least_sixty_cases():
    assert len(DIFF_CASES) >= 60


@pytest.mark.postgres
@pytest.mark.parametrize("case", DIFF_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_diff_case(case: Path, pg_server_url, request):
    current_sql = (case / "current.sql").read_text()
    desired_sql = (case / "desired.sql").read_text()
    with database_pair(pg_server_url, current_sql, desired_sql) as (current_url, desired_url):
        result = converge(current_url, desired_url)
        with connect(current_url) as conn:
            major = conn.info.server_version // 10000
    assert result.sql, "the case describes no change"
    assert_golden(request, case / "expected.sql", result.sql, variant=f"pg{major}")
