"""Migration files: `supabase/migrations/<version>_<name>.sql`, read, checksummed and
split into statements by Postgres's own grammar (pglast).

Statements are kept in two forms. `text` is what the Supabase CLI records in
`schema_migrations.statements`: everything from the end of the previous statement to
this one's semicolon, leading comments included, trimmed, without the semicolon (a
trailing comment after the last semicolon is a "statement" of its own there, as in the
CLI). `sql` is what is executed: the statement from its first token, so a position
Postgres reports maps straight back to a line and column of the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pglast import parser

from ..errors import DeclarationError, Problem, SourceLocation

# The Supabase CLI's pattern: any digits, an underscore, any name.
FILE_PATTERN = re.compile(r"^([0-9]+)_(.*)\.sql$")
NO_TRANSACTION = re.compile(r"^\s*--\s*dfworx-db:\s*no-transaction\s*$", re.IGNORECASE)
MARKER_MENTION = re.compile(r"dfworx-db:\s*no-transaction", re.IGNORECASE)
# First words of statements that open, end or split a transaction.
TRANSACTION_CONTROL = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"}
_FIRST_WORD = re.compile(r"[A-Za-z_]+")


@dataclass(frozen=True)
class Statement:
    text: str        # as the Supabase CLI records it
    sql: str         # what runs ("" for a comment-only tail, which is recorded, not run)
    offset: int      # character offset of `sql` in the file
    line: int        # line of `sql`'s first token, from 1
    keyword: str = ""  # its first word, upper case

    @property
    def runs(self) -> bool:
        return bool(self.sql)


@dataclass(frozen=True)
class MigrationFile:
    path: Path
    version: str
    name: str

    @cached_property
    def content(self) -> bytes:
        return self.path.read_bytes()

    @cached_property
    def text(self) -> str:
        try:
            return self.content.decode("utf-8")
        except UnicodeDecodeError as err:
            raise DeclarationError([Problem(f"migration is not UTF-8 text: {err.reason} at byte {err.start}",
                                            SourceLocation(self.shown_path), "save the file as UTF-8")]) from None

    @cached_property
    def checksum(self) -> str:
        """sha256 of the file's bytes, hex."""
        return hashlib.sha256(self.content).hexdigest()

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return split_statements(self.text, self.shown_path)

    @cached_property
    def transactional(self) -> bool:
        """False when `-- dfworx-db: no-transaction` is among the leading comment lines."""
        first = next((s for s in self.statements if s.runs), None)
        head_end = first.offset if first else len(self.text)
        if any(NO_TRANSACTION.match(line) for line in self.text[:head_end].splitlines()):
            return False
        if match := MARKER_MENTION.search(self.text, head_end):
            raise DeclarationError([Problem(
                "the no-transaction marker must come before the first statement",
                self.location(match.start()),
                "move the line `-- dfworx-db: no-transaction` to the top of the file")])
        return True

    @property
    def filename(self) -> str:
        return self.path.name

    @property
    def shown_path(self) -> str:
        """The path relative to the current folder when it is inside it."""
        try:
            return str(self.path.relative_to(Path.cwd()))
        except ValueError:
            return str(self.path)

    def location(self, offset: int) -> SourceLocation:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return SourceLocation(self.shown_path, line, column)

    def executable(self) -> list[Statement]:
        """The statements to run. A transactional file may be wrapped in BEGIN; … COMMIT;
        (apply gives every file its own transaction anyway): the wrapper is recorded, not
        run. Any other transaction control would break that transaction and is refused."""
        runs = [s for s in self.statements if s.runs]
        if (self.transactional and len(runs) >= 2 and runs[0].keyword in {"BEGIN", "START"}
                and runs[-1].keyword in {"COMMIT", "END"}):
            runs = runs[1:-1]
        problems = [Problem(f"transaction control ({s.keyword}) in a migration",
                            self.location(s.offset),
                            "apply runs each file in its own transaction (or none, with "
                            "`-- dfworx-db: no-transaction`); remove it")
                    for s in runs if s.keyword in TRANSACTION_CONTROL]
        if problems:
            raise DeclarationError(problems)
        return runs


def split_statements(text: str, filename: str) -> tuple[Statement, ...]:
    """`text` split into statements by Postgres's grammar; a syntax error is reported
    with its file:line:column before anything runs."""
    try:
        slices = parser.split(text, with_parser=True, only_slices=True)
    except parser.ParseError as err:
        index = err.args[1] if len(err.args) > 1 else 0
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise DeclarationError([Problem(f"syntax error in migration: {err.args[0]}",
                                        SourceLocation(filename, line, column),
                                        "fix the SQL; nothing was run")]) from None
    # Between two statements there are only semicolons, comments and whitespace; each of
    # those semicolons ends a piece of text, as in the CLI's splitter.
    bounds = [0, *(b for piece in slices for b in (piece.start, piece.stop)), len(text)]
    ends = [at for i in range(0, len(bounds), 2) for at in _semicolons(text, bounds[i], bounds[i + 1])]
    line_of = _LineCounter(text)
    statements: list[Statement] = []
    pieces = iter(slices)
    piece = next(pieces, None)
    chunk_start = 0
    for end in [*ends, len(text)]:
        chunk = text[chunk_start:end].strip()
        if piece is not None and piece.start < end:
            sql = text[piece]
            keyword = _FIRST_WORD.match(sql)
            statements.append(Statement(text=chunk, sql=sql, offset=piece.start, line=line_of(piece.start),
                                        keyword=keyword.group(0).upper() if keyword else ""))
            piece = next(pieces, None)
        elif chunk:  # only comments: recorded as the CLI does, never run
            offset = text.index(chunk[0], chunk_start)
            statements.append(Statement(text=chunk, sql="", offset=offset, line=line_of(offset)))
        chunk_start = end + 1
    return tuple(statements)


def _semicolons(text: str, start: int, stop: int) -> list[int]:
    """Offsets of the semicolons in text[start:stop], which holds no statement; comments
    there may hold semicolons of their own, so those gaps go through the scanner."""
    gap = text[start:stop]
    if "-" not in gap and "/" not in gap:
        return [start + i for i, char in enumerate(gap) if char == ";"]
    return [start + token.start for token in parser.scan(gap) if token.name == "ASCII_59"]


class _LineCounter:
    """Line numbers of increasing offsets, counted once over the text (a 7,000-statement
    file would otherwise be rescanned from its start for every statement)."""

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def __call__(self, offset: int) -> int:
        if offset < self.offset:
            return self.text.count("\n", 0, offset) + 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def migration_files(folder: Path) -> list[MigrationFile]:
    """The migrations in `folder`, in version order (as text, like the Supabase CLI);
    other files are ignored. Two files with one version are an error."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        match = FILE_PATTERN.match(path.name)
        if match and path.is_file():
            files.append(MigrationFile(path=path, version=match.group(1), name=match.group(2)))
    files.sort(key=lambda f: f.version)
    seen: dict[str, MigrationFile] = {}
    problems = []
    for f in files:
        if f.version in seen:
            problems.append(Problem(f"version {f.version} is used by two files: {seen[f.version].filename} and {f.filename}",
                                    SourceLocation(f.shown_path), "give each migration its own version"))
        seen[f.version] = f
    if problems:
        raise DeclarationError(problems)
    return files
