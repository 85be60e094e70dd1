-- Indexes that stand on their own: not the ones backing a primary key, unique or
-- exclusion constraint (they belong to the constraint), nor a partition's index attached
-- to its parent's (it comes with the partition). They are chosen first, so that their
-- keys are read for them alone.
WITH standalone AS MATERIALIZED (
    SELECT x.indexrelid, x.indrelid, x.indisunique, x.indnullsnotdistinct, x.indnkeyatts, x.indkey, x.indclass,
           x.indcollation, x.indoption, x.indpred, ic.relname, n.nspname, tc.relname AS table_name,
           tn.nspname AS table_schema, am.amname
    FROM pg_index x
    JOIN pg_class ic ON ic.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    JOIN pg_class tc ON tc.oid = x.indrelid
    JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    JOIN pg_am am ON am.oid = ic.relam
    WHERE tc.relkind IN ('r', 'p', 'm')
      AND tn.nspname = ANY(%(schemas)s::text[])
      AND NOT ic.relispartition
      AND NOT EXISTS (SELECT FROM pg_constraint con
                      WHERE con.conindid = x.indexrelid AND con.contype IN ('p', 'u', 'x'))
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid IN (x.indexrelid, x.indrelid)
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
      AND (tc.relkind = 'm' OR %(tables)s::oid[] IS NULL OR tc.oid = ANY(%(tables)s::oid[]))
)
SELECT s.nspname AS schema,
       s.relname AS name,
       s.table_schema,
       s.table_name,
       s.indisunique AS is_unique,
       s.amname AS method,
       s.indnullsnotdistinct AS nulls_not_distinct,
       pg_get_expr(s.indpred, s.indrelid) AS predicate,
       -- The full definition, for its keys' opclasses and collations: ruleutils writes one
       -- only where it is not the key's default, which is the decision the model records.
       -- Read only when a key may have one (keys.plain, below).
       CASE WHEN NOT keys.plain THEN pg_get_indexdef(s.indexrelid) END AS definition,
       descr.description AS comment,
       keys.keys,
       keys.include
FROM standalone s
-- plain: every key is a column of a non-domain type with the collation of its column, the
-- default opclass of exactly its type and no opclass options. ruleutils then writes
-- neither (GetDefaultOpClass returns the one default opclass whose input type is the
-- key's type), so the definition has nothing to tell.
CROSS JOIN LATERAL (
    SELECT json_agg(json_build_object(
               'column', a.attname,
               'expression', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(s.indexrelid, k.ord::int, true) END,
               'option', s.indoption[k.ord - 1]) ORDER BY k.ord) FILTER (WHERE k.ord <= s.indnkeyatts) AS keys,
           coalesce(array_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.ord > s.indnkeyatts), '{}') AS include,
           bool_and(k.attnum > 0
                    AND s.indcollation[k.ord - 1] IN (0, a.attcollation)
                    AND EXISTS (SELECT FROM pg_opclass o JOIN pg_type t ON t.oid = o.opcintype
                                WHERE o.oid = s.indclass[k.ord - 1] AND o.opcdefault
                                  AND o.opcintype = a.atttypid AND t.typtype <> 'd')
                    AND EXISTS (SELECT FROM pg_attribute ia
                                WHERE ia.attrelid = s.indexrelid AND ia.attnum = k.ord AND ia.attoptions IS NULL))
               FILTER (WHERE k.ord <= s.indnkeyatts) AS plain
    FROM unnest(s.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
    LEFT JOIN pg_attribute a ON a.attrelid = s.indrelid AND a.attnum = k.attnum AND k.attnum > 0
) keys
LEFT JOIN pg_description descr
       ON descr.objoid = s.indexrelid AND descr.classoid = 'pg_class'::regclass AND descr.objsubid = 0
