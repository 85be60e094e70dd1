"""dfworx-db gen types: the click commands (registered in cli.LAZY_COMMANDS)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape

from ..cli import err_console
from ..config import load_config
from ..pg import resolve_url
from .generate import LANGUAGES, generate_types, model_from_database, model_from_declarations, with_schemas
from .settings import types_settings

# The file of each language when several are written into one folder.
FILE_NAMES = {"typescript": "database.ts", "python": "models.py"}


@click.group()
def gen() -> None:
    """Generate code from the schema: TypeScript for supabase-js, Pydantic v2 models."""


@gen.command("types")
@click.argument("schemas_path", metavar="[SCHEMAS]", type=click.Path(exists=True, path_type=Path), required=False)
@click.option("--lang", "languages", type=click.Choice(LANGUAGES), required=True, multiple=True,
              help="The language to write (repeatable: both from one read of the schema).")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="Write to this file (default: stdout); with several --lang, a folder for "
                   f"{' and '.join(FILE_NAMES.values())}.")
@click.option("--db-url", help="Generate from this live database instead of the declarations.")
@click.option("--shadow", is_flag=True, help="Execute the declarations in a throw-away database and generate from it "
                                              "(needed for views, whose column types Postgres infers).")
@click.option("--shadow-url", help="The server for --shadow (default: a local or embedded one).")
@click.option("--schema", "schemas", multiple=True, help="Only these schemas (repeatable; default: types.schemas "
                                                          "of dfworx.yaml, else every declared schema).")
@click.option("--check", is_flag=True, help="Exit 1 when --out differs from what would be generated; write nothing.")
def types_command(schemas_path: Path | None, languages: tuple[str, ...], out: Path | None, db_url: str | None, shadow: bool,
                  shadow_url: str | None, schemas: tuple[str, ...], check: bool) -> None:
    """Write the types of the database: supabase-js's Database type, or Pydantic models.

    From the declarations by default (no database needed); from a live database with
    --db-url (or $DATABASE_URL when --db-url is given empty); from the declarations
    executed in a throw-away database with --shadow. Output is deterministic, so
    --check can keep a committed file honest in CI.

    \b
    Examples:
      dfworx-db gen types --lang typescript --out packages/types/src/database.ts
      dfworx-db gen types --lang python --out services/api/models.py
      dfworx-db gen types --lang typescript --db-url "$DATABASE_URL" --schema public
      dfworx-db gen types --lang typescript --out types/database.ts --check   # CI
      dfworx-db gen types --lang typescript --lang python --out generated/   # both, one read
    """
    languages = tuple(dict.fromkeys(languages))
    if len(languages) > 1 and out is None:
        raise click.UsageError("several --lang write several files: give --out FOLDER")
    config = load_config()
    settings = with_schemas(types_settings(config), schemas)
    schemas_dir = schemas_path or config.schemas_dir
    if db_url is not None:
        model = model_from_database(resolve_url(db_url or None) or "", settings,
                                    schemas_dir=schemas_dir if schemas_dir.is_dir() else None,
                                    exclude_schemas=config.exclude_schemas)
    elif shadow or shadow_url:
        from ..declare import load_declarations
        from ..pg.shadow import execute_catalog, shadow_database
        with shadow_database(shadow_url) as url:
            execute_catalog(url, load_declarations(schemas_dir).catalog)
            model = model_from_database(url, settings, schemas_dir=schemas_dir)
    else:
        model = model_from_declarations(schemas_dir, settings)
    for language in languages:
        target = out / FILE_NAMES[language] if out is not None and len(languages) > 1 else out
        _emit(generate_types(model, language, settings), target, check)


def _emit(text: str, out: Path | None, check: bool) -> None:
    """Write `text` to `out` (stdout when None), or with `check` compare it (exit 1)."""
    if check:
        if out is None:
            raise click.UsageError("--check compares with the file of --out; give --out")
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != text:
            state = "does not exist" if current is None else "is out of date"
            err_console.print(f"[red]{escape(str(out))} {state}[/red]; regenerate it with the same command "
                              "without --check", soft_wrap=True)
            raise SystemExit(1)
        err_console.print(f"[green]ok[/green]: {escape(str(out))} is up to date", soft_wrap=True)
    elif out is not None:
        if out.is_dir():
            raise click.UsageError(f"--out {out} is a folder; give a file for one --lang")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        err_console.print(f"Wrote {escape(str(out))}", soft_wrap=True)
    else:
        sys.stdout.write(text)
