-- Objects in the included schemas that the Catalog cannot describe yet. They are reported
-- by kind and name, never skipped in silence. Extension members are the extension's.
WITH rels AS (
    SELECT c.oid, c.relname, c.relkind, c.reloftype, c.reloptions, n.nspname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
), types AS (
    -- only the kinds reported below: not arrays, nor tables' row types
    SELECT t.typname, t.typtype, t.typrelid, t.typelem, n.nspname
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
      AND (t.typtype IN ('d', 'r') OR t.typtype IN ('b', 'p') AND t.typelem = 0
           OR t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
), procs AS (
    SELECT p.*, n.nspname, l.lanname
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_language l ON l.oid = p.prolang
    WHERE n.nspname = ANY(%(schemas)s::text[])
      -- 'i': part of another object, such as a range type's constructors.
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
), constraints AS (
    SELECT con.conname, con.contype, con.convalidated, con.conparentid, con.confdelsetcols, con.conindid,
    --@since 18
           con.conenforced, con.conperiod,
    --@end
           r.nspname, r.relname
    FROM pg_constraint con
    JOIN rels r ON r.oid = con.conrelid
)
SELECT kind, name FROM (
    SELECT 'domain' AS kind, format('%%I.%%I', nspname, typname) AS name FROM types WHERE typtype = 'd'
    UNION ALL
    SELECT 'composite type', format('%%I.%%I', nspname, typname) FROM types WHERE typtype = 'c'
    UNION ALL
    SELECT 'range type', format('%%I.%%I', nspname, typname) FROM types WHERE typtype = 'r'
    UNION ALL
    -- A base type of one's own (CREATE TYPE … (INPUT = …)), not an array or shell of one.
    SELECT 'base type', format('%%I.%%I', nspname, typname) FROM types
    WHERE typtype IN ('b', 'p') AND typelem = 0
    UNION ALL
    SELECT 'foreign table', format('%%I.%%I', nspname, relname) FROM rels WHERE relkind = 'f'
    UNION ALL
    SELECT 'typed table', format('%%I.%%I', nspname, relname) FROM rels
    WHERE relkind IN ('r', 'p') AND reloftype <> 0
    UNION ALL
    SELECT 'storage parameters', format('%%I.%%I (%%s)', nspname, relname, array_to_string(reloptions, ', '))
    FROM rels WHERE relkind IN ('r', 'p', 'm', 'i', 'I') AND reloptions IS NOT NULL
    UNION ALL
    SELECT 'view check option', format('%%I.%%I', nspname, relname) FROM rels
    WHERE relkind = 'v' AND reloptions::text[] && ARRAY['check_option=local', 'check_option=cascaded']
    UNION ALL
    SELECT 'rule', format('%%I on %%I.%%I', rw.rulename, r.nspname, r.relname)
    FROM pg_rewrite rw JOIN rels r ON r.oid = rw.ev_class
    WHERE rw.rulename <> '_RETURN'
    UNION ALL
    SELECT CASE prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'window function' END,
           format('%%I.%%I(%%s)', nspname, proname, pg_get_function_identity_arguments(oid))
    FROM procs WHERE prokind IN ('p', 'a', 'w')
    UNION ALL
    SELECT 'SQL-standard function body', format('%%I.%%I(%%s)', nspname, proname, pg_get_function_identity_arguments(oid))
    FROM procs WHERE prokind = 'f' AND prosqlbody IS NOT NULL
    UNION ALL
    SELECT lanname || '-language function', format('%%I.%%I(%%s)', nspname, proname, pg_get_function_identity_arguments(oid))
    FROM procs WHERE prokind = 'f' AND lanname IN ('c', 'internal')
    UNION ALL
    -- Options the Function model has no field for: LEAKPROOF, COST, ROWS.
    SELECT 'function option', format('%%I.%%I(%%s) (%%s)', nspname, proname, pg_get_function_identity_arguments(oid),
                                     concat_ws(', ', CASE WHEN proleakproof THEN 'leakproof' END,
                                               CASE WHEN procost <> 100 THEN 'cost ' || procost END,
                                               CASE WHEN prorows <> CASE WHEN proretset THEN 1000 ELSE 0 END
                                                    THEN 'rows ' || prorows END))
    FROM procs
    WHERE prokind = 'f' AND lanname NOT IN ('c', 'internal')
      AND (proleakproof OR procost <> 100 OR prorows <> CASE WHEN proretset THEN 1000 ELSE 0 END)
    UNION ALL
    SELECT 'constraint trigger', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints WHERE contype = 't'
    UNION ALL
    SELECT 'not valid constraint', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints
    WHERE contype IN ('c', 'f', 'n') AND NOT convalidated AND conparentid = 0
    --@since 18
      -- A NOT ENFORCED constraint is never validated either: reported once, below.
      AND conenforced
    --@end
    UNION ALL
    --@since 18
    SELECT 'not enforced constraint', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints WHERE NOT conenforced
    UNION ALL
    -- WITHOUT OVERLAPS / PERIOD keys.
    SELECT 'temporal constraint', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints WHERE conperiod
    UNION ALL
    --@end
    SELECT 'foreign key SET NULL/DEFAULT column list', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints WHERE contype = 'f' AND confdelsetcols IS NOT NULL
    UNION ALL
    SELECT 'unique constraint with INCLUDE', format('%%I on %%I.%%I', conname, nspname, relname)
    FROM constraints con JOIN pg_index x ON x.indexrelid = con.conindid
    WHERE con.contype IN ('p', 'u') AND x.indnkeyatts <> x.indnatts
    UNION ALL
    --@since 18
    SELECT 'virtual generated column', format('%%I.%%I.%%I', r.nspname, r.relname, a.attname)
    FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid
    WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = 'v'
    UNION ALL
    --@end
    -- An identity column's sequence with anything but the defaults.
    SELECT 'identity sequence options', format('%%I.%%I.%%I', r.nspname, r.relname, a.attname)
    FROM rels r
    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attidentity <> ''
    JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = r.oid
         AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
    JOIN pg_sequence s ON s.seqrelid = d.objid
    WHERE r.relkind IN ('r', 'p')
      AND (s.seqstart <> 1 OR s.seqincrement <> 1 OR s.seqmin <> 1 OR s.seqcache <> 1 OR s.seqcycle
           OR s.seqtypid <> a.atttypid
           OR s.seqmax <> CASE s.seqtypid WHEN 'int2'::regtype THEN 32767
                                          WHEN 'int4'::regtype THEN 2147483647
                                          ELSE 9223372036854775807 END)
    UNION ALL
    SELECT 'trigger option', format('%%I on %%I.%%I (%%s)', t.tgname, r.nspname, r.relname,
                                    concat_ws(', ', CASE WHEN t.tgenabled <> 'O' THEN 'enabled ' || t.tgenabled::text END,
                                              CASE WHEN t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL
                                                   THEN 'transition tables' END))
    FROM pg_trigger t JOIN rels r ON r.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND t.tgparentid = 0
      AND (t.tgenabled <> 'O' OR t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL)
    UNION ALL
    -- Event triggers belong to no schema: reported when their function is in an included one.
    SELECT 'event trigger', format('%%I', e.evtname)
    FROM pg_event_trigger e
    JOIN pg_proc p ON p.oid = e.evtfoid
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
    UNION ALL
    SELECT 'operator', format('%%I.%%s(%%s, %%s)', n.nspname, o.oprname,
                              coalesce(format_type(nullif(o.oprleft, 0), NULL), 'NONE'), format_type(o.oprright, NULL))
    FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
    UNION ALL
    SELECT 'extended statistics', format('%%I.%%I', n.nspname, s.stxname)
    FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
    UNION ALL
    SELECT 'text search configuration', format('%%I.%%I', n.nspname, c.cfgname)
    FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
    WHERE n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_ts_config'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
) found
ORDER BY kind, name
