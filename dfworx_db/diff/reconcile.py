"""Expressions that differ in text but not in meaning are not changes.

Postgres does not deparse expressions to a fixpoint: `role in ('user', 'admin')` on a
varchar column reads back as `= ANY ((ARRAY[…])::text[])`, and that text, executed,
reads back as `= ANY (ARRAY[(…)::text, …])`. Comparing text alone would show drift that
no migration can remove. Before diffing, every expression that differs between the two
Catalogs is put through Postgres (a `Canonicalizer`, backed by a database holding the
desired schema); when both texts come back the same, the current object takes the
desired text and the differ sees no change. Pairs whose parse trees show them different
(diff.sameness) are not put to Postgres: when no pair is left, no shadow is made."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from ..catalog import Catalog, Column, Index, Policy, QualifiedName, Table, Trigger, View, identity
from ..expressions import referenced_tables
from .sameness import provably_different


class Canonicalizer(Protocol):
    """How Postgres writes an expression back, each in the context of its object."""

    def check(self, table: QualifiedName, expression: str) -> object: ...
    def default(self, table: QualifiedName, column: Column, expression: str) -> object: ...
    def policy(self, policy: Policy, using: str | None, with_check: str | None) -> object: ...
    def index(self, index: Index) -> object: ...
    def view(self, view: View, query: str) -> object: ...
    def trigger_when(self, trigger: Trigger, when: str) -> object: ...


def expression_differences(current: Catalog, desired: Catalog) -> int:
    """How many objects on both sides hold expressions that differ in text but may mean
    the same: the only ones a Canonicalizer can show to be the same (pure)."""
    count = 0
    for kind in _EXPRESSIONS:
        count += len(_questions(current, desired, kind))
    tables = {t.name: t for t in desired.tables}
    count += sum(_table_expression_differences(t, tables[t.name]) for t in current.tables if t.name in tables)
    return count


def tables_to_probe(current: Catalog, desired: Catalog) -> set[QualifiedName] | None:
    """The desired tables that hold an expression in question (the tables of checks,
    defaults, policies, indexes and triggers); None when a view is in question, since a
    view may read any table."""
    if _questions(current, desired, "views"):
        return None
    names: set[QualifiedName] = set()
    tables = {t.name: t for t in desired.tables}
    names |= {t.name for t in current.tables if t.name in tables and _table_expression_differences(t, tables[t.name])}
    for kind in ("indexes", "triggers"):
        names |= {old.table for old, _ in _questions(current, desired, kind)}
    for policy, other in _questions(current, desired, "policies"):
        names.add(policy.table)
        # a policy may read other tables in a subquery
        for text in filter(None, (policy.using, policy.with_check, other.using, other.with_check)):
            names |= {QualifiedName(s or "public", n) for s, n in referenced_tables(text)}
    return names


def _questions(current: Catalog, desired: Catalog, kind: str) -> list[tuple]:
    """(current, desired) pairs of one identity whose expressions differ in text and may
    still mean the same (view queries: whenever they differ)."""
    texts = _EXPRESSIONS[kind]
    same = (lambda a, b: a != b) if kind == "views" else may_mean_the_same
    new = {identity(o): o for o in getattr(desired, kind)}
    return [(o, new[identity(o)]) for o in getattr(current, kind)
            if identity(o) in new and same(texts(o), texts(new[identity(o)]))]


def may_mean_the_same(old: tuple, new: tuple) -> bool:
    """Expressions (in the same places of two objects) that differ in text but not
    provably in meaning."""
    return old != new and len(old) == len(new) and not any(provably_different(a, b) for a, b in zip(old, new))


def _table_expression_differences(old: Table, new: Table) -> int:
    """Checks of one name and defaults of one column (of one type) in question; added or
    dropped columns and checks are changes, not questions for Postgres."""
    checks = {c.name: c.expression for c in new.checks}
    columns = {c.name: c for c in new.columns}
    return (sum(1 for c in old.checks if c.name in checks
                and may_mean_the_same((c.expression,), (checks[c.name],)))
            + sum(1 for c in old.columns if c.name in columns and columns[c.name].type == c.type
                  and c.default and columns[c.name].default
                  and may_mean_the_same((c.default,), (columns[c.name].default,))))


_EXPRESSIONS = {
    "policies": lambda p: (p.using, p.with_check),
    "indexes": lambda i: (*(k.expression for k in i.keys), i.where),
    "views": lambda v: (v.query,),
    "triggers": lambda t: (t.when,),
}


def reconcile(current: Catalog, desired: Catalog, canon: Canonicalizer) -> Catalog:
    """`current` with each expression that means the same as its desired counterpart
    written as the desired text."""
    swap: dict[int, object] = {}
    new_tables = {t.name: t for t in desired.tables}
    for old in current.tables:
        new = new_tables.get(old.name)
        if new is not None and _table_expression_differences(old, new):
            swap[id(old)] = _reconcile_table(old, new, canon)
    for old, new in _questions(current, desired, "policies"):
        if canon.policy(old, old.using, old.with_check) == canon.policy(new, new.using, new.with_check):
            swap[id(old)] = replace(old, using=new.using, with_check=new.with_check)
    for old, new in _questions(current, desired, "indexes"):
        if canon.index(old) == canon.index(new):  # only the expressions: keys' order and opclass stay
            keys = tuple(replace(k, expression=n.expression) for k, n in zip(old.keys, new.keys))
            swap[id(old)] = replace(old, keys=keys, where=new.where)
    for old, new in _questions(current, desired, "views"):
        if canon.view(old, old.query) == canon.view(new, new.query):
            swap[id(old)] = replace(old, query=new.query)
    for old, new in _questions(current, desired, "triggers"):
        if canon.trigger_when(old, old.when) == canon.trigger_when(new, new.when):
            swap[id(old)] = replace(old, when=new.when)
    if not swap:
        return current
    return replace(current, **{kind: tuple(swap.get(id(o), o) for o in getattr(current, kind))
                               for kind in ("tables", "policies", "indexes", "views", "triggers")})


def _reconcile_table(old: Table, new: Table, canon: Canonicalizer) -> Table:
    new_checks = {c.name: c for c in new.checks}
    checks = []
    for check in old.checks:
        other = new_checks.get(check.name)
        if other and may_mean_the_same((check.expression,), (other.expression,)) and \
                canon.check(old.name, check.expression) == canon.check(new.name, other.expression):
            check = replace(check, expression=other.expression)
        checks.append(check)
    new_columns = {c.name: c for c in new.columns}
    columns = []
    for column in old.columns:
        other = new_columns.get(column.name)
        if other and other.type == column.type and column.default and other.default \
                and may_mean_the_same((column.default,), (other.default,)) \
                and canon.default(old.name, column, column.default) == canon.default(new.name, other, other.default):
            column = replace(column, default=other.default)
        columns.append(column)
    return replace(old, checks=tuple(checks), columns=tuple(columns))
