"""Reading pglast's JSON parse trees: names, types and walks, shared by every rule."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import QualifiedName

DEFAULT_SCHEMA = "public"  # unqualified names, as Supabase's search_path resolves them


def strings(items: list | None) -> list[str]:
    """The svals of a list of String nodes (a qualified name, a column list)."""
    return [item["String"]["sval"] for item in items or () if "String" in item]


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
    return strings(type_name.get("names"))[-1]


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


def function_name(call: dict) -> str:
    """'auth.uid', 'now', 'pg_catalog.current_setting' → schema-less for pg_catalog."""
    names = strings(call.get("funcname"))
    if names[:1] == ["pg_catalog"]:
        names = names[1:]
    return ".".join(names)


def relations_read(query: object) -> set[QualifiedName]:
    """The tables and views a query or expression reads (CTE names left out)."""
    ctes = {cte.get("ctename") for cte in walk(query, "CommonTableExpr")}
    return {relation_name(rv) for rv in walk(query, "RangeVar")
            if not ("schemaname" not in rv and rv["relname"] in ctes)}


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
