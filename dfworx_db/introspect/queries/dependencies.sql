-- Edges of pg_depend between the objects the Catalog holds, as (dependent, referenced)
-- keys in the differ's vocabulary (dfworx_db/diff/keys.py): a view on a function or a
-- table, a policy on a function or another table, a trigger on its function, a column
-- default or check on a function or sequence, an index expression on a function.
WITH deps AS (
    SELECT DISTINCT d.classid, d.objid, d.refclassid, d.refobjid
    FROM pg_depend d
    WHERE d.deptype IN ('n', 'a')
      AND d.classid IN ('pg_rewrite'::regclass, 'pg_policy'::regclass, 'pg_trigger'::regclass,
                        'pg_attrdef'::regclass, 'pg_constraint'::regclass, 'pg_class'::regclass)
      AND d.refclassid IN ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
), dependent AS (
    SELECT deps.*,
           CASE deps.classid
             WHEN 'pg_rewrite'::regclass THEN
               (SELECT jsonb_build_array('relation', n.nspname, c.relname) FROM pg_rewrite r
                  JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE r.oid = deps.objid AND c.relkind IN ('v', 'm'))
             WHEN 'pg_policy'::regclass THEN
               (SELECT jsonb_build_array('policy', n.nspname, c.relname, p.polname) FROM pg_policy p
                  JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE p.oid = deps.objid)
             WHEN 'pg_trigger'::regclass THEN
               (SELECT jsonb_build_array('trigger', n.nspname, c.relname, t.tgname) FROM pg_trigger t
                  JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE t.oid = deps.objid AND NOT t.tgisinternal)
             WHEN 'pg_attrdef'::regclass THEN
               (SELECT jsonb_build_array('relation', n.nspname, c.relname) FROM pg_attrdef a
                  JOIN pg_class c ON c.oid = a.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE a.oid = deps.objid)
             WHEN 'pg_constraint'::regclass THEN
               (SELECT jsonb_build_array('relation', n.nspname, c.relname) FROM pg_constraint k
                  JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE k.oid = deps.objid AND k.contype = 'c')
             WHEN 'pg_class'::regclass THEN
               (SELECT jsonb_build_array('relation', n.nspname, c.relname) FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = deps.objid AND c.relkind = 'i')
           END AS dependent
    FROM deps
), referenced AS (
    SELECT dependent.dependent,
           CASE dependent.refclassid
             WHEN 'pg_proc'::regclass THEN
               (SELECT jsonb_build_array('function', n.nspname, p.proname) FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = dependent.refobjid)
             WHEN 'pg_class'::regclass THEN
               (SELECT jsonb_build_array('relation', n.nspname, c.relname) FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.oid = dependent.refobjid AND c.relkind IN ('r', 'p', 'v', 'm', 'S'))
             WHEN 'pg_type'::regclass THEN
               (SELECT jsonb_build_array('type', n.nspname, t.typname) FROM pg_type t
                  JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.oid = dependent.refobjid AND t.typtype = 'e')
           END AS referenced
    FROM dependent
)
SELECT DISTINCT dependent, referenced
FROM referenced
WHERE dependent IS NOT NULL AND referenced IS NOT NULL AND dependent <> referenced
  AND dependent ->> 1 = ANY (%(schemas)s) AND referenced ->> 1 = ANY (%(schemas)s)
