-- Plain functions only (prokind 'f'); procedures, aggregates, window functions,
-- SQL-standard bodies and C functions are reported by unsupported.sql.
SELECT p.oid,
       n.nspname AS schema,
       p.proname AS name,
       pg_get_function_arguments(p.oid) AS arguments,
       pg_get_function_result(p.oid) AS result,
       -- RETURNS TABLE columns are the arguments of mode 't', in order.
       (SELECT json_agg(json_build_object('name', arg.name, 'type', format_type(arg.type, NULL)) ORDER BY arg.ord)
        FROM unnest(p.proallargtypes, p.proargmodes, p.proargnames) WITH ORDINALITY arg(type, mode, name, ord)
        WHERE arg.mode = 't') AS returns_table,
       l.lanname AS language,
       p.prosrc AS body,
       p.provolatile AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS security_definer,
       p.proparallel AS parallel,
       p.proconfig AS config,
       descr.description AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
LEFT JOIN pg_description descr
       ON descr.objoid = p.oid AND descr.classoid = 'pg_proc'::regclass AND descr.objsubid = 0
WHERE p.prokind = 'f'
  AND p.prosqlbody IS NULL
  AND l.lanname NOT IN ('c', 'internal')
  AND n.nspname = ANY(%(schemas)s::text[])
  -- 'i': part of another object, such as a range type's constructors.
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
