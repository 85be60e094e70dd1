-- One row per ordinary or partitioned table, its columns and constraints aggregated as
-- json so that the whole kind is one round trip.
SELECT n.nspname AS schema,
       c.relname AS name,
       c.relkind = 'p' AS partitioned,
       c.relrowsecurity AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       c.relpersistence = 'u' AS unlogged,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
       c.relispartition AS is_partition,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       obj_description(c.oid, 'pg_class') AS comment,
       -- Parents in declaration order: the partitioned parent, or the INHERITS list.
       coalesce((SELECT json_agg(json_build_array(pn.nspname, p.relname) ORDER BY i.inhseqno)
                 FROM pg_inherits i
                 JOIN pg_class p ON p.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = p.relnamespace
                 WHERE i.inhrelid = c.oid), '[]') AS parents,
       coalesce((SELECT json_agg(json_build_object(
                    'name', a.attname,
                    'type', format_type(a.atttypid, a.atttypmod),
                    'not_null', a.attnotnull,
                    'default', CASE WHEN a.attidentity = '' AND a.attgenerated = ''
                                    THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                    'identity', a.attidentity,
                    'generated', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                    'collation', CASE WHEN a.attcollation <> t.typcollation THEN
                                   jsonb_build_array(coll_ns.nspname, coll.collname) END,
                    'inherited', NOT a.attislocal,
                    'comment', col_description(c.oid, a.attnum)) ORDER BY a.attnum)
                 FROM pg_attribute a
                 JOIN pg_type t ON t.oid = a.atttypid
                 LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                 LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
                 LEFT JOIN pg_namespace coll_ns ON coll_ns.oid = coll.collnamespace
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns,
       -- Constraints cloned from a partitioned parent (conparentid) come with the
       -- partition; inherited checks (conislocal false) come with the parent.
       coalesce((SELECT json_agg(json_build_object(
                    'name', con.conname,
                    'type', con.contype,
                    'columns', array(SELECT a.attname
                                     FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                                     ORDER BY k.ord),
                    'references', CASE WHEN con.contype = 'f' THEN json_build_array(fn.nspname, f.relname) END,
                    'referenced_columns', array(SELECT a.attname
                                                FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                                                ORDER BY k.ord),
                    'on_delete', con.confdeltype,
                    'on_update', con.confupdtype,
                    'match_full', con.confmatchtype = 'f',
                    'deferrable', con.condeferrable,
                    'initially_deferred', con.condeferred,
                    'nulls_not_distinct', coalesce(ix.indnullsnotdistinct, false),
                    'no_inherit', con.connoinherit,
                    'definition', CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END,
                    'comment', obj_description(con.oid, 'pg_constraint')) ORDER BY con.conname)
                 FROM pg_constraint con
                 LEFT JOIN pg_class f ON f.oid = con.confrelid
                 LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
                 LEFT JOIN pg_index ix ON ix.indexrelid = con.conindid AND con.contype = 'u'
                 WHERE con.conrelid = c.oid
                   AND (con.contype IN ('p', 'u', 'f') AND con.conparentid = 0
                        OR con.contype = 'c' AND con.conislocal)), '[]') AS constraints
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
