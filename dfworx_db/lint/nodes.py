"""Reading pglast's JSON parse trees: names, types and walks, shared by every rule."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import QualifiedName
from ..sqltree import strings

DEFAULT_SCHEMA = "public"  # unqualified names, as Supabase's search_path resolves them


def relation_name(range_var: dict) -> QualifiedName:
    return QualifiedName(range_var.get("schemaname", DEFAULT_SCHEMA), range_var["relname"])


def qualified(names: list[str]) -> QualifiedName:
    return QualifiedName(names[-2], names[-1]) if len(names) > 1 else QualifiedName(DEFAULT_SCHEMA, names[-1])


def type_text(type_name: dict) -> str:
    """A TypeName as SQL: 'varchar(255)', 'timestamp', 'int4', 'uuid[]'."""
    names = strings(type_name.get("names"))
    if names[:1] == ["pg_catalog"]:
        names = names[1:]
    text = ".".join(names)
    mods = [str(m["A_Const"]["ival"].get("ival", 0)) for m in type_name.get("typmods", ()) if "A_Const" in m
            and "ival" in m["A_Const"]]
    if mods:
        text += f"({', '.join(mods)})"
    return text + "[]" * len(type_name.get("arrayBounds", ()))


def base_type(type_name: dict) -> str:
    """The type's own name without schema or modifiers ('varchar', 'timestamptz', 'serial')."""
    return type_name["names"][-1]["String"]["sval"]  # a TypeName's names are String nodes


def function_name(call: dict) -> str:
    """'auth.uid', 'now', 'pg_catalog.current_setting' → schema-less for pg_catalog."""
    names = strings(call.get("funcname"))
    if names[:1] == ["pg_catalog"]:
        names = names[1:]
    return ".".join(names)


def is_true(node: dict | None) -> bool:
    """The expression is the constant true (`true`, `'t'::boolean`, `1 = 1`)."""
    if not node:
        return False
    if "A_Const" in node:
        return node["A_Const"].get("boolval", {}).get("boolval", False) is True
    if "TypeCast" in node:
        return is_true(node["TypeCast"].get("arg")) or (
            base_type(node["TypeCast"]["typeName"]) == "bool"
            and node["TypeCast"].get("arg", {}).get("A_Const", {}).get("sval", {}).get("sval", "").lower()
            in ("t", "true", "yes", "on", "1"))
    if "A_Expr" in node:
        expr = node["A_Expr"]
        if expr.get("kind") == "AEXPR_OP" and strings(expr.get("name")) == ["="]:
            left, right = expr.get("lexpr", {}), expr.get("rexpr", {})
            return "A_Const" in left and "A_Const" in right and _const(left) == _const(right)
    return False


def _const(node: dict) -> object:
    value = dict(node["A_Const"])
    value.pop("location", None)
    return value


@dataclass(frozen=True)
class Facts:
    """What rules ask of an expression or query, gathered in one walk of its tree."""

    relations: frozenset[QualifiedName]  # tables and views read (CTE names left out)
    calls: frozenset[str]  # functions called, e.g. 'auth.uid'
    per_row_calls: frozenset[str]  # called outside a `(select f())` sub-select
    strings: frozenset[str]  # string constants and column names


def facts(tree: object) -> Facts:
    relations, ctes, calls, per_row, words = [], set(), set(), set(), set()
    stack = [(tree, False)]  # (node, inside the targets of a SELECT without FROM)
    while stack:
        item, wrapped = stack.pop()
        if isinstance(item, list):
            stack.extend((value, wrapped) for value in item)
            continue
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            if key == "SelectStmt" and not value.get("fromClause"):
                # `(select auth.uid())`: runs once per statement (an InitPlan), not per row.
                stack.extend((v, k == "targetList" or wrapped) for k, v in value.items())
                continue
            if key == "RangeVar":
                relations.append(value)
            elif key == "CommonTableExpr":
                ctes.add(value.get("ctename"))
            elif key == "FuncCall":
                name = function_name(value)
                calls.add(name)
                if not wrapped:
                    per_row.add(name)
            elif key == "sval" and isinstance(value, str):
                words.add(value)
            if isinstance(value, (dict, list)):
                stack.append((value, wrapped))
    return Facts(frozenset(relation_name(rv) for rv in relations if "schemaname" in rv or rv["relname"] not in ctes),
                 frozenset(calls), frozenset(per_row), frozenset(words))
