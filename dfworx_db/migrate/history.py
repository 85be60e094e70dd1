"""The migration history, in the Supabase CLI's table and ours beside it.

`supabase_migrations.schema_migrations (version, name, statements)` is created and
written exactly as the Supabase CLI does (pkg/migration/history.go), so `supabase
migration list` and `supabase db push` keep working on the same database; it stays the
truth of *what is applied*. `supabase_migrations.dfworx_migrations` adds what the CLI
does not keep: the file's sha256, when, how long and by whom. It has no foreign key to
the CLI's table, so `supabase migration repair` keeps working; a row of ours without a
row in the CLI's table is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import psycopg

from .files import MigrationFile

SCHEMA = "supabase_migrations"

# The Supabase CLI's statements, in its order (the table may predate its later columns).
CREATE_SUPABASE_TABLE = (
    "CREATE SCHEMA IF NOT EXISTS supabase_migrations",
    "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)",
    "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]",
    "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text",
)
CREATE_DFWORX_TABLE = """\
CREATE TABLE IF NOT EXISTS supabase_migrations.dfworx_migrations (
  version text NOT NULL PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz DEFAULT now(),
  duration_ms bigint,
  applied_by text DEFAULT session_user
)"""
COMMENT_DFWORX_TABLE = (
    "COMMENT ON TABLE supabase_migrations.dfworx_migrations IS "
    "'dfworx-db: sha256 checksum, time, duration and role of each applied migration "
    "(NULL: applied by another tool, checksum taken later); "
    "supabase_migrations.schema_migrations says which are applied'")

READ = """\
SELECT s.version, coalesce(s.name, ''), s.statements, d.checksum, d.applied_at, d.duration_ms, d.applied_by
FROM supabase_migrations.schema_migrations s
LEFT JOIN supabase_migrations.dfworx_migrations d USING (version)
ORDER BY s.version"""
READ_SUPABASE_ONLY = """\
SELECT version, coalesce(name, ''), statements, NULL::text, NULL::timestamptz, NULL::bigint, NULL::text
FROM supabase_migrations.schema_migrations ORDER BY version"""

INSERT_SUPABASE = "INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES (%s, %s, %s)"
UPSERT_SUPABASE = INSERT_SUPABASE + (" ON CONFLICT (version) DO UPDATE"
                                     " SET name = excluded.name, statements = excluded.statements")
UPSERT_DFWORX = """\
INSERT INTO supabase_migrations.dfworx_migrations (version, checksum, applied_at, duration_ms)
VALUES (%s, %s, %s, %s)
ON CONFLICT (version) DO UPDATE SET checksum = excluded.checksum, applied_at = excluded.applied_at,
  duration_ms = excluded.duration_ms, applied_by = excluded.applied_by"""
ADOPT_DFWORX = """\
INSERT INTO supabase_migrations.dfworx_migrations (version, checksum, applied_at, duration_ms, applied_by)
VALUES (%s, %s, NULL, NULL, NULL) ON CONFLICT (version) DO NOTHING"""
DELETE = ("DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY(%s)",
          "DELETE FROM supabase_migrations.dfworx_migrations WHERE version = ANY(%s)")


@dataclass(frozen=True)
class AppliedRecord:
    """One applied version. `checksum` is None for a version applied by the Supabase CLI
    (or recorded by its `migration repair`), which keeps no checksum."""

    version: str
    name: str
    statements: tuple[str, ...] | None
    checksum: str | None = None
    applied_at: datetime | None = None
    duration_ms: int | None = None
    applied_by: str | None = None


class History:
    """Reads and writes the history through `conn`; writes join the caller's transaction."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def exists(self) -> tuple[bool, bool]:
        """Whether the Supabase CLI's table and ours exist."""
        row = self.conn.execute(
            "SELECT to_regclass('supabase_migrations.schema_migrations') IS NOT NULL,"
            " to_regclass('supabase_migrations.dfworx_migrations') IS NOT NULL").fetchone()
        return bool(row[0]), bool(row[1])

    def ensure(self) -> None:
        """Create what is missing, as the Supabase CLI would, plus our table."""
        with self.conn.transaction():
            # As the CLI: do not queue behind a long lock on the history.
            self.conn.execute("SET LOCAL lock_timeout = '4s'")
            for statement in CREATE_SUPABASE_TABLE:
                self.conn.execute(statement)
            if not self.exists()[1]:
                self.conn.execute(CREATE_DFWORX_TABLE)
                self.conn.execute(COMMENT_DFWORX_TABLE)

    def read(self) -> dict[str, AppliedRecord]:
        """The applied versions ({} when there is no history yet)."""
        supabase, ours = self.exists()
        if not supabase:
            return {}
        rows = self.conn.execute(READ if ours else READ_SUPABASE_ONLY).fetchall()
        return {r[0]: AppliedRecord(version=r[0], name=r[1], statements=tuple(r[2]) if r[2] is not None else None,
                                    checksum=r[3], applied_at=r[4], duration_ms=r[5], applied_by=r[6])
                for r in rows}

    def record(self, file: MigrationFile, *, duration_ms: int | None = None, applied_at: datetime | None = None,
               replace: bool = False) -> None:
        """Record `file` as applied in both tables. `replace` overwrites an existing row of
        the CLI's table (repair, baseline); apply inserts, so a version recorded meanwhile
        by someone else fails loudly instead of being overwritten."""
        statements = [s.text for s in file.statements]
        self.conn.execute(UPSERT_SUPABASE if replace else INSERT_SUPABASE, (file.version, file.name, statements))
        self.record_checksum(file, duration_ms=duration_ms, applied_at=applied_at)

    def record_checksum(self, file: MigrationFile, *, duration_ms: int | None = None,
                        applied_at: datetime | None = None) -> None:
        self.conn.execute(UPSERT_DFWORX, (file.version, file.checksum, applied_at or datetime.now(timezone.utc),
                                          duration_ms))

    def adopt(self, file: MigrationFile) -> None:
        """Keep the checksum of a version another tool applied (its time, duration and
        role are unknown, left NULL), so later edits of the file are caught."""
        self.conn.execute(ADOPT_DFWORX, (file.version, file.checksum))

    def remove(self, versions: list[str]) -> None:
        for statement in DELETE:
            self.conn.execute(statement, (versions,))
