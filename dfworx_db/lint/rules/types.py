"""Column types and names that cost a rewrite, an outage or silent truncation later."""

from __future__ import annotations

import bisect
import json
import re
from functools import cache

from ...catalog import QualifiedName
from ..context import FileContext, after_file, on
from ..findings import rule
from ...sqltree import strings
from ..nodes import base_type, relation_name, type_text

TIMESTAMPTZ = rule(
    "prefer-timestamptz", "migration", "info",
    "timestamp (without time zone) column",
    """`timestamp` stores a wall-clock reading with no zone: the same value means different
    instants for clients in different zones, and comparisons with now() depend on the
    session's TimeZone. `timestamptz` stores an instant (and costs the same 8 bytes).""",
    "use timestamptz (timestamp with time zone)")

TEXT = rule(
    "prefer-text-over-varchar", "migration", "info",
    "varchar(n) column",
    """In Postgres varchar(n) is text with a length check; changing n later takes an ACCESS
    EXCLUSIVE lock (and a rewrite when it shrinks). `text` with a CHECK (char_length(col) <= n)
    constraint gives the same guarantee and can be changed with NOT VALID + VALIDATE.""",
    "use text, with a CHECK constraint on char_length when a limit matters")

IDENTITY = rule(
    "prefer-identity", "migration", "info",
    "serial/bigserial column",
    """serial is a macro for a sequence plus a default: the sequence has its own owner and
    privileges (a common source of 'permission denied for sequence'), and nothing stops
    writes of explicit ids. `GENERATED … AS IDENTITY` is the SQL-standard form that belongs
    to the column.""",
    "use `bigint generated always as identity` (or `by default`)")

BIGINT = rule(
    "prefer-bigint", "migration", "info",
    "integer or smallint key column (primary key, identity or serial)",
    """A 32-bit key runs out at 2,147,483,647 rows (smallint at 32,767); widening it later
    rewrites the table and every table whose foreign keys reference it. bigint costs 4 more
    bytes per row.""",
    "use bigint for generated keys")

IDENTIFIER_LENGTH = rule(
    "identifier-too-long", "migration", "error",
    "identifier longer than 63 bytes",
    """Postgres truncates identifiers to 63 bytes without an error: two long names can become
    the same name, and the name in the database is not the one in the migration, so later
    migrations (and dfworx-db's comparisons) that use the full name miss the object.""",
    "shorten the name to 63 bytes or fewer")

SMALL_INTEGERS = frozenset({"int4", "int2", "integer", "smallint", "int", "serial", "serial4", "smallserial",
                            "serial2"})
SERIALS = frozenset({"serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"})


def check_columns(table: QualifiedName, columns: list[dict], keys: set[str], ctx: FileContext) -> None:
    """The type rules for columns a CREATE TABLE or ADD COLUMN introduces."""
    for column in columns:
        name, type_name, at = column["colname"], column.get("typeName"), column.get("location")
        if type_name is None:  # a column of a partition or typed table takes its parent's type
            continue
        kind = base_type(type_name)
        if kind == "timestamp":
            ctx.report(TIMESTAMPTZ, f"{table}.{name} is timestamp without time zone", at)
        elif kind == "varchar" and type_name.get("typmods"):
            ctx.report(TEXT, f"{table}.{name} is {type_text(type_name)}", at)
        if kind in SERIALS:
            ctx.report(IDENTITY, f"{table}.{name} is {kind}", at)
        if kind in SMALL_INTEGERS and (name in keys or kind in SERIALS or _is_key(column)):
            ctx.report(BIGINT, f"{table}.{name} is a {type_text(type_name)} key", at)


def _is_key(column: dict) -> bool:
    """A primary key or identity column (asked only of integer columns: most are neither)."""
    return any(c["Constraint"]["contype"] in ("CONSTR_PRIMARY", "CONSTR_IDENTITY")
               for c in column.get("constraints", ()))


# Identifier-like words of 64+ bytes: unquoted, or quoted (doubled quotes inside).
_QUOTED = r'"((?:[^"]|""){64,})"'
QUOTED_LONG_WORD = re.compile(_QUOTED)


@cache
def _long_word() -> re.Pattern[str]:
    """Compiled when a file may hold a long word (its character ranges take ~6 ms to compile)."""
    return re.compile(_QUOTED + r'|(?<![\w$])([A-Za-z_\x80-\uffff][\w$\x80-\uffff]{63,})')


@after_file
def long_identifiers(ctx: FileContext) -> None:
    """The parser truncates identifiers to 63 bytes before any rule sees them, so the source
    text is searched for long words, kept when the statement holds their truncated form
    (which leaves out long words in strings and comments)."""
    text = ctx.file.text
    # Cheap first: a long word is a quoted one or sits in a run of 64+ bytes without ASCII
    # whitespace (the long-word search alone costs ~20 ms per MB of SQL).
    if not QUOTED_LONG_WORD.search(text) and max(map(len, ctx.file.data.split()), default=0) < 64:
        return
    starts = [s.start for s in ctx.file.spans]
    for match in _long_word().finditer(text):
        quoted, bare = match.groups()
        word = quoted.replace('""', '"') if quoted else bare.lower()
        size = len(word.encode("utf-8"))
        if size <= 63:
            continue
        offset = len(text[:match.start()].encode("utf-8"))
        index = bisect.bisect_right(starts, offset) - 1
        truncated = word.encode("utf-8")[:63].decode("utf-8", "ignore")
        if index >= 0 and json.dumps(truncated) in json.dumps((statement := ctx.file.statement(index)).node):
            ctx.statement = statement
            ctx.report(IDENTIFIER_LENGTH, f"{word!r} is {size} bytes; Postgres keeps only the first 63: "
                                          f"{truncated!r}", offset)


@on("CreateStmt")
def create_table(node: dict, ctx: FileContext) -> None:
    table = relation_name(node["relation"])
    columns, keys = [], set()
    for element in node.get("tableElts", ()):
        if "ColumnDef" in element:
            columns.append(element["ColumnDef"])
        elif "Constraint" in element:
            constraint = element["Constraint"]
            if constraint.get("contype") == "CONSTR_PRIMARY":
                keys.update(strings(constraint.get("keys")))
    check_columns(table, columns, keys, ctx)


@on("AlterTableStmt")
def add_columns(node: dict, ctx: FileContext) -> None:
    table = relation_name(node["relation"])
    columns = [c["AlterTableCmd"]["def"]["ColumnDef"] for c in node.get("cmds", ())
               if c["AlterTableCmd"].get("subtype") == "AT_AddColumn"]
    check_columns(table, columns, set(), ctx)
