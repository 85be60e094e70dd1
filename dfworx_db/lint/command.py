"""`dfworx-db lint`: the click command (registered in cli.LAZY_COMMANDS). It imports only
what linting needs, so a CI run starts fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ..cli import finish
from ..config import load_config
from .config import lint_config
from .findings import SEVERITIES
from .report import FORMATS, render

if TYPE_CHECKING:
    from .run import LintResult


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--schema", "schema_mode", is_flag=True,
              help="Lint the declared schema (PATHS: the declarations folder, default from dfworx.yaml).")
@click.option("--db-url", help="With --schema: lint the schema of this live database instead.")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people, json, sarif (GitHub code scanning), github (workflow annotations).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding at or above this severity exists (default: lint.fail_on, else error).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file.")
def lint(paths: tuple[Path, ...], schema_mode: bool, db_url: str | None, output_format: str,
         fail_on: str | None, output: Path | None) -> None:
    """Lint migration files (default: supabase/migrations/) for locking, rewrite and
    security problems; with --schema, lint the declared schema (or a live database).

    Files run in name order; a table created by an earlier file exists for a later one.
    Each file is taken to run in one transaction, as the Supabase CLI runs it, unless its
    first lines hold `-- dfworx-db: no-transaction`. Silence a finding with a comment on
    or above the statement: `-- dfworx-db: ignore <rule-id>[, <rule-id>]`.
    Rules, and why each matters: docs/rules/README.md.

    \b
    Examples:
      dfworx-db lint
      dfworx-db lint supabase/migrations/20240101120000_add_index.sql --fail-on warning
      dfworx-db lint --format sarif -o lint.sarif      # upload with github/codeql-action/upload-sarif
      dfworx-db lint --format github                   # annotations in a GitHub Actions log
      dfworx-db lint --schema                          # the declarations under schemas/
      dfworx-db lint --schema --db-url "$DATABASE_URL"
    """
    project = load_config()
    config = lint_config(project.section("lint"), project.path)
    fail_on = fail_on or config.fail_on
    if schema_mode or db_url:
        _report(_lint_schema(paths, db_url, project, config), output_format, output, fail_on)
    from .sqlfile import no_cycle_collection, read_migration_files
    with no_cycle_collection():  # until the process ends (see run.lint_paths, cli.finish)
        files = read_migration_files(list(paths) or [project.migrations_dir], config)
        from .run import lint_files  # the rules: imported while the files parse on a second thread
        _report(lint_files(files, config), output_format, output, fail_on)


def _report(result: LintResult, output_format: str, output: Path | None, fail_on: str) -> NoReturn:
    report = render(output_format, result, color=output is None and sys.stdout.isatty())
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    finish(1 if result.failed(fail_on) else 0)


def _lint_schema(paths: tuple[Path, ...], db_url: str | None, project, config):
    from ..errors import DfworxError
    from .run import lint_schema_catalog
    if len(paths) > 1 or (paths and db_url):
        raise DfworxError("--schema takes one declarations folder, or --db-url, not both")
    if db_url:
        from ..introspect import introspect_with_report
        from ..pg import connect, redact, resolve_url
        url = resolve_url(db_url)
        with connect(url) as conn:
            catalog, unsupported = introspect_with_report(conn, exclude_schemas=project.exclude_schemas)
        if unsupported:
            click.echo("note: not linted, the Catalog cannot describe them yet: " + ", ".join(unsupported), err=True)
        return lint_schema_catalog(catalog, config, origin=redact(url))
    from ..declare import load_declarations
    return lint_schema_catalog(load_declarations(paths[0] if paths else project.schemas_dir).catalog, config)
