-- The primary key, unique, foreign key, check and exclusion constraints of the tables of tables.sql
-- (same filter), one row each, in table and name order. Constraints cloned from a
-- partitioned parent (conparentid) come with the partition; inherited checks (conislocal
-- false) come with the parent. The table's own columns are named from columns.sql.
SELECT con.conrelid AS table_oid,
       con.conname AS name,
       con.contype AS type,
       con.conkey AS column_numbers,
       fn.nspname AS references_schema,
       f.relname AS references_table,
       CASE WHEN con.contype = 'f' THEN
         array(SELECT a.attname
               FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
               ORDER BY k.ord) END AS referenced_columns,
       con.confdeltype AS on_delete,
       con.confupdtype AS on_update,
       con.confmatchtype = 'f' AS match_full,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       coalesce(ix.indnullsnotdistinct, false) AS nulls_not_distinct,
       con.connoinherit AS no_inherit,
       CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) END AS definition,
       descr.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_constraint con ON con.conrelid = c.oid
LEFT JOIN pg_class f ON f.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype = 'u'
LEFT JOIN pg_description descr
       ON descr.objoid = con.oid AND descr.classoid = 'pg_constraint'::regclass AND descr.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
  AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
  AND (con.contype IN ('p', 'u', 'f', 'x') AND con.conparentid = 0
       OR con.contype = 'c' AND con.conislocal)
ORDER BY con.conrelid, con.conname
