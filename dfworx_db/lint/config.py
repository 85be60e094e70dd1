"""The `lint:` section of dfworx.yaml, validated with file:line errors:

    lint:
      fail_on: error                 # info | warning | error
      exposed_schemas: [public, api] # schemas the Data API serves (besides those granted to anon/authenticated)
      disable: [prefer-text-over-varchar]
      severity: {unindexed-foreign-key: warning}
      exclude:
        - path: supabase/migrations/2023*     # glob, relative to the project
          rules: [drop-table]                  # all rules when left out
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import config_location, unknown_key_problems
from ..errors import DeclarationError, Problem, closest
from .findings import RULES, SEVERITIES, Finding

KEYS = ("fail_on", "exposed_schemas", "disable", "severity", "exclude")


@dataclass(frozen=True)
class Exclude:
    pattern: str
    rules: frozenset[str] = frozenset()  # empty: every rule


@dataclass(frozen=True)
class LintConfig:
    fail_on: str = "error"
    exposed_schemas: tuple[str, ...] = ("public",)
    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    excludes: tuple[Exclude, ...] = ()
    root: Path = Path(".")

    def excluded_file(self, path: str) -> bool:
        """The whole file is left out (an exclude without rules matches it)."""
        return any(not e.rules and self._matches(e, path) for e in self.excludes)

    def _matches(self, exclude: Exclude, path: str) -> bool:
        relative = _relative(path, self.root)
        return fnmatch.fnmatch(relative, exclude.pattern) or fnmatch.fnmatch(path, exclude.pattern)

    def apply(self, finding: Finding) -> Finding | None:
        """The finding as configured: None when disabled or excluded, else with its severity."""
        if finding.rule in self.disabled:
            return None
        if finding.location and any(finding.rule in e.rules and self._matches(e, finding.location.file)
                                    for e in self.excludes):
            return None
        severity = self.severities.get(finding.rule)
        if severity and severity != finding.severity:
            return replace(finding, severity=severity)
        return finding


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def lint_config(section: dict, config_file: Path) -> LintConfig:
    """Validate the raw `lint:` mapping; every problem is reported at once, at its line."""
    problems: list[tuple[tuple, str, str | None]] = []  # (path in the section, message, hint)

    def rule_ids(value: object, path: tuple) -> frozenset[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append((path, "must be a list of rule ids", "e.g. [drop-table, rename-column]"))
            return frozenset()
        if value:
            from . import rules  # noqa: F401  (registers every rule id; lint imports them after the configuration)
        for i, rule_id in enumerate(value):
            if rule_id not in RULES:
                guess = closest(rule_id, sorted(RULES))
                problems.append(((*path, i), f"unknown rule {rule_id!r}",
                                 f"did you mean {guess!r}?" if guess else "see docs/rules/README.md"))
        return frozenset(value)

    fail_on = section.get("fail_on", "error")
    if fail_on not in SEVERITIES:
        problems.append((("fail_on",), f"fail_on must be one of {', '.join(SEVERITIES)}", None))
    exposed = section.get("exposed_schemas", ["public"])
    if not isinstance(exposed, list) or not all(isinstance(s, str) for s in exposed):
        problems.append((("exposed_schemas",), "exposed_schemas must be a list of schema names", "e.g. [public, api]"))
        exposed = ["public"]
    disabled = rule_ids(section.get("disable", []), ("disable",))
    severities = section.get("severity", {})
    if not isinstance(severities, dict):
        problems.append((("severity",), "severity must map rule ids to info, warning or error", None))
        severities = {}
    for rule_id, severity in severities.items():
        rule_ids([rule_id], ("severity", rule_id))
        if severity not in SEVERITIES:
            problems.append((("severity", rule_id), f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}",
                             None))
    excludes = []
    raw_excludes = section.get("exclude", [])
    if not isinstance(raw_excludes, list):
        problems.append((("exclude",), "exclude must be a list of {path, rules}", None))
        raw_excludes = []
    for i, item in enumerate(raw_excludes):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) or set(item) - {"path", "rules"}:
            problems.append((("exclude", i), "each exclude needs a path (a glob) and optionally rules",
                             "e.g. {path: 'supabase/migrations/2023*', rules: [drop-table]}"))
            continue
        excludes.append(Exclude(item["path"], rule_ids(item.get("rules", []), ("exclude", i, "rules"))))
    found = unknown_key_problems(config_file, section, ("lint",), list(KEYS))
    found += [Problem(message, config_location(config_file, "lint", *path), hint) for path, message, hint in problems]
    if found:
        raise DeclarationError(found)
    return LintConfig(fail_on=fail_on, exposed_schemas=tuple(exposed), disabled=disabled,
                      severities=dict(severities), excludes=tuple(excludes), root=config_file.parent)
