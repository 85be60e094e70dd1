"""Schemas, extensions, enum types, collations, sequences, views and dependencies from
their query rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..catalog import Collation, EnumType, Extension, QualifiedName, Schema, Sequence, View

Row = dict[str, Any]

# Every database has plpgsql from template1; it is the server's, not the project's.
BUILT_IN_EXTENSIONS = frozenset({"plpgsql"})

COLLATION_PROVIDERS = {"c": "libc", "i": "icu", "b": "builtin"}

# The spellings Postgres accepts for a true boolean reloption (parse_bool).
_TRUE = frozenset({"true", "on", "yes", "1", "t", "y", "tr", "tru", "ye"})


def qualified(row: Row, schema: str = "schema", name: str = "name") -> QualifiedName:
    return QualifiedName(row[schema], row[name])


def build_schemas(rows: Iterable[Row]) -> list[Schema]:
    return [Schema(name=r["name"], comment=r["comment"]) for r in rows]


def build_extensions(rows: Iterable[Row], include_schemas: frozenset[str] | None,
                     exclude_schemas: frozenset[str]) -> list[Extension]:
    """Extensions are database-wide; a scoped read keeps those installed in its schemas
    (with no scope, every one, including those in Supabase's `extensions` schema)."""
    return [Extension(name=r["name"], schema=r["schema"], version=r["version"], comment=r["comment"])
            for r in rows if r["name"] not in BUILT_IN_EXTENSIONS and r["schema"] not in exclude_schemas
            and (include_schemas is None or r["schema"] in include_schemas)]


def build_enums(rows: Iterable[Row]) -> list[EnumType]:
    return [EnumType(name=qualified(r), values=tuple(r["labels"]), comment=r["comment"]) for r in rows]


def build_collations(rows: Iterable[Row]) -> list[Collation]:
    collations = []
    for r in rows:
        provider = COLLATION_PROVIDERS[r["provider"]]
        locale, lc_collate, lc_ctype = r["locale"], r["lc_collate"], r["lc_ctype"]
        if provider == "libc":
            # CREATE COLLATION … (locale = 'x') sets both categories; say it that way.
            locale = lc_collate if lc_collate == lc_ctype else None
            if locale is not None:
                lc_collate = lc_ctype = None
        else:
            lc_collate = lc_ctype = None
        collations.append(Collation(name=qualified(r), provider=provider, locale=locale, lc_collate=lc_collate,
                                    lc_ctype=lc_ctype, deterministic=r["deterministic"], comment=r["comment"]))
    return collations


def build_sequences(rows: Iterable[Row]) -> list[Sequence]:
    sequences = []
    for r in rows:
        owned_by = None
        if r["owner_table"] is not None:
            owned_by = (QualifiedName(r["owner_schema"], r["owner_table"]), r["owner_column"])
        sequences.append(Sequence(
            name=qualified(r), data_type=r["data_type"], start=r["start"], increment=r["increment"],
            min_value=r["min_value"], max_value=r["max_value"], cache=r["cache"], cycle=r["cycle"],
            owned_by=owned_by, comment=r["comment"]))
    return sequences


def reloption_flag(options: Iterable[str] | None, name: str) -> bool:
    """A boolean storage option ('security_invoker=on') as Postgres reads it."""
    for option in options or ():
        key, _, value = option.partition("=")
        if key == name:
            return value.lower() in _TRUE
    return False


def build_views(rows: Iterable[Row]) -> list[View]:
    return [View(name=qualified(r), query=r["query"].strip().removesuffix(";").strip(),
                 materialized=r["materialized"],
                 security_invoker=reloption_flag(r["options"], "security_invoker"),
                 security_barrier=reloption_flag(r["options"], "security_barrier"),
                 comment=r["comment"], column_comments=tuple(sorted((c, text) for c, text in r["column_comments"])))
            for r in rows]


def build_dependencies(rows: Iterable[Row]) -> list[tuple[tuple, tuple]]:
    """(dependent, referenced) keys from the rows of queries/dependencies.sql, each edge
    once: a policy or a trigger is named by its table and its own name, anything else by
    its name."""
    return list(dict.fromkeys(
        ((r["kind"], r["schema"], r["name"]) if r["member"] is None else (r["kind"], r["schema"], r["name"], r["member"]),
         (r["referenced_kind"], r["referenced_schema"], r["referenced_name"]))
        for r in rows))
