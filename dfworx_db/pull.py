"""`dfworx-db pull`: write the YAML declarations of an existing database, so a team can
adopt dfworx-db on a live project (pull, then plan against the same database: no changes)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click
from rich.markup import escape

from .cli import err_console
from .config import load_config
from .declare import load_declarations
from .declare.loader import declaration_files
from .declare.writer import LAYOUTS, Layout, write_declarations
from .errors import DeclarationError, Problem, SourceLocation
from .introspect import introspect_with_report
from .introspect.inspector import unsupported_error
from .pg import connect, redact, resolve_url


@dataclass(frozen=True)
class PullReport:
    written: tuple[Path, ...]
    replaced: tuple[Path, ...]  # YAML files that were under the folder before (--force)
    skipped: tuple[str, ...]  # what the declarations leave out (--skip-unsupported)


def pull_declarations(url: str, out: Path, *, layout: Layout = "schema", include_schemas: Iterable[str] | None = None,
                      exclude_schemas: Iterable[str] = (), force: bool = False,
                      skip_unsupported: bool = False) -> PullReport:
    """Read the database at `url` and write its declarations under `out`.

    Refuses (DeclarationError, nothing written) when `out` already holds YAML files,
    unless `force`, which replaces them all: the pulled files are a complete declaration
    set, and old files beside them would be merged in. Objects neither introspection nor
    the format can describe raise UnsupportedError naming them, unless
    `skip_unsupported`. The files are loaded back before they are put in place."""
    existing = tuple(declaration_files(out)) if out.is_dir() else ()
    if existing and not force:
        raise DeclarationError([Problem(f"{path} exists; pull writes a complete declaration set", SourceLocation(str(path)),
                                        "pass --force to replace the YAML files there, or --out to write elsewhere")
                                for path in existing])
    with connect(url) as conn:
        catalog, unsupported = introspect_with_report(conn, include_schemas=include_schemas,
                                                      exclude_schemas=exclude_schemas)
    if unsupported and not skip_unsupported:
        raise unsupported_error(unsupported, "pull with --skip-unsupported")
    pulled = write_declarations(catalog, layout=layout, skip_unsupported=skip_unsupported)
    with tempfile.TemporaryDirectory(prefix="dfworx-pull-") as staging:
        for relative, text in pulled.files.items():
            target = Path(staging, *relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        load_declarations(staging)  # a file that does not load back is a bug: say so before writing
        for path in existing:
            path.unlink()
        written = []
        for relative in pulled.files:
            target = out.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(staging, *relative.parts), target)
            written.append(target)
    return PullReport(tuple(written), existing, (*unsupported, *pulled.skipped))


@click.command("pull")
@click.option("--db-url", envvar="DATABASE_URL", help="The database to read (default: $DATABASE_URL).")
@click.option("--env", "env_name", help="An environment of dfworx.yaml instead of --db-url.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="The declarations folder to write (default: schemas: of dfworx.yaml).")
@click.option("--layout", type=click.Choice(LAYOUTS), default="schema", show_default=True,
              help="One file per schema (<schema>.yaml), or one per table (<schema>/<table>.yaml).")
@click.option("--schema", "schemas", multiple=True, help="Only these schemas (repeatable).")
@click.option("--exclude-schema", "excluded", multiple=True, help="Leave these schemas out (repeatable).")
@click.option("--force", is_flag=True, help="Replace the YAML files already in the folder.")
@click.option("--skip-unsupported", is_flag=True,
              help="Leave out what dfworx-db cannot describe, listing it as warnings, instead of failing.")
def pull(db_url: str | None, env_name: str | None, out: Path | None, layout: Layout, schemas: tuple[str, ...],
         excluded: tuple[str, ...], force: bool, skip_unsupported: bool) -> None:
    """Write YAML declarations for an existing database, to adopt dfworx-db on a live
    project; `dfworx-db plan` against the same database then finds no changes.

    Supabase-managed schemas (auth, storage, extensions, …) and the exclude_schemas of
    dfworx.yaml are never read. The folder must hold no YAML yet (or pass --force).
    Anything dfworx-db cannot describe (a domain, an exclusion constraint, …) fails the
    pull, naming it; --skip-unsupported leaves it out and lists it.

    \b
    Examples:
      dfworx-db pull --db-url postgresql://postgres@localhost:5432/app_dev
      dfworx-db pull --env production --layout table --out schemas/
      dfworx-db pull --schema public --schema app_web --force --skip-unsupported
    """
    config = load_config()
    url = config.environment_url(env_name) if env_name else resolve_url(db_url)
    report = pull_declarations(url, out or config.schemas_dir, layout=layout, include_schemas=schemas or None,
                               exclude_schemas=(*excluded, *config.exclude_schemas), force=force,
                               skip_unsupported=skip_unsupported)
    for item in report.skipped:
        err_console.print(f"[yellow]warning[/yellow]: left out {escape(item)}", soft_wrap=True)
    if report.replaced:
        err_console.print(f"Replaced {len(report.replaced)} YAML file{'s' if len(report.replaced) != 1 else ''}.")
    folder = out or config.schemas_dir
    err_console.print(f"[green]ok[/green]: wrote {len(report.written)} file{'s' if len(report.written) != 1 else ''} "
                      f"to {escape(str(folder))} from {escape(redact(url))}", soft_wrap=True)
