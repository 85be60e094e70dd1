"""Expressions that differ in text but not in meaning are not changes.

Postgres does not deparse expressions to a fixpoint: `role in ('user', 'admin')` on a
varchar column reads back as `= ANY ((ARRAY[…])::text[])`, and that text, executed,
reads back as `= ANY (ARRAY[(…)::text, …])`. Comparing text alone would show drift that
no migration can remove. Before diffing, every expression that differs between the two
Catalogs is put through Postgres (a `Canonicalizer`, backed by a database holding the
desired schema); when both texts come back the same, the current object takes the
desired text and the differ sees no change."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from ..catalog import Catalog, Column, Index, Policy, QualifiedName, Table, Trigger, View, identity
from ..expressions import referenced_tables


class Canonicalizer(Protocol):
    """How Postgres writes an expression back, each in the context of its object."""

    def check(self, table: QualifiedName, expression: str) -> object: ...
    def default(self, table: QualifiedName, column: Column, expression: str) -> object: ...
    def policy(self, policy: Policy, using: str | None, with_check: str | None) -> object: ...
    def index(self, index: Index) -> object: ...
    def view(self, view: View, query: str) -> object: ...
    def trigger_when(self, trigger: Trigger, when: str) -> object: ...


def expression_differences(current: Catalog, desired: Catalog) -> int:
    """How many expressions differ in text between objects present on both sides: the
    only ones a Canonicalizer can show to be the same (cheap, pure)."""
    count = 0
    for kind, texts in _EXPRESSIONS.items():
        new = {identity(o): o for o in getattr(desired, kind)}
        count += sum(1 for o in getattr(current, kind) if identity(o) in new and texts(o) != texts(new[identity(o)]))
    tables = {t.name: t for t in desired.tables}
    count += sum(_table_expression_differences(t, tables[t.name]) for t in current.tables if t.name in tables)
    return count


def tables_to_probe(current: Catalog, desired: Catalog) -> set[QualifiedName] | None:
    """The desired tables that hold an expression differing in text (the tables of
    checks, defaults, policies, indexes and triggers); None when a view differs, since a
    view may read any table."""
    new_views = {v.name: v for v in desired.views}
    if any(v.name in new_views and new_views[v.name].query != v.query for v in current.views):
        return None
    names: set[QualifiedName] = set()
    tables = {t.name: t for t in desired.tables}
    names |= {t.name for t in current.tables if t.name in tables and _table_expression_differences(t, tables[t.name])}
    for kind in ("policies", "indexes", "triggers"):
        texts = _EXPRESSIONS[kind]
        new = {identity(o): o for o in getattr(desired, kind)}
        names |= {o.table for o in getattr(current, kind) if identity(o) in new and texts(o) != texts(new[identity(o)])}
    # a policy may read other tables in a subquery
    new_policies = {identity(p): p for p in desired.policies}
    for policy in current.policies:
        other = new_policies.get(identity(policy))
        if other is not None and (policy.using, policy.with_check) != (other.using, other.with_check):
            for text in filter(None, (policy.using, policy.with_check, other.using, other.with_check)):
                names |= {QualifiedName(s or "public", n) for s, n in referenced_tables(text)}
    return names


def _table_expression_differences(old: Table, new: Table) -> int:
    """Checks of one name and defaults of one column (of one type) whose text differs;
    added or dropped columns and checks are changes, not questions for Postgres."""
    checks = {c.name: c.expression for c in new.checks}
    columns = {c.name: c for c in new.columns}
    return (sum(1 for c in old.checks if c.name in checks and checks[c.name] != c.expression)
            + sum(1 for c in old.columns if c.name in columns and columns[c.name].type == c.type
                  and c.default and columns[c.name].default and c.default != columns[c.name].default))


_EXPRESSIONS = {
    "policies": lambda p: (p.using, p.with_check),
    "indexes": lambda i: (tuple(k.expression for k in i.keys), i.where),
    "views": lambda v: v.query,
    "triggers": lambda t: t.when,
}


def reconcile(current: Catalog, desired: Catalog, canon: Canonicalizer) -> Catalog:
    """`current` with each expression that means the same as its desired counterpart
    written as the desired text."""
    def pairs(kind: str):
        new = {identity(o): o for o in getattr(desired, kind)}
        return [(o, new[identity(o)]) for o in getattr(current, kind) if identity(o) in new and new[identity(o)] != o]

    swap: dict[int, object] = {}
    for old, new in pairs("tables"):
        swap[id(old)] = _reconcile_table(old, new, canon)
    for old, new in pairs("policies"):
        using, with_check = old.using, old.with_check
        if (old.using, old.with_check) != (new.using, new.with_check) and \
                canon.policy(old, old.using, old.with_check) == canon.policy(new, new.using, new.with_check):
            using, with_check = new.using, new.with_check
        swap[id(old)] = replace(old, using=using, with_check=with_check)
    for old, new in pairs("indexes"):
        if canon.index(old) == canon.index(new):
            swap[id(old)] = replace(old, keys=new.keys, where=new.where)
    for old, new in pairs("views"):
        if old.query != new.query and canon.view(old, old.query) == canon.view(new, new.query):
            swap[id(old)] = replace(old, query=new.query)
    for old, new in pairs("triggers"):
        if old.when and new.when and old.when != new.when and \
                canon.trigger_when(old, old.when) == canon.trigger_when(new, new.when):
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
        if other and other.expression != check.expression and \
                canon.check(old.name, check.expression) == canon.check(new.name, other.expression):
            check = replace(check, expression=other.expression)
        checks.append(check)
    new_columns = {c.name: c for c in new.columns}
    columns = []
    for column in old.columns:
        other = new_columns.get(column.name)
        if other and other.type == column.type and column.default and other.default \
                and column.default != other.default \
                and canon.default(old.name, column, column.default) == canon.default(new.name, other, other.default):
            column = replace(column, default=other.default)
        columns.append(column)
    return replace(old, checks=tuple(checks), columns=tuple(columns))
