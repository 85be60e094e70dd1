"""Functions and triggers from the rows of queries/functions.sql and queries/triggers.sql.

Argument lists, defaults and trigger WHEN clauses are read back through Postgres's own
parser (pglast) from the text the server writes for them: splitting that text by hand
would break on a comma or quote inside a default. pglast is imported only when there is
such a text to read (~35 ms): a trigger function has no arguments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..catalog import Argument, Function, QualifiedName, Trigger

Row = dict[str, Any]

VOLATILITY = {"i": "immutable", "s": "stable", "v": "volatile"}
PARALLEL = {"s": "safe", "r": "restricted", "u": "unsafe"}

# pg_trigger.tgtype bits (TRIGGER_TYPE_* in catalog/pg_trigger.h).
_ROW, _BEFORE, _INSTEAD = 1, 2, 64
_EVENTS = (("insert", 4), ("update", 16), ("delete", 8), ("truncate", 32))


def parse_arguments(text: str) -> tuple[Argument, ...]:
    """pg_get_function_arguments' text ('a integer, b text DEFAULT ''x''::text') → Arguments."""
    if not text:
        return ()
    from pglast import parse_sql
    from pglast.enums import FunctionParameterMode as Mode
    from pglast.stream import RawStream

    modes = {Mode.FUNC_PARAM_IN: "in", Mode.FUNC_PARAM_DEFAULT: "in", Mode.FUNC_PARAM_OUT: "out",
             Mode.FUNC_PARAM_INOUT: "inout", Mode.FUNC_PARAM_VARIADIC: "variadic"}
    stmt = parse_sql(f"CREATE FUNCTION _f({text}) RETURNS void LANGUAGE sql AS ''")[0].stmt
    return tuple(Argument(name=p.name, type=RawStream()(p.argType), mode=modes[p.mode],
                          default=RawStream()(p.defexpr) if p.defexpr is not None else None)
                 for p in stmt.parameters or ())


def _split_search_path(value: str) -> list[str]:
    """'"$user", public' → ['$user', 'public']: Postgres quotes the elements that need it."""
    names, current, quoted, i = [], [], False, 0
    while i < len(value):
        c = value[i]
        if quoted:
            if c == '"' and value[i + 1:i + 2] == '"':
                current.append('"')
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            quoted = True
        elif c == ",":
            names.append("".join(current).strip())
            current = []
        else:
            current.append(c)
        i += 1
    names.append("".join(current).strip())
    return names


def config_entry(entry: str) -> tuple[str, str]:
    """A proconfig entry 'key=value'. search_path keeps bare names joined by ', ', the form
    the loader declares and the renderer quotes ('search_path=""' is SET search_path = '')."""
    key, _, value = entry.partition("=")
    if key == "search_path":
        value = ", ".join(name for name in _split_search_path(value) if name)
    return key, value


def build_functions(rows: Iterable[Row]) -> tuple[list[Function], dict[int, Function]]:
    """The Functions, and each by its oid (grants name functions by oid)."""
    by_oid: dict[int, Function] = {}
    for r in rows:
        returns_table = tuple(Argument(name=c["name"], type=c["type"], mode="table") for c in r["returns_table"] or ())
        by_oid[r["oid"]] = Function(
            name=QualifiedName(r["schema"], r["name"]),
            arguments=parse_arguments(r["arguments"]),
            returns="" if returns_table else r["result"],
            returns_table=returns_table,
            language=r["language"],
            body=r["body"],
            volatility=VOLATILITY[r["volatility"]],
            strict=r["strict"],
            security_definer=r["security_definer"],
            parallel=PARALLEL[r["parallel"]],
            config=tuple(config_entry(e) for e in r["config"] or ()),
            comment=r["comment"],
        )
    return list(by_oid.values()), by_oid


def trigger_when(definition: str | None) -> str | None:
    """The WHEN condition of pg_get_triggerdef's CREATE TRIGGER, or None (also for no
    definition: triggers.sql reads it only for a trigger with a WHEN condition)."""
    if definition is None:
        return None
    from pglast import ast, parse_sql
    from pglast.stream import RawStream

    stmt = parse_sql(definition)[0].stmt
    assert isinstance(stmt, ast.CreateTrigStmt), definition
    return RawStream()(stmt.whenClause) if stmt.whenClause is not None else None


def trigger_arguments(args: bytes, count: int) -> tuple[str, ...]:
    """tgargs holds each argument followed by a NUL byte."""
    return tuple(a.decode() for a in bytes(args).split(b"\x00")[:count])


def build_triggers(rows: Iterable[Row]) -> list[Trigger]:
    triggers = []
    for r in rows:
        tgtype = r["type"]
        timing = "before" if tgtype & _BEFORE else "instead of" if tgtype & _INSTEAD else "after"
        triggers.append(Trigger(
            name=r["name"],
            table=QualifiedName(r["table_schema"], r["table_name"]),
            timing=timing,
            events=tuple(event for event, bit in _EVENTS if tgtype & bit),
            function=QualifiedName(r["function_schema"], r["function_name"]),
            update_columns=tuple(r["update_columns"]),
            for_each_row=bool(tgtype & _ROW),
            when=trigger_when(r["definition"]),
            arguments=trigger_arguments(r["args"], r["nargs"]),
            comment=r["comment"],
        ))
    return triggers
