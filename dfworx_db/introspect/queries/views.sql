SELECT n.nspname AS schema,
       c.relname AS name,
       pg_get_viewdef(c.oid, true) AS query,
       c.relkind = 'm' AS materialized,
       c.reloptions AS options,
       descr.description AS comment,
       coalesce((SELECT json_agg(json_build_array(a.attname, d.description) ORDER BY a.attname)
                 FROM pg_attribute a
                 JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass
                      AND d.objsubid = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS column_comments
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = c.oid AND descr.classoid = 'pg_class'::regclass AND descr.objsubid = 0
WHERE c.relkind IN ('v', 'm')
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
