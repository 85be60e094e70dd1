"""Connection URLs: where they come from, and that their passwords never show."""

from __future__ import annotations

import socket
import traceback

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from dfworx_db.errors import DatabaseError
from dfworx_db.pg import connect, redact, resolve_url, scrub, with_database

SECRET = "hunter2-s3cret"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:secret@h/db", "postgresql://u:***@h/db"),
        ("postgres://u:secret@h:5/db?x=1", "postgres://u:***@h:5/db?x=1"),
        ("host=h password=secret dbname=db", "host=h password=*** dbname=db"),
        ("host=h password = 'se cr\\'et' dbname=db", "host=h password = *** dbname=db"),
        ("postgresql://u@h/db?password=secret&sslmode=require",
         "postgresql://u@h/db?password=***&sslmode=require"),
        ("host=h sslpassword=secret", "host=h sslpassword=***"),
        # A raw '@' or '/' is invalid in a libpq password, yet is hidden whole.
        ("postgresql://u:sec@ret@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:sec/ret@h/db", "postgresql://u:***@h/db"),
        # Nothing to hide: left exactly as it was.
        ("postgresql://postgres:@/postgres?host=/tmp/x", "postgresql://postgres:@/postgres?host=/tmp/x"),
        ("postgresql://u@h:5432/db?x=a@b", "postgresql://u@h:5432/db?x=a@b"),
        ("password authentication failed for user \"u\"",
         "password authentication failed for user \"u\""),
    ],
)
def test_redact_hides_every_password_form(url: str, expected: str) -> None:
    assert redact(url) == expected


def test_redact_finds_urls_inside_messages() -> None:
    message = f"failed: postgresql://u:{SECRET}@h/db?x=1 and host=h password={SECRET} port=5"
    assert redact(message) == "failed: postgresql://u:***@h/db?x=1 and host=h password=*** port=5"


def test_scrub_masks_a_secret_echoed_out_of_context() -> None:
    url = f"postgresql://u:{SECRET}@h/db"
    assert scrub(f'invalid token "{SECRET}"', url) == 'invalid token "***"'


def test_resolve_url_prefers_the_explicit_value() -> None:
    env = {"DATABASE_URL": "postgresql://env/db"}
    assert resolve_url("postgresql://flag/db", environ=env) == "postgresql://flag/db"
    assert resolve_url(None, environ=env) == "postgresql://env/db"
    assert resolve_url("", environ={"DATABASE_URL": ""}, required=False) is None


def test_resolve_url_without_any_url_says_how_to_give_one() -> None:
    with pytest.raises(DatabaseError, match="--db-url or set DATABASE_URL"):
        resolve_url(None, environ={})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h:5/old?sslmode=require", "postgresql://u:p@h:5/new%20db?sslmode=require"),
        ("postgresql://postgres@/old?host=/tmp/s", "postgresql://postgres@/new%20db?host=/tmp/s"),
    ],
)
def test_with_database_swaps_only_the_database_of_a_uri(url: str, expected: str) -> None:
    assert with_database(url, "new db") == expected


def test_with_database_swaps_only_the_database_of_a_conninfo() -> None:
    swapped = with_database("host=h dbname=old port=5", "new db")
    assert conninfo_to_dict(swapped) == {"host": "h", "dbname": "new db", "port": "5"}


def _refused_port() -> int:
    # A port just released by the OS: nothing listens there.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _assert_hidden(error: DatabaseError) -> None:
    rendered = "".join(traceback.format_exception(error))
    assert SECRET not in rendered
    assert error.__cause__ is None and error.__context__ is None


def test_a_refused_connection_names_the_server_not_the_password() -> None:
    url = f"postgresql://someone:{SECRET}@127.0.0.1:{_refused_port()}/db"
    with pytest.raises(DatabaseError) as caught:
        connect(url)
    message = str(caught.value)
    assert "someone:***@127.0.0.1" in message
    assert "hint:" in message
    _assert_hidden(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        f"host=127.0.0.1 password {SECRET}",  # missing '=': libpq echoes pieces of it
        f"postgresql://u:{SECRET}%zz@127.0.0.1/db",  # bad percent-encoding, echoed whole
    ],
)
def test_a_malformed_url_is_reported_without_its_password(url: str) -> None:
    with pytest.raises(DatabaseError, match="malformed") as caught:
        connect(url)
    _assert_hidden(caught.value)


@pytest.mark.postgres
def test_a_rejected_login_does_not_reveal_the_password(pg_server_url: str) -> None:
    url = make_conninfo(pg_server_url, user="dfworx_no_such_role", password=SECRET)
    with pytest.raises(DatabaseError, match="dfworx_no_such_role") as caught:
        connect(url)
    assert "password=***" in str(caught.value)
    _assert_hidden(caught.value)


@pytest.mark.postgres
def test_connect_honours_autocommit(db_url: str) -> None:
    with connect(db_url, autocommit=True) as conn:
        assert conn.autocommit
        assert conn.execute("SELECT current_setting('application_name')").fetchone() == ("dfworx-db",)
    with connect(db_url) as conn:
        assert not conn.autocommit
