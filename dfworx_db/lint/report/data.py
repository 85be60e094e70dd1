"""--format json: one object per finding, stable keys."""

from __future__ import annotations

import json


def render(result, **_options) -> str:
    return json.dumps([as_json(f) for f in result.findings], indent=2) + "\n"


def as_json(finding) -> dict:
    where = finding.location
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "file": where.file if where else None, "line": where.line if where else None,
            "column": where.column if where else None, "object": finding.subject, "hint": finding.hint}
