"""Which differing expressions could still mean the same, before any shadow is built.

Both texts of a pair come from Postgres's deparser (pg_get_expr, pg_get_indexdef, …), on
two databases, possibly of two major versions. The deparser does not write every tree
back to a fixpoint, but what it changes between rounds and versions is narrow: casts
(where they sit, and whether an implicit one is written), parentheses, `pg_catalog.`
qualification (also as `OPERATOR(pg_catalog.=)`), how a constant is spelt (`'5'::integer`
or `5`), and how columns and sub-selects are qualified and aliased (PostgreSQL 16 stopped
writing `t.id` where `id` is unambiguous). Two expressions whose parse trees still differ
once those are set aside are different: Postgres is not asked, and no shadow database is
made for them. Everything else, any text the parser cannot read alone, and every view
query (whose text changes more between versions), is left to Postgres (diff.reconcile)."""

from __future__ import annotations

from functools import lru_cache

from ..sqltree import parse_expression

# Byte offsets into the text: every `location`, and libpg_query's list and statement spans
# (a key set aside wrongly would only send one more pair to Postgres).
_OFFSETS = ("location", "_start", "_end", "stmt_len")


@lru_cache(maxsize=4096)  # a pair is asked again while counting, choosing tables and reconciling
def provably_different(old: str | None, new: str | None) -> bool:
    """The expressions `old` and `new` cannot mean the same."""
    if old == new:
        return False
    if old is None or new is None:
        return True  # a clause added or removed
    trees = [parse_expression(t) for t in (old, new)]
    if None in trees:
        return False
    return _skeleton(trees[0]) != _skeleton(trees[1])


def _skeleton(node: object) -> object:
    """A parse tree without what the deparser may write differently for one meaning."""
    if isinstance(node, list):
        return [_skeleton(n) for n in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        ((kind, value),) = node.items()
        if kind == "TypeCast":
            return _skeleton(value.get("arg"))
        if kind == "A_Const":
            return ("const", _constant(value))
        if kind == "ColumnRef":
            return ("column", _skeleton(value.get("fields", [])[-1:]))
    out = {}
    for key, value in node.items():
        if key.endswith(_OFFSETS) or key == "alias" or (key == "name" and isinstance(value, str)):
            continue  # (a string `name` is a ResTarget's output name: `SELECT auth.uid() AS uid`)
        if key in ("funcname", "name", "names") and isinstance(value, list):
            value = _unqualified(value)
        out[key] = _skeleton(value)
    return out


def _unqualified(names: list) -> list:
    """A function, operator or type name without a leading pg_catalog."""
    if len(names) > 1 and names[0] == {"String": {"sval": "pg_catalog"}}:
        return names[1:]
    return names


def _constant(value: dict) -> str | None:
    """A constant as text, whatever its spelling: 5, '5', 5.0 as '5.0', true as 't'."""
    if value.get("isnull"):
        return None
    for key, inner in value.items():
        if key == "location":
            continue
        if key == "ival":
            return str(inner.get("ival", 0))
        if key == "fval":
            return inner.get("fval", "")
        if key == "sval":
            return inner.get("sval", "")
        if key == "boolval":
            return "t" if inner.get("boolval") else "f"
        if key == "bsval":
            return inner.get("bsval", "")
    return ""
