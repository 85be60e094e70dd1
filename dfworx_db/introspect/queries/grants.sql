-- Every privilege held on schemas, relations, columns and functions. A NULL ACL means the
-- defaults (acldefault), made explicit here: functions' EXECUTE for PUBLIC, for one.
-- The owner's own rights are implicit and left out. Functions are named by oid: their
-- identity arguments are the ones the Function model derives (see security.py).
WITH relations AS (
    SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, n.nspname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND n.nspname = ANY(%(schemas)s::text[])
      AND NOT EXISTS (SELECT FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')
      AND (%(tables)s::oid[] IS NULL
           OR c.oid = ANY(%(tables)s::oid[] || ARRAY(SELECT oid FROM pg_class WHERE relkind IN ('v', 'm', 'S'))))
), privileges AS (
SELECT 'schema' AS object_kind, n.nspname AS schema, n.nspname AS name, NULL AS column_name,
       NULL::oid AS function_oid, acl.grantee, acl.privilege_type, acl.is_grantable
FROM pg_namespace n,
     aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) acl
WHERE n.nspname = ANY(%(schemas)s::text[]) AND acl.grantee <> n.nspowner
UNION ALL
SELECT CASE r.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END,
       r.nspname, r.relname, NULL, NULL, acl.grantee, acl.privilege_type, acl.is_grantable
FROM relations r,
     aclexplode(coalesce(r.relacl, acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::"char",
                                              r.relowner))) acl
WHERE acl.grantee <> r.relowner
UNION ALL
SELECT 'column', r.nspname, r.relname, a.attname, NULL, acl.grantee, acl.privilege_type, acl.is_grantable
FROM relations r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL,
     aclexplode(a.attacl) acl
WHERE acl.grantee <> r.relowner
UNION ALL
SELECT 'function', n.nspname, p.proname, NULL, p.oid, acl.grantee, acl.privilege_type, acl.is_grantable
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace,
     aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl
WHERE n.nspname = ANY(%(schemas)s::text[]) AND acl.grantee <> p.proowner
)
SELECT object_kind, schema, name, column_name, function_oid,
       CASE WHEN grantee = 0 THEN 'public' ELSE pg_get_userbyid(grantee) END AS grantee,
       lower(privilege_type) AS privilege,
       is_grantable
FROM privileges
