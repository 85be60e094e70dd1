"""The throw-away local server: both kinds start, serve, and leave nothing behind."""

from __future__ import annotations

import pytest

from dfworx_db.errors import DatabaseError
from dfworx_db.pg import connect, start_local_server, unavailable_reason
from dfworx_db.pg.server import FAST_SETTINGS, KIND_ENV

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("kind", ["system", "embedded"])
def test_local_server_of_each_kind_serves_and_cleans_up(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reason := unavailable_reason(kind):
        pytest.skip(reason)
    # Chosen through the environment variable, as CI forces the embedded server.
    monkeypatch.setenv(KIND_ENV, kind)
    with start_local_server() as server:
        assert server.kind == kind
        with connect(server.url(), autocommit=True) as conn:
            assert conn.execute("SELECT 1 + 1").fetchone() == (2,)
            settings = dict(conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)",
                (["listen_addresses", *FAST_SETTINGS],),
            ).fetchall())
        # Unix socket only, and no durability work for disposable data.
        assert settings == {"listen_addresses": "", **FAST_SETTINGS}
        if kind == "embedded":
            assert server.version == 18

        url = server.create_database("scratch db")
        with connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == ("scratch db",)
            server.drop_database("scratch db")  # ends this still-open session too
        with pytest.raises(DatabaseError, match="scratch db"):
            connect(url)
    assert not server.socket_dir.exists()
    with pytest.raises(DatabaseError, match="cannot connect"):
        connect(server.url())
    server.stop()  # a second stop is harmless


def test_an_unknown_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KIND_ENV, "docker")
    with pytest.raises(DatabaseError, match="system or embedded"):
        start_local_server()
