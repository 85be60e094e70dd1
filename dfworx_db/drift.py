"""Declarations × live database → the changes that make the database equal the
declarations. The one comparison `plan`, `apply`'s check and `verify` all make.

The declarations are first made canonical: rendered, executed in a shadow database and
read back, so that type names, defaults and expressions are compared as Postgres writes
them (`varchar(255)` is `character varying(255)`), never as the YAML spells them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .catalog import Catalog
from .diff import Change, diff_catalogs
from .introspect import introspect
from .pg import connect, start_local_server
from .pg.default_privileges import DefaultPrivileges, default_privileges_sql, read_default_privileges
from .pg.shadow import canonical_current, create_missing_roles, execute_catalog, shadow_database


@contextmanager
def shadow_server(shadow_url: str | None = None) -> Iterator[str]:
    """The URL of a server for shadow databases: `shadow_url`'s server, else a throw-away
    local one started once for every shadow the caller makes on it."""
    if shadow_url:
        yield shadow_url
        return
    with start_local_server() as server:
        yield server.url()


def read(url: str, exclude_schemas: Iterable[str] = ()) -> Catalog:
    """The Catalog of the database at `url`."""
    with connect(url) as conn:
        return introspect(conn, exclude_schemas=exclude_schemas)


def read_target(url: str, exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, DefaultPrivileges]:
    """The Catalog of a target database and the default privileges its objects get
    from the role that migrates it."""
    with connect(url) as conn:
        return introspect(conn, exclude_schemas=exclude_schemas), read_default_privileges(conn)


def target_defaults(url: str) -> DefaultPrivileges:
    with connect(url) as conn:
        return read_default_privileges(conn)


def read_declared(declared: Catalog, server_url: str, defaults: DefaultPrivileges | None = None) -> Catalog:
    """`declared` as Postgres writes it back: created in a shadow on `server_url`'s
    server, under the target's default privileges when given (on Supabase, what
    `postgres` creates in `public` is granted to anon, authenticated and service_role),
    then read. Fails, naming the statement, when the declarations do not apply."""
    with shadow_database(server_url) as url:
        if defaults:
            _carry_defaults(url, defaults)
        execute_catalog(url, declared)
        return read(url)


def _carry_defaults(url: str, defaults: DefaultPrivileges) -> None:
    with connect(url, autocommit=True) as conn:
        create_missing_roles(conn, {p.grantee for p in defaults.granted})
        schemas = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
        for statement in default_privileges_sql(defaults, schemas):
            conn.execute(statement)


def changes_between(current: Catalog, desired: Catalog, server_url: str) -> list[Change]:
    """The ordered changes that take `current` to `desired` (both read from Postgres).
    Expressions written differently but meaning the same are judged by Postgres in a
    shadow (built only when some expression differs in text), never reported as drift."""
    return diff_catalogs(canonical_current(current, desired, server_url), desired)


def database_changes(url: str, declared: Catalog, *, shadow_url: str | None = None,
                     exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, list[Change]]:
    """The Catalog of the database at `url` and the changes that take it to `declared`.
    Supabase-managed schemas and `exclude_schemas` are neither read nor changed."""
    current, defaults = read_target(url, exclude_schemas)
    with shadow_server(shadow_url) as server:
        return current, changes_between(current, read_declared(declared, server, defaults), server)
