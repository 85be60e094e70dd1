-- Extensions are database-wide: they are listed whatever schema they live in (Supabase
-- installs them into the managed schema "extensions").
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       obj_description(e.oid, 'pg_extension') AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
ORDER BY e.extname
