-- Extensions are database-wide: they are listed whatever schema they live in (Supabase
-- installs them into the managed schema "extensions").
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       descr.description AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = e.oid AND descr.classoid = 'pg_extension'::regclass AND descr.objsubid = 0
ORDER BY e.extname
