"""Comparing two versions of one table: the smallest ALTER TABLE changes that take the
current table to the desired one, or None when only a rebuild can (partitioning)."""

from __future__ import annotations

import dataclasses

from ..catalog import Column, Table
from .change import Change
from .create import add_foreign_key, set_replica_identity
from .keys import relation_key

DELETES_DATA = "deletes data"
REWRITE = "table rewrite"
EXCLUSIVE_LOCK = "access exclusive lock"


def alter_table(old: Table, new: Table) -> list[Change] | None:
    """ALTER TABLE changes from `old` to `new`; None when the table must be recreated."""
    if (old.partition_by, old.partition_of, old.partition_bound) != (new.partition_by, new.partition_of,
                                                                      new.partition_bound):
        return None
    changes: list[Change] = []
    add = changes.append
    old_cols = {c.name: c for c in old.columns if not c.inherited}
    new_cols = {c.name: c for c in new.columns if not c.inherited}
    for name, column in old_cols.items():
        if name not in new_cols:
            add(Change("drop_column", column, context=new, hazards=(DELETES_DATA,)))
    for name, column in new_cols.items():
        before = old_cols.get(name)
        if before is None:
            hazards = (REWRITE,) if column.generated or (column.default and _volatile(column.default)) else ()
            add(Change("add_column", column, context=new, hazards=hazards))
        elif before != column:
            changes += alter_column(new, before, column)

    old_constraints, new_constraints = _constraints(old), _constraints(new)
    for name, before in old_constraints.items():
        if name not in new_constraints or not same_but_comment(before, new_constraints[name]):
            add(Change("drop_constraint", before, context=old))
    for name, con in new_constraints.items():
        before = old_constraints.get(name)
        rebuilt = before is None or not same_but_comment(before, con)
        if rebuilt:
            add(add_foreign_key(new, con) if hasattr(con, "references") else Change("add_constraint", con, context=new))
        if (con.comment is not None) if rebuilt else (before.comment != con.comment):
            add(Change("comment", con, context=new))

    if old.rls_enabled != new.rls_enabled:
        add(Change("enable_rls" if new.rls_enabled else "disable_rls", new))
    if old.rls_forced != new.rls_forced:
        add(Change("force_rls" if new.rls_forced else "no_force_rls", new))
    if old.unlogged != new.unlogged:
        add(Change("set_unlogged" if new.unlogged else "set_logged", new, hazards=(REWRITE,)))
    if (old.replica_identity, old.replica_identity_index) != (new.replica_identity, new.replica_identity_index):
        add(set_replica_identity(new))
    for parent in new.inherits:
        if parent not in old.inherits:
            add(Change("inherit", new, extra=(("parent", parent),), needs=frozenset({relation_key(parent)})))
    for parent in old.inherits:
        if parent not in new.inherits:
            add(Change("no_inherit", new, extra=(("parent", parent),)))
    if old.comment != new.comment:
        add(Change("comment", new))
    return changes


def alter_column(table: Table, old: Column, new: Column) -> list[Change]:
    changes: list[Change] = []
    add = changes.append
    if old.generated and not new.generated and (old.type, old.collation) == (new.type, new.collation):
        # DROP EXPRESSION keeps the computed values as plain data (PostgreSQL 13+).
        changes.append(Change("drop_expression", new, context=table))
    elif old.generated != new.generated:
        # A generated expression cannot be altered in place (before PostgreSQL 17).
        return [Change("drop_column", old, context=table, hazards=(DELETES_DATA,)),
                Change("add_column", new, context=table, hazards=(REWRITE,)),
                *([Change("comment", new, context=table)] if new.comment else [])]
    retype = (old.type, old.collation) != (new.type, new.collation)
    if old.identity and new.identity and old.identity != new.identity:
        add(Change("set_identity_kind", new, context=table))  # keeps the sequence's position
    elif old.identity and not new.identity:
        add(Change("drop_identity", new, context=table))
    if retype and old.default is not None:
        add(Change("drop_default", new, context=table))
    if retype:
        add(Change("alter_column_type", new, context=table, hazards=(REWRITE, EXCLUSIVE_LOCK),
                   extra=(("old", old),)))
    if new.default is not None and (old.default != new.default or retype):
        add(Change("set_default", new, context=table))
    elif new.default is None and old.default is not None and not retype:
        add(Change("drop_default", new, context=table))
    if old.not_null != new.not_null:
        add(Change("set_not_null" if new.not_null else "drop_not_null", new, context=table,
                   hazards=("full table scan",) if new.not_null else ()))
    if new.identity and not old.identity:
        add(Change("add_identity", new, context=table))
    if old.comment != new.comment:
        add(Change("comment", new, context=table))
    return changes


def _constraints(table: Table) -> dict[str, object]:
    cons = (table.primary_key, *table.unique_constraints, *table.checks, *table.foreign_keys, *table.exclusions)
    return {c.name: c for c in cons if c is not None}


def same_but_comment(a: object, b: object) -> bool:
    """Equal objects, or objects that differ only in their comment."""
    return type(a) is type(b) and dataclasses.replace(a, comment=None) == dataclasses.replace(b, comment=None)  # type: ignore[type-var]


def _volatile(default: str) -> bool:
    lowered = default.lower()
    return any(f in lowered for f in ("random(", "gen_random_uuid(", "clock_timestamp(", "nextval(", "uuid_generate"))

