"""Postgres's own parser (libpg_query, through pglast) as plain trees: its JSON output
split into statements without decoding them (msgspec's Raw), each decoded on demand.
Shared by lint, which reads whole migration files, and by the diff engine, which reads
expressions."""

from __future__ import annotations

import msgspec
from pglast import parser

ParseError = parser.ParseError


class _Parsed(msgspec.Struct):
    """libpg_query's output, {"version": …, "stmts": [{"stmt": …, "stmt_location": …}, …]},
    its statements left undecoded."""

    stmts: list[msgspec.Raw] = []


class Element(msgspec.Struct):
    """One statement of libpg_query's output: {node type: tree}, and the byte offset and
    length of its text (absent when 0, and to the end of the script)."""

    stmt: dict
    stmt_location: int = 0
    stmt_len: int | None = None


_PARSED = msgspec.json.Decoder(_Parsed)
_ELEMENT = msgspec.json.Decoder(Element)


def parse_statements(sql: str) -> list[msgspec.Raw]:
    """Each statement of `sql`, undecoded (raises ParseError)."""
    return _PARSED.decode(parser.parse_sql_json(sql)).stmts


def decode_element(raw: msgspec.Raw) -> Element:
    return _ELEMENT.decode(raw)


def parse_one(sql: str) -> dict | None:
    """{node type: tree} of `sql` when it is exactly one statement Postgres can parse,
    else None."""
    try:
        statements = parse_statements(sql)
    except ParseError:
        return None
    return decode_element(statements[0]).stmt if len(statements) == 1 else None


def parse_expression(text: str) -> dict | None:
    """The tree of an SQL expression (None when it does not parse alone)."""
    tree = parse_one(f"SELECT ({text})")
    if tree is None or "SelectStmt" not in tree or len(tree["SelectStmt"].get("targetList", ())) != 1:
        return None
    return tree["SelectStmt"]["targetList"][0]["ResTarget"]["val"]
