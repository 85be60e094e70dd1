"""Comparing two versions of one non-table object. Each comparator returns the changes
that alter the object in place, or None when it must be dropped and created again."""

from __future__ import annotations

from collections.abc import Callable

from ..catalog import (Collation, EnumType, Extension, Function, Index, Policy, Schema, Sequence, Table,
                       Trigger, View)
from ..errors import UnsupportedError
from .change import Change
from .tables import alter_table, same_but_comment

AUTHORIZATION = "authorization change"


def _comment(old: object, new: object) -> list[Change]:
    return [Change("comment", new)] if old.comment != new.comment else []  # type: ignore[attr-defined]


def alter_schema(old: Schema, new: Schema) -> list[Change]:
    return _comment(old, new)


def alter_extension(old: Extension, new: Extension) -> list[Change]:
    changes = []
    if old.schema != new.schema and new.schema:
        changes.append(Change("alter_extension_schema", new))
    if new.version and old.version != new.version:
        changes.append(Change("alter_extension_version", new))
    return changes + _comment(old, new)


def alter_enum(old: EnumType, new: EnumType) -> list[Change]:
    """New labels are added in place (ALTER TYPE … ADD VALUE); removing or reordering
    labels would rewrite every column of the type, which this version refuses loudly."""
    if not _is_subsequence(old.values, new.values):
        raise UnsupportedError(
            f"enum {new.name}: removing or reordering labels ({', '.join(old.values)} → {', '.join(new.values)}) "
            "is not supported yet; only new labels can be added")
    changes = []
    existing = list(old.values)
    for i, value in enumerate(new.values):
        if value in existing:
            continue
        after = new.values[i - 1] if i > 0 else None
        before = None if after else next(v for v in new.values[i + 1:] if v in existing)
        changes.append(Change("add_enum_value", new, extra=(("value", value), ("after", after), ("before", before)),
                              hazards=("cannot run inside a transaction that also uses the new value",)))
        existing.insert(existing.index(after) + 1 if after else existing.index(before), value)
    return changes + _comment(old, new)


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    it = iter(long)
    return all(value in it for value in short)


def alter_sequence(old: Sequence, new: Sequence) -> list[Change]:
    changes = []
    options = ("data_type", "start", "increment", "min_value", "max_value", "cache", "cycle")
    if any(getattr(old, f) != getattr(new, f) for f in options):
        changes.append(Change("alter_sequence", new, extra=(("old", old),)))
    if old.owned_by != new.owned_by:
        changes.append(Change("alter_sequence_owned_by", new))
    return changes + _comment(old, new)


def alter_function(old: Function, new: Function) -> list[Change] | None:
    """CREATE OR REPLACE when Postgres allows it (same result type and argument names,
    modes and defaults), else None: drop and create, with the dependents around it."""
    if (old.returns, old.returns_table, old.arguments) != (new.returns, new.returns_table, new.arguments):
        return None
    if same_but_comment(old, new):
        return _comment(old, new)
    return [Change("replace_function", new)] + _comment(old, new)


def alter_view(old: View, new: View) -> list[Change] | None:
    if old.materialized != new.materialized or old.query != new.query:
        return None
    changes = []
    if (old.security_invoker, old.security_barrier) != (new.security_invoker, new.security_barrier):
        changes.append(Change("alter_view_options", new))
    if old.column_comments != new.column_comments:
        changes.append(Change("comment_view_columns", new, extra=(("old", old),)))
    return changes + _comment(old, new)


def alter_policy(old: Policy, new: Policy) -> list[Change] | None:
    """ALTER POLICY changes roles and expressions but cannot remove one, nor change the
    command or permissiveness."""
    if (old.command, old.permissive) != (new.command, new.permissive):
        return None
    if (old.using is not None and new.using is None) or (old.with_check is not None and new.with_check is None):
        return None
    changes = []
    if (old.roles, old.using, old.with_check) != (new.roles, new.using, new.with_check):
        changes.append(Change("alter_policy", new, extra=(("old", old),), hazards=(AUTHORIZATION,)))
    return changes + _comment(old, new)


def replace_unless_comment(old: object, new: object) -> list[Change] | None:
    """Indexes, triggers and collations change only by being built again."""
    return _comment(old, new) if same_but_comment(old, new) else None


COMPARATORS: dict[type, Callable[[object, object], list[Change] | None]] = {
    Schema: alter_schema, Extension: alter_extension, EnumType: alter_enum, Collation: replace_unless_comment,
    Sequence: alter_sequence, Function: alter_function, Table: alter_table, Index: replace_unless_comment,
    View: alter_view, Trigger: replace_unless_comment, Policy: alter_policy,
}


def compare(old: object, new: object) -> list[Change] | None:
    """The changes from `old` to `new` (same kind and identity); None means replace."""
    if old == new:
        return []
    return COMPARATORS[type(new)](old, new)

