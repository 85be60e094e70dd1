"""`dfworx-db plan`: the declarations compared with a base, the next migration written."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Table as RichTable

from ..cli import err_console
from ..config import Config, load_config
from ..declare import load_declarations
from ..errors import DeclarationError, DfworxError, Problem
from ..render import render_change
from .hazards import describe
from .migrations import migration_files
from .online import OnlineOptions
from .planner import Base, Plan, PlanOptions, make_plan, migrations_base

# dfworx.yaml `plan:` keys and their types.
SETTINGS = {"lock_timeout": str, "statement_timeout": str, "online_statement_timeout": str,
            "concurrent_indexes": bool, "not_valid_constraints": bool, "safe_not_null": bool}


class MissingMigrations(DfworxError):
    """plan --check: the migrations do not produce the declared schema."""


@click.command()
@click.option("--name", "name", help="What the migration does, e.g. add_user_bio (the file name's suffix).")
@click.option("--db-url", help="Plan against this live database instead of the migrations folder.")
@click.option("--env", "env_name", help="Plan against an environment of dfworx.yaml.")
@click.option("--schemas", "schemas_dir", type=click.Path(exists=True, path_type=Path),
              help="The declarations (default: schemas: of dfworx.yaml).")
@click.option("--migrations", "migrations_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The migrations folder (default: migrations: of dfworx.yaml).")
@click.option("--shadow-url", help="Server for the shadow database (default: a throw-away local one).")
@click.option("--allow-destructive", is_flag=True, help="Write drops, revokes and narrowing type changes too.")
@click.option("--split", is_flag=True, help="On an empty base: write the baseline as ordered files by layer.")
@click.option("--check", is_flag=True, help="CI: exit 1 when the migrations do not produce the declared schema.")
@click.option("--dry-run", is_flag=True, help="Show the plan; write nothing.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the migration SQL instead of writing files.")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (writes the files unless --dry-run).")
@click.option("--no-concurrently", is_flag=True, help="Build indexes on existing tables without CONCURRENTLY.")
@click.option("--no-not-valid", is_flag=True, help="Add CHECK and FOREIGN KEY constraints validated at once.")
@click.option("--no-safe-not-null", is_flag=True, help="SET NOT NULL directly, without a validated CHECK first.")
@click.option("--lock-timeout", help="SET lock_timeout in the migration (default 5s).")
@click.option("--statement-timeout", help="SET statement_timeout in the migration (default 1min).")
def plan(name: str | None, db_url: str | None, env_name: str | None, schemas_dir: Path | None,
         migrations_dir: Path | None, shadow_url: str | None, allow_destructive: bool, split: bool, check: bool,
         dry_run: bool, to_stdout: bool, as_json: bool, no_concurrently: bool, no_not_valid: bool,
         no_safe_not_null: bool, lock_timeout: str | None, statement_timeout: str | None) -> None:
    """Write the next migration: what the database needs to equal the declarations.

    The base is the migrations folder replayed into a throw-away shadow database (no live
    database needed), or a live database with --db-url/--env. The file is
    supabase/migrations/<YYYYMMDDHHMMSS>_<name>.sql (UTC); nothing is written when nothing
    changed. Indexes on existing tables are built CONCURRENTLY and constraints validated
    after a NOT VALID add, in a follow-up file that runs outside a transaction. Drops,
    revokes and narrowing type changes are refused without --allow-destructive. Every
    plan is run on the base in the shadow before it is written, and must converge.

    \b
    Examples:
      dfworx-db plan --name add_user_bio
      dfworx-db plan --name init --split
      dfworx-db plan --name sync --db-url "$DATABASE_URL" --dry-run
      dfworx-db plan --check            # in CI: are the migrations complete?
      dfworx-db plan --name drop_legacy --allow-destructive --json
    """
    config = load_config()
    settings = _settings(config)
    declarations = load_declarations(schemas_dir or config.schemas_dir)
    folder = migrations_dir or config.migrations_dir
    existing = migration_files(folder)
    if db_url or env_name:
        url = config.environment_url(env_name) if env_name else db_url
        base = Base(url=url, exclude_schemas=config.exclude_schemas)
    else:
        base = migrations_base(folder, config.exclude_schemas)
    if check:
        _check(declarations, base, shadow_url)
        return
    if not name:
        raise DeclarationError([Problem("plan needs --name: what the migration does (e.g. --name add_user_bio)",
                                        None, "or pass --check to only verify the migrations")])
    options = PlanOptions(
        name=name, allow_destructive=allow_destructive, split=split,
        online=OnlineOptions(concurrent_indexes=not no_concurrently and settings.get("concurrent_indexes", True),
                             not_valid_constraints=not no_not_valid and settings.get("not_valid_constraints", True),
                             safe_not_null=not no_safe_not_null and settings.get("safe_not_null", True)),
        lock_timeout=lock_timeout or settings.get("lock_timeout", "5s"),
        statement_timeout=statement_timeout or settings.get("statement_timeout", "1min"),
        online_statement_timeout=settings.get("online_statement_timeout", "1h"))
    result = make_plan(declarations, base, options, shadow_url=shadow_url, existing=existing)
    write = not (dry_run or to_stdout)
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        for planned in result.files:
            (folder / planned.filename).write_text(planned.text, encoding="utf-8")
    if as_json:
        sys.stdout.write(json.dumps(plan_as_json(result, folder, written=write), indent=2) + "\n")
    elif to_stdout:
        sys.stdout.write("\n".join(f.text for f in result.files))
    else:
        _summary(result, folder, write)


def plan_as_json(result: Plan, folder: Path, *, written: bool) -> dict:
    return {
        "base": result.base,
        "written": written and not result.empty,
        "files": [{"path": str(folder / f.filename), "version": f.version, "transactional": f.transactional,
                   "changes": [{"kind": c.kind, "description": describe(c), "hazards": list(c.hazards),
                                "sql": render_change(c)} for c in f.changes]} for f in result.files],
        "destructive": [{"description": describe(d.change), "reason": d.reason} for d in result.destructive],
        "likely_renames": result.likely_renames,
    }


def _summary(result: Plan, folder: Path, written: bool) -> None:
    if result.empty:
        err_console.print(f"[green]No changes[/green]: the declarations equal {escape(result.base)}.")
        return
    counts = Counter(c.kind.replace("_", " ") for c in result.changes)
    err_console.print(f"[bold]{len(result.changes)} changes[/bold] against {escape(result.base)}: "
                      + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())), soft_wrap=True)
    by_hazard: dict[str, list[str]] = {}
    for change in result.changes:
        for hazard in change.hazards:
            by_hazard.setdefault(hazard, []).append(describe(change))
    if by_hazard:
        table = RichTable("hazard", "changes", title="Hazards", title_justify="left")
        for hazard, changes in sorted(by_hazard.items()):
            shown = changes[:3] + ([f"… and {len(changes) - 3} more"] if len(changes) > 3 else [])
            table.add_row(f"[yellow]{escape(hazard)}[/yellow]", escape("\n".join(shown)))
        err_console.print(table)
    for hint in result.likely_renames:
        err_console.print(f"[yellow]likely rename[/yellow]: {escape(hint)}", soft_wrap=True)
    for planned in result.files:
        where = "outside a transaction" if not planned.transactional else "in one transaction"
        verb = "Wrote" if written else "Would write"
        err_console.print(f"{verb} [bold]{escape(str(folder / planned.filename))}[/bold] ({len(planned.changes)} "
                          f"changes, runs {where})", soft_wrap=True)
        if not written:
            err_console.print(Syntax(planned.text, "sql", theme="ansi_dark", word_wrap=True))


def _check(declarations, base: Base, shadow_url: str | None) -> None:
    result = make_plan(declarations, base, PlanOptions(allow_destructive=True, prove=False), shadow_url=shadow_url)
    if result.empty:
        err_console.print(f"[green]ok[/green]: {escape(result.base)} produce the declared schema.")
        return
    lines = [f"the migrations do not produce the declared schema; {len(result.changes)} changes are missing:"]
    lines += [f"  {describe(c)}" for c in result.changes]
    lines.append("  hint: run dfworx-db plan --name <what_changed> and commit the new migration")
    raise MissingMigrations("\n".join(lines))


def _settings(config: Config) -> dict:
    raw = config.section("plan")
    problems = config.unknown_keys("plan", list(SETTINGS))
    for key, value in raw.items():
        expected = SETTINGS.get(key)
        if expected is not None and not isinstance(value, expected):
            problems.append(Problem(f"plan.{key} in dfworx.yaml must be a {expected.__name__}", config.where("plan", key),
                                    "e.g. lock_timeout: 5s" if expected is str else f"e.g. {key}: false"))
    if problems:
        raise DeclarationError(problems)
    return raw
