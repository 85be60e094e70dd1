SELECT p.polname AS name,
       n.nspname AS table_schema,
       c.relname AS table_name,
       p.polcmd AS command,
       p.polpermissive AS permissive,
       array(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END
             FROM unnest(p.polroles) r(oid)) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expression,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       descr.description AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = p.oid AND descr.classoid = 'pg_policy'::regclass AND descr.objsubid = 0
WHERE n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
  AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
