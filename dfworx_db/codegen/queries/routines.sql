-- Every plain function of the generated schemas as PostgREST sees it: the ROWS estimate
-- (which the Catalog does not hold) and, for functions an extension installed there (left
-- out of the Catalog), the whole signature.
SELECT n.nspname AS schema,
       p.proname AS name,
       array_to_string(ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) t), ', ') AS identity_types,
       p.prorows AS rows,
       p.proretset AS set_returning,
       EXISTS (SELECT FROM pg_depend d
               WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') AS from_extension,
       format_type(p.prorettype, NULL) AS returns,
       (SELECT json_agg(json_build_object('name', coalesce(p.proargnames[arg.ord], ''),
                                          'type', format_type(arg.type, NULL),
                                          'mode', coalesce(arg.mode, 'i')) ORDER BY arg.ord)
        FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes)
             WITH ORDINALITY arg(type, mode, ord)) AS arguments,
       p.pronargdefaults AS default_count
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'f'
  AND n.nspname = ANY(%(schemas)s::text[])
  AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
ORDER BY n.nspname, p.proname
