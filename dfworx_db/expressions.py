"""SQL expressions written in declarations (defaults, checks, policy USING / WITH CHECK,
index predicates, trigger WHEN, view queries).

Syntax is judged by Postgres's own grammar (pglast): sqlglot is lenient where Postgres
is not (it accepts `age > > 0`). sqlglot then reads the parsed expression for the
functions, tables and columns it mentions, so the renderer orders what they need first
(see docs/decisions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sqlglot
from pglast import parse_sql
from pglast.parser import ParseError as PgParseError
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError


@dataclass(frozen=True)
class ExpressionError:
    message: str
    offset: int  # 0-based character within the expression


@lru_cache(maxsize=4096)
def _parse(text: str) -> exp.Expression | ExpressionError:
    try:
        statements = sqlglot.parse(text, dialect="postgres")
    except ParseError as err:
        first = err.errors[0] if err.errors else {}
        message = first.get("description") or str(err).splitlines()[0]
        line, col = first.get("line", 1) or 1, first.get("col", 1) or 1
        offset = sum(len(l) + 1 for l in text.splitlines()[: line - 1]) + max(col - 1, 0)
        return ExpressionError(message, min(offset, len(text)))
    except TokenError as err:
        return ExpressionError(str(err), 0)
    statements = [s for s in statements if s is not None]
    if len(statements) != 1:
        return ExpressionError("expected one SQL expression, found several statements", text.find(";"))
    tree = statements[0]
    if isinstance(tree, exp.Command) or not isinstance(tree, exp.Expression) or _is_statement(tree):
        return ExpressionError("expected an SQL expression, not a statement", 0)
    return tree


def _is_statement(tree: exp.Expression) -> bool:
    return isinstance(tree, (exp.Insert, exp.Update, exp.Delete, exp.Create, exp.Drop, exp.Alter))


def postgres_syntax_error(text: str, *, query: bool = False) -> ExpressionError | None:
    """What Postgres's parser says of `text` as one expression (or one query)."""
    prefix = "" if query else "SELECT "
    try:
        statements = parse_sql(prefix + text)
    except PgParseError as err:
        location = err.args[1] if len(err.args) > 1 and err.args[1] is not None else len(prefix)
        return ExpressionError(err.args[0], min(max(location - len(prefix), 0), len(text)))
    if len(statements) != 1:
        return ExpressionError("expected one expression, found several statements", max(text.find(";"), 0))
    stmt = statements[0].stmt
    if stmt.__class__.__name__ != "SelectStmt":
        return ExpressionError("expected an expression or a query, not another statement", 0)
    if not query and (len(stmt.targetList or ()) != 1 or stmt.targetList[0].name or stmt.fromClause
                      or stmt.whereClause):
        return ExpressionError("expected one expression", 0)
    return None


def expression_error(text: str, *, query: bool = False) -> ExpressionError | None:
    """Why `text` is not a single SQL expression (or query), or None when it is one."""
    if not text.strip():
        return ExpressionError("the expression is empty", 0)
    return postgres_syntax_error(text, query=query)


def _tree(text: str) -> exp.Expression | None:
    result = _parse(text)
    return None if isinstance(result, ExpressionError) else result


def referenced_columns(text: str) -> set[str]:
    """Bare column names the expression reads (for checks and index predicates)."""
    tree = _tree(text)
    if tree is None:
        return set()
    return {c.name for c in tree.find_all(exp.Column) if not c.table and c.name}


def referenced_functions(text: str) -> set[tuple[str | None, str]]:
    """(schema or None, name) of every function call that sqlglot does not know as a
    built-in, e.g. ('auth', 'uid') or (None, 'is_org_member')."""
    tree = _tree(text)
    if tree is None:
        return set()
    found: set[tuple[str | None, str]] = set()
    for node in tree.find_all(exp.Anonymous):
        found.add((None, node.name.lower()))
    for dot in tree.find_all(exp.Dot):
        if isinstance(dot.expression, exp.Anonymous):
            found.discard((None, dot.expression.name.lower()))
            found.add((dot.this.name.lower(), dot.expression.name.lower()))
    return found


def referenced_tables(text: str) -> set[tuple[str | None, str]]:
    """(schema or None, name) of every table a query or subquery reads."""
    tree = _tree(text)
    if tree is None:
        return set()
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    return {(t.db or None, t.name) for t in tree.find_all(exp.Table)
            if t.name and not (not t.db and t.name in ctes)}
