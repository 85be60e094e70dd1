-- Stand-alone composite types (CREATE TYPE … AS (…)) with their attributes in order.
SELECT n.nspname AS schema,
       t.typname AS name,
       a.attname AS attribute,
       format_type(a.atttypid, a.atttypmod) AS type
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE t.typtype = 'c'
  AND n.nspname = ANY(%(schemas)s::text[])
ORDER BY n.nspname, t.typname, a.attnum
