"""Tables and indexes: keys and indexes that are missing or there twice."""

from __future__ import annotations

from ...catalog import Index, IndexKey, Table
from ..findings import rule
from ..schema import SchemaContext, schema_check

UNINDEXED_FK = rule(
    "unindexed-foreign-key", "schema", "info",
    "foreign key without an index that starts with one of its columns",
    """Deleting or updating a referenced row makes Postgres look up the referencing rows: without
    an index on the foreign key's columns that is a sequential scan of the referencing table,
    per row, and joins along the key cannot use an index either (Supabase lint 0001
    unindexed_foreign_keys).""",
    "`CREATE INDEX … ON <table> (<foreign key columns>)`")

DUPLICATE_INDEX = rule(
    "duplicate-index", "schema", "warning",
    "index identical to another index or to the index of a UNIQUE/PRIMARY KEY constraint",
    """Two indexes with the same keys serve the same reads: every write pays for both and the
    table carries both on disk. A UNIQUE or PRIMARY KEY constraint already creates a unique
    index on its columns (Supabase lint 0009 duplicate_index).""",
    "drop the duplicate (keep the unique one)")

NO_PRIMARY_KEY = rule(
    "table-without-primary-key", "schema", "info",
    "table without a primary key",
    """Without a primary key rows cannot be addressed reliably: logical replication cannot
    replicate UPDATE and DELETE, the Supabase table editor cannot edit rows, and duplicates go
    unnoticed (Supabase lint 0004 no_primary_key).""",
    "add a primary key, e.g. `id bigint generated always as identity primary key`")


@schema_check
def primary_keys(ctx: SchemaContext) -> None:
    for table in ctx.catalog.tables:
        if table.primary_key is None and table.partition_of is None:
            ctx.report(NO_PRIMARY_KEY, f"{table.name} has no primary key", table, str(table.name))


def _leading_columns(table: Table, indexes: list[Index]) -> set[str | None]:
    """The first key column of every index of the table, constraints' indexes included."""
    leading = {i.keys[0].column for i in indexes if i.where is None and i.keys}
    if table.primary_key:
        leading.add(table.primary_key.columns[0])
    leading.update(u.columns[0] for u in table.unique_constraints)
    return leading


@schema_check
def foreign_key_indexes(ctx: SchemaContext) -> None:
    """Covered: some index starts with one of the key's columns, so finding the referencing
    rows is an index scan (a composite key's other columns are then filtered)."""
    for table in ctx.catalog.tables:
        if not table.foreign_keys:
            continue
        leading = _leading_columns(table, ctx.indexes.get(table.name, []))
        for fk in table.foreign_keys:
            if not leading & set(fk.columns):
                ctx.report(UNINDEXED_FK, f"{table.name}({', '.join(fk.columns)}) references {fk.references} "
                                         "without an index", fk if fk.source else table, f"{table.name}.{fk.name}")


@schema_check
def duplicate_indexes(ctx: SchemaContext) -> None:
    for table in ctx.catalog.tables:
        # A constraint's own index, as Postgres builds it: unique btree on its columns.
        earlier: dict[tuple, str] = {}
        constraints = [("primary key", table.primary_key)] if table.primary_key else []
        for kind, constraint in [*constraints, *(("unique constraint", u) for u in table.unique_constraints)]:
            earlier.setdefault((tuple(IndexKey(column=c) for c in constraint.columns), "btree", (), None),
                               f"{kind} {constraint.name}")
        # Unique indexes first: a plain index is the redundant one of a plain/unique pair.
        for index in sorted(ctx.indexes.get(table.name, []), key=lambda i: (not i.unique, i.name.name)):
            signature = (index.keys, index.method, index.include, index.where)
            if signature in earlier:
                ctx.report(DUPLICATE_INDEX, f"index {index.name.name} on {table.name} duplicates "
                                            f"{earlier[signature]}", index, f"index {index.name}")
            else:
                earlier[signature] = f"index {index.name.name}"
