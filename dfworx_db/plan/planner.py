"""Declarations × base → the next migration files.

The base is the migrations folder replayed into a shadow (the default: CI needs no live
database) or a live database. The plan is the diff of the two, with renames first,
online DDL for tables that hold rows, every hazard named, destructive changes refused
unless allowed, and the files laid out as the Supabase CLI expects. Before anything is
written, the files are run in a shadow holding the base and the result is compared with
the declarations again: a plan that would not converge is an error, never a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..catalog import Catalog
from ..declare import Declarations
from ..diff.change import Change
from ..drift import changes_between, read, read_declared, shadow_server, target_defaults
from ..errors import DfworxError
from ..introspect import introspect
from ..pg import connect
from ..pg.shadow import execute_catalog, shadow_database
from .hazards import Destructive, describe, destructive, label
from .layout import layout_files
from .migrations import MigrationFile, migration_files, next_versions, replay, slug
from .online import OnlineOptions, split_online
from .renames import follow_up_renames, rename_changes, rename_sql


class DestructiveChangesRefused(DfworxError):
    """The plan destroys something and --allow-destructive was not given."""

    def __init__(self, found: list[Destructive]):
        lines = [f"the plan holds {len(found)} destructive change{'s' if len(found) != 1 else ''}; nothing was written:"]
        lines += [f"  {describe(d.change)}: {d.reason}" for d in found]
        lines.append("  hint: check that this is intended, then plan again with --allow-destructive "
                     "(or add renamed_from: to rename instead of dropping)")
        super().__init__("\n".join(lines))


class SplitNeedsEmptyBase(DfworxError):
    """--split lays out a baseline, and the base already holds objects."""

    def __init__(self, base: Base):
        super().__init__(f"--split writes a baseline and needs an empty base; {base.description} already holds "
                         "objects. Plan without --split.")


class PlanDoesNotConverge(DfworxError):
    """The planned files, run on the base in a shadow, leave differences: a bug."""


@dataclass(frozen=True)
class PlanOptions:
    name: str = "changes"
    allow_destructive: bool = False
    online: OnlineOptions = OnlineOptions()
    lock_timeout: str = "5s"
    statement_timeout: str = "1min"
    # Files outside a transaction build indexes and validate constraints: they scan.
    online_statement_timeout: str = "1h"
    split: bool = False
    # Run the files on the base in the shadow before writing them; None: when the base
    # is the migrations folder (a live base is rebuilt from its Catalog only on request).
    prove: bool | None = None


@dataclass(frozen=True)
class PlannedFile:
    version: str
    name: str
    transactional: bool
    changes: tuple[Change, ...]
    text: str

    @property
    def filename(self) -> str:
        return f"{self.version}_{self.name}.sql"


@dataclass(frozen=True)
class Plan:
    changes: list[Change]  # every change, labelled, in the order of the files
    files: list[PlannedFile]
    destructive: list[Destructive] = field(default_factory=list)
    likely_renames: list[str] = field(default_factory=list)
    base: str = ""

    @property
    def empty(self) -> bool:
        return not self.changes


@dataclass(frozen=True)
class Base:
    """Where the plan starts from: a live database (`url`) or the migrations folder."""
    url: str | None = None
    migrations: tuple[MigrationFile, ...] = ()
    exclude_schemas: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        if self.url:
            from ..pg import redact
            return f"the database {redact(self.url)}"
        return f"{len(self.migrations)} migration file{'s' if len(self.migrations) != 1 else ''} replayed in a shadow"


def migrations_base(folder: Path, exclude_schemas: tuple[str, ...] = ()) -> Base:
    return Base(migrations=tuple(migration_files(folder)), exclude_schemas=exclude_schemas)


def make_plan(declarations: Declarations, base: Base, options: PlanOptions, *, shadow_url: str | None = None,
              existing: list[MigrationFile] | None = None, now: datetime | None = None) -> Plan:
    """The plan that takes `base` to the declarations. `existing` (the migrations folder)
    gives the versions the new files must come after."""
    if options.split and base.migrations:
        raise SplitNeedsEmptyBase(base)
    with shadow_server(shadow_url) as server, ThreadPoolExecutor(max_workers=1) as pool:
        # The desired state and the base are read at the same time: each waits mostly on
        # the server.
        defaults = target_defaults(base.url) if base.url else None
        desired_job = pool.submit(read_declared, declarations.catalog, server, defaults)
        with _base_shadow(base, server) as (shadow, current):
            if options.split and (current.tables or current.functions or current.views or current.enums):
                raise SplitNeedsEmptyBase(base)
            desired = desired_job.result()
            renames = rename_changes(current, declarations)
            if renames:
                current, renames = _renamed(shadow(), renames, desired, base)
            changes = changes_between(current, desired, server)
            if not changes and not renames:
                return Plan([], [], base=base.description)
            existing_tables = {t.name for t in current.tables}
            phases = split_online(changes, current, options.online)
            before, main, after = (label(p, existing_tables) for p in (phases.before, phases.main, phases.after))
            renames = label(renames, existing_tables)
            found = destructive([*before, *main, *after])
            if found and not options.allow_destructive:
                raise DestructiveChangesRefused(found)
            groups = layout_files(renames + main, options.split)
            files = _files(before, groups, after, options,
                           existing if existing is not None else list(base.migrations), now)
            plan = Plan([c for f in files for c in f.changes], files, found, _likely_renames(changes),
                        base=base.description)
            if options.prove if options.prove is not None else not base.url:
                _prove(shadow(), plan, desired, base, server)
            return plan


@contextmanager
def _base_shadow(base: Base, server: str) -> Iterator[tuple[Callable[[], str], Catalog]]:
    """The base's Catalog, and a function giving a shadow that holds the base's schema:
    the migrations replayed (made at once), or a live database's schema (made when first
    asked for: renames and proofs need it)."""
    with ExitStack() as stack:
        made: list[str] = []

        def shadow() -> str:
            if not made:
                made.append(stack.enter_context(shadow_database(server)))
                if base.url:
                    execute_catalog(made[0], current)
            return made[0]

        if base.url:
            current = read(base.url, base.exclude_schemas)
        else:
            replay(shadow(), list(base.migrations))
            current = read(made[0], base.exclude_schemas)
        yield shadow, current


def _renamed(shadow: str, renames: list[Change], desired: Catalog, base: Base) -> tuple[Catalog, list[Change]]:
    """The base as it reads after the renames (Postgres rewrites what names them), with
    the renames of constraints and indexes that follow; the shadow itself keeps the
    base, for the proof."""
    with connect(shadow) as conn, conn.transaction(force_rollback=True):
        conn.execute(rename_sql(renames))
        current = introspect(conn, exclude_schemas=base.exclude_schemas)
        more = follow_up_renames(current, desired, renames)
        if more:
            conn.execute(rename_sql(more))
            current = introspect(conn, exclude_schemas=base.exclude_schemas)
        return current, renames + more


def _files(before: list[Change], groups: list[tuple[str, list[Change]]], after: list[Change], options: PlanOptions,
           existing: list[MigrationFile], now: datetime | None) -> list[PlannedFile]:
    from .writer import migration_text
    name = slug(options.name)
    parts: list[tuple[str, bool, list[Change]]] = []
    if before:
        parts.append((f"{name}_enum_values", False, before))
    parts += [(f"{name}_{group}" if group else name, True, changes) for group, changes in groups if changes]
    if after:
        parts.append((f"{name}_online", False, after))
    versions = next_versions(existing, len(parts), now)
    files = []
    for version, (file_name, transactional, changes) in zip(versions, parts):
        text = migration_text(f"{version}_{file_name}", changes, transactional=transactional,
                              lock_timeout=options.lock_timeout,
                              statement_timeout=options.statement_timeout if transactional
                              else options.online_statement_timeout)
        files.append(PlannedFile(version, file_name, transactional, tuple(changes), text))
    return files


def _likely_renames(changes: list[Change]) -> list[str]:
    """Columns dropped and added with the same type on one table: probably renames."""
    dropped = {(c.context.name, c.subject.type): c.subject.name for c in changes if c.kind == "drop_column"}
    hints = []
    for change in changes:
        if change.kind == "add_column":
            old = dropped.get((change.context.name, change.subject.type))
            if old:
                hints.append(f"{change.context.name}: column {old} is dropped and {change.subject.name} "
                             f"({change.subject.type}) added; if this is a rename, add "
                             f"renamed_from: {old} to the column {change.subject.name}")
    return hints


def _prove(shadow: str, plan: Plan, desired: Catalog, base: Base, server: str) -> None:
    """Run the planned files on the base in the shadow; the result must equal the
    declarations."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dfworx-plan-") as folder:
        paths = []
        for planned in plan.files:
            path = Path(folder) / planned.filename
            path.write_text(planned.text, encoding="utf-8")
            paths.append(MigrationFile(path=path, version=planned.version, name=planned.name))
        replay(shadow, [*base.migrations, *paths])  # the applied ones are in its history
    left = changes_between(read(shadow, base.exclude_schemas), desired, server)
    if left:
        raise PlanDoesNotConverge(
            "the planned migration, run on the base in a shadow, does not produce the declared schema; "
            "these changes remain (please report this as a bug):\n"
            + "\n".join(f"  {describe(c)}" for c in left))
