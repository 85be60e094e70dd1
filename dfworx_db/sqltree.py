"""Postgres's own parser (libpg_query, as pglast ships it) as plain trees: its JSON output
split into statements without decoding them (msgspec's Raw), each decoded on demand.
Shared by lint, which reads whole migration files, and by the diff engine, which reads
expressions."""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
import os
import threading
from collections.abc import Callable, Iterator

import msgspec


class ParseError(ValueError):
    """SQL that Postgres's parser rejects: args are (message, 0-based character index of
    the error in the script, or None)."""

    def __str__(self) -> str:
        message, index = self.args[0], self.args[1] if len(self.args) > 1 else None
        return message if index is None else f"{message}, at index {index}"


class _Error(ctypes.Structure):  # libpg_query's PgQueryError
    _fields_ = [("message", ctypes.c_char_p), ("funcname", ctypes.c_char_p), ("filename", ctypes.c_char_p),
                ("lineno", ctypes.c_int), ("cursorpos", ctypes.c_int), ("context", ctypes.c_char_p)]


class _Result(ctypes.Structure):  # libpg_query's PgQueryParseResult
    _fields_ = [("parse_tree", ctypes.c_char_p), ("stderr_buffer", ctypes.c_char_p),
                ("error", ctypes.POINTER(_Error))]


def _libpg_query() -> Callable[[str], bytes | str]:  # JSON text: msgspec reads either
    """libpg_query's JSON parse, called in the copy that pglast's extension module links
    in, through ctypes: importing pglast itself loads its AST classes and every enum
    (~20 ms on each start of `dfworx-db lint`), and none of them is needed for JSON.
    Where that library cannot be loaded so, pglast's own binding is used."""
    try:
        folder = importlib.util.find_spec("pglast").submodule_search_locations[0]  # pglast not imported
        name = next(n for n in sorted(os.listdir(folder)) if n.startswith("parser.")
                    and n.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)))
        library = ctypes.CDLL(os.path.join(folder, name))
        parse, free = library.pg_query_parse, library.pg_query_free_parse_result
    except (AttributeError, OSError, StopIteration):
        return _pglast_parse
    parse.argtypes, parse.restype = [ctypes.c_char_p], _Result  # ctypes releases the GIL in the call
    free.argtypes, free.restype = [_Result], None

    def parse_json(sql: str) -> bytes:
        result = parse(sql.encode("utf-8"))
        try:
            if result.error:
                index = result.error.contents.cursorpos - 1  # Postgres counts characters from 1
                raise ParseError(result.error.contents.message.decode("utf-8"),
                                 index if 0 <= index < len(sql) else None)
            return result.parse_tree
        finally:
            free(result)

    return parse_json


def _pglast_parse(sql: str) -> str:
    from pglast import parser

    try:
        return parser.parse_sql_json(sql)
    except parser.ParseError as err:
        raise ParseError(*err.args) from None


_parse_json = _libpg_query()


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
    return _PARSED.decode(_parse_json(sql)).stmts


FIRST_RUN_BYTES = 32_768  # a script at least twice this long is parsed in runs


def parse_statement_runs(sql: str, first_run: int = FIRST_RUN_BYTES) -> Iterator[tuple[int, list[msgspec.Raw]]]:
    """Each statement of `sql`, undecoded, in runs: (byte offset where the run's text
    starts, its statements). A script shorter than two first runs is parsed now, and
    ParseError raised now; a longer one starts parsing now, on a second thread, and raises
    ParseError, at its position in the whole script, when the run that holds the error
    is reached.

    A long script is cut after `;` + newline into runs that double in length, and the
    second thread parses each run while the caller reads the one before (libpg_query
    releases the GIL): the parse is off the caller's path. Each run is parsed behind as
    many spaces as the bytes before it, so that every offset in its trees is the offset in
    the whole script. A cut inside a string, a comment or a function body leaves a run that
    does not parse alone; from there on, the whole script is parsed at once and its
    statements are taken from where the runs stopped (the runs that did parse ended on true
    statement boundaries, since a prefix that stops inside a statement is not valid)."""
    data = sql.encode("utf-8")
    if len(data) < 2 * first_run:
        return iter([(0, parse_statements(sql))])
    cuts, start, length = [], 0, first_run
    while start < len(data):
        cut = data.find(b";\n", start + length)
        end = len(data) if cut < 0 else cut + 2
        cuts.append((start, end))
        start, length = end, 2 * length
    return _read_runs(sql, cuts, _Runs(data, cuts))


def _read_runs(sql: str, cuts: list[tuple[int, int]], runs: _Runs) -> Iterator[tuple[int, list[msgspec.Raw]]]:
    taken = 0
    for index, (start, _) in enumerate(cuts):
        statements = runs.result(index)
        if statements is None:  # this run does not parse alone
            yield 0, parse_statements(sql)[taken:]
            return
        taken += len(statements)
        yield start, statements


class _Runs:
    """A thread that parses the runs in order and stops at the first that fails."""

    def __init__(self, data: bytes, cuts: list[tuple[int, int]]) -> None:
        self._data, self._cuts = data, cuts
        self._results: list[list[msgspec.Raw] | None] = [None] * len(cuts)
        self._ready = [threading.Event() for _ in cuts]
        threading.Thread(target=self._parse, name="dfworx-db parser", daemon=True).start()

    def _parse(self) -> None:
        for index, (start, end) in enumerate(self._cuts):
            try:
                self._results[index] = parse_statements(" " * start + self._data[start:end].decode("utf-8"))
            except ParseError:
                return  # the reader stops at this run: no later one is waited for
            finally:
                self._ready[index].set()

    def result(self, index: int) -> list[msgspec.Raw] | None:
        self._ready[index].wait()
        return self._results[index]


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
    tree = parse_one(f"SELECT ({text}\n)")  # the newline ends a trailing -- comment
    if tree is None or "SelectStmt" not in tree or len(tree["SelectStmt"].get("targetList", ())) != 1:
        return None
    return tree["SelectStmt"]["targetList"][0]["ResTarget"]["val"]


def strings(items: list | None) -> list[str]:
    """The svals of a list of String nodes (a qualified name, a column list)."""
    return [item["String"]["sval"] for item in items or () if "String" in item]


def walk(node: object, kind: str) -> Iterator[dict]:
    """Every node of type `kind` under `node` (a JSON parse tree), depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == kind:
                    yield value
                if isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
