-- User triggers: not internal ones (foreign keys), not the clones a partitioned table's
-- trigger puts on each partition (tgparentid), not constraint triggers (unsupported.sql).
SELECT t.tgname AS name,
       n.nspname AS table_schema,
       c.relname AS table_name,
       t.tgtype AS type,
       array(SELECT a.attname
             FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum
             ORDER BY k.ord) AS update_columns,
       -- The WHEN condition is read back from the definition; without one there is none.
       CASE WHEN t.tgqual IS NOT NULL THEN pg_get_triggerdef(t.oid) END AS definition,
       fn.nspname AS function_schema,
       f.proname AS function_name,
       t.tgnargs AS nargs,
       t.tgargs AS args,
       descr.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc f ON f.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
LEFT JOIN pg_description descr
       ON descr.objoid = t.oid AND descr.classoid = 'pg_trigger'::regclass AND descr.objsubid = 0
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
  AND t.tgconstraint = 0
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
  AND (%(tables)s::oid[] IS NULL
       OR c.oid = ANY(%(tables)s::oid[] || ARRAY(SELECT oid FROM pg_class WHERE relkind IN ('v', 'm', 'f'))))
