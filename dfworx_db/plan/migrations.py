"""The migrations folder: Supabase-named files (`<version>_<name>.sql`), the marker of
files that run outside a transaction, statement splitting, and replaying the folder
into a shadow database so that a plan needs no live database."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path

import psycopg

from ..errors import DatabaseError, DeclarationError, Problem, SourceLocation
from ..pg import connect, scrub

# The Supabase CLI's pattern for migration files; anything else in the folder is ignored.
FILE_PATTERN = re.compile(r"^([0-9]+)_(.*)\.sql$")
VERSION_FORMAT = "%Y%m%d%H%M%S"
# A file holding this line among its leading comments runs statement by statement,
# outside a transaction (CREATE INDEX CONCURRENTLY cannot run inside one).
NO_TRANSACTION_MARKER = "-- dfworx-db: no-transaction"


@dataclass(frozen=True)
class Statement:
    sql: str
    line: int  # 1-based line of the file where the statement starts


@dataclass(frozen=True)
class MigrationFile:
    path: Path
    version: str
    name: str

    @cached_property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def transactional(self) -> bool:
        return not has_no_transaction_marker(self.text)

    def statements(self) -> list[Statement]:
        return split_statements(self.text, str(self.path))


def has_no_transaction_marker(sql: str) -> bool:
    """True when the marker appears among the comment lines before the first statement."""
    for line in sql.splitlines():
        stripped = line.strip()
        if stripped == NO_TRANSACTION_MARKER:
            return True
        if stripped and not stripped.startswith("--"):
            return False
    return False


def split_statements(sql: str, filename: str = "<sql>") -> list[Statement]:
    """The statements of a script, each with the line it starts on, split by Postgres's
    own parser (dollar-quoted bodies and semicolons in strings are safe)."""
    import pglast

    try:
        slices = list(pglast.split(sql, only_slices=True))
    except pglast.parser.ParseError as err:
        line = sql.count("\n", 0, max(err.location - 1, 0)) + 1 if err.location else None
        raise DeclarationError([Problem(f"the migration is not valid SQL: {err.args[0]}",
                                        SourceLocation(filename, line), "fix the statement or regenerate the file")]) \
            from None
    return [Statement(sql[s].strip(), sql.count("\n", 0, s.start) + 1) for s in slices]


def migration_files(folder: Path) -> list[MigrationFile]:
    """The migration files of `folder` in version order (none when it does not exist).
    Two files with one version are an error, as for the Supabase CLI."""
    if not folder.is_dir():
        return []
    found: dict[str, MigrationFile] = {}
    for path in sorted(folder.iterdir()):
        match = FILE_PATTERN.match(path.name)
        if not match or not path.is_file():
            continue
        version, name = match.groups()
        if version in found:
            raise DeclarationError([Problem(f"two migrations have the version {version}: "
                                            f"{found[version].path.name} and {path.name}",
                                            SourceLocation(str(path)), "rename one of them to a later version")])
        found[version] = MigrationFile(path, version, name)
    return [found[v] for v in sorted(found, key=lambda v: (len(v), v))]


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


def run_migration(conn: psycopg.Connection, migration: MigrationFile, url: str) -> None:
    """Execute one migration file on an autocommit connection: in one transaction, or
    statement by statement when it is marked non-transactional."""
    try:
        if migration.transactional:
            with conn.transaction():
                conn.execute(migration.text)
        else:
            for statement in migration.statements():
                conn.execute(statement.sql)
    except psycopg.Error as err:
        message = err.diag.message_primary or str(err).strip()
        raise DatabaseError(scrub(f"{migration.path.name} does not apply: {message}", url)) from None


def replay(url: str, migrations: list[MigrationFile]) -> None:
    """Run `migrations` in order on the database at `url` (a shadow)."""
    with connect(url, autocommit=True) as conn:
        for migration in migrations:
            run_migration(conn, migration, url)
