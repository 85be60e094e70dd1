-- Every schema that is not a system one; which of them are managed or filtered out is
-- decided in Python (dfworx_db.managed), so every other query receives the final list.
-- Names starting with pg_ are reserved: pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N.
SELECT n.nspname AS name,
       descr.description AS comment
FROM pg_namespace n
LEFT JOIN pg_description descr
       ON descr.objoid = n.oid AND descr.classoid = 'pg_namespace'::regclass AND descr.objsubid = 0
WHERE n.nspname !~ '^pg_'
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
ORDER BY n.nspname
