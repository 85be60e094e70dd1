"""The commands `apply`, `status`, `verify`, `repair` and `baseline`: parse options,
call the migrate stage, print with rich (progress and messages on stderr, data and SQL
on stdout)."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..cli import err_console
from ..config import Config, load_config
from ..errors import DeclarationError, Problem, SourceLocation
from ..pg import connect, redact, resolve_url
from ..render import render_migration
from .apply import FileOutcome, MigrationFailed, Progress, apply_migrations, database_errors
from .files import MigrationFile, migration_files
from .history import History
from .lock import migration_lock
from .settings import apply_settings
from .status import version_statuses
from .verify import database_drift, drift_as_json, drift_summary


def database_options(command):
    command = click.option("--env", "env_name", help="An environment of dfworx.yaml instead of --db-url.")(command)
    return click.option("--db-url", envvar="DATABASE_URL", help="The database (default: $DATABASE_URL).")(command)


def _target(config: Config, db_url: str | None, env_name: str | None) -> str:
    return config.environment_url(env_name) if env_name else resolve_url(db_url)


def _out(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


class _ConsoleProgress(Progress):
    """A bar per file, advancing statement by statement, and a line per applied file."""

    def __init__(self, bars: RichProgress):
        self.bars, self.task = bars, None

    def waiting_for_lock(self, holder: str) -> None:
        err_console.print(f"Waiting for the migration lock, held by {escape(holder)} …", soft_wrap=True)

    def file_started(self, file: MigrationFile, statements: int) -> None:
        self.task = self.bars.add_task(file.filename, total=max(statements, 1))

    def statement_done(self, file: MigrationFile, done: int) -> None:
        self.bars.update(self.task, completed=done)

    def file_finished(self, outcome: FileOutcome) -> None:
        self.bars.remove_task(self.task)
        how = "one transaction" if outcome.transactional else "no transaction"
        err_console.print(f"[green]applied[/green] {escape(outcome.file.filename)}  "
                          f"{outcome.statements_run} statements, {how}, {outcome.duration_ms} ms", soft_wrap=True)


@click.command("apply")
@database_options
@click.option("--include-all", is_flag=True, help="Also apply pending migrations older than the newest applied one.")
@click.option("--dry-run", is_flag=True, help="Print what would run (SQL on stdout); change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON on stdout.")
@click.option("--lock-wait", help="How long to wait for another apply (default 60s, or apply.lock_wait).")
@click.option("--lock-timeout", help="Default lock_timeout of every file (default 5s, or apply.lock_timeout).")
@click.option("--statement-timeout", help="Default statement_timeout of every file (default 15min).")
@click.option("--no-verify", is_flag=True, help="Do not compare the database with the declarations afterwards.")
@click.option("--shadow-url", help="Server for the shadow that compares expressions (default: a local one).")
def apply_command(db_url: str | None, env_name: str | None, include_all: bool, dry_run: bool, as_json: bool,
                  lock_wait: str | None, lock_timeout: str | None, statement_timeout: str | None, no_verify: bool,
                  shadow_url: str | None) -> None:
    """Run the pending migrations of supabase/migrations/ in version order, then verify
    that the database equals the declarations.

    Each file runs in its own transaction together with its history rows; a file whose
    leading comments hold `-- dfworx-db: no-transaction` runs statement by statement.
    History goes to supabase_migrations.schema_migrations, as the Supabase CLI writes it,
    with checksums beside it. Refused before anything runs: an applied file that was
    edited, an applied version without its file, a pending file older than the newest
    applied one (unless --include-all). Exit 0 when applied and verified, 1 on drift
    after applying, 2 when refused, 3 when a migration fails.

    \b
    Examples:
      dfworx-db apply --db-url postgresql://postgres@localhost:54322/postgres
      dfworx-db apply --env production --dry-run > would_run.sql
      dfworx-db apply --env staging --json --lock-wait 5m
    """
    config = load_config()
    settings = apply_settings(config, lock_wait=lock_wait, lock_timeout=lock_timeout,
                              statement_timeout=statement_timeout)
    url = _target(config, db_url, env_name)
    files = migration_files(config.migrations_dir)
    report: dict = {"database": redact(url), "dry_run": dry_run}
    with RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err_console, transient=True) as bars:
        try:
            result = apply_migrations(url, files, settings, include_all=include_all, dry_run=dry_run,
                                      progress=_ConsoleProgress(bars))
        except MigrationFailed as failure:
            if as_json:
                _out({**report, "applied": [o.as_json() for o in failure.applied], "failed": failure.failed.as_json(),
                      "error": failure.error, "not_run": [f.filename for f in failure.not_run]})
            raise
    report.update(pending=[f.filename for f in result.pending], adopted=result.adopted)
    if dry_run:
        if as_json:
            _out({**report, "files": [_dry_run_json(f) for f in result.pending]})
        else:
            for file in result.pending:
                sys.stdout.write(_dry_run_sql(file, settings))
            err_console.print(f"Dry run on {escape(redact(url))}: {len(result.pending)} migration(s) would run.",
                              soft_wrap=True)
        return
    report["applied"] = [o.as_json() for o in result.applied]
    if result.adopted:
        err_console.print(f"Recorded the checksums of {len(result.adopted)} migration(s) applied by the Supabase CLI.")
    if result.applied:
        total = sum(o.duration_ms for o in result.applied)
        err_console.print(f"[green]Applied {len(result.applied)} migration(s)[/green] to {escape(redact(url))} "
                          f"in {total} ms.", soft_wrap=True)
    else:
        err_console.print(f"Nothing to apply: {escape(redact(url))} has all {len(files)} migration(s).",
                          soft_wrap=True)
    drift = None if no_verify else _verify_after_apply(url, config, shadow_url)
    report["drift"] = drift_as_json(drift) if drift is not None else None
    if as_json:
        _out(report)
    if drift:
        raise SystemExit(1)


def _verify_after_apply(url: str, config: Config, shadow_url: str | None):
    if not config.schemas_dir.is_dir():
        err_console.print(f"[yellow]Not verified[/yellow]: no declarations at {escape(str(config.schemas_dir))} "
                          "(--no-verify skips this check).", soft_wrap=True)
        return None
    changes = database_drift(url, config, shadow_url=shadow_url)
    _print_drift(changes, "after apply")
    return changes


def _print_drift(changes, when: str) -> None:
    if not changes:
        err_console.print("[green]Verified[/green]: the database matches the declarations.")
        return
    err_console.print(f"[red]Drift {when}[/red]: the database differs from the declarations in "
                      f"{len(changes)} change(s):")
    for line in drift_summary(changes):
        err_console.print(f"  {escape(line)}", soft_wrap=True)
    err_console.print("SQL that would make it match the declarations:")
    err_console.print(escape(render_migration(changes)), soft_wrap=True, highlight=False)


def _dry_run_json(file: MigrationFile) -> dict:
    return {"version": file.version, "name": file.name, "file": file.filename, "transactional": file.transactional,
            "statements": [{"line": s.line, "sql": s.sql} for s in file.executable()]}


def _dry_run_sql(file: MigrationFile, settings) -> str:
    statements = file.executable()
    how = "in one transaction, with its history rows" if file.transactional else "statement by statement, no transaction"
    lines = [f"-- {file.filename}: {len(statements)} statements, {how}",
             f"SET lock_timeout = '{settings.lock_timeout}';", f"SET statement_timeout = '{settings.statement_timeout}';"]
    lines.extend(f"-- {file.filename}:{s.line}\n{s.sql};" for s in statements)
    return "\n".join(lines) + "\n\n"


@click.command("status")
@database_options
@click.option("--json", "as_json", is_flag=True, help="Print the versions as JSON.")
def status_command(db_url: str | None, env_name: str | None, as_json: bool) -> None:
    """Show every migration version: applied, pending, out-of-order (pending but older
    than the newest applied), edited (changed after it was applied) or missing-locally
    (applied, but no file). Reads only; creates nothing.

    \b
    Examples:
      dfworx-db status --env production
      dfworx-db status --db-url "$DATABASE_URL" --json | jq '.versions[] | select(.state != "applied")'
    """
    config = load_config()
    url = _target(config, db_url, env_name)
    files = migration_files(config.migrations_dir)
    with database_errors(url), connect(url) as conn:
        statuses = version_statuses(files, History(conn).read())
    if as_json:
        _out({"database": redact(url), "versions": [s.as_json() for s in statuses]})
        return
    table = Table("version", "name", "state", "applied at", "by", "note", title=redact(url), title_justify="left")
    colors = {"applied": "green", "pending": "yellow", "out-of-order": "magenta", "edited": "red",
              "missing-locally": "red"}
    for s in statuses:
        when = s.record.applied_at.strftime("%Y-%m-%d %H:%M:%S") if s.record and s.record.applied_at else ""
        table.add_row(s.version, escape(s.name), f"[{colors[s.state]}]{s.state}[/]", when,
                      escape(s.record.applied_by or "") if s.record else "", escape(s.note))
    out = Console()
    if not out.is_terminal:  # a file or a pipe: no terminal width to fit, keep rows whole
        out = Console(width=200)
    out.print(table)
    counts = {state: sum(1 for s in statuses if s.state == state) for state in colors}
    err_console.print(", ".join(f"{n} {state}" for state, n in counts.items() if n) or "no migrations")


@click.command("verify")
@database_options
@click.option("--json", "as_json", is_flag=True, help="Print the drift as JSON.")
@click.option("--shadow-url", help="Server for the shadow that compares expressions (default: a local one).")
def verify_command(db_url: str | None, env_name: str | None, as_json: bool, shadow_url: str | None) -> None:
    """Compare the database with the declarations; exit 1 on drift, printing each
    differing object and the SQL that would make the database match (for CI and
    scheduled drift checks). Changes nothing.

    \b
    Examples:
      dfworx-db verify --env production
      dfworx-db verify --db-url "$DATABASE_URL" --json > drift.json
    """
    config = load_config()
    url = _target(config, db_url, env_name)
    changes = database_drift(url, config, shadow_url=shadow_url)
    if as_json:
        _out({"database": redact(url), **drift_as_json(changes)})
    _print_drift(changes, f"on {redact(url)}")
    if changes:
        raise SystemExit(1)


def _files_by_version(config: Config) -> dict[str, MigrationFile]:
    return {f.version: f for f in migration_files(config.migrations_dir)}


def _check_versions(versions: tuple[str, ...]) -> None:
    bad = [v for v in versions if not v.isdigit()]
    if bad:
        raise DeclarationError([Problem(f"{v!r} is not a migration version", None,
                                        "a version is the digits before the first _ of the file name") for v in bad])


@click.command("repair")
@click.argument("versions", nargs=-1, required=True)
@click.option("--status", "status", type=click.Choice(["applied", "reverted"]), required=True,
              help="applied: record the versions from their files; reverted: remove them from the history.")
@database_options
def repair_command(versions: tuple[str, ...], status: str, db_url: str | None, env_name: str | None) -> None:
    """Fix the migration history by hand, as `supabase migration repair` does; no
    migration SQL runs. `--status applied` records each VERSION from its local file
    (statements and checksum; also the way to accept a deliberate edit of an applied
    file); `--status reverted` removes each VERSION from the history.

    \b
    Examples:
      dfworx-db repair 20250101120000 --status reverted --env staging
      dfworx-db repair 20250101120000 20250102090000 --status applied --db-url "$DATABASE_URL"
    """
    _check_versions(versions)
    config = load_config()
    url = _target(config, db_url, env_name)
    local = _files_by_version(config)
    if status == "applied":
        missing = [v for v in versions if v not in local]
        if missing:
            raise DeclarationError([Problem(f"no migration file has version {v}", SourceLocation(str(config.migrations_dir)),
                                            "repair --status applied records a local file; check the version")
                                    for v in missing])
    settings = apply_settings(config)
    with database_errors(url), connect(url, autocommit=True) as conn, migration_lock(conn, settings.lock_wait):
        history = History(conn)
        history.ensure()
        with conn.transaction():
            if status == "applied":
                for v in versions:
                    history.record(local[v], replace=True)
            else:
                history.remove(list(versions))
    err_console.print(f"Repaired the migration history of {escape(redact(url))}: {', '.join(versions)} => {status}",
                      soft_wrap=True)


@click.command("baseline")
@click.argument("version")
@database_options
def baseline_command(version: str, db_url: str | None, env_name: str | None) -> None:
    """Mark every migration up to VERSION as applied without running it, for a database
    that was built before dfworx-db (by hand, pg_restore or another tool). Versions
    already recorded are left as they are; later migrations stay pending.

    \b
    Example:
      dfworx-db baseline 20250101120000 --env production && dfworx-db status --env production
    """
    _check_versions((version,))
    config = load_config()
    url = _target(config, db_url, env_name)
    files = [f for f in migration_files(config.migrations_dir) if f.version <= version]
    if not files:
        raise DeclarationError([Problem(f"no migration file has a version up to {version}",
                                        SourceLocation(str(config.migrations_dir)), "check the version and the folder")])
    settings = apply_settings(config)
    with database_errors(url), connect(url, autocommit=True) as conn, migration_lock(conn, settings.lock_wait):
        history = History(conn)
        history.ensure()
        recorded = history.read()
        new = [f for f in files if f.version not in recorded]
        with conn.transaction():
            for file in new:
                history.record(file)
    err_console.print(f"Baseline of {escape(redact(url))} at {version}: {len(new)} migration(s) marked applied"
                      + (f", {len(files) - len(new)} already recorded" if len(files) > len(new) else "") + ".",
                      soft_wrap=True)
