"""Whether a server can install the extensions a declaration asks for.

Checked before the shadow runs any DDL, so a missing extension is one clear error that
names every missing one and the way out, not a failure halfway through a script.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from dfworx_db.errors import DatabaseError

# Extensions people commonly declare that the embedded PostgreSQL 18 does not ship,
# each with its core replacement.
_REPLACEMENTS = {
    "uuid-ossp": "use gen_random_uuid() (core since PostgreSQL 13) instead of uuid_generate_v4()",
    "pgcrypto": "gen_random_uuid() is core since PostgreSQL 13 and sha256() since 11; "
    "crypt(), digest() and pgp_*() need a server that ships pgcrypto",
}


def missing_extensions(conn: psycopg.Connection, names: Iterable[str]) -> list[str]:
    """The names among ``names`` that the server cannot install, sorted."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    rows = conn.execute(
        "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", (wanted,)
    ).fetchall()
    available = {name for (name,) in rows}
    return [name for name in wanted if name not in available]


def check_extensions(conn: psycopg.Connection, names: Iterable[str]) -> None:
    """Raise `DatabaseError` naming every extension of ``names`` the server lacks.

    Availability is what ``pg_available_extensions`` lists (installable, not necessarily
    installed). The message says which server version was asked and how to fix it.
    """
    missing = missing_extensions(conn, names)
    if not missing:
        return
    version = conn.info.server_version
    plural = "s" if len(missing) > 1 else ""
    known = [name for name in missing if name in _REPLACEMENTS]
    other = [name for name in missing if name not in _REPLACEMENTS]
    hints = [f"{name}: {_REPLACEMENTS[name]}" for name in known]
    if known:
        them = "them" if len(known) > 1 else "it"
        hints.append(
            f"{' and '.join(known)} {'are' if len(known) > 1 else 'is'} not shipped by the "
            f"embedded PostgreSQL 18 server: point --shadow-url at a server that has {them}"
        )
    if other:
        hints.append(
            f"{', '.join(other)}: install the package that provides it on that server (core "
            "extensions ship with postgresql-contrib), or point --shadow-url at a server "
            "that has it"
        )
    raise DatabaseError(
        f"the PostgreSQL {version // 10000}.{version % 10000} server cannot install "
        f"extension{plural} {', '.join(missing)}\n"
        + "\n".join(f"  hint: {hint}" for hint in hints)
    )
