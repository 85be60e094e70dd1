"""The dfworx-db command line: parse options, call one stage, print with rich."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .config import CONFIG_FILE, DEFAULT_CONFIG, load_config
from .errors import DeclarationError, DfworxError

# The stages (psycopg, pglast, jinja2, …) are imported inside the commands that use them:
# `lint`, `--help` and every other command start without them.

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    """rich's console on stderr, made on first use: a command that prints nothing through
    it (`lint --format json`) never imports rich."""
    from rich.console import Console
    return Console(stderr=True, highlight=False)


def _json_text(data: object) -> str:
    """`data` as indented JSON and a newline (json is imported only by commands that print it)."""
    import json
    return json.dumps(data, indent=2) + "\n"


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape
    return rich_escape(text)


def __getattr__(name: str) -> Any:
    """`from dfworx_db.cli import err_console`, as the command modules write it."""
    if name == "err_console":
        return console()
    raise AttributeError(name)


# Commands that live beside their stage, imported only when invoked (a fast --help and a
# fast start for every other command): name → "module:attribute" of a click command.
LAZY_COMMANDS: dict[str, str] = {
    "lint": "dfworx_db.lint.command:lint",
    "gen": "dfworx_db.codegen.command:gen",
    "apply": "dfworx_db.migrate.command:apply_command",
    "baseline": "dfworx_db.migrate.command:baseline_command",
    "repair": "dfworx_db.migrate.command:repair_command",
    "status": "dfworx_db.migrate.command:status_command",
    "verify": "dfworx_db.migrate.command:verify_command",
    "plan": "dfworx_db.plan.command:plan",
    "sandbox": "dfworx_db.sandbox:sandbox",
    "pull": "dfworx_db.pull:pull",
}


class DfworxGroup(click.Group):
    """Turns every DfworxError into a readable message and its family's exit code, and
    loads the commands of LAZY_COMMANDS on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except DeclarationError as err:
            for problem in err.problems:
                where = f"[bold]{escape(str(problem.location))}[/bold]: " if problem.location else ""
                console().print(f"{where}[red]error[/red]: {escape(problem.message)}", soft_wrap=True)
                if problem.hint:
                    console().print(f"  [dim]hint:[/dim] {escape(problem.hint)}", soft_wrap=True)
            count = len(err.problems)
            console().print(f"[red]{count} problem{'s' if count != 1 else ''}[/red]; nothing was changed.")
            ctx.exit(err.exit_code)
        except DfworxError as err:
            console().print(f"[red]error[/red]: {escape(str(err))}", soft_wrap=True)
            ctx.exit(err.exit_code)


def _schemas_dir(path: str | None) -> Path:
    return Path(path) if path else load_config().schemas_dir


@click.group(cls=DfworxGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dfworx-db")
def cli() -> None:
    """Database-as-code for Postgres and Supabase: declare the schema in YAML, render it,
    plan Supabase migrations, apply them and verify the database."""


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
def init(folder: Path) -> None:
    """Scaffold a project: dfworx.yaml, schemas/ and supabase/migrations/.

    \b
    Example:
      dfworx-db init my-project && cd my-project && dfworx-db validate
    """
    from .declare import json_schema

    folder.mkdir(parents=True, exist_ok=True)
    if (folder / CONFIG_FILE).exists():
        raise DfworxError(f"{folder / CONFIG_FILE} already exists; init only scaffolds a new project")
    (folder / CONFIG_FILE).write_text(DEFAULT_CONFIG, encoding="utf-8")
    schemas = folder / "schemas"
    schemas.mkdir(exist_ok=True)
    if not any(schemas.iterdir()):
        (schemas / "public.yaml").write_text(STARTER_SCHEMA, encoding="utf-8")
    migrations = folder / "supabase" / "migrations"
    migrations.mkdir(parents=True, exist_ok=True)
    (migrations / ".gitkeep").touch()
    (folder / "dfworx.schema.json").write_text(_json_text(json_schema()), encoding="utf-8")
    console().print(f"Created {folder / CONFIG_FILE}, {schemas}/, {migrations}/ and dfworx.schema.json.")


@cli.command()
@click.argument("schemas", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--shadow", is_flag=True, help="Also execute the rendered SQL in a throw-away shadow database.")
@click.option("--shadow-url", help="The server for the shadow database (default: a local or embedded one).")
def validate(schemas: Path | None, shadow: bool, shadow_url: str | None) -> None:
    """Check the declarations; exit 2 on any problem.

    Without --shadow no database is touched. With --shadow the declarations are also
    created, in one transaction, in a fresh database on a throw-away local server
    (system PostgreSQL binaries, else the embedded PostgreSQL 18), which is dropped after.

    \b
    Examples:
      dfworx-db validate schemas/
      dfworx-db validate --shadow
      dfworx-db validate --shadow --shadow-url postgresql://postgres@localhost:5432/postgres
    """
    from .declare import load_declarations
    from .pg.shadow import execute_catalog, shadow_database

    declarations = load_declarations(_schemas_dir(str(schemas) if schemas else None))
    catalog = declarations.catalog
    counts = {kind: len(getattr(catalog, kind)) for kind in catalog.__dataclass_fields__}
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    console().print(f"[green]ok[/green]: {len(declarations.files)} files, {summary}", soft_wrap=True)
    if shadow or shadow_url:
        with shadow_database(shadow_url) as url:
            execute_catalog(url, catalog)
        console().print("[green]ok[/green]: the rendered SQL executes in one transaction on a shadow database")


@cli.command()
@click.argument("schemas", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
def render(schemas: Path | None, output: Path | None) -> None:
    """Print the SQL that creates the declared database from an empty one.

    \b
    Examples:
      dfworx-db render schemas/ > schema.sql
      dfworx-db render -o build/schema.sql
    """
    from .declare import load_declarations
    from .render import render_catalog

    sql = render_catalog(load_declarations(_schemas_dir(str(schemas) if schemas else None)).catalog)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(sql, encoding="utf-8")
        console().print(f"Wrote {output}")
    else:
        sys.stdout.write(sql)


@cli.command("schema-json")
def schema_json() -> None:
    """Print the JSON Schema of the declaration format (for editor completion).

    \b
    Example:
      dfworx-db schema-json > dfworx.schema.json
      # then, first line of a YAML file:
      # yaml-language-server: $schema=./dfworx.schema.json
    """
    from .declare import json_schema

    sys.stdout.write(_json_text(json_schema()))


@cli.command()
@click.option("--db-url", envvar="DATABASE_URL", help="The database (default: $DATABASE_URL).")
@click.option("--env", "env_name", help="An environment of dfworx.yaml instead of --db-url.")
def bootstrap(db_url: str | None, env_name: str | None) -> None:
    """Give a plain Postgres what Supabase provides and declarations may use: the roles
    anon, authenticated and service_role, and auth.uid(), auth.jwt(), auth.role().

    Idempotent. Refused on a real Supabase database (it has its own auth schema).
    Never run implicitly on a database you name; shadow and test databases get it on
    their own.

    \b
    Example:
      dfworx-db bootstrap --db-url postgresql://postgres@localhost:5432/app_dev
    """
    from .pg import apply_baseline, connect, redact, resolve_url

    url = load_config().environment_url(env_name) if env_name else resolve_url(db_url)
    with connect(url) as conn:
        apply_baseline(conn)
    console().print(f"Supabase baseline is in place on {escape(redact(url))}", soft_wrap=True)


@cli.command("diff")
@click.argument("from_url")
@click.argument("to_url")
@click.option("--schema", "schemas", multiple=True, help="Only these schemas (repeatable).")
@click.option("--exclude-schema", "excluded", multiple=True, help="Leave these schemas out (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON instead of SQL.")
@click.option("--shadow-url", help="Server for the shadow that compares expressions (default: a local one).")
def diff_command(from_url: str, to_url: str, schemas: tuple[str, ...], excluded: tuple[str, ...],
                 as_json: bool, shadow_url: str | None) -> None:
    """Print the SQL that takes the database FROM_URL to the state of TO_URL.

    Exit 0 when they are equal, 2 when they differ (the SQL or JSON is printed).
    Supabase-managed schemas (auth, storage, extensions, …) and the exclude_schemas of
    dfworx.yaml are never compared.
    Expressions that differ only in how they are written (Postgres rewrites them) are
    compared in a throw-away shadow database holding TO's schema, never in TO itself.

    \b
    Examples:
      dfworx-db diff postgresql://localhost/app_prod postgresql://localhost/app_dev > fix.sql
      dfworx-db diff "$PROD_URL" "$DEV_URL" --schema public --schema app_web --json
    """
    from .introspect.inspector import BUILDER_MODULES
    from .introspect.narrowed import introspect_pair

    def import_the_next_stages() -> None:  # while the servers answer the catalog queries
        for stage in (*BUILDER_MODULES, "dfworx_db.diff", "dfworx_db.pg.shadow", "dfworx_db.render"):
            importlib.import_module(stage)

    scope = {"include_schemas": schemas or None, "exclude_schemas": (*excluded, *load_config().exclude_schemas)}
    # Tables that the two databases hold alike are compared by a digest, never read in full.
    current, desired = introspect_pair(from_url, to_url, meanwhile=import_the_next_stages, **scope)
    from .diff import change_as_json, diff_catalogs
    from .pg.shadow import canonical
    from .render import render_migration

    with canonical(current, desired, shadow_url) as current:  # the shadow is dropped meanwhile
        changes = diff_catalogs(current, desired)
        if as_json:
            sys.stdout.write(_json_text([change_as_json(c) for c in changes]))
        else:
            sys.stdout.write(render_migration(changes))
    finish(2 if changes else 0)  # the shadow is gone and the connections are closed


STARTER_SCHEMA = """\
# yaml-language-server: $schema=../dfworx.schema.json
# Declarations: every .yaml file under schemas/ is merged. See docs/declarations.md.
tables:
  public.todos:
    comment: Things to do, one row per item.
    columns:
      id: bigint generated always as identity primary key
      title: text not null check (char_length(title) > 0)
      done: boolean not null default false
      created_at: timestamptz not null default now()
    rls: true
    policies:
      Anyone signed in can read todos:
        command: select
        roles: [authenticated]
        using: "true"
    grants:
      authenticated: [select]
"""


_CONSOLE_SCRIPT = False  # set by main(): this process is the console script, not a test's CliRunner


def finish(code: int) -> NoReturn:
    """End a command that leaves nothing to clean up with exit status `code`. In the console
    script, the process ends as soon as its output is flushed, without freeing one by one
    every object the run built (lint of a 7,000-statement file: ~25 ms); in-process callers
    (tests) get SystemExit as usual."""
    if _CONSOLE_SCRIPT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


def main() -> None:
    global _CONSOLE_SCRIPT
    _CONSOLE_SCRIPT = True
    cli(prog_name="dfworx-db")


if __name__ == "__main__":
    main()
