"""Run the pending migrations of a folder against a live database: under the migration
lock, after the integrity checks, each file in its own transaction together with its
history rows (or, marked `-- dfworx-db: no-transaction`, statement by statement), so a
failure or a lost connection leaves database and history at the previous file."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone

import psycopg
from psycopg import errors, pq

from ..errors import DatabaseError, DeclarationError, Problem, SourceLocation
from ..pg import connect, redact, scrub
from .files import MigrationFile, Statement
from .history import History
from .lock import alive, migration_lock
from .settings import ApplySettings
from .status import EDITED, MISSING_LOCALLY, OUT_OF_ORDER, PENDING, VersionStatus, version_statuses

SET_DEFAULTS = "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)"
INVALID_INDEXES = """\
SELECT n.nspname, c.relname FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid ORDER BY 1, 2"""
STATEMENT_LINES_SHOWN = 12
_OK = (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK, pq.ExecStatus.EMPTY_QUERY)


class Progress:
    """What apply reports while it runs; the command prints it, tests may record it."""

    def waiting_for_lock(self, holder: str) -> None: ...
    def file_started(self, file: MigrationFile, statements: int) -> None: ...
    def statement_done(self, file: MigrationFile, done: int) -> None: ...
    def file_finished(self, outcome: FileOutcome) -> None: ...


@dataclass(frozen=True)
class FileOutcome:
    file: MigrationFile
    applied: bool
    statements_run: int
    statements_total: int
    duration_ms: int
    transactional: bool

    def as_json(self) -> dict:
        return {"version": self.file.version, "name": self.file.name, "file": self.file.filename,
                "applied": self.applied, "transactional": self.transactional,
                "statements_run": self.statements_run, "statements": self.statements_total,
                "duration_ms": self.duration_ms}


@dataclass
class ApplyResult:
    pending: list[MigrationFile]                      # what runs (or would, in a dry run)
    applied: list[FileOutcome] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)  # versions whose checksum was taken now


class MigrationFailed(DatabaseError):
    """A statement failed or the connection was lost; carries what was applied before."""

    def __init__(self, message: str, applied: list[FileOutcome], failed: FileOutcome, not_run: list[MigrationFile],
                 error: dict):
        super().__init__(message)
        self.applied, self.failed, self.not_run, self.error = applied, failed, not_run, error


def pending_migrations(statuses: list[VersionStatus], *, include_all: bool = False) -> list[MigrationFile]:
    """The files to run, in version order. Refused, with every reason at once, when an
    applied file was edited, an applied version has no file, or (without `include_all`,
    the Supabase CLI's flag) a pending file is older than the newest applied version.
    Each pending file is also split and checked before anything runs."""
    problems: list[Problem] = []
    newest = max((s.version for s in statuses if s.record is not None), default="")
    for status in statuses:
        if status.state == EDITED:
            problems.append(Problem(
                f"migration {status.version} was edited after it was applied ({status.note})",
                SourceLocation(status.file.shown_path),
                "restore the file as it was applied and put the change in a new migration; if the edit is "
                f"deliberate and the database already matches it, run `dfworx-db repair {status.version} --status applied`"))
        elif status.state == MISSING_LOCALLY:
            problems.append(Problem(
                f"migration {status.version} ({status.name}) is applied to the database but has no file here",
                None, f"restore the file, or if it was removed on purpose run "
                      f"`dfworx-db repair {status.version} --status reverted`"))
        elif status.state == OUT_OF_ORDER and not include_all:
            problems.append(Problem(
                f"migration {status.version} is not applied but older than the newest applied one ({newest})",
                SourceLocation(status.file.shown_path),
                "give it a newer version, or apply it anyway with --include-all"))
    pending = [s.file for s in statuses if s.state == PENDING or (include_all and s.state == OUT_OF_ORDER)]
    for file in pending:
        try:
            file.executable()
        except DeclarationError as err:
            problems.extend(err.problems)
    if problems:
        raise DeclarationError(problems)
    return pending


def apply_migrations(url: str, files: list[MigrationFile], settings: ApplySettings, *, include_all: bool = False,
                     dry_run: bool = False, progress: Progress | None = None) -> ApplyResult:
    """Apply the pending `files` to the database at `url`; a dry run only reads the
    history and returns what would run. Raises `DeclarationError` (nothing run) when the
    integrity checks refuse, `MigrationFailed` when a file fails."""
    progress = progress or Progress()
    with database_errors(url), connect(url, autocommit=True) as conn:
        lock = nullcontext() if dry_run else migration_lock(conn, settings.lock_wait, progress.waiting_for_lock)
        with lock:
            history = History(conn)
            statuses = version_statuses(files, history.read())
            result = ApplyResult(pending=pending_migrations(statuses, include_all=include_all))
            adopt = [s.file for s in statuses if s.adoptable]
            if dry_run:
                result.adopted = [f.version for f in adopt]
                return result
            if result.pending or adopt:
                history.ensure()
            if adopt:
                with conn.transaction():
                    for file in adopt:
                        history.adopt(file)
                result.adopted = [f.version for f in adopt]
            runner = _Runner(conn, history, settings, progress, url)
            for index, file in enumerate(result.pending):
                try:
                    result.applied.append(runner.run(file))
                except _Failed as failure:
                    raise MigrationFailed(failure.message(result.applied, result.pending[index + 1:]),
                                          result.applied, failure.outcome, result.pending[index + 1:],
                                          failure.error) from None
                progress.file_finished(result.applied[-1])
    return result


@contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn a driver error outside a migration (reading or writing the history, taking
    the lock) into a `DatabaseError` with the redacted URL and no password."""
    try:
        yield
    except psycopg.Error as err:
        diag = err.diag
        code = f" {diag.sqlstate}" if diag.sqlstate else ""
        raise DatabaseError(scrub(f"{redact(url)}: ERROR{code}: {str(err).strip()}", url)) from None


class _Failed(Exception):
    def __init__(self, outcome: FileOutcome, statement: Statement | None, error: psycopg.Error | None,
                 detail_lines: list[str], url: str, lost: bool):
        self.outcome, self.statement, self.lost = outcome, statement, lost
        self.url, self.detail_lines = url, detail_lines
        diag = error.diag if error is not None else None
        message = (diag.message_primary if diag and diag.message_primary else str(error or "").strip()) or ""
        self.error = {"sqlstate": diag.sqlstate if diag else None, "message": scrub(message, url),
                      "detail": scrub(diag.message_detail, url) if diag and diag.message_detail else None,
                      "hint": scrub(diag.message_hint, url) if diag and diag.message_hint else None,
                      "position": int(diag.statement_position) if diag and diag.statement_position else None,
                      "location": None, "statement": statement.sql if statement else None}
        if statement is not None:
            offset = statement.offset + (self.error["position"] or 1) - 1
            self.error["location"] = str(outcome.file.location(offset))

    def message(self, applied: list[FileOutcome], not_run: list[MigrationFile]) -> str:
        file, out = self.outcome.file, self.outcome
        if out.transactional:
            fate = ("the connection was lost; the server rolled back this file's transaction" if self.lost
                    else "it was rolled back") + ", nothing of it is recorded"
        else:
            fate = (f"it runs outside a transaction: statements 1–{out.statements_run} of {out.statements_total} "
                    "ran and stay; the file is not recorded (its statements should be re-runnable: fix and apply again)"
                    if out.statements_run else "no statement of it ran; it is not recorded")
        lines = [f"migration {file.filename} failed; {fate}"]
        if self.statement is not None:
            number = out.statements_run + 1
            lines.append(f"  {self.error['location']}: statement {number} of {out.statements_total}:")
            shown = self.statement.sql.splitlines()
            lines.extend("    " + s for s in shown[:STATEMENT_LINES_SHOWN])
            if len(shown) > STATEMENT_LINES_SHOWN:
                lines.append(f"    … ({len(shown) - STATEMENT_LINES_SHOWN} more lines)")
        code = f" {self.error['sqlstate']}" if self.error["sqlstate"] else ""
        if self.error["message"]:
            lines.append(f"  ERROR{code}: {self.error['message']}")
        if self.error["detail"]:
            lines.append(f"  detail: {self.error['detail']}")
        if self.error["hint"]:
            lines.append(f"  hint: {self.error['hint']}")
        lines.extend(self.detail_lines)
        done = ", ".join(o.file.filename for o in applied) or "none"
        lines.append(f"  applied before it in this run: {done}")
        if not_run:
            lines.append(f"  not run: {', '.join(f.filename for f in not_run)}")
        return scrub("\n".join(lines), self.url)


class _Runner:
    def __init__(self, conn: psycopg.Connection, history: History, settings: ApplySettings, progress: Progress,
                 url: str):
        self.conn, self.history, self.settings, self.progress, self.url = conn, history, settings, progress, url

    def run(self, file: MigrationFile) -> FileOutcome:
        statements = file.executable()
        self._done = 0
        self.progress.file_started(file, len(statements))
        try:
            # As the Supabase CLI: no setting of an earlier file leaks into this one.
            self.conn.execute("RESET ALL")
            self.conn.execute(SET_DEFAULTS, (self.settings.lock_timeout, self.settings.statement_timeout))
        except psycopg.Error as err:
            raise self._failed(file, statements, 0, None, err, 0.0) from None
        started_at, start = datetime.now(timezone.utc), time.perf_counter()
        if file.transactional:
            return self._run_in_transaction(file, statements, started_at, start)
        return self._run_outside_transaction(file, statements, started_at, start)

    def _run_in_transaction(self, file: MigrationFile, statements: list[Statement], started_at: datetime,
                            start: float) -> FileOutcome:
        done, first_error = 0, None
        try:
            with self.conn.transaction():
                try:
                    done = self._execute_batched(file, statements)
                    self.history.record(file, duration_ms=_ms_since(start), applied_at=started_at)
                except psycopg.Error as err:
                    first_error = err
                    raise
        except psycopg.Error as err:
            error = first_error or err
            failing = statements[self._done] if self._done < len(statements) else None
            raise self._failed(file, statements, self._done, failing, error, start) from None
        return FileOutcome(file, True, done, len(statements), _ms_since(start), True)

    def _run_outside_transaction(self, file: MigrationFile, statements: list[Statement], started_at: datetime,
                                 start: float) -> FileOutcome:
        try:
            done = self._execute(file, statements)
        except psycopg.Error as err:
            raise self._failed(file, statements, self._done, statements[self._done], err, start,
                               self._invalid_index_lines(file)) from None
        invalid = self._invalid_index_lines(file)
        if invalid:
            raise self._failed(file, statements, done, None, None, start, [
                "  its statements ran, but these indexes it names are INVALID (a CREATE INDEX CONCURRENTLY "
                "failed, now or in an earlier run; IF NOT EXISTS then skips them):", *invalid,
                "  hint: DROP INDEX CONCURRENTLY each of them, then run apply again"])
        try:
            with self.conn.transaction():
                self.history.record(file, duration_ms=_ms_since(start), applied_at=started_at)
        except psycopg.Error as err:
            raise self._failed(file, statements, done, None, err, start) from None
        return FileOutcome(file, True, done, len(statements), _ms_since(start), False)

    def _execute(self, file: MigrationFile, statements: list[Statement], start: int = 0) -> int:
        """Run `statements` one by one over the simple query protocol, as psql does:
        straight through libpq (psycopg.pq), which costs a third of a cursor's round trip.
        `start`: how many statements of the file ran before these."""
        self._done = start
        pgconn, encoding = self.conn.pgconn, self.conn.info.encoding
        for statement in statements:
            result = pgconn.exec_(statement.sql.encode(encoding))
            if result.status != pq.ExecStatus.FATAL_ERROR and result.status not in _OK:
                result = _end_copy(pgconn, result)
            if result.status not in _OK:
                raise errors.error_from_result(result, encoding)
            self._done += 1
            self.progress.statement_done(file, self._done)
        return self._done

    def _execute_batched(self, file: MigrationFile, statements: list[Statement]) -> int:
        """Run `statements` inside the file's transaction, many per round trip: each batch
        is one simple query between a SAVEPOINT and its RELEASE. A batch that fails is
        rolled back to its savepoint and run again one statement at a time, which names
        the failing statement and its position exactly (and, should the error not come
        back, simply goes on). A 7,000-statement migration then waits on the network a
        few dozen times instead of 7,000."""
        self._done = 0
        pgconn, encoding = self.conn.pgconn, self.conn.info.encoding
        for batch in _batches(statements):
            if any(s.keyword == "COPY" for s in batch):
                self._execute(file, batch, start=self._done)
                continue
            sql = ";\n".join(["SAVEPOINT dfworx_batch", *(s.sql for s in batch), "RELEASE SAVEPOINT dfworx_batch"])
            result = pgconn.exec_(sql.encode(encoding))
            if result.status not in _OK:
                error = errors.error_from_result(result, encoding)
                if not alive(self.conn) or error.diag.sqlstate in ("57P01", "57P02", "57P03"):
                    raise error
                self.conn.execute("ROLLBACK TO SAVEPOINT dfworx_batch")
                self._execute(file, batch, start=self._done)
                self.conn.execute("RELEASE SAVEPOINT dfworx_batch")
                continue
            self._done += len(batch)
            self.progress.statement_done(file, self._done)
        return self._done

    def _invalid_index_lines(self, file: MigrationFile) -> list[str]:
        """INVALID indexes whose name appears in `file` (left by a failed CREATE INDEX
        CONCURRENTLY); [] when there are none or the connection is gone."""
        if not alive(self.conn):
            return []
        rows = self.conn.execute(INVALID_INDEXES).fetchall()
        return [f"    {schema}.{name}" for schema, name in rows
                if re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", file.text, re.IGNORECASE)]

    def _failed(self, file: MigrationFile, statements: list[Statement], done: int, failing: Statement | None,
                error: psycopg.Error | None, start: float, extra: list[str] | None = None) -> _Failed:
        lost = not alive(self.conn)
        outcome = FileOutcome(file, False, done, len(statements), _ms_since(start) if start else 0, file.transactional)
        extra = list(extra or [])
        if error is not None and error.diag.sqlstate == "25001" and file.transactional:
            extra.append("  hint: this statement cannot run inside a transaction; put it in a file of its own whose "
                         "first line is `-- dfworx-db: no-transaction`")
        return _Failed(outcome, failing, error, extra, self.url, lost)


def _batches(statements: list[Statement], most: int = 500, size: int = 1 << 18) -> Iterator[list[Statement]]:
    """`statements` in runs of at most `most` statements or about `size` characters."""
    batch: list[Statement] = []
    length = 0
    for statement in statements:
        if batch and (len(batch) >= most or length + len(statement.sql) > size):
            yield batch
            batch, length = [], 0
        batch.append(statement)
        length += len(statement.sql)
    if batch:
        yield batch


def _end_copy(pgconn: pq.abc.PGconn, result: pq.abc.PGresult) -> pq.abc.PGresult:
    """COPY to or from the client has no data to work with in a migration file: end it
    (a COPY FROM STDIN fails with this message) and return its final result."""
    if result.status == pq.ExecStatus.COPY_OUT:
        while pgconn.get_copy_data(0)[0] > 0:
            pass
    else:
        pgconn.put_copy_end(b"COPY FROM STDIN is not supported in migrations; use a server-side file or INSERT")
    while (following := pgconn.get_result()) is not None:
        result = following
    return result


def _ms_since(start: float) -> int:
    return round((time.perf_counter() - start) * 1000)
