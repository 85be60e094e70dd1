"""--format sarif: SARIF 2.1.0, as GitHub code scanning uploads it
(github/codeql-action/upload-sarif)."""

from __future__ import annotations

import json
from pathlib import Path

from ... import __version__
from ..findings import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
DOCS = "https://github.com/dfworx/dfworx-db/blob/main/docs/rules/{}.md"


def render(result, **_options) -> str:
    used = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    rules = [{"id": r, "name": r, "shortDescription": {"text": RULES[r].summary},
              "fullDescription": {"text": RULES[r].why}, "help": {"text": RULES[r].fix},
              "helpUri": DOCS.format(r), "defaultConfiguration": {"level": LEVELS[RULES[r].severity]}}
             for r in used]
    results = []
    for finding in result.findings:
        item = {"ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": LEVELS[finding.severity],
                "message": {"text": finding.message}}
        where = finding.location
        if where:
            region = {"startLine": max(where.line, 1)}
            if where.column:
                region["startColumn"] = where.column
            item["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": _uri(where.file)},
                                                       "region": region}}]
        elif finding.subject:
            item["locations"] = [{"logicalLocations": [{"fullyQualifiedName": finding.subject}]}]
        results.append(item)
    log = {"$schema": SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "dfworx-db", "version": __version__,
                                         "informationUri": "https://github.com/dfworx/dfworx-db", "rules": rules}},
                     "results": results}]}
    return json.dumps(log, indent=2) + "\n"


def _uri(path: str) -> str:
    """A path relative to the working directory (what code scanning maps to the repository)."""
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return candidate.as_posix()
