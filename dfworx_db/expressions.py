"""SQL expressions written in declarations (defaults, checks, policy USING / WITH CHECK,
index predicates, trigger WHEN, view queries), read with Postgres's own grammar (pglast,
libpg_query): whether they parse, and which functions, tables and columns they mention,
so that the renderer and the planner order what they need first (docs/decisions.md).
Postgres's grammar is exact where sqlglot's dialect is lenient (`age > > 0`) or falls
short (a text it cannot parse would name nothing, and lose an ordering edge)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .sqltree import parse_expression, parse_one, strings, walk


@dataclass(frozen=True)
class ExpressionError:
    message: str
    offset: int  # 0-based character within the expression


def postgres_syntax_error(text: str, *, query: bool = False) -> ExpressionError | None:
    """What Postgres's parser says of `text` as one expression (or one query). pglast is
    imported here only: reading references goes through sqltree, without it."""
    from pglast import parse_sql
    from pglast.parser import ParseError as PgParseError

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


@lru_cache(maxsize=4096)
def _tree(text: str) -> dict | None:
    """The parse tree of a query (a view's) or of an expression; None when Postgres's
    parser reads it as neither."""
    statement = parse_one(text)
    if statement is not None and "SelectStmt" in statement:
        return statement
    return parse_expression(text)


def referenced_columns(text: str) -> set[str]:
    """Bare (unqualified) column names the expression reads (for checks and index predicates)."""
    tree = _tree(text)
    if tree is None:
        return set()
    return {fields[0]["String"]["sval"] for ref in walk(tree, "ColumnRef")
            if len(fields := ref.get("fields", ())) == 1 and "String" in fields[0]}


def referenced_functions(text: str) -> set[tuple[str | None, str]]:
    """(schema or None, name) of every function the text calls by name, e.g. ('auth', 'uid')
    or (None, 'is_org_member'); calls written into pg_catalog by the grammar are left out."""
    tree = _tree(text)
    if tree is None:
        return set()
    found: set[tuple[str | None, str]] = set()
    for call in walk(tree, "FuncCall"):
        names = strings(call.get("funcname"))
        if names[:1] != ["pg_catalog"]:
            found.add((names[-2] if len(names) > 1 else None, names[-1]))
    return found


def referenced_tables(text: str) -> set[tuple[str | None, str]]:
    """(schema or None, name) of every table or view a query or sub-select reads (the
    names of its common table expressions left out)."""
    tree = _tree(text)
    if tree is None:
        return set()
    ctes = {cte.get("ctename") for cte in walk(tree, "CommonTableExpr")}
    return {(rv.get("schemaname"), rv["relname"]) for rv in walk(tree, "RangeVar")
            if "schemaname" in rv or rv["relname"] not in ctes}
