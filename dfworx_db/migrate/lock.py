"""One apply at a time per database: a session-level Postgres advisory lock, held for
the whole run and released by the server if the connection dies."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from psycopg import pq

from ..errors import DatabaseError

# A fixed key (the first 8 bytes of sha256("dfworx-db apply"), as a signed bigint): every
# dfworx-db, any version, takes the same lock on a given database.
LOCK_KEY = 1_410_732_151_643_991_886
POLL_SECONDS = 0.1

HOLDER = """\
SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), a.usename, a.backend_start
FROM pg_locks l JOIN pg_stat_activity a USING (pid)
WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND (l.classid::bigint << 32 | l.objid::bigint) = %s AND l.objsubid = 1
LIMIT 1"""


@contextmanager
def migration_lock(conn: psycopg.Connection, wait_seconds: float,
                   on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the migration lock of `conn`'s database (an autocommit connection) inside the
    block; wait up to `wait_seconds` for another holder, then raise `DatabaseError`."""
    deadline = time.monotonic() + wait_seconds
    told = False
    while not conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
        holder = describe_holder(conn)
        if time.monotonic() >= deadline:
            raise DatabaseError(
                f"another migration run holds the migration lock of this database ({holder}); "
                f"waited {wait_seconds:g} s, nothing was applied\n"
                "  hint: let it finish and run again, or wait longer with --lock-wait SECONDS")
        if on_wait and not told:
            on_wait(holder)
            told = True
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        if alive(conn):
            conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))


def alive(conn: psycopg.Connection) -> bool:
    """Whether `conn` can still talk to the server (a terminated backend or a lost
    network leaves it BAD; the server has then released the lock itself)."""
    return not conn.closed and conn.pgconn.status == pq.ConnStatus.OK


def describe_holder(conn: psycopg.Connection) -> str:
    row = conn.execute(HOLDER, (_unsigned(LOCK_KEY),)).fetchone()
    if row is None:
        return "holder unknown"
    pid, application, user, started = row
    return f"pid {pid}, {application}, user {user}, connected since {started:%Y-%m-%d %H:%M:%S %Z}"


def _unsigned(key: int) -> int:
    # pg_locks shows the bigint key as two unsigned 32-bit halves.
    return key & 0xFFFF_FFFF_FFFF_FFFF
