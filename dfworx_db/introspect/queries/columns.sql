-- The columns of the tables of tables.sql (same filter), one row each, in table and
-- column order.
SELECT a.attrelid AS table_oid,
       a.attnum,
       a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attidentity = '' AND a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS "default",
       a.attidentity AS identity,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
       CASE WHEN a.attcollation <> t.typcollation THEN coll_ns.nspname END AS collation_schema,
       CASE WHEN a.attcollation <> t.typcollation THEN coll.collname END AS collation_name,
       NOT a.attislocal AS inherited,
       descr.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
LEFT JOIN pg_namespace coll_ns ON coll_ns.oid = coll.collnamespace
LEFT JOIN pg_description descr
       ON descr.objoid = c.oid AND descr.classoid = 'pg_class'::regclass AND descr.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY(%(schemas)s::text[])
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                    AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
  AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
ORDER BY a.attrelid, a.attnum
