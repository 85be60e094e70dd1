"""A migration file's text: a header that lists every change and its hazards, the
session settings, then the SQL in dependency order."""

from __future__ import annotations

from ..diff.change import Change
from ..render import render_change
from ..render.quoting import quote_literal
from .hazards import describe
from .migrations import NO_TRANSACTION_MARKER


def migration_text(title: str, changes: list[Change], *, transactional: bool, lock_timeout: str,
                   statement_timeout: str) -> str:
    lines = [f"-- {title}: written by dfworx-db plan from the declarations; review, then commit.",
             f"-- {len(changes)} change{'s' if len(changes) != 1 else ''}:"]
    for change in changes:
        hazards = f"  [{', '.join(change.hazards)}]" if change.hazards else ""
        lines.append(f"--   {describe(change)}{hazards}")
    if not transactional:
        lines += ["-- Runs outside a transaction, statement by statement (apply knows this line):",
                  NO_TRANSACTION_MARKER]
    settings = [f"SET lock_timeout = {quote_literal(lock_timeout)};",
                f"SET statement_timeout = {quote_literal(statement_timeout)};",
                "SET check_function_bodies = false;"]
    statements = [sql for sql in (render_change(c) for c in changes) if sql]
    return "\n".join(lines) + "\n\n" + "\n".join(settings) + "\n\n" + "\n\n".join(statements) + "\n"
