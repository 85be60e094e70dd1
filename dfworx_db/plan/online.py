"""Online DDL for tables that already hold rows: the plan's changes rewritten so that
no statement holds a strong lock while it scans or builds.

- CREATE INDEX on an existing table → CREATE INDEX CONCURRENTLY IF NOT EXISTS, in a
  follow-up file that runs outside a transaction (with what needs the index: its comment);
- ADD CHECK / FOREIGN KEY on an existing table → ADD … NOT VALID in the migration, then
  VALIDATE CONSTRAINT in the follow-up file (in its own transaction, so the scan holds
  only a SHARE UPDATE EXCLUSIVE lock);
- SET NOT NULL on an existing column → a CHECK (col IS NOT NULL) NOT VALID, validated in
  the follow-up file, then SET NOT NULL (which skips its scan thanks to the validated
  check, PostgreSQL 12+), then the helper check is dropped.

New tables are empty: their changes stay as they are."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..catalog import Catalog, CheckConstraint, QualifiedName
from ..diff.change import Change
from ..diff.keys import object_key
from ..render.quoting import quote_ident

SCAN = "full table scan"


@dataclass(frozen=True)
class OnlineOptions:
    concurrent_indexes: bool = True
    not_valid_constraints: bool = True
    safe_not_null: bool = True


@dataclass(frozen=True)
class Phases:
    """The changes split into what must run before (enum values), in one transaction,
    and after, outside one."""
    before: list[Change]
    main: list[Change]
    after: list[Change]


def split_online(changes: list[Change], current: Catalog, options: OnlineOptions = OnlineOptions()) -> Phases:
    new_tables = {c.subject.name for c in changes if c.kind == "create_table"}
    existing = {t.name for t in current.tables} - new_tables

    def on_existing(change: Change) -> bool:
        table = change.context.name if change.context is not None else getattr(change.subject, "table", None)
        return table in existing

    main: list[Change] = []
    after: list[Change] = []
    moved_keys: set = set()
    for change in changes:
        if moved_keys & change.needs:
            after.append(change)
        elif change.kind == "create_index" and options.concurrent_indexes and on_existing(change):
            after.append(_with(change, concurrently=True, hazards=("index build", "runs outside a transaction")))
            moved_keys.add(object_key(change.subject))
        elif (change.kind in ("add_constraint", "add_foreign_key") and options.not_valid_constraints
              and on_existing(change) and _validatable(change)):
            main.append(_with(change, not_valid=True))
            after.append(Change("validate_constraint", change.subject, context=change.context, hazards=(SCAN,)))
        elif change.kind == "set_not_null" and options.safe_not_null and on_existing(change):
            main_part, after_part = _safe_not_null(change)
            main.append(main_part)
            after.extend(after_part)
        else:
            main.append(change)
    before = [c for c in main if c.kind == "add_enum_value"] if len(main) + len(after) > 1 else []
    if before:
        main = [c for c in main if c.kind != "add_enum_value"]
        before = [_with(c, if_not_exists=True) for c in before]
    return Phases(before, main, after)


def _validatable(change: Change) -> bool:
    return change.kind == "add_foreign_key" or isinstance(change.subject, CheckConstraint)


def _with(change: Change, hazards: tuple[str, ...] = (), **extra: object) -> Change:
    return replace(change, extra=change.extra + tuple(extra.items()),
                   hazards=tuple(dict.fromkeys((*change.hazards, *hazards))))


def _safe_not_null(change: Change) -> tuple[Change, list[Change]]:
    table, column = change.context, change.subject
    check = CheckConstraint(name=_helper_name(table.name, column.name),
                            expression=f"{quote_ident(column.name)} IS NOT NULL")
    return (Change("add_constraint", check, context=table, extra=(("not_valid", True),)),
            [Change("validate_constraint", check, context=table, hazards=(SCAN,)),
             replace(change, hazards=("access exclusive lock (brief: the validated check skips the scan)",)),
             Change("drop_constraint", check, context=table, extra=(("if_exists", True),))])


def _helper_name(table: QualifiedName, column: str) -> str:
    name = f"{table.name}_{column}_not_null"
    return name if len(name.encode()) <= 63 else name.encode()[:63].decode(errors="ignore")
