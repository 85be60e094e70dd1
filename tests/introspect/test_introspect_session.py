"""How the introspector uses the connection: a fixed number of queries whatever the
schema's size, and the session left as it was found."""

from __future__ import annotations

import psycopg
import pytest

from dfworx_db.introspect import introspect
from dfworx_db.introspect.inspector import KINDS

pytestmark = pytest.mark.postgres


class CountingConnection:
    """A psycopg connection that counts the statements sent through `execute`, its own or
    its cursors'."""

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn
        self.statements = 0

    def execute(self, *args, **kwargs):
        self.statements += 1
        return self._conn.execute(*args, **kwargs)

    def cursor(self, *args, **kwargs):
        return CountingCursor(self, self._conn.cursor(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._conn, name)


class CountingCursor:
    def __init__(self, counter: CountingConnection, cursor: psycopg.Cursor):
        self._counter, self._cursor = counter, cursor

    def execute(self, *args, **kwargs):
        self._counter.statements += 1
        self._cursor.execute(*args, **kwargs)
        return self

    def executemany(self, *args, **kwargs):
        raise AssertionError("the introspector is expected to send one statement per execute()")

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def _tables(conn: psycopg.Connection, schema: str, count: int) -> None:
    conn.execute(f"create schema {schema}")
    for i in range(count):
        conn.execute(f"""
            create table {schema}.t{i} (id int primary key, ref int references {schema}.t0, v text check (v <> ''));
            create index on {schema}.t{i} (v);
            create policy p on {schema}.t{i} using (true);
            create trigger tr before insert on {schema}.t{i} for each row execute function public.touch();
            comment on table {schema}.t{i} is 'x';
            grant select on {schema}.t{i} to public;
        """)


def _statements(conn: psycopg.Connection) -> tuple[int, int]:
    counting = CountingConnection(conn)
    catalog = introspect(counting)
    return counting.statements, len(catalog.tables)


def test_the_number_of_queries_does_not_grow_with_the_tables(db):
    db.execute("create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$")
    _tables(db, "small", 3)
    small = _statements(db)
    _tables(db, "big", 27)
    big = _statements(db)
    assert (small[1], big[1]) == (3, 30)
    assert small[0] == big[0]
    assert small[0] == 2 + len(KINDS)  # the session settings, the schemas, one query per kind


def test_the_session_is_left_as_it_was(db):
    db.execute("set search_path = public, pg_catalog; set timezone = 'Asia/Tokyo'")
    before = db.execute("select current_setting('search_path'), current_setting('TimeZone')").fetchone()
    introspect(db)
    after = db.execute("select current_setting('search_path'), current_setting('TimeZone'), "
                       "current_setting('transaction_read_only')").fetchone()
    assert after == (*before, "off")
    assert db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_inside_the_caller_s_transaction_only_a_savepoint_is_used(db_url):
    with psycopg.connect(db_url) as conn:  # not autocommit: the caller's transaction stays open
        conn.execute("create table public.t (id int)")
        conn.execute("set local search_path = public")
        catalog = introspect(conn)
        assert [t.name.name for t in catalog.tables] == ["t"]  # sees its own uncommitted work
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS
        assert conn.execute("select current_setting('search_path')").fetchone() == ("public",)
        conn.execute("insert into public.t values (1)")  # still writable
        conn.rollback()
