"""--format github: workflow commands that GitHub Actions shows as annotations on the diff."""

from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, *, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def render(result, **_options) -> str:
    lines = []
    for finding in result.findings:
        where = finding.location
        props = [f"title={_escape(finding.rule, property=True)}"]
        if where:
            props = [f"file={_escape(where.file, property=True)}", f"line={where.line}", f"col={where.column}", *props]
        message = finding.message + (f" (fix: {finding.hint})" if finding.hint else "")
        lines.append(f"::{LEVELS[finding.severity]} {','.join(props)}::{_escape(message)}")
    return "".join(line + "\n" for line in lines)
