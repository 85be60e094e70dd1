"""A Canonicalizer backed by a database that holds the desired schema (a shadow, never
a production database): each expression is written into a probe object inside a
savepoint that is always rolled back, and read back as Postgres writes it."""

from __future__ import annotations

import psycopg

from ..catalog import Column, Index, Policy, QualifiedName, Trigger, View
from ..render.quoting import quote_ident, quote_qualified, quote_role

PROBE = "dfworx_probe"
UNUSABLE = "\0unusable"  # an expression the desired schema cannot hold: never equal


class ShadowCanonicalizer:
    """Implements dfworx_db.diff.reconcile.Canonicalizer against `conn`."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self.cache: dict[tuple, object] = {}

    def _probe(self, key: tuple, statements: list[str], query: str, params: tuple = ()) -> object:
        if key in self.cache:
            return self.cache[key]
        try:
            with self.conn.transaction(force_rollback=True):
                self.conn.execute("SET LOCAL search_path = ''")
                for statement in statements:
                    self.conn.execute(statement)  # type: ignore[arg-type]
                row = self.conn.execute(query, params).fetchone()  # type: ignore[arg-type]
                result: object = tuple(row) if row else UNUSABLE
        except psycopg.Error:
            result = UNUSABLE
        self.cache[key] = result
        return result

    def check(self, table: QualifiedName, expression: str) -> object:
        return self._probe(("check", table, expression),
                           [f"ALTER TABLE {quote_qualified(table)} ADD CONSTRAINT {PROBE} CHECK ({expression}) NOT VALID"],
                           "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
                           (PROBE, quote_qualified(table)))

    def default(self, table: QualifiedName, column: Column, expression: str) -> object:
        return self._probe(("default", table, column.type, expression),
                           [f"ALTER TABLE {quote_qualified(table)} ADD COLUMN {PROBE} {column.type} DEFAULT ({expression})"],
                           "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                           "ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = %s AND d.adrelid = %s::regclass",
                           (PROBE, quote_qualified(table)))

    def policy(self, policy: Policy, using: str | None, with_check: str | None) -> object:
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({with_check})" if with_check else "")
        roles = ", ".join(quote_role(r) for r in policy.roles)
        statement = (f"CREATE POLICY {PROBE} ON {quote_qualified(policy.table)} AS "
                     f"{'PERMISSIVE' if policy.permissive else 'RESTRICTIVE'} FOR {policy.command.upper()} "
                     f"TO {roles}{clauses}")
        return self._probe(("policy", policy.table, policy.command, using, with_check), [statement],
                           "SELECT pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid) FROM pg_policy "
                           "WHERE polname = %s AND polrelid = %s::regclass", (PROBE, quote_qualified(policy.table)))

    def index(self, index: Index) -> object:
        keys = ", ".join(quote_ident(k.column) if k.column else f"({k.expression})" for k in index.keys)
        where = f" WHERE ({index.where})" if index.where else ""
        statement = f"CREATE INDEX {PROBE} ON {quote_qualified(index.table)} ({keys}){where}"
        return self._probe(("index", index.table, keys, where), [statement],
                           "SELECT pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname = %s "
                           "AND c.relnamespace = %s::regnamespace", (PROBE, quote_ident(index.table.schema)))

    def view(self, view: View, query: str) -> object:
        name = QualifiedName(view.name.schema, PROBE)
        kind = "MATERIALIZED VIEW" if view.materialized else "VIEW"
        suffix = " WITH NO DATA" if view.materialized else ""
        return self._probe(("view", view.name.schema, view.materialized, query),
                           [f"CREATE {kind} {quote_qualified(name)} AS {query}{suffix}"],
                           "SELECT pg_get_viewdef(%s::regclass, true)", (quote_qualified(name),))

    def trigger_when(self, trigger: Trigger, when: str) -> object:
        statement = (f"CREATE TRIGGER {PROBE} BEFORE UPDATE ON {quote_qualified(trigger.table)} FOR EACH ROW "
                     f"WHEN ({when}) EXECUTE FUNCTION {quote_qualified(trigger.function)}()")
        return self._probe(("trigger", trigger.table, when), [statement],
                           "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
                           (PROBE, quote_qualified(trigger.table)))
