"""Errors as values: every problem carries where it is (file:line:column), what is wrong
and how to fix it, so a run can gather them all and report them together."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A position in a declaration file; lines and columns count from 1."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: what, where, and a hint to fix it."""

    message: str
    location: SourceLocation | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f"\n  hint: {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"


def closest(name: str, options: list[str]) -> str | None:
    """The option `name` was most likely meant to be, for a did-you-mean hint."""
    matches = difflib.get_close_matches(name, options, n=1)
    return matches[0] if matches else None


class DfworxError(Exception):
    """Base of every error dfworx-db reports to a user; exit code says which family."""

    exit_code = 1


@dataclass
class DeclarationError(DfworxError):
    """The declarations are invalid; carries every problem found in the run."""

    problems: list[Problem] = field(default_factory=list)
    exit_code = 2

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the declarations"
        return head + ":\n" + "\n".join(str(p) for p in self.problems)


class DatabaseError(DfworxError):
    """A database could not be reached, started or used as asked."""

    exit_code = 3


class UnsupportedError(DfworxError):
    """An object kind or feature dfworx-db does not handle yet; named, never skipped."""

    exit_code = 4
