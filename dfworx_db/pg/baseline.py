"""The Supabase baseline: Supabase's API roles and ``auth`` claim functions on plain Postgres.

Declarations reference ``anon``, ``authenticated``, ``service_role`` and ``auth.uid()``
in grants and policies; a shadow database or a test database must have them for the
declared DDL to run. The SQL lives in ``baseline.sql`` beside this module. Its ``auth``
schema carries `BASELINE_MARKER` as its comment, which is how `apply_baseline` tells its
own schema from a real Supabase one it must never touch.
"""

from __future__ import annotations

from importlib.resources import files

import psycopg

from dfworx_db.errors import DatabaseError

BASELINE_MARKER = "dfworx-db supabase baseline"
BASELINE_ROLES = ("anon", "authenticated", "service_role")


def baseline_sql() -> str:
    """The baseline script, as shipped in the package."""
    return files("dfworx_db.pg").joinpath("baseline.sql").read_text(encoding="utf-8")


def has_supabase(conn: psycopg.Connection) -> bool:
    """Whether the database has an ``auth`` schema that the baseline did not create:
    a real Supabase database, or anything else owning that name."""
    row = conn.execute(
        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'auth'"
    ).fetchone()
    return row is not None and row[0] != BASELINE_MARKER


def apply_baseline(conn: psycopg.Connection) -> None:
    """Create whatever of the baseline is missing in ``conn``'s database, in one transaction
    (a savepoint, if the caller has a transaction open: committing it is then the caller's).

    Running it again changes nothing; running it in several databases of one cluster at
    once is safe. Raises `DatabaseError`, changing nothing, when the database already
    has a foreign ``auth`` schema (see `has_supabase`) or the baseline cannot run.
    """
    # One conn.transaction() for check and script: it commits on its own unless
    # the caller already opened a transaction, which then stays the caller's to commit.
    try:
        with conn.transaction():
            if has_supabase(conn):
                raise DatabaseError(
                    f"{_database(conn)} already has an auth schema that dfworx-db did not "
                    "create; the Supabase baseline is not applied over it\n"
                    "  hint: the baseline is for plain PostgreSQL; a Supabase database "
                    "already has the roles and auth functions it provides"
                )
            conn.execute(baseline_sql())
    except psycopg.Error as exc:
        raise DatabaseError(
            f"cannot apply the Supabase baseline to {_database(conn)}: {str(exc).strip()}\n"
            "  hint: the first run on a cluster creates the roles "
            f"{', '.join(BASELINE_ROLES)} and needs CREATEROLE (or a superuser)"
        ) from exc


def _database(conn: psycopg.Connection) -> str:
    return f"database {conn.info.dbname!r}"
