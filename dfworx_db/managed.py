"""Schemas that Supabase (or Postgres itself) owns. Declarations may refer to objects in
them (auth.uid(), extensions.citext) but never declare, change or drop them; the
introspector skips them. dfworx.yaml can add more (see docs/decisions.md)."""

from __future__ import annotations

POSTGRES_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")

SUPABASE_SCHEMAS = (
    "auth", "storage", "realtime", "extensions", "graphql", "graphql_public", "vault",
    "pgsodium", "pgsodium_masks", "supabase_functions", "supabase_migrations", "net",
    "pgbouncer", "cron", "_realtime", "_analytics", "pgtle", "tiger", "topology",
)

MANAGED_SCHEMAS = frozenset(POSTGRES_SCHEMAS + SUPABASE_SCHEMAS)
