"""Facts generated types need that a live database holds beyond its Catalog (see
`LiveFacts`), read by the queries in codegen/queries/, one round trip each."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from typing import Any

import psycopg

from ..catalog import QualifiedName
from .model import CompositeType, Field, LiveFacts, Parameter, Routine
from .pgtypes import parse_type

QUERIES = ("relation_columns", "composite_types", "domains", "routines")


@lru_cache(maxsize=None)
def _query(kind: str) -> str:
    return files("dfworx_db.codegen").joinpath("queries", f"{kind}.sql").read_text(encoding="utf-8")


def read_live_facts(conn: psycopg.Connection, schemas: tuple[str, ...]) -> LiveFacts:
    """The LiveFacts of `conn`'s database for `schemas`, in one read-only transaction with
    an empty search_path, so every type name comes out schema-qualified."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with conn.transaction(force_rollback=True):
        conn.execute("SET LOCAL search_path = ''")
        for kind in QUERIES:
            cursor = conn.execute(_query(kind), {"schemas": list(schemas)})
            names = [c.name for c in cursor.description or ()]
            rows[kind] = [dict(zip(names, values)) for values in cursor.fetchall()]
    domains = {QualifiedName(r["schema"], r["name"]): parse_type(r["base_type"]) for r in rows["domains"]}

    def typed(text: str) -> Any:
        parsed = parse_type(text)
        base = domains.get(parsed.user) if parsed.user else None
        return parsed if base is None else type(base)(base.builtin, base.user, base.modifiers,
                                                        base.array_depth + parsed.array_depth)

    view_columns: dict[QualifiedName, list[Field]] = defaultdict(list)
    foreign: dict[QualifiedName, list[Field]] = defaultdict(list)
    updatable: set[QualifiedName] = set()
    for r in rows["relation_columns"]:
        name = QualifiedName(r["schema"], r["relation"])
        if r["kind"] == "f":
            foreign[name].append(Field(r["column_name"], typed(r["type"]), r["nullable"], r["has_default"]))
        else:
            # Postgres states no NOT NULL for a view's columns: every one reads as nullable.
            view_columns[name].append(Field(r["column_name"], typed(r["type"]), True, r["has_default"],
                                            updatable=bool(r["column_updatable"])))
        if r["updatable"]:
            updatable.add(name)
    composites: dict[QualifiedName, list[tuple[str, Any]]] = defaultdict(list)
    for r in rows["composite_types"]:
        composites[QualifiedName(r["schema"], r["name"])].append((r["attribute"], typed(r["type"])))
    routine_rows = {}
    extension_routines = []
    for r in rows["routines"]:
        name = QualifiedName(r["schema"], r["name"])
        routine_rows[f"{name}({r['identity_types']})"] = float(r["rows"])
        if r["from_extension"]:
            extension_routines.append(_extension_routine(name, r, typed))
    return LiveFacts(
        view_columns={k: tuple(v) for k, v in view_columns.items()},
        updatable_views=frozenset(updatable),
        foreign_tables={k: tuple(v) for k, v in foreign.items()},
        composites=tuple(CompositeType(k, tuple(v)) for k, v in sorted(composites.items())),
        domains=domains,
        rows=routine_rows,
        extension_routines=tuple(extension_routines),
    )


def _extension_routine(name: QualifiedName, row: dict[str, Any], typed) -> Routine:
    arguments = row["arguments"] or []
    inputs = [a for a in arguments if a["mode"] in ("i", "b", "v")]
    defaults_from = len(inputs) - row["default_count"]
    parameters = tuple(Parameter(a["name"], typed(a["type"]), i >= defaults_from) for i, a in enumerate(inputs))
    columns = tuple((a["name"], typed(a["type"])) for a in arguments if a["mode"] == "t")
    returns = typed(row["returns"])
    if columns:
        return Routine(name, parameters, None, columns, row["set_returning"], float(row["rows"]))
    return Routine(name, parameters, returns, (), row["set_returning"], float(row["rows"]))
