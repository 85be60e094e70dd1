"""The lint stage: which files, which Catalog, and what the configuration and the inline
ignores keep of the findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..errors import DeclarationError, Problem, SourceLocation
from .config import LintConfig
from .expressions import ExpressionReader
from .findings import Finding, rule, severity_rank
from .migration import lint_migrations
from .schema import SchemaContext, lint_catalog
from .sqlfile import SqlFile, no_cycle_collection, read_sql_file

UNUSED_IGNORE = rule(
    "unused-ignore", "migration", "warning",
    "`-- dfworx-db: ignore` comment that suppresses nothing",
    """An ignore that no longer matches a finding (the statement was fixed, the rule id is
    misspelt, or the comment sits above the wrong statement) hides nothing today and would
    silently hide a real problem written there later.""",
    "remove the comment, or fix the rule id / move it onto the statement it is meant for")


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files: int

    def failed(self, fail_on: str) -> bool:
        return any(severity_rank(f.severity) >= severity_rank(fail_on) for f in self.findings)


def migration_files(paths: list[Path], config: LintConfig) -> list[Path]:
    """The .sql files named or found under `paths`, in the order they run (file name order
    within a folder, as the Supabase CLI sorts versions), without excluded ones."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted((p for p in path.rglob("*.sql") if p.is_file()), key=lambda p: (p.name, str(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise DeclarationError([Problem(f"no such file or folder: {path}", SourceLocation(str(path)),
                                            "pass migration files or folders (default: supabase/migrations)")])
    return [p for p in found if not config.excluded_file(str(p))]


def lint_paths(paths: list[Path], config: LintConfig) -> LintResult:
    with no_cycle_collection():
        files = [read_sql_file(p, _display(p)) for p in migration_files(paths, config)]
        result = LintResult(lint_sql_files(files, config), len(files))
        del files  # freed while the collector is still off (else its first pass scans all they hold)
    return result


def _display(path: Path) -> str:
    """A path as reports show it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def lint_sql_files(files: list[SqlFile], config: LintConfig) -> list[Finding]:
    findings = lint_migrations(files, config.exposed_schemas)
    kept = [f for f in (config.apply(f) for f in findings) if f is not None]
    kept = _apply_ignores(kept, files, config)
    return sorted(kept, key=_order)


def lint_schema_catalog(catalog: Catalog, config: LintConfig, origin: str | None = None) -> LintResult:
    context = SchemaContext(catalog, ExpressionReader(), configured_exposed=config.exposed_schemas, origin=origin)
    kept = [f for f in (config.apply(f) for f in lint_catalog(context)) if f is not None]
    return LintResult(sorted(kept, key=_order), 0)


def _order(finding: Finding) -> tuple:
    where = finding.location
    return (where.file, where.line, where.column) if where else ("", 0, 0), finding.rule, finding.message


def _apply_ignores(findings: list[Finding], files: list[SqlFile], config: LintConfig) -> list[Finding]:
    """Drop what inline ignores cover; report every ignore (or rule id in one) that covered nothing."""
    located = []  # (ignore, the span of lines of the statement it covers)
    for sql_file in files:
        for ignore in sql_file.ignores:
            if ignore.statement < len(sql_file.spans):
                statement = sql_file.spans[ignore.statement]
                span = (sql_file.path, sql_file.line_of(statement.start), sql_file.line_of(statement.end))
            else:
                span = (sql_file.path, 0, 0)  # after the last statement: covers nothing
            located.append((ignore, span))
    if not located:
        return findings
    used: set[tuple[tuple[str, int, int], str]] = set()
    kept = []
    for finding in findings:
        where = finding.location
        covering = [span for ignore, span in located if where and span[0] == where.file
                    and span[1] <= where.line <= span[2] and finding.rule in ignore.rules]
        used.update((span, finding.rule) for span in covering)
        if not covering:
            kept.append(finding)
    for ignore, span in located:
        for rule_id in ignore.rules:
            if (span, rule_id) not in used:
                unused = config.apply(Finding(UNUSED_IGNORE.id, UNUSED_IGNORE.severity,
                                              f"ignore {rule_id} suppresses no finding here", ignore.location,
                                              hint=UNUSED_IGNORE.fix))
                if unused is not None:
                    kept.append(unused)
    return kept
