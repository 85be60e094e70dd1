"""The acceptance cases: the seed's SQL is reported with its known defects; the project's
own declarations, and the migration rendered from them, lint clean."""

from __future__ import annotations

from pathlib import Path

from dfworx_db.declare import load_catalog
from dfworx_db.lint.config import LintConfig
from dfworx_db.lint.run import lint_paths, lint_schema_catalog, lint_sql_files
from dfworx_db.lint.sqlfile import parse_sql_file

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "tests" / "cases" / "lint" / "seed"


def _seed_findings() -> set[tuple[str, str, int, str]]:
    result = lint_paths([SEED], LintConfig())
    return {(f.rule, Path(f.location.file).name, f.location.line, f.message) for f in result.findings}


def test_seed_is_reported_with_its_known_defects() -> None:
    found = _seed_findings()
    rules_at = {(rule, file, line) for rule, file, line, _ in found}
    # The policy on public.users that selects from public.users (42P17 at query time).
    assert ("policy-recursion", "03_seed_block_3.sql", 7) in rules_at
    # handle_new_user: SECURITY DEFINER without search_path.
    assert any(r == "definer-search-path" and "handle_new_user" in m for r, _, _, m in found)
    # Per-row auth.uid() in its policies: all five.
    assert len({line for rule, file, line, _ in found if rule == "auth-call-per-row"}) >= 4
    # Multiple permissive SELECT policies on app_web.posts.
    assert any(r == "multiple-permissive-policies" and "app_web.posts" in m for r, _, _, m in found)
    # idx_users_email duplicates the UNIQUE constraint on users.email.
    assert any(r == "duplicate-index" and "idx_users_email" in m and "users_email_key" in m for r, _, _, m in found)
    # No CONCURRENTLY on the indexes of its performance section (tables of earlier files).
    assert {line for rule, file, line, _ in found
            if rule == "concurrent-index-required" and file == "07_seed_block_7.sql"} == {2, 3, 6, 9}
    # Indexes on tables the same file created need no CONCURRENTLY.
    assert not any(rule == "concurrent-index-required" and file != "07_seed_block_7.sql"
                   for rule, file, _, _ in found)
    # Missing lock_timeout.
    assert any(rule == "lock-timeout-missing" for rule, _, _, _ in found)
    # And what the seed's own RLS section leaves open.
    assert any(r == "policy-without-rls" and "app_web.projects" in m for r, _, _, m in found)
    assert any(r == "rls-disabled-in-exposed-schema" and "public.organizations" in m for r, _, _, m in found)


def test_project_declarations_lint_clean() -> None:
    catalog = load_catalog(ROOT / "schemas")
    assert lint_schema_catalog(catalog, LintConfig()).findings == []


def test_the_migrations_plan_wrote_lint_clean() -> None:
    """The project's supabase/migrations, written by `dfworx-db plan`. The only findings
    are the advisory prefer-text-over-varchar on the seed's varchar(n) columns the
    declarations keep (docs/decisions.md)."""
    files = sorted((ROOT / "supabase" / "migrations").glob("*.sql"))
    assert files
    findings = lint_sql_files([parse_sql_file(p.read_text(encoding="utf-8"), p.name) for p in files], LintConfig())
    assert {f.rule for f in findings} <= {"prefer-text-over-varchar"}
    assert all(f.severity == "info" for f in findings)
