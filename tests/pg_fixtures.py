"""Database fixtures: every test that touches Postgres gets a fresh, empty database.

A pytest plugin, loaded by ``pytest_plugins = ["pg_fixtures"]`` in ``tests/conftest.py``.

The server is ``$DFWORX_TEST_DATABASE_URL`` when set (any database on it the user may
connect to, e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``; the user needs
CREATEDB), else a throw-away `LocalServer` started once per session
(``$DFWORX_LOCAL_SERVER`` picks its kind). Test databases get unique names, so several
runs can share one server; pytest-postgresql's `DatabaseJanitor` creates and drops them.

Fixtures: ``pg_server_url`` (session; the server's maintenance database), ``db_url`` /
``db`` (a fresh database's URL / an autocommit connection to it) and
``supabase_db_url`` / ``supabase_db`` (the same database with the Supabase baseline
applied). Tests using them are marked ``postgres`` automatically. Mark a test
``@pytest.mark.requires_extension("uuid-ossp", ...)`` to skip it on servers lacking
those extensions.
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from pytest_postgresql.janitor import DatabaseJanitor

from dfworx_db.pg import (
    apply_baseline,
    connect,
    missing_extensions,
    start_local_server,
    with_database,
)

TEST_URL_ENV = "DFWORX_TEST_DATABASE_URL"
TEST_DATABASE_PREFIX = "dfworx_test_"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "requires_extension(*names): skip unless the test server can install these extensions",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that reaches the server through any fixture is a postgres test, whether or
    # not its author remembered the marker: `-m "not postgres"` must really skip it.
    for item in items:
        uses_server = "pg_server_url" in getattr(item, "fixturenames", ())
        if uses_server or item.get_closest_marker("requires_extension"):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of the test server's maintenance database; tests create their databases there."""
    url = os.environ.get(TEST_URL_ENV)
    if url:
        with connect(url):  # fail the session at once, with a clear and redacted message
            pass
        yield url
        return
    with start_local_server() as server:
        yield server.url()


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named empty database on ``server_url``'s server, yield its URL,
    drop it afterwards (ending any session still connected)."""
    params = conninfo_to_dict(server_url)
    name = TEST_DATABASE_PREFIX + uuid.uuid4().hex[:12]
    janitor = DatabaseJanitor(
        user=params.get("user") or getpass.getuser(),
        host=params.get("host"),  # None: libpq's default socket, as for the URL itself
        port=params.get("port") or os.environ.get("PGPORT") or 5432,
        password=params.get("password") or None,
        dbname=name,
        maintenance_dbname=params.get("dbname") or "postgres",
        connection_timeout=10,
    )
    with janitor:
        yield with_database(server_url, name)


@pytest.fixture
def db_url(pg_server_url: str) -> Iterator[str]:
    """URL of a fresh, empty database, dropped after the test."""
    with fresh_database(pg_server_url) as url:
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to ``db_url``'s database."""
    with connect(db_url, autocommit=True) as conn:
        yield conn


@pytest.fixture
def supabase_db_url(db_url: str) -> str:
    """``db_url`` with the Supabase baseline applied (the same database as ``db``)."""
    with connect(db_url, autocommit=True) as conn:
        apply_baseline(conn)
    return db_url


@pytest.fixture
def supabase_db(supabase_db_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to ``supabase_db_url``'s database."""
    with connect(supabase_db_url, autocommit=True) as conn:
        yield conn


@pytest.fixture(autouse=True)
def skip_without_required_extensions(request: pytest.FixtureRequest) -> None:
    """Skip a test marked ``requires_extension`` when the test server lacks one of them."""
    names = [name for mark in request.node.iter_markers("requires_extension") for name in mark.args]
    if not names:
        return
    with connect(request.getfixturevalue("pg_server_url")) as conn:
        missing = missing_extensions(conn, names)
        version = conn.info.server_version // 10000
    if missing:
        pytest.skip(f"the PostgreSQL {version} test server lacks {', '.join(missing)}")
