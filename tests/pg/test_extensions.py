"""Extension checks: every missing extension is named, with a way out."""

from __future__ import annotations

import psycopg
import pytest

from dfworx_db.errors import DatabaseError
from dfworx_db.pg import check_extensions, missing_extensions

pytestmark = pytest.mark.postgres


def test_available_extensions_pass(db: psycopg.Connection) -> None:
    check_extensions(db, ["plpgsql", "pg_trgm"])
    check_extensions(db, [])


def test_a_missing_extension_is_named_with_a_hint(db: psycopg.Connection) -> None:
    with pytest.raises(DatabaseError) as caught:
        check_extensions(db, ["pg_trgm", "no_such_ext"])
    message = str(caught.value)
    assert "cannot install extension no_such_ext" in message
    assert "pg_trgm" not in message
    assert "hint: no_such_ext: install the package" in message


def test_every_missing_extension_is_named_once(db: psycopg.Connection) -> None:
    assert missing_extensions(db, ["zz_ext", "no_such_ext", "zz_ext", "plpgsql"]) == [
        "no_such_ext",
        "zz_ext",
    ]
    with pytest.raises(DatabaseError, match="extensions no_such_ext, zz_ext"):
        check_extensions(db, ["zz_ext", "no_such_ext"])


def test_uuid_ossp_is_either_available_or_replaced_by_core(db: psycopg.Connection) -> None:
    # The embedded PostgreSQL 18 lacks uuid-ossp and pgcrypto; the machine's 15 has both.
    missing = missing_extensions(db, ["uuid-ossp", "pgcrypto"])
    if not missing:
        check_extensions(db, ["uuid-ossp", "pgcrypto"])
        return
    with pytest.raises(DatabaseError) as caught:
        check_extensions(db, ["uuid-ossp", "pgcrypto"])
    message = str(caught.value)
    assert all(name in message for name in missing)
    assert "gen_random_uuid()" in message
    assert "--shadow-url" in message


@pytest.mark.requires_extension("uuid-ossp", "pgcrypto")
def test_uuid_ossp_and_pgcrypto_install_where_shipped(db: psycopg.Connection) -> None:
    db.execute('CREATE EXTENSION "uuid-ossp"')
    db.execute("CREATE EXTENSION pgcrypto")
    row = db.execute("SELECT uuid_generate_v4() IS NOT NULL, length(digest('x', 'sha256'))").fetchone()
    assert row == (True, 32)
