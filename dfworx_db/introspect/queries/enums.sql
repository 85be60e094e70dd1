SELECT n.nspname AS schema,
       t.typname AS name,
       array(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels,
       descr.description AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = t.oid AND descr.classoid = 'pg_type'::regclass AND descr.objsubid = 0
WHERE t.typtype = 'e'
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
