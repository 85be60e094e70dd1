"""Functions and the triggers that call them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceLocation
from .names import QualifiedName


@dataclass(frozen=True, kw_only=True)
class Argument:
    name: str | None
    type: str
    mode: str = "in"  # in | out | inout | variadic | table (a RETURNS TABLE column)
    default: str | None = None


@dataclass(frozen=True, kw_only=True)
class Function:
    name: QualifiedName
    arguments: tuple[Argument, ...]
    returns: str  # "trigger", "uuid", "SETOF app.posts"; "" when returns_table is set
    returns_table: tuple[Argument, ...] = ()  # the columns of RETURNS TABLE (...)
    language: str
    body: str
    volatility: str = "volatile"  # volatile | stable | immutable
    strict: bool = False
    security_definer: bool = False
    parallel: str = "unsafe"  # unsafe | restricted | safe
    config: tuple[tuple[str, str], ...] = ()  # SET parameters, e.g. (("search_path", ""),)
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)

    @property
    def identity_arguments(self) -> str:
        """The argument types that identify the function (Postgres ignores OUT args)."""
        return ", ".join(a.type for a in self.arguments if a.mode != "out")

    @property
    def signature(self) -> str:
        return f"{self.name}({self.identity_arguments})"


@dataclass(frozen=True, kw_only=True)
class Trigger:
    name: str
    table: QualifiedName
    timing: str  # before | after | instead of
    events: tuple[str, ...]  # insert | update | delete | truncate, in that order
    function: QualifiedName
    update_columns: tuple[str, ...] = ()
    for_each_row: bool = True
    when: str | None = None
    arguments: tuple[str, ...] = ()
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)
