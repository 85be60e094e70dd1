"""Constraints a Python model can enforce, read from a table's CHECK expressions with
Postgres's own parser (pglast), in the form a declaration writes them or the form the
server reads them back in (`(role)::text = ANY ((ARRAY['a'::varchar, …])::text[])`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pglast import ast, parse_sql
from pglast.enums import A_Expr_Kind, BoolExprType

_LENGTH_FUNCTIONS = {"char_length", "character_length", "length"}


@dataclass
class ColumnRules:
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    json_kind: str | None = None  # object | array


@dataclass
class TableRules:
    columns: dict[str, ColumnRules] = field(default_factory=dict)
    unmodelled: list[str] = field(default_factory=list)  # checks a model cannot state

    def of(self, column: str) -> ColumnRules:
        return self.columns.setdefault(column, ColumnRules())


def read_checks(expressions: tuple[str, ...]) -> TableRules:
    """What the CHECK `expressions` of one table say about its columns."""
    rules = TableRules()
    for text in expressions:
        target = parse_expression(text)
        if target is None or not all(_read(part, rules) for part in _conjuncts(target)):
            rules.unmodelled.append(text)
    return rules


@lru_cache(maxsize=8192)
def parse_expression(text: str):
    """The parse tree of an SQL expression (cached: generated schemas repeat them), or None."""
    try:
        return parse_sql(f"SELECT {text}")[0].stmt.targetList[0].val  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - what does not parse is simply not modelled
        return None


def _conjuncts(node) -> list:
    if isinstance(node, ast.BoolExpr) and node.boolop == BoolExprType.AND_EXPR:
        return [part for arg in node.args for part in _conjuncts(arg)]
    return [node]


def _strip(node):
    while isinstance(node, ast.TypeCast):
        node = node.arg
    return node


def _column(node) -> str | None:
    node = _strip(node)
    if isinstance(node, ast.ColumnRef) and len(node.fields) == 1 and isinstance(node.fields[0], ast.String):
        return node.fields[0].sval
    return None


def _constant(node):
    node = _strip(node)
    if isinstance(node, ast.A_Const) and not node.isnull:
        value = node.val
        for attr in ("sval", "ival", "fval", "boolval"):
            if hasattr(value, attr):
                return getattr(value, attr)
    return None


def _length_of(node) -> str | None:
    node = _strip(node)
    if isinstance(node, ast.FuncCall) and node.args and len(node.args) == 1:
        name = node.funcname[-1].sval
        if name in _LENGTH_FUNCTIONS:
            return _column(node.args[0])
    return None


def _operator(node: ast.A_Expr) -> str:
    return node.name[-1].sval


def _read(node, rules: TableRules) -> bool:
    """Record what `node` says about one column; False when a model cannot say it."""
    if not isinstance(node, ast.A_Expr):
        return False
    if node.kind == A_Expr_Kind.AEXPR_IN and _operator(node) == "=":
        return _choices(_column(node.lexpr), list(node.rexpr), rules)
    if node.kind == A_Expr_Kind.AEXPR_OP_ANY and _operator(node) == "=":
        array = _strip(node.rexpr)
        return isinstance(array, ast.A_ArrayExpr) and _choices(_column(node.lexpr), list(array.elements or ()), rules)
    if node.kind == A_Expr_Kind.AEXPR_BETWEEN:
        column, bounds = _length_of(node.lexpr), [_constant(b) for b in node.rexpr]
        if column and all(isinstance(b, int) for b in bounds):
            _bound(rules, column, ">=", bounds[0])
            _bound(rules, column, "<=", bounds[1])
            return True
        return False
    if node.kind != A_Expr_Kind.AEXPR_OP:
        return False
    op = _operator(node)
    if op == "~":
        column, regex = _column(node.lexpr), _constant(node.rexpr)
        translated = translate_regex(regex) if isinstance(regex, str) else None
        if column and translated:
            rules.of(column).pattern = translated
            return True
        return False
    if op in ("<", "<=", ">", ">=", "="):
        column, limit = _length_of(node.lexpr), _constant(node.rexpr)
        if column and isinstance(limit, int) and op != "=":
            _bound(rules, column, op, limit)
            return True
        kind = _constant(node.rexpr)
        function = _strip(node.lexpr)
        if (op == "=" and isinstance(function, ast.FuncCall) and function.funcname[-1].sval == "jsonb_typeof"
                and kind in ("object", "array") and function.args and _column(function.args[0])):
            rules.of(_column(function.args[0])).json_kind = kind  # type: ignore[arg-type]
            return True
    return False


def _choices(column: str | None, items: list, rules: TableRules) -> bool:
    values = [_constant(i) for i in items]
    if column is None or not values or not all(isinstance(v, str) for v in values):
        return False
    entry = rules.of(column)
    entry.choices = tuple(v for v in values if entry.choices is None or v in entry.choices)
    return True


def _bound(rules: TableRules, column: str, op: str, limit: int) -> None:
    entry = rules.of(column)
    if op in ("<", "<="):
        value = limit - (op == "<")
        entry.max_length = value if entry.max_length is None else min(entry.max_length, value)
    else:
        value = limit + (op == ">")
        entry.min_length = value if entry.min_length is None else max(entry.min_length, value)


# Postgres regular expressions whose meaning a Rust/Python regex shares: anchors, literal
# characters, bracket classes (POSIX classes spelled out), groups, alternation and
# quantifiers. Anything else (back-references, \m, lookahead, …) is not modelled.
_SIMPLE = re.compile(r"^(?:[A-Za-z0-9 _@#%&=:;,'\"/<>!~-]|\\[.\\+*?()|{}\[\]^$/-]|[\^$.*+?|(){}\[\]]|\[:[a-z]+:\]|\d)*$")
_POSIX = {  # inside a positive class the narrow set, inside a negated one the broad set
    "space": (r" \t\n\r\f\v", r"\s"), "digit": ("0-9", r"\d"), "alpha": ("a-zA-Z", r"\p{L}"),
    "alnum": ("a-zA-Z0-9", r"\p{L}\p{N}"), "lower": ("a-z", r"\p{Ll}"), "upper": ("A-Z", r"\p{Lu}"),
}


def translate_regex(regex: str) -> str | None:
    """`regex` as a pattern pydantic enforces at least as strictly as Postgres, or None."""
    if not _SIMPLE.match(regex) or "(?" in regex:
        return None
    out, i = [], 0
    while i < len(regex):
        if regex[i] == "[":
            end = _class_end(regex, i)
            if end < 0:
                return None
            body = regex[i + 1:end]
            negated = body.startswith("^")

            def spell(match: re.Match) -> str:
                narrow, broad = _POSIX.get(match.group(1), (None, None))
                if narrow is None:
                    raise ValueError(match.group(1))
                return broad if negated else narrow
            try:
                out.append("[" + re.sub(r"\[:([a-z]+):\]", spell, body) + "]")
            except ValueError:
                return None
            i = end + 1
        elif regex[i] == "\\":
            out.append(regex[i:i + 2])
            i += 2
        else:
            out.append(regex[i])
            i += 1
    return "".join(out)


def _class_end(regex: str, start: int) -> int:
    i = start + 1
    if i < len(regex) and regex[i] == "^":
        i += 1
    if i < len(regex) and regex[i] == "]":
        i += 1
    while i < len(regex):
        if regex.startswith("[:", i):
            close = regex.find(":]", i + 2)
            if close < 0:
                return -1
            i = close + 2
            continue
        if regex[i] == "]":
            return i
        i += 1
    return -1
