-- The tables of the included schemas that `diff` must read in full besides those whose
-- digests differ (introspect/narrowed.py), given what may be dropped and what is altered
-- as parallel arrays of keys (%(kinds)s, %(key_schemas)s, %(key_names)s; kinds relation,
-- function (every overload), type, collation, schema for what may be dropped, and
-- altered for a table that differs in both databases):
--   * the tables owning anything that depends, by pg_depend, on what may be dropped,
--     directly or through views and functions that depend on it (those may be dropped
--     too): a default, check, foreign key, index, policy, trigger, a column of its type
--     or collation, a child or partition;
--   * the tables with a policy that reads an altered table (a column it reads may be
--     retyped or dropped, which the policy must not outlive);
--   * the tables that the policies of the altered tables and the views read: expression
--     probes may create them in a shadow (pg.shadow.canonical).
WITH RECURSIVE keys AS (
    SELECT k.kind, k.name, n.oid AS namespace
    FROM unnest(%(kinds)s::text[], %(key_schemas)s::text[], %(key_names)s::text[]) k(kind, nsp, name)
    JOIN pg_namespace n ON n.nspname = k.nsp
), seed AS (
    SELECT 'pg_class'::regclass AS classid, c.oid, k.kind = 'relation' AS dropped
    FROM keys k JOIN pg_class c ON c.relnamespace = k.namespace AND c.relname = k.name
    WHERE k.kind IN ('relation', 'altered')
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid, true
    FROM keys k JOIN pg_proc p ON p.pronamespace = k.namespace AND p.proname = k.name
    WHERE k.kind = 'function'
    UNION ALL
    SELECT 'pg_type'::regclass, t.oid, true
    FROM keys k JOIN pg_type t ON t.typnamespace = k.namespace AND t.typname = k.name
    WHERE k.kind = 'type'
    UNION ALL
    SELECT 'pg_collation'::regclass, co.oid, true
    FROM keys k JOIN pg_collation co ON co.collnamespace = k.namespace AND co.collname = k.name
    WHERE k.kind = 'collation'
    UNION ALL
    SELECT 'pg_namespace'::regclass, k.namespace, true FROM keys k WHERE k.kind = 'schema'
), reached(classid, oid, dropped) AS (
    SELECT classid, oid, dropped FROM seed
    UNION
    -- a view (through its rule) or a function that depends on what is reached: it may be
    -- dropped with it
    SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN 'pg_class'::regclass ELSE d.classid END,
           CASE WHEN d.classid = 'pg_rewrite'::regclass
                THEN (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = d.objid) ELSE d.objid END,
           true
    FROM reached x
    JOIN pg_depend d ON d.refclassid = x.classid AND d.refobjid = x.oid
    WHERE d.classid IN ('pg_rewrite'::regclass, 'pg_proc'::regclass) AND d.deptype IN ('n', 'a')
), dependent AS (
    SELECT d.classid, d.objid
    FROM reached x
    JOIN pg_depend d ON d.refclassid = x.classid AND d.refobjid = x.oid
    WHERE d.deptype IN ('n', 'a') AND (x.dropped OR d.classid = 'pg_policy'::regclass)
), owned AS (
    -- what the policies of the altered tables and the rules of views read
    SELECT d.refclassid, d.refobjid
    FROM seed t
    JOIN pg_policy p ON p.polrelid = t.oid
    JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid
    WHERE t.classid = 'pg_class'::regclass
    UNION ALL
    SELECT d.refclassid, d.refobjid
    FROM pg_rewrite r
    JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
    JOIN pg_namespace n ON n.oid = v.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
    WHERE n.nspname = ANY(%(schemas)s::text[])
), found AS (
    SELECT CASE x.classid
             WHEN 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = x.objid)
             WHEN 'pg_constraint'::regclass THEN (SELECT conrelid FROM pg_constraint WHERE oid = x.objid)
             WHEN 'pg_policy'::regclass THEN (SELECT polrelid FROM pg_policy WHERE oid = x.objid)
             WHEN 'pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_trigger WHERE oid = x.objid)
             -- an index is its table's; a table (for a column's type or collation) or a
             -- child table is itself
             WHEN 'pg_class'::regclass THEN coalesce((SELECT indrelid FROM pg_index WHERE indexrelid = x.objid),
                                                     x.objid)
           END AS oid
    FROM dependent x
    UNION
    SELECT refobjid FROM owned WHERE refclassid = 'pg_class'::regclass
    UNION
    -- a row type (or an array of one) that a view reads: its table
    SELECT coalesce(nullif(t.typrelid, 0), e.typrelid)
    FROM owned o JOIN pg_type t ON t.oid = o.refobjid LEFT JOIN pg_type e ON e.oid = t.typelem
    WHERE o.refclassid = 'pg_type'::regclass
)
SELECT n.nspname AS schema, c.relname AS name
FROM (SELECT DISTINCT oid FROM found) f
JOIN pg_class c ON c.oid = f.oid AND c.relkind IN ('r', 'p')
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s::text[])
