-- Columns of views, materialized views and foreign tables (the Catalog holds tables'
-- columns only), whether each can be written through the view, and whether the view
-- itself accepts INSERT and UPDATE (pg_relation_is_updatable's bits 8 and 4).
SELECT n.nspname AS schema,
       c.relname AS relation,
       c.relkind AS kind,
       c.relkind = 'v' AND (pg_relation_is_updatable(c.oid, false) & 12) = 12 AS updatable,
       a.attname AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type,
       NOT a.attnotnull AS nullable,
       a.atthasdef AS has_default,
       c.relkind = 'v' AND pg_column_is_updatable(c.oid, a.attnum, false) AS column_updatable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('v', 'm', 'f')
  AND n.nspname = ANY(%(schemas)s::text[])
ORDER BY n.nspname, c.relname, a.attnum
