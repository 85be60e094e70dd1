"""`dfworx-db sandbox`: the whole workflow on a throw-away local PostgreSQL, so that a
newcomer sees plan, apply and verify work before pointing them at a real database."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
from rich.markup import escape

from .cli import err_console
from .config import load_config
from .declare import load_declarations
from .drift import database_changes
from .errors import DfworxError
from .migrate.apply import apply_migrations
from .migrate.files import migration_files
from .migrate.settings import apply_settings
from .pg import apply_baseline, connect, start_local_server
from .plan.hazards import describe
from .plan.planner import Base, PlanOptions, make_plan, migrations_base


def step(number: int, text: str) -> None:
    err_console.print(f"[bold]{number}.[/bold] {text}", soft_wrap=True)


class SandboxFailed(DfworxError):
    """A step of the sandbox did not give what it must."""


@click.command()
@click.option("--schemas", "schemas_dir", type=click.Path(exists=True, path_type=Path),
              help="The declarations (default: schemas: of dfworx.yaml).")
def sandbox(schemas_dir: Path | None) -> None:
    """Plan, apply and verify the declarations on a throw-away local PostgreSQL.

    Starts a local server (PostgreSQL binaries on PATH, else the embedded PostgreSQL 18;
    DFWORX_LOCAL_SERVER=system|embedded chooses), creates a database with the Supabase
    baseline, plans the declarations from an empty base into a temporary folder, applies
    the migration, verifies that the database equals the declarations, plans again
    against it (nothing must change), and checks whether the project's own migrations
    folder is complete. Nothing is kept; nothing outside the temporary folder is written.

    \b
    Example:
      DFWORX_LOCAL_SERVER=embedded dfworx-db sandbox
    """
    config = load_config()
    declarations = load_declarations(schemas_dir or config.schemas_dir)
    scope = {"exclude_schemas": config.exclude_schemas}
    with start_local_server() as server, tempfile.TemporaryDirectory(prefix="dfworx-sandbox-") as folder:
        server_url = server.url()
        with connect(server_url) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
        step(1, f"started a throw-away PostgreSQL {escape(version)} ({server.kind})")
        target = server.create_database("dfworx_sandbox")
        with connect(target, autocommit=True) as conn:
            apply_baseline(conn)

        migrations = Path(folder)
        plan = make_plan(declarations, Base(**scope), PlanOptions(name="init"), shadow_url=server_url, existing=[])
        for planned in plan.files:
            (migrations / planned.filename).write_text(planned.text, encoding="utf-8")
        step(2, f"plan: {len(plan.changes)} changes from an empty database, "
                          f"in {', '.join(f.filename for f in plan.files)} (proven in a shadow)")

        result = apply_migrations(target, migration_files(migrations), apply_settings(config))
        statements = sum(o.statements_run for o in result.applied)
        step(3, f"apply: {len(result.applied)} migration(s), {statements} statements, "
                          "recorded in supabase_migrations.schema_migrations")

        _, drift = database_changes(target, declarations.catalog, shadow_url=server_url, **scope)
        if drift:
            raise SandboxFailed("verify found drift after apply:\n" + "\n".join(f"  {describe(c)}" for c in drift))
        step(4, "verify: the database equals the declarations")

        again = make_plan(declarations, Base(url=target, **scope), PlanOptions(name="again"), shadow_url=server_url,
                          existing=[])
        if not again.empty:
            raise SandboxFailed("a second plan against the migrated database is not empty:\n"
                                + "\n".join(f"  {describe(c)}" for c in again.changes))
        step(5, "plan --db-url: no changes")

        shipped = migrations_base(config.migrations_dir, config.exclude_schemas)
        if shipped.migrations:
            missing = make_plan(declarations, shipped, PlanOptions(allow_destructive=True, prove=False),
                                shadow_url=server_url)
            state = ("complete" if missing.empty else
                     f"[yellow]{len(missing.changes)} changes behind[/yellow]: run dfworx-db plan --name <what_changed>")
            step(6, f"plan --check: {escape(str(config.migrations_dir))} is {state}")
    err_console.print("[green]ok[/green]: plan, apply and verify work here; the server is gone, nothing was kept.")
