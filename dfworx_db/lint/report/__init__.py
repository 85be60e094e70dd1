"""Reporters: findings → text for people, JSON for tools, SARIF for code scanning,
workflow commands for GitHub Actions annotations. Each is imported only when chosen."""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "data", "sarif": "sarif", "github": "github"}


def render(format: str, result, **options) -> str:
    """The report of `result` (a LintResult) in `format`."""
    return importlib.import_module(f"{__name__}.{FORMATS[format]}").render(result, **options)
