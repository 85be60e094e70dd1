-- Edges of pg_depend between the objects the Catalog holds, as (dependent, referenced)
-- keys in the differ's vocabulary: a dependent is ('relation', schema, name) or
-- ('policy' | 'trigger', schema, table, name); a referenced object is ('function' |
-- 'relation' | 'type', schema, name). Each branch starts from the dependents in the
-- included schemas and looks their edges up by pg_depend_depender_index, so the work
-- follows the size of the schemas read, never that of pg_depend as a whole.
-- A relation's own parts (a view's rule, a default, a check) refer to it: no edge.
-- With %(tables)s (OIDs), only the objects of those tables are dependents, besides views
-- and their indexes and triggers.
WITH dependent AS (
    SELECT d.refclassid, d.refobjid, 'relation' AS kind, n.nspname AS schema, c.relname AS name,
           NULL::name AS member
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class AND c.relkind IN ('v', 'm')
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND d.deptype IN ('n', 'a')
      AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid)
    UNION ALL
    SELECT d.refclassid, d.refobjid, 'policy', n.nspname, c.relname, p.polname
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND d.deptype IN ('n', 'a')
      AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
    UNION ALL
    SELECT d.refclassid, d.refobjid, 'trigger', n.nspname, c.relname, t.tgname
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND NOT t.tgisinternal AND d.deptype IN ('n', 'a')
      AND (%(tables)s::oid[] IS NULL
           OR c.oid = ANY(%(tables)s::oid[] || ARRAY(SELECT oid FROM pg_class WHERE relkind IN ('v', 'm', 'f'))))
    UNION ALL
    SELECT d.refclassid, d.refobjid, 'relation', n.nspname, c.relname, NULL
    FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = a.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND d.deptype IN ('n', 'a')
      AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
      AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid)
    UNION ALL
    SELECT d.refclassid, d.refobjid, 'relation', n.nspname, c.relname, NULL
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_constraint'::regclass AND d.objid = k.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND k.contype = 'c' AND d.deptype IN ('n', 'a')
      AND (%(tables)s::oid[] IS NULL OR c.oid = ANY(%(tables)s::oid[]))
      AND NOT (d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid)
    UNION ALL
    SELECT d.refclassid, d.refobjid, 'relation', n.nspname, c.relname, NULL
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
    WHERE n.nspname = ANY (%(schemas)s::text[]) AND c.relkind = 'i' AND d.deptype IN ('n', 'a')
      AND (%(tables)s::oid[] IS NULL
           OR c.oid = ANY(ARRAY(SELECT x.indexrelid FROM pg_index x
                                WHERE x.indrelid = ANY(%(tables)s::oid[]
                                                       || ARRAY(SELECT oid FROM pg_class WHERE relkind = 'm')))))
), referenced AS (
    SELECT x.kind, x.schema, x.name, x.member, 'function' AS referenced_kind, n.nspname AS referenced_schema,
           p.proname AS referenced_name
    FROM dependent x JOIN pg_proc p ON p.oid = x.refobjid JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE x.refclassid = 'pg_proc'::regclass AND n.nspname = ANY (%(schemas)s::text[])
    UNION ALL
    SELECT x.kind, x.schema, x.name, x.member, 'relation', n.nspname, c.relname
    FROM dependent x JOIN pg_class c ON c.oid = x.refobjid AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE x.refclassid = 'pg_class'::regclass AND n.nspname = ANY (%(schemas)s::text[])
    UNION ALL
    SELECT x.kind, x.schema, x.name, x.member, 'type', n.nspname, t.typname
    FROM dependent x JOIN pg_type t ON t.oid = x.refobjid AND t.typtype = 'e' JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE x.refclassid = 'pg_type'::regclass AND n.nspname = ANY (%(schemas)s::text[])
)
-- Several edges between the same two objects (one per column) are made one in Python.
SELECT kind, schema, name, member, referenced_kind, referenced_schema, referenced_name FROM referenced
