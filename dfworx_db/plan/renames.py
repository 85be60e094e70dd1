"""`renamed_from:` in the declarations → RENAME, never drop + add.

The rename is carried out first in a shadow holding the base, and the base is read
again from there: Postgres itself rewrites every index, constraint, policy and view
that names the renamed table or column, so the diff that follows sees the new names
everywhere and finds nothing else to change."""

from __future__ import annotations

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


def rename_sql(changes: list[Change]) -> str:
    return "\n".join(render_change(c) for c in changes)


def _qualify(name: str, default_schema: str) -> QualifiedName:
    schema, _, table = name.rpartition(".")
    return QualifiedName(schema or default_schema, table)
