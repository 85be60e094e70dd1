"""A migration file parsed once by Postgres's own parser (pglast's JSON output), with
statement spans, byte offsets turned into line:column, and the inline ignore comments.

The parser's JSON is split into its statements without decoding them (msgspec's Raw), and
each statement's tree is decoded as the file is linted: a file of thousands of statements
never holds all their trees at once (building, then freeing, a whole file's trees cost
more than parsing it). A long file is parsed in runs by a second thread while the first
runs are linted (sqltree.parse_statement_runs); a syntax error in a later run is raised
when the lint reaches it."""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from ..errors import DeclarationError, Problem, SourceLocation
from ..sqltree import ParseError, decode_element, parse_statement_runs

if TYPE_CHECKING:
    from .config import LintConfig

IGNORE = re.compile(r"--\s*dfworx-db:\s*ignore\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)")
# The marker of files that run outside a transaction, read as apply reads it
# (dfworx_db/migrate/files.py, which is not imported: its package pulls in psycopg).
NO_TRANSACTION = re.compile(r"^\s*--\s*dfworx-db:\s*no-transaction\s*$", re.IGNORECASE)
_LEADING = re.compile(rb"(?:\s+|--[^\n]*|/\*.*?\*/)*", re.S)
_DELIMITERS = re.compile(rb"['\"()]")


class Statement(NamedTuple):  # thousands per file: a tuple is built several times faster than a frozen dataclass
    node_type: str
    node: dict
    start: int  # byte offset of the statement's first token
    end: int  # byte offset just past the statement (before its semicolon)


class Span(NamedTuple):
    """Where a statement is, kept for every statement once the file has been read."""

    node_type: str
    start: int
    end: int
    element: int  # its index among the parser's statements (to decode its tree again)


@dataclass(frozen=True)
class Ignore:
    rules: tuple[str, ...]
    location: SourceLocation
    statement: int  # index of the statement it covers


@dataclass
class SqlFile:
    path: str
    text: str
    transactional: bool = True
    _data: bytes = b""
    _line_starts: list[int] = field(default_factory=list)
    _elements: list[msgspec.Raw] = field(default_factory=list, repr=False)  # the parser's statements, undecoded
    _run_starts: dict[int, int] = field(default_factory=dict, repr=False)  # a run's first element: where the run starts
    _runs: Iterator[tuple[int, list[msgspec.Raw]]] | None = field(default=None, repr=False)  # runs still to come
    _spans: list[Span] | None = field(default=None, repr=False)  # known once statements() has run to the end
    _locations: dict[int, SourceLocation] = field(default_factory=dict, compare=False, repr=False)  # asked again

    @property
    def data(self) -> bytes:
        """The file as UTF-8 bytes (parse-tree locations are offsets into these)."""
        return self._data

    def statements(self) -> Iterator[Statement]:
        """The statements in order, each tree decoded as it is reached (the caller lets go
        of one before it takes the next)."""
        spans = []
        for node_type, node, start, end, element in self._decode():
            spans.append(Span(node_type, start, end, element))
            yield Statement(node_type, node, start, end)
        self._spans = spans

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            for _ in self.statements():
                pass
        return self._spans

    def statement(self, index: int) -> Statement:
        """Statement `index` with its tree, decoded again."""
        span = self.spans[index]
        tree = decode_element(self._elements[span.element]).stmt[span.node_type]
        return Statement(span.node_type, tree, span.start, span.end)

    def _decode(self) -> Iterator[tuple[str, dict, int, int, int]]:
        """(node type, tree, start, end, index) of each statement, decoded one at a time."""
        data, index = self._data, 0
        with no_cycle_collection():
            while index < len(self._elements) or self._take_run():
                element = decode_element(self._elements[index])
                ((node_type, node),) = element.stmt.items()
                begin = element.stmt_location
                end = begin + element.stmt_len if element.stmt_len is not None else len(data)
                # libpg_query < 18 starts a run's first statement at 0, in the run's padding
                begin = max(begin, self._run_starts.get(index, 0))
                yield node_type, node, _LEADING.match(data, begin, end).end(), end, index
                index += 1

    def _take_run(self) -> bool:
        """Append the next run of statements; False when none is left."""
        if self._runs is None:
            return False
        try:
            start, statements = next(self._runs)
        except StopIteration:
            self._runs = None
            return False
        except ParseError as err:
            self._runs = None
            raise self._syntax_error(err) from None
        self._run_starts[len(self._elements)] = start
        self._elements += statements
        return True

    def _syntax_error(self, err: ParseError) -> DeclarationError:
        offset = err.args[1] if len(err.args) > 1 and err.args[1] is not None else 0  # a character index
        where = self.location(len(self.text[:offset].encode("utf-8")))
        return DeclarationError([Problem(f"not valid SQL: {err.args[0]}", where,
                                         "fix the statement; lint reads files with Postgres's own parser")])

    @cached_property
    def ignores(self) -> list[Ignore]:
        return _ignores(self)

    def location(self, offset: int) -> SourceLocation:
        """file:line:column of a byte offset (columns count characters, from 1)."""
        found = self._locations.get(offset)
        if found is None:
            index = bisect.bisect_right(self._line_starts, offset) - 1
            line_start = self._line_starts[index]
            before = self._data[line_start:offset]
            column = (len(before) if before.isascii() else len(before.decode("utf-8", "replace"))) + 1
            found = self._locations[offset] = SourceLocation(self.path, index + 1, column)
        return found

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def slice(self, start: int, end: int) -> str:
        return self._data[start:end].decode("utf-8", "replace")

    def enclosed(self, start: int, end: int) -> str:
        """The text from `start` up to the parenthesis that closes the one `start` is in
        (an expression written as `USING ( … )`), else up to `end`; quoted text is skipped."""
        depth, quote = 1, None
        for match in _DELIMITERS.finditer(self._data, start, end):
            char = match.group()
            if quote:
                quote = None if char == quote else quote
            elif char in (b"'", b'"'):
                quote = char
            elif char == b"(":
                depth += 1
            elif char == b")":
                depth -= 1
                if not depth:
                    return self.slice(start, match.start()).strip()
        return self.slice(start, end).strip()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Parse trees are hundreds of thousands of small dicts without cycles: the cyclic
    garbage collector would scan them again and again while they are built and read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def migration_files(paths: list[Path], config: LintConfig) -> list[Path]:
    """The .sql files named or found under `paths`, in the order they run (file name order
    within a folder, as the Supabase CLI sorts versions), without excluded ones."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted((p for p in path.rglob("*.sql") if p.is_file()), key=lambda p: (p.name, str(p)))
        elif path.is_file():
            found.append(path)
        else:
            raise DeclarationError([Problem(f"no such file or folder: {path}", SourceLocation(str(path)),
                                            "pass migration files or folders (default: supabase/migrations)")])
    return [p for p in found if not config.excluded_file(str(p))]


def read_migration_files(paths: list[Path], config: LintConfig) -> list[SqlFile]:
    """The migration files named or found under `paths`, read, their parse begun."""
    return [read_sql_file(p, _display(p)) for p in migration_files(paths, config)]


def _display(path: Path) -> str:
    """A path as reports show it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def read_sql_file(path: Path | str, display: str | None = None) -> SqlFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DeclarationError([Problem(f"cannot read {path}: {err}", SourceLocation(str(path)))]) from None
    return parse_sql_file(text, display or str(path))


def parse_sql_file(text: str, path: str) -> SqlFile:
    """Parse a script; a syntax error is a DeclarationError at its file:line (in a long
    file, parsed in runs while it is linted, raised when the statements reach it)."""
    data = text.encode("utf-8")
    line_starts = [0, *(m.end() for m in re.finditer(rb"\n", data))]
    sql_file = SqlFile(path, text, _data=data, _line_starts=line_starts)
    try:
        sql_file._runs = parse_statement_runs(text)
    except ParseError as err:
        raise sql_file._syntax_error(err) from None
    sql_file.transactional = not _has_no_transaction_marker(text)
    return sql_file


def _has_no_transaction_marker(text: str) -> bool:
    """The marker is among the comment lines before the first statement."""
    for line in text.splitlines():
        if NO_TRANSACTION.match(line):
            return True
        stripped = line.strip()
        if stripped and not stripped.startswith("--"):
            return False
    return False


def _ignores(sql_file: SqlFile) -> list[Ignore]:
    """Each ignore comment covers the statement it is written in or trails on the same
    line, else the next statement (a comment between statements belongs to the one after)."""
    if "dfworx-db:" not in sql_file.text:
        return []
    found = []
    spans = sql_file.spans
    starts = [s.start for s in spans]
    for match in IGNORE.finditer(sql_file.text):
        offset = len(sql_file.text[:match.start()].encode("utf-8"))
        rules = tuple(r.strip() for r in match.group(1).split(","))
        line = sql_file.line_of(offset)
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or (offset > spans[index].end and sql_file.line_of(spans[index].end) != line):
            index += 1  # neither inside a statement nor trailing one on its line: the next one
        found.append(Ignore(rules, sql_file.location(offset), index))
    return found
