"""A Postgres always at hand: connections, a throw-away local server, extension checks
and the Supabase baseline for plain PostgreSQL."""

from dfworx_db.pg.baseline import BASELINE_MARKER, apply_baseline, baseline_sql, has_supabase
from dfworx_db.pg.connect import connect, redact, resolve_url, scrub, with_database
from dfworx_db.pg.extensions import check_extensions, missing_extensions
from dfworx_db.pg.server import (
    LocalServer,
    create_database,
    drop_database,
    start_local_server,
    system_bindir,
    unavailable_reason,
)

__all__ = [
    "BASELINE_MARKER",
    "LocalServer",
    "apply_baseline",
    "baseline_sql",
    "check_extensions",
    "connect",
    "create_database",
    "drop_database",
    "has_supabase",
    "missing_extensions",
    "redact",
    "resolve_url",
    "scrub",
    "start_local_server",
    "system_bindir",
    "unavailable_reason",
    "with_database",
]
