"""The inline ignore comments themselves (`-- dfworx-db: ignore <id>`), judged in
run._apply_ignores once every other rule has run."""

from __future__ import annotations

from ..findings import rule

UNUSED_IGNORE = rule(
    "unused-ignore", "migration", "warning",
    "`-- dfworx-db: ignore` comment that suppresses nothing",
    """An ignore that no longer matches a finding (the statement was fixed, the rule id is
    misspelt, or the comment sits above the wrong statement) hides nothing today and would
    silently hide a real problem written there later.""",
    "remove the comment, or fix the rule id / move it onto the statement it is meant for")
