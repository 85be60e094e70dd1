"""The migrations folder as plan sees it: the versions and names of new files, and the
folder replayed into a shadow database so that a plan needs no live database. Reading
and running the files is dfworx_db.migrate's (the same reading and running apply does)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..errors import DeclarationError, Problem
from ..migrate.files import MigrationFile, migration_files

__all__ = ["MigrationFile", "NO_TRANSACTION_MARKER", "migration_files", "next_versions", "replay", "slug"]

VERSION_FORMAT = "%Y%m%d%H%M%S"
# The line plan writes among the leading comments of a file that runs statement by
# statement, outside a transaction (apply reads it: dfworx_db.migrate.files).
NO_TRANSACTION_MARKER = "-- dfworx-db: no-transaction"


def next_versions(existing: list[MigrationFile], count: int, now: datetime | None = None) -> list[str]:
    """`count` consecutive versions (UTC timestamps, one second apart) later than every
    existing migration."""
    start = (now or datetime.now(timezone.utc)).replace(microsecond=0, tzinfo=None)
    if existing:
        try:
            newest = datetime.strptime(existing[-1].version, VERSION_FORMAT)
        except ValueError:  # a version that is not a timestamp: keep the digits ordering
            newest = None
        if newest is not None and newest >= start:
            start = newest + timedelta(seconds=1)
    return [(start + timedelta(seconds=i)).strftime(VERSION_FORMAT) for i in range(count)]


def slug(name: str) -> str:
    """A migration name as the Supabase CLI accepts it in a file name."""
    cleaned = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    if not cleaned:
        raise DeclarationError([Problem(f"the migration name {name!r} has no letters or digits", None,
                                        "pass --name with a short description, e.g. --name add_user_bio")])
    return cleaned


def replay(url: str, migrations: list[MigrationFile]) -> None:
    """Run `migrations` in order on the database at `url` (a shadow), exactly as `apply`
    runs them (each file in one transaction, or statement by statement when marked)."""
    from ..migrate.apply import apply_migrations
    from ..migrate.settings import ApplySettings
    apply_migrations(url, migrations, ApplySettings())
