"""`renamed_from:` in the declarations → RENAME, never drop + add.

The rename is carried out first in a shadow holding the base, and the base is read
again from there: Postgres itself rewrites every index, constraint, policy and view
that names the renamed table or column, so the diff that follows sees the new names
everywhere and finds nothing else to change."""

from __future__ import annotations

from dataclasses import replace

from ..catalog import Catalog, QualifiedName
from ..declare import Declarations
from ..diff.change import Change
from ..render import render_change


def rename_changes(current: Catalog, declarations: Declarations) -> list[Change]:
    """RENAME changes for the `renamed_from:` whose old name exists in `current` and new
    name does not (once applied, a rename is simply satisfied)."""
    tables = {t.name: t for t in current.tables}
    desired = {t.name: t for t in declarations.catalog.tables}
    changes: list[Change] = []
    renamed: dict[QualifiedName, QualifiedName] = {}
    for new_name, old_text in sorted(declarations.table_renames.items(), key=lambda item: str(item[0])):
        old_name = _qualify(old_text, new_name.schema)
        if old_name in tables and new_name not in tables:
            changes.append(Change("rename_table", desired[new_name], extra=(("old", old_name),)))
            renamed[new_name] = old_name
    for (table_name, column), old_column in sorted(declarations.column_renames.items(), key=lambda i: str(i[0])):
        base = tables.get(renamed.get(table_name, table_name))
        if base is None or base.column(old_column) is None or base.column(column) is not None:
            continue
        table = desired[table_name]
        changes.append(Change("rename_column", table.column(column), context=table, extra=(("old", old_column),)))
    return changes


def follow_up_renames(current: Catalog, desired: Catalog, renames: list[Change]) -> list[Change]:
    """Constraints and indexes of renamed tables (or of tables with renamed columns) that
    are the same as a desired one but for a name Postgres derived from the old names
    (tags_pkey → labels_pkey): RENAME them too, never drop and add."""
    touched = {c.subject.name if c.kind == "rename_table" else c.context.name for c in renames}
    old_tables = {t.name: t for t in current.tables if t.name in touched}
    changes: list[Change] = []
    for table in desired.tables:
        old = old_tables.get(table.name)
        if old is None:
            continue
        for old_part, new_part in _pairs(_constraints(old), _constraints(table)):
            changes.append(Change("rename_constraint", new_part, context=table, extra=(("old", old_part.name),)))
    old_indexes = [i for i in current.indexes if i.table in touched]
    new_indexes = [i for i in desired.indexes if i.table in touched]
    for old_index, new_index in _pairs(old_indexes, new_indexes, key=lambda i: i.name.name):
        changes.append(Change("rename_index", new_index, extra=(("old", old_index.name),)))
    return changes


def _constraints(table) -> list:
    return [c for c in (table.primary_key, *table.unique_constraints, *table.checks, *table.foreign_keys,
                        *table.exclusions) if c]


def _pairs(old: list, new: list, key=lambda c: c.name) -> list[tuple]:
    """(old, new) objects equal but for their name, where neither name is on the other side."""
    old_names, new_names = {key(o) for o in old}, {key(n) for n in new}
    unmatched = [n for n in new if key(n) not in old_names]
    pairs = []
    for candidate in (o for o in old if key(o) not in new_names):
        match = next((n for n in unmatched if _same_but_name(candidate, n)), None)
        if match is not None:
            pairs.append((candidate, match))
            unmatched.remove(match)
    return pairs


def _same_but_name(a: object, b: object) -> bool:
    return type(a) is type(b) and replace(a, name=b.name, comment=None) == replace(b, comment=None)


def rename_sql(changes: list[Change]) -> str:
    return "\n".join(render_change(c) for c in changes)


def _qualify(name: str, default_schema: str) -> QualifiedName:
    schema, _, table = name.rpartition(".")
    return QualifiedName(schema or default_schema, table)
