"""Tables, their columns and constraints from the rows of queries/tables.sql, columns.sql
and constraints.sql."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..catalog import (CheckConstraint, Column, ExclusionConstraint, ForeignKey, PrimaryKey, QualifiedName, Table,
                       UniqueConstraint)

Row = dict[str, Any]

IDENTITY = {"a": "always", "d": "by default"}
# pg_constraint.confdeltype / confupdtype (FKCONSTR_ACTION_* of parsenodes.h).
FK_ACTION = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
# pg_class.relreplident. An 'i' whose index is gone acts as NOTHING (ALTER TABLE docs).
REPLICA_IDENTITY = {"d": "default", "f": "full", "n": "nothing", "i": "index"}

# pg_get_constraintdef appends these after the CHECK (…); the model keeps no_inherit
# from connoinherit, and NOT VALID / NOT ENFORCED are reported as unsupported.
_CHECK_SUFFIXES = (" NOT VALID", " NO INHERIT", " NOT ENFORCED")


def check_expression(definition: str) -> str:
    """'CHECK ((total >= (0)::numeric)) NOT VALID' → '(total >= (0)::numeric)'."""
    text = definition.strip()
    stripped = True
    while stripped:
        stripped = False
        for suffix in _CHECK_SUFFIXES:
            if text.endswith(suffix):
                text, stripped = text[: -len(suffix)].rstrip(), True
    if not (text.startswith("CHECK (") and text.endswith(")")):
        raise ValueError(f"unexpected check constraint definition {definition!r}")
    return text[len("CHECK ("):-1]


# pg_get_constraintdef ends an exclusion constraint with its deferral, kept by the model
# from condeferrable / condeferred.
_DEFERRAL_SUFFIXES = (" INITIALLY DEFERRED", " DEFERRABLE")


def exclusion_definition(definition: str) -> str:
    """'EXCLUDE USING gist (c WITH &&) DEFERRABLE' → 'USING gist (c WITH &&)'."""
    text = definition.strip()
    for suffix in _DEFERRAL_SUFFIXES:
        text = text.removesuffix(suffix)
    if not text.startswith("EXCLUDE "):
        raise ValueError(f"unexpected exclusion constraint definition {definition!r}")
    return text[len("EXCLUDE "):]


def build_column(c: Row) -> Column:
    collation = QualifiedName(c["collation_schema"], c["collation_name"]) if c["collation_name"] is not None else None
    return Column(name=c["name"], type=c["type"], not_null=c["not_null"], default=c["default"],
                  identity=IDENTITY.get(c["identity"]), generated=c["generated"], collation=collation,
                  inherited=c["inherited"], comment=c["comment"])


def by_table(rows: Iterable[Row]) -> dict[int, list[Row]]:
    """Rows of columns.sql or constraints.sql grouped by their table's oid, in query order."""
    grouped: dict[int, list[Row]] = {}
    for r in rows:
        grouped.setdefault(r["table_oid"], []).append(r)
    return grouped


def build_tables(rows: Iterable[Row], column_rows: Iterable[Row], constraint_rows: Iterable[Row]) -> list[Table]:
    """Tables from the rows of tables.sql, their columns and constraints from those of
    columns.sql and constraints.sql."""
    columns_of, constraints_of = by_table(column_rows), by_table(constraint_rows)
    tables = []
    for r in rows:
        column_rows_of_table = columns_of.get(r["oid"], [])
        column_names = {c["attnum"]: c["name"] for c in column_rows_of_table}
        parents = tuple(QualifiedName(schema, name) for schema, name in r["parents"])
        primary_key = None
        uniques, foreign_keys, checks, exclusions = [], [], [], []
        for con in constraints_of.get(r["oid"], ()):
            kind, name, comment = con["type"], con["name"], con["comment"]
            if kind == "x":  # its conkey holds 0 for an expression: the definition says it all
                exclusions.append(ExclusionConstraint(
                    name=name, definition=exclusion_definition(con["definition"]), deferrable=con["deferrable"],
                    initially_deferred=con["initially_deferred"], comment=comment))
                continue
            columns = tuple(column_names[n] for n in con["column_numbers"] or ())
            if kind == "p":
                primary_key = PrimaryKey(name=name, columns=columns, deferrable=con["deferrable"],
                                         initially_deferred=con["initially_deferred"], comment=comment)
            elif kind == "u":
                uniques.append(UniqueConstraint(
                    name=name, columns=columns, nulls_not_distinct=con["nulls_not_distinct"],
                    deferrable=con["deferrable"], initially_deferred=con["initially_deferred"], comment=comment))
            elif kind == "f":
                foreign_keys.append(ForeignKey(
                    name=name, columns=columns, references=QualifiedName(con["references_schema"], con["references_table"]),
                    referenced_columns=tuple(con["referenced_columns"]), on_delete=FK_ACTION[con["on_delete"]],
                    on_update=FK_ACTION[con["on_update"]], match_full=con["match_full"],
                    deferrable=con["deferrable"], initially_deferred=con["initially_deferred"], comment=comment))
            else:
                checks.append(CheckConstraint(name=name, expression=check_expression(con["definition"]),
                                              no_inherit=con["no_inherit"], comment=comment))
        tables.append(Table(
            name=QualifiedName(r["schema"], r["name"]),
            columns=tuple(build_column(c) for c in column_rows_of_table),
            primary_key=primary_key,
            unique_constraints=tuple(uniques),
            foreign_keys=tuple(foreign_keys),
            checks=tuple(checks),
            exclusions=tuple(exclusions),
            rls_enabled=r["rls_enabled"],
            rls_forced=r["rls_forced"],
            unlogged=r["unlogged"],
            replica_identity=REPLICA_IDENTITY[r["replica_identity"]] if r["replica_identity"] != "i"
            or r["replica_identity_index"] else "nothing",
            replica_identity_index=r["replica_identity_index"],
            partition_by=r["partition_by"],
            # A partition has exactly one parent; inheritance children list theirs in order.
            partition_of=parents[0] if r["is_partition"] else None,
            partition_bound=r["partition_bound"],
            inherits=() if r["is_partition"] else parents,
            comment=r["comment"],
        ))
    return tables
