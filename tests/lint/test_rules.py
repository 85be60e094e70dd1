"""Every rule has a failing and a passing example, and a doc page generated from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dfworx_db.lint import rules  # noqa: F401  (registers every rule)
from dfworx_db.lint.findings import RULES, Rule
from golden import assert_golden
from lint.cases import RULE_CASES, lint_case

DOCS = Path(__file__).parent.parent.parent / "docs" / "rules"


def test_every_rule_has_a_case_and_every_case_a_rule() -> None:
    import dfworx_db.lint.run  # noqa: F401  (unused-ignore lives beside the ignores)
    assert sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir()) == sorted(RULES)
    assert len(RULES) >= 35


@pytest.mark.parametrize("rule_id", sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir()))
def test_bad_example_fails_and_good_example_passes(rule_id: str) -> None:
    case = RULE_CASES / rule_id
    bad = [f for f in lint_case(case, "bad") if f.rule == rule_id]
    good = [f for f in lint_case(case, "good") if f.rule == rule_id]
    assert bad, f"bad.sql of {rule_id} raises no {rule_id} finding"
    assert not good, f"good.sql of {rule_id} raises: {[f.message for f in good]}"


@pytest.mark.parametrize("rule_id", sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir()))
def test_rule_doc_page_is_current(rule_id: str, request: pytest.FixtureRequest) -> None:
    """docs/rules/<id>.md is generated from the rule and its case (--update-golden rewrites it)."""
    import dfworx_db.lint.run  # noqa: F401
    case = RULE_CASES / rule_id
    reported = [f for f in lint_case(case, "bad") if f.rule == rule_id]
    assert_golden(request, DOCS / f"{rule_id}.md", rule_page(RULES[rule_id], case, reported))


TARGETS = {"migration": "each statement of the migration files, in the order they run",
           "schema": "the resulting schema: what the migration files leave behind, the declarations "
                     "(`--schema`) or a live database (`--schema --db-url`)"}


def rule_page(rule: Rule, case: Path, reported: list) -> str:
    def sql(name: str) -> str:
        return f"```sql\n{(case / name).read_text(encoding='utf-8').rstrip()}\n```\n"

    given = (f"\nGiven what an earlier migration did:\n\n{sql('before.sql')}" if (case / "before.sql").exists()
             else "")
    findings = "\n".join(f"    {f.location}: {f.severity}[{f.rule}] {f.message}" for f in reported)
    return (f"# {rule.id}\n\n"
            f"{rule.summary[0].upper()}{rule.summary[1:]}.\n\n"
            f"- Default severity: **{rule.severity}**\n"
            f"- Reads: {TARGETS[rule.target]}\n\n"
            f"## Why\n\n{rule.why}\n\n"
            f"## Bad\n{given}\n{sql('bad.sql')}\n"
            f"`dfworx-db lint` reports:\n\n{findings}\n\n"
            f"## Good\n\n{sql('good.sql')}\n"
            f"## Fix\n\n{rule.fix[0].upper()}{rule.fix[1:]}.\n\n"
            f"To accept one occurrence, write `-- dfworx-db: ignore {rule.id}` on or above the statement; "
            f"to turn the rule off or change its severity, see [the lint section of dfworx.yaml](../lint.md).\n")


def test_rules_readme_lists_every_rule() -> None:
    import dfworx_db.lint.run  # noqa: F401
    readme = (DOCS / "README.md").read_text(encoding="utf-8")
    assert [r for r in RULES if f"[{r}]({r}.md)" not in readme] == []
