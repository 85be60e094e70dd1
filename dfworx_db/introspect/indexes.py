"""Indexes from the rows of queries/indexes.sql. pglast is imported only for an index whose
definition must be read (a key that may have an opclass or collation of its own)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..catalog import Index, IndexKey, QualifiedName

if TYPE_CHECKING:
    from pglast import ast

Row = dict[str, Any]

# pg_index.indoption bits (INDOPTION_DESC, INDOPTION_NULLS_FIRST).
_DESC, _NULLS_FIRST = 1, 2


def _dotted(names: Iterable[ast.String] | None) -> str | None:
    return ".".join(n.sval for n in names) if names else None


def _collation(names: Iterable[ast.String] | None) -> QualifiedName | None:
    """pg_get_indexdef writes pg_catalog collations unqualified (search_path is '')."""
    parts = [n.sval for n in names] if names else []
    return QualifiedName(*parts) if len(parts) == 2 else QualifiedName("pg_catalog", parts[0]) if parts else None


def key_options(definition: str) -> list[tuple[str | None, str | None]]:
    """(opclass, collation) of each key, as pg_get_indexdef writes them: only where they
    differ from the key's default, which is exactly Postgres's own judgement of it."""
    from pglast import ast, parse_sql

    stmt = parse_sql(definition)[0].stmt
    assert isinstance(stmt, ast.IndexStmt), definition
    return [(_dotted(elem.opclass), _collation(elem.collation)) for elem in stmt.indexParams]


def build_key(key: Row, opclass: str | None, collation: QualifiedName | None) -> IndexKey:
    option = key["option"]
    descending = bool(option & _DESC)
    nulls_first = bool(option & _NULLS_FIRST)
    # NULLS LAST is the default of ASC, NULLS FIRST that of DESC: None says "default".
    explicit_nulls = None if nulls_first == descending else nulls_first
    return IndexKey(column=key["column"] if key["expression"] is None else None, expression=key["expression"],
                    descending=descending, nulls_first=explicit_nulls, opclass=opclass, collation=collation)


def build_indexes(rows: Iterable[Row]) -> list[Index]:
    indexes = []
    for r in rows:
        # No definition: no key can have an opclass or collation of its own (indexes.sql).
        options = key_options(r["definition"]) if r["definition"] is not None else [(None, None)] * len(r["keys"])
        keys = tuple(build_key(key, *options[i]) for i, key in enumerate(r["keys"]))
        indexes.append(Index(
            name=QualifiedName(r["schema"], r["name"]),
            table=QualifiedName(r["table_schema"], r["table_name"]),
            keys=keys,
            unique=r["is_unique"],
            method=r["method"],
            include=tuple(r["include"]),
            where=r["predicate"],
            nulls_not_distinct=r["nulls_not_distinct"],
            comment=r["comment"],
        ))
    return indexes
