"""Type names as Postgres writes them (format_type) or as a declaration writes them, read
into one shape the type maps key on: the pg_type name of a built-in type (int4, varchar,
timestamptz, …) or the qualified name of a user type, its modifiers and array depth."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import QualifiedName
from ..catalog.names import split_identifiers

# Every spelling of a built-in type → its pg_type name. Written forms (int, varchar,
# timestamptz) and format_type's forms (integer, character varying, timestamp with time
# zone) meet here, so declarations and live databases map the same way.
BUILTIN_NAMES: dict[str, str] = {
    "smallint": "int2", "int2": "int2", "smallserial": "int2", "serial2": "int2",
    "integer": "int4", "int": "int4", "int4": "int4", "serial": "int4", "serial4": "int4",
    "bigint": "int8", "int8": "int8", "bigserial": "int8", "serial8": "int8",
    "real": "float4", "float4": "float4", "double precision": "float8", "float8": "float8", "float": "float8",
    "numeric": "numeric", "decimal": "numeric", "money": "money",
    "boolean": "bool", "bool": "bool",
    "character varying": "varchar", "varchar": "varchar", "character": "bpchar", "char": "bpchar",
    "bpchar": "bpchar", "text": "text", "citext": "citext", "name": "name", '"char"': "char",
    "uuid": "uuid", "json": "json", "jsonb": "jsonb", "bytea": "bytea", "xml": "xml",
    "date": "date", "time": "time", "time without time zone": "time", "time with time zone": "timetz",
    "timetz": "timetz", "timestamp": "timestamp", "timestamp without time zone": "timestamp",
    "timestamp with time zone": "timestamptz", "timestamptz": "timestamptz", "interval": "interval",
    "inet": "inet", "cidr": "cidr", "macaddr": "macaddr", "macaddr8": "macaddr8",
    "bit": "bit", "bit varying": "varbit", "varbit": "varbit",
    "tsvector": "tsvector", "tsquery": "tsquery", "oid": "oid", "regclass": "regclass", "regproc": "regproc",
    "regtype": "regtype", "point": "point", "line": "line", "lseg": "lseg", "box": "box", "path": "path",
    "polygon": "polygon", "circle": "circle", "int4range": "int4range", "int8range": "int8range",
    "numrange": "numrange", "tsrange": "tsrange", "tstzrange": "tstzrange", "daterange": "daterange",
    "void": "void", "record": "record", "trigger": "trigger", "event_trigger": "event_trigger",
    "anyelement": "anyelement", "anyarray": "anyarray", "vector": "vector", "hstore": "hstore",
}
# Extension types Supabase's generator names without their schema (citext, vector).
_EXTENSION_TYPES = {"citext", "vector", "hstore"}

_MODIFIERS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class PgType:
    """A column, argument or result type: a built-in (`builtin`, its pg_type name) or a
    user type (`user`, schema-qualified; an enum, a composite, a table's row type, …)."""

    builtin: str | None
    user: QualifiedName | None = None
    modifiers: tuple[int, ...] = ()
    array_depth: int = 0

    @property
    def element(self) -> PgType:
        return PgType(self.builtin, self.user, self.modifiers, 0)

    @property
    def label(self) -> str:
        """The pg_type name (int4, text, user_status), as PostgREST's messages write it."""
        return self.builtin or (self.user.name if self.user else "unknown")


@lru_cache(maxsize=4096)
def parse_type(text: str, default_schema: str = "public") -> PgType:
    """The type `text` names; an unqualified user type is in `default_schema`."""
    body = text.strip()
    depth = 0
    while body.endswith("[]") or re.search(r"\[\d*\]$", body):
        body = re.sub(r"\[\d*\]$", "", body).rstrip()
        depth += 1
    if body.lower().endswith(" array"):
        body, depth = body[:-6].rstrip(), depth + 1
    modifiers = tuple(int(m) for group in _MODIFIERS.findall(body) for m in group.split(",") if m.strip().lstrip("-").isdigit())
    bare = " ".join(_MODIFIERS.sub(" ", body).split())
    lowered = bare.lower()
    if lowered in BUILTIN_NAMES:
        return PgType(BUILTIN_NAMES[lowered], None, modifiers, depth)
    parts = split_identifiers(bare) or [bare]
    if len(parts) == 2 and parts[0] == "pg_catalog" and parts[1] in BUILTIN_NAMES:
        return PgType(BUILTIN_NAMES[parts[1]], None, modifiers, depth)
    if parts[-1] in _EXTENSION_TYPES:
        return PgType(parts[-1], None, modifiers, depth)
    name = QualifiedName(parts[0], parts[1]) if len(parts) == 2 else QualifiedName(default_schema, parts[-1])
    return PgType(None, name, modifiers, depth)
