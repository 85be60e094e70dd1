"""The text report: each finding with its source line and a caret under the column."""

from __future__ import annotations

from functools import lru_cache
from io import StringIO

from rich.console import Console
from rich.markup import escape

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


@lru_cache(maxsize=64)
def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # an introspected object or a deleted file: no excerpt


def render(result, *, color: bool = False, **_options) -> str:
    out = StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False, width=200,
                      soft_wrap=True)
    for finding in result.findings:
        where = finding.location
        head = f"[bold]{escape(str(where))}[/bold]: " if where else ""
        subject = f" ({escape(finding.subject)})" if finding.subject and not where else ""
        console.print(f"{head}[{COLORS[finding.severity]}]{finding.severity}[/]"
                      f"[dim]\\[{escape(finding.rule)}][/dim] {escape(finding.message)}{subject}")
        lines = _lines(where.file) if where and where.line else []
        if where and 0 < where.line <= len(lines):
            number = str(where.line)
            console.print(f"  {number} | {escape(lines[where.line - 1])}")
            console.print(f"  {' ' * len(number)} | {' ' * max(where.column - 1, 0)}[{COLORS[finding.severity]}]^[/]")
        if finding.hint:
            console.print(f"  [dim]hint:[/dim] {escape(finding.hint)}")
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n) or "no findings"
    console.print(f"{summary} in {result.files} file{'s' if result.files != 1 else ''}" if result.files
                  else summary)
    return out.getvalue()
