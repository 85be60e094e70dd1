"""Dependency keys: what a change provides and what it needs, so that the planner can
order changes with a graph instead of fixed phases."""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalog import (Collation, EnumType, Extension, Function, Index, Policy, QualifiedName, Schema, Sequence,
                       Table, Trigger, View)
from ..expressions import referenced_functions, referenced_tables
from .change import Key

_NEXTVAL = re.compile(r"nextval\(\s*'([^']+)'", re.IGNORECASE)
_TYPE_BASE = re.compile(r"^\s*(?:setof\s+)?(?P<name>[^(\[]+?)\s*(?:\(.*\))?\s*(?:\[\d*\])*\s*$", re.IGNORECASE)


def schema_key(name: str) -> Key:
    return ("schema", name)


def relation_key(name: QualifiedName) -> Key:
    """A table or view (they share a namespace; a view can read either)."""
    return ("relation", name.schema, name.name)


def type_key(name: QualifiedName) -> Key:
    return ("type", name.schema, name.name)


def function_key(name: QualifiedName) -> Key:
    """All overloads of a name: expressions call functions by name, not by signature."""
    return ("function", name.schema, name.name)


def collation_key(name: QualifiedName) -> Key:
    return ("collation", name.schema, name.name)


def trigger_key(table: QualifiedName, name: str) -> Key:
    return ("trigger", table.schema, table.name, name)


def policy_key(table: QualifiedName, name: str) -> Key:
    return ("policy", table.schema, table.name, name)


def object_key(obj: object) -> Key:
    """The one key that names `obj` among all objects of a database."""
    match obj:
        case Schema():
            return schema_key(obj.name)
        case Extension():
            return extension_key(obj.name)
        case EnumType():
            return type_key(obj.name)
        case Collation():
            return collation_key(obj.name)
        case Function():
            return function_key(obj.name)
        case Table() | View() | Sequence() | Index():
            return relation_key(obj.name)
        case Trigger():
            return trigger_key(obj.table, obj.name)
        case Policy():
            return policy_key(obj.table, obj.name)
    raise TypeError(f"no key for {type(obj).__name__}")


def extension_key(name: str) -> Key:
    return ("extension", name)


def constraint_key(table: QualifiedName, name: str) -> Key:
    return ("constraint", table.schema, table.name, name)


def _qualify(schema: str | None, name: str, default_schema: str = "public") -> QualifiedName:
    return QualifiedName(schema or default_schema, name)


def types_needed(type_text: str) -> set[Key]:
    """The user-defined type (enum or a table's row type) a type name refers to."""
    return set(_types_needed(type_text))


@lru_cache(maxsize=4096)
def _types_needed(type_text: str) -> frozenset[Key]:
    match = _TYPE_BASE.match(type_text)
    if not match:
        return frozenset()
    base = match["name"].strip().replace('"', "")
    schema, _, name = base.rpartition(".")
    return frozenset({type_key(QualifiedName(schema or "public", name))})


def expression_needs(text: str | None) -> set[Key]:
    """Functions and relations an SQL expression or query refers to."""
    return set(_expression_needs(text)) if text else set()


@lru_cache(maxsize=8192)
def _expression_needs(text: str) -> frozenset[Key]:
    """Computed once per text: a schema repeats the same defaults, checks and policies
    on many tables, and walking the parse tree is what costs."""
    needs = {function_key(_qualify(s, n)) for s, n in referenced_functions(text)}
    needs |= {relation_key(_qualify(s, n)) for s, n in referenced_tables(text)}
    # nextval('schema.seq'::regclass) names its sequence in a string
    for name in _NEXTVAL.findall(text):
        schema, _, relname = name.replace('"', "").rpartition(".")
        needs.add(relation_key(_qualify(schema or None, relname)))
    return frozenset(needs)


def function_needs(function: Function) -> set[Key]:
    needs = {schema_key(function.name.schema)}
    for arg in (*function.arguments, *function.returns_table):
        needs |= types_needed(arg.type)
        needs |= expression_needs(arg.default)
    if function.returns:
        needs |= types_needed(function.returns)
    return needs

