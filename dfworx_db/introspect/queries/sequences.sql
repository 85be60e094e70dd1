-- Identity columns' sequences (an 'i' dependency on the column) belong to the column and
-- are left out; a serial's sequence is OWNED BY its column (an 'a' dependency).
SELECT n.nspname AS schema,
       c.relname AS name,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min_value,
       s.seqmax AS max_value,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       owner_ns.nspname AS owner_schema,
       owner.relname AS owner_table,
       owner_col.attname AS owner_column,
       descr.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a'
LEFT JOIN pg_class owner ON owner.oid = d.refobjid
LEFT JOIN pg_namespace owner_ns ON owner_ns.oid = owner.relnamespace
LEFT JOIN pg_attribute owner_col ON owner_col.attrelid = d.refobjid AND owner_col.attnum = d.refobjsubid
LEFT JOIN pg_description descr
       ON descr.objoid = c.oid AND descr.classoid = 'pg_class'::regclass AND descr.objsubid = 0
WHERE c.relkind = 'S'
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend i
                  WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype IN ('i', 'e'))
