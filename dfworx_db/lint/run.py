"""The lint stage: which files, which Catalog, and what the configuration and the inline
ignores keep of the findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from .config import LintConfig
from .expressions import ExpressionReader
from .findings import Finding, severity_rank
from .migration import lint_migrations
from .rules.ignores import UNUSED_IGNORE
from .schema import SchemaContext, lint_catalog
from .sqlfile import SqlFile, no_cycle_collection, read_migration_files


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files: int
    # the parsed files and the replayed schema, held while the result is: the console
    # script ends before they would be freed object by object (cli.finish; bench1000: ~15 ms)
    built: list = field(default_factory=list, repr=False, compare=False)

    def failed(self, fail_on: str) -> bool:
        return any(severity_rank(f.severity) >= severity_rank(fail_on) for f in self.findings)


def lint_paths(paths: list[Path], config: LintConfig) -> LintResult:
    """Lint migration files. The result holds what the run built (`LintResult.built`): a
    caller that goes on allocating while it holds the result keeps the cyclic collector
    off meanwhile (sqlfile.no_cycle_collection; the lint command does), else the
    collector's next passes scan all of it."""
    with no_cycle_collection():
        return lint_files(read_migration_files(paths, config), config)


def lint_files(files: list[SqlFile], config: LintConfig) -> LintResult:
    built: list = [files]
    return LintResult(lint_sql_files(files, config, built), len(files), built)


def lint_sql_files(files: list[SqlFile], config: LintConfig, keep: list | None = None) -> list[Finding]:
    findings = lint_migrations(files, config.exposed_schemas, keep)
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
