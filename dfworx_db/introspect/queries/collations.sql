-- The locale column is colliculocale on PostgreSQL 15/16 and colllocale from 17 on;
-- reading the row as jsonb lets one text serve every version.
SELECT n.nspname AS schema,
       c.collname AS name,
       c.collprovider AS provider,
       coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') AS locale,
       c.collcollate AS lc_collate,
       c.collctype AS lc_ctype,
       c.collisdeterministic AS deterministic,
       descr.description AS comment
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = c.oid AND descr.classoid = 'pg_collation'::regclass AND descr.objsubid = 0
WHERE n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
