"""Shorthands parsed by Postgres's own parser (pglast): a column written as SQL
('varchar(255) not null unique'), an index key ('created_at desc nulls last'), a
function argument ('post_limit int default 10') and type names. Each parser returns
the mapping form of the format, so one code path builds the Catalog from either."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pglast import ast, parse_sql
from pglast.enums import ConstrType, FunctionParameterMode, SortByDir, SortByNulls
from pglast.parser import ParseError
from pglast.stream import RawStream


class ShorthandError(ValueError):
    """A shorthand that Postgres cannot parse; `offset` is the 0-based character in it."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.offset = offset


FK_ACTION = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}


def _quoted_name(names: Any) -> str:
    """A possibly qualified name from the parse tree, written back so that case and dots
    survive (collation names are case-sensitive)."""
    return ".".join('"' + n.sval.replace('"', '""') + '"' for n in names)


def deparse(node: Any) -> str:
    return RawStream()(node)


def _parse_one(sql: str, prefix_len: int) -> Any:
    if ";" in sql[prefix_len:] and _outside_quotes(sql[prefix_len:], ";"):
        raise ShorthandError("a shorthand holds one clause, not several statements", sql.index(";", prefix_len) - prefix_len)
    try:
        return parse_sql(sql)[0].stmt
    except ParseError as err:
        message, location = err.args[0], err.args[1] if len(err.args) > 1 else None
        offset = min(max(0, (location or prefix_len) - prefix_len), len(sql) - prefix_len)
        raise ShorthandError(message, offset) from None


def _outside_quotes(text: str, char: str) -> bool:
    quote = None
    for c in text:
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == char:
            return True
    return False


@lru_cache(maxsize=4096)  # declaration sets repeat the same few types thousands of times
def parse_type(text: str) -> str:
    """A type name, validated and written the way Postgres's grammar reads it."""
    prefix = "SELECT NULL::"
    stmt = _parse_one(prefix + text, len(prefix))
    target = stmt.targetList[0].val if len(stmt.targetList) == 1 else None
    if not isinstance(target, ast.TypeCast) or stmt.targetList[0].name or stmt.fromClause or stmt.whereClause:
        raise ShorthandError(f"{text!r} is not a type name")
    return deparse(target.typeName)


def parse_column(text: str) -> dict[str, Any]:
    """'uuid primary key default gen_random_uuid()' → the ColumnSpec mapping."""
    return dict(_parse_column(text))


@lru_cache(maxsize=4096)
def _parse_column(text: str) -> tuple[tuple[str, Any], ...]:
    prefix = "CREATE TABLE _t (_c "
    stmt = _parse_one(prefix + text + ")", len(prefix))
    elements = stmt.tableElts or ()
    if len(elements) != 1 or not isinstance(elements[0], ast.ColumnDef) or stmt.inhRelations:
        raise ShorthandError("expected one column definition: a type followed by constraints")
    col: ast.ColumnDef = elements[0]
    sql = prefix + text + ")"
    # Clause boundaries, so defaults and checks keep the user's own text.
    starts = sorted([c.location for c in col.constraints or () if c.location is not None and c.location >= 0]
                    + ([col.collClause.location] if col.collClause else []) + [len(sql) - 1])

    def clause_text(con: Any, keyword: str) -> str:
        end = next(p for p in starts if p > con.location)
        body = sql[con.location:end].strip()
        return body[len(keyword):].strip()

    spec: dict[str, Any] = {"type": deparse(col.typeName)}
    if col.collClause:
        spec["collation"] = _quoted_name(col.collClause.collname)
    explicit_null = False
    last_fk: dict[str, Any] | None = None
    for con in col.constraints or ():
        kind = con.contype
        if kind == ConstrType.CONSTR_NOTNULL:
            spec["not_null"] = True
        elif kind == ConstrType.CONSTR_NULL:
            explicit_null = True
        elif kind == ConstrType.CONSTR_DEFAULT:
            spec["default"] = clause_text(con, "default")
        elif kind == ConstrType.CONSTR_PRIMARY:
            spec["primary_key"] = True
        elif kind == ConstrType.CONSTR_UNIQUE:
            spec["unique"] = True
        elif kind == ConstrType.CONSTR_CHECK:
            if "check" in spec:
                raise ShorthandError("a column shorthand takes one CHECK; declare more under the table's checks")
            check = clause_text(con, "check")
            spec["check"] = check[1:-1].strip() if check.startswith("(") and check.endswith(")") else check
        elif kind == ConstrType.CONSTR_IDENTITY:
            if con.options:
                raise ShorthandError("identity sequence options are not supported yet; declare the identity without options")
            spec["identity"] = "always" if con.generated_when == "a" else "by default"
        elif kind == ConstrType.CONSTR_GENERATED:
            spec["generated"] = deparse(con.raw_expr)
        elif kind == ConstrType.CONSTR_FOREIGN:
            target = con.pktable
            table = f"{target.schemaname}.{target.relname}" if target.schemaname else target.relname
            columns = ", ".join(a.sval for a in con.pk_attrs or ())
            spec["references"] = f"{table}({columns})" if columns else table
            if con.fk_del_action != "a":
                spec["on_delete"] = FK_ACTION[con.fk_del_action]
            if con.fk_upd_action != "a":
                spec["on_update"] = FK_ACTION[con.fk_upd_action]
            last_fk = spec
        elif kind in (ConstrType.CONSTR_ATTR_DEFERRABLE, ConstrType.CONSTR_ATTR_DEFERRED):
            if last_fk is None:
                raise ShorthandError("DEFERRABLE in a column shorthand applies to a REFERENCES clause only")
            raise ShorthandError("a deferrable foreign key is declared under the table's foreign_keys")
        elif kind in (ConstrType.CONSTR_ATTR_NOT_DEFERRABLE, ConstrType.CONSTR_ATTR_IMMEDIATE):
            continue
        else:
            raise ShorthandError(f"the constraint {kind.name} is not supported in a column shorthand")
    if explicit_null and spec.get("not_null"):
        raise ShorthandError("the column is declared both NULL and NOT NULL")
    return tuple(spec.items())


def parse_index_key(text: str) -> dict[str, Any]:
    """'created_at desc nulls last' or '(lower(email)) text_pattern_ops' → IndexKeySpec mapping."""
    prefix = "CREATE INDEX ON _t ("
    stmt = _parse_one(prefix + text + ")", len(prefix))
    if len(stmt.indexParams) != 1:
        raise ShorthandError("one index key per list item")
    elem: ast.IndexElem = stmt.indexParams[0]
    spec: dict[str, Any] = {}
    if elem.name:
        spec["column"] = elem.name
    else:
        spec["expression"] = deparse(elem.expr)
    if elem.ordering == SortByDir.SORTBY_DESC:
        spec["order"] = "desc"
    if elem.nulls_ordering == SortByNulls.SORTBY_NULLS_FIRST:
        spec["nulls"] = "first"
    elif elem.nulls_ordering == SortByNulls.SORTBY_NULLS_LAST:
        spec["nulls"] = "last"
    if elem.opclass:
        spec["opclass"] = ".".join(n.sval for n in elem.opclass)
    if elem.collation:
        spec["collation"] = _quoted_name(elem.collation)
    return spec


_ARG_MODES = {
    FunctionParameterMode.FUNC_PARAM_IN: "in",
    FunctionParameterMode.FUNC_PARAM_DEFAULT: "in",
    FunctionParameterMode.FUNC_PARAM_OUT: "out",
    FunctionParameterMode.FUNC_PARAM_INOUT: "inout",
    FunctionParameterMode.FUNC_PARAM_VARIADIC: "variadic",
}


def parse_argument(text: str) -> dict[str, Any]:
    """'post_limit int default 10' → ArgumentSpec mapping."""
    prefix = "CREATE FUNCTION _f("
    stmt = _parse_one(prefix + text + ") RETURNS void LANGUAGE sql AS ''", len(prefix))
    if len(stmt.parameters or ()) != 1:
        raise ShorthandError("one argument per list item")
    param: ast.FunctionParameter = stmt.parameters[0]
    spec: dict[str, Any] = {"type": deparse(param.argType), "mode": _ARG_MODES[param.mode]}
    if param.name:
        spec["name"] = param.name
    if param.defexpr:
        spec["default"] = deparse(param.defexpr)
    return spec


def parse_returns(text: str) -> str:
    """A function's return type: 'trigger', 'setof app_web.posts', 'uuid[]'."""
    prefix = "CREATE FUNCTION _f() RETURNS "
    return deparse(_parse_one(prefix + text + " LANGUAGE sql AS ''", len(prefix)).returnType)


def parse_partition_by(text: str) -> str:
    """'range (logdate)' → 'RANGE (logdate)', validated by the grammar."""
    prefix = "CREATE TABLE _t (_c int) PARTITION BY "
    stmt = _parse_one(prefix + text, len(prefix))
    spec = stmt.partspec
    strategy = {"r": "RANGE", "l": "LIST", "h": "HASH"}[spec.strategy.value]
    return f"{strategy} ({text[text.index('(') + 1:text.rindex(')')].strip()})"


def parse_partition_bound(text: str) -> str:
    """'for values from (1) to (10)' or 'default', validated by the grammar."""
    prefix = "CREATE TABLE _c PARTITION OF _p "
    _parse_one(prefix + text, len(prefix))
    return " ".join(text.split())


def parse_exclusion(text: str) -> str:
    """'using gist (c with &&) where (c is not null)': what follows EXCLUDE, validated by
    the grammar; its deferral is written with deferrable: and initially_deferred:."""
    prefix = "ALTER TABLE _t ADD CONSTRAINT _c EXCLUDE "
    stmt = _parse_one(prefix + text, len(prefix))
    if len(stmt.cmds) != 1:
        raise ShorthandError("one exclusion constraint, not several clauses", text.find(","))
    constraint = stmt.cmds[0].def_
    if constraint.deferrable or constraint.initdeferred or constraint.skip_validation:
        word = "NOT VALID" if constraint.skip_validation else "DEFERRABLE" if constraint.deferrable else "INITIALLY"
        raise ShorthandError(f"{word} is not part of the definition", max(0, text.upper().find(word)))
    return text.strip()
