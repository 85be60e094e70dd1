"""--format json: an array with one object per finding, stable keys, one finding per line
(readable, diffable, and written by json's C encoder, which `indent` would turn off)."""

from __future__ import annotations

import json


def render(result, **_options) -> str:
    if not result.findings:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(as_json(f), ensure_ascii=False) for f in result.findings) + "\n]\n"


def as_json(finding) -> dict:
    where = finding.location
    return {"rule": finding.rule, "severity": finding.severity, "message": finding.message,
            "file": where.file if where else None, "line": where.line if where else None,
            "column": where.column if where else None, "object": finding.subject, "hint": finding.hint}
