"""What lint reports: rules with stable ids, and the findings they produce."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceLocation

SEVERITIES = ("info", "warning", "error")  # in increasing order


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Rule:
    """A lint rule. `id` is stable (configuration, ignores and SARIF use it); `target`
    says what it reads: "migration" (statements of a migration file, in order) or
    "schema" (the resulting schema, a Catalog)."""

    id: str
    target: str
    severity: str
    summary: str  # one line: what is wrong
    why: str  # the reason, for the docs and SARIF help
    fix: str  # how to fix it, shown as the hint


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    location: SourceLocation | None  # None: an introspected object, named in `subject`
    subject: str | None = None  # the object concerned, e.g. "public.users"
    hint: str | None = None


RULES: dict[str, Rule] = {}


def rule(id: str, target: str, severity: str, summary: str, why: str, fix: str) -> Rule:
    """Define and register a rule (ids are unique)."""
    if id in RULES:
        raise ValueError(f"lint rule {id!r} is defined twice")
    RULES[id] = Rule(id, target, severity, summary, " ".join(why.split()), " ".join(fix.split()))
    return RULES[id]
