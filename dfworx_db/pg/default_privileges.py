"""A target's default privileges, carried into the shadow that builds the desired state.

On Supabase, tables, sequences and functions that `postgres` creates in `public` are
granted to `anon`, `authenticated` and `service_role` at once, through
`ALTER DEFAULT PRIVILEGES`. A migration applied there therefore leaves more grants than
the declarations name. The desired state is read back from a shadow; when the shadow
creates the declared objects under the same default privileges as the target's
migrating role, it reads back exactly what the target will hold, and `verify` or
`plan --db-url` see no drift where there is none."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from ..render.quoting import quote_ident, quote_role

# pg_default_acl.defaclobjtype → the word ALTER DEFAULT PRIVILEGES uses
OBJECT_KINDS = {"r": "TABLES", "S": "SEQUENCES", "f": "FUNCTIONS", "T": "TYPES", "n": "SCHEMAS"}

_QUERY = """
SELECT n.nspname AS schema, d.defaclobjtype AS kind,
       CASE WHEN a.grantee = 0 THEN 'public' ELSE pg_get_userbyid(a.grantee) END AS grantee,
       a.privilege_type AS privilege, a.is_grantable AS grantable
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl) a
WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  AND a.grantee <> d.defaclrole
ORDER BY 1, 2, 3, 4
"""
# Kinds whose database-wide defaults the role changed: such an entry replaces the
# built-in default (PUBLIC's EXECUTE on functions, USAGE on types) instead of adding.
_REPLACED = """
SELECT d.defaclobjtype FROM pg_default_acl d
WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND d.defaclnamespace = 0
"""
# The built-in defaults for PUBLIC, by kind.
_BUILT_IN = {"f": "EXECUTE", "T": "USAGE"}


@dataclass(frozen=True)
class DefaultPrivileges:
    granted: tuple["DefaultPrivilege", ...] = ()
    replaced_kinds: tuple[str, ...] = ()  # database-wide entries, which replace the built-ins

    def __bool__(self) -> bool:
        return bool(self.granted or self.replaced_kinds)


@dataclass(frozen=True, order=True)
class DefaultPrivilege:
    """One privilege the connecting role's new objects get: in `schema` (None: in
    every schema), on objects of `kind` (a key of OBJECT_KINDS)."""
    schema: str | None
    kind: str
    grantee: str
    privilege: str
    grantable: bool = False


def read_default_privileges(conn: psycopg.Connection) -> DefaultPrivileges:
    """The default privileges of the connecting role (the role migrations run as)."""
    granted = tuple(DefaultPrivilege(*row) for row in conn.execute(_QUERY).fetchall() if row[1] in OBJECT_KINDS)
    replaced = tuple(sorted(r[0] for r in conn.execute(_REPLACED).fetchall() if r[0] in OBJECT_KINDS))
    return DefaultPrivileges(granted, replaced)


def default_privileges_sql(defaults: DefaultPrivileges, existing_schemas: set[str]) -> list[str]:
    """ALTER DEFAULT PRIVILEGES statements that give the connecting role the same
    defaults. Defaults in a schema are carried only where the schema exists before the
    declarations run (`public`): the shadow cannot hold defaults in a schema it has yet
    to create."""
    statements = []
    for kind in defaults.replaced_kinds:
        privilege = _BUILT_IN.get(kind)
        if privilege and not any(p.schema is None and p.kind == kind and p.grantee == "public"
                                 for p in defaults.granted):
            statements.append(f"ALTER DEFAULT PRIVILEGES REVOKE {privilege} ON {OBJECT_KINDS[kind]} FROM PUBLIC")
    for p in defaults.granted:
        if p.schema is not None and p.schema not in existing_schemas:
            continue
        where = f" IN SCHEMA {quote_ident(p.schema)}" if p.schema else ""
        option = " WITH GRANT OPTION" if p.grantable else ""
        statements.append(f"ALTER DEFAULT PRIVILEGES{where} GRANT {p.privilege} ON {OBJECT_KINDS[p.kind]} "
                          f"TO {quote_role(p.grantee)}{option}")
    return statements
