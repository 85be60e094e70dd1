"""Schemas, extensions, enum types and views."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceLocation
from .names import QualifiedName


@dataclass(frozen=True, kw_only=True)
class Schema:
    name: str
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Extension:
    name: str
    schema: str | None = None
    version: str | None = None
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class EnumType:
    name: QualifiedName
    values: tuple[str, ...]
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Collation:
    name: QualifiedName
    provider: str = "libc"  # libc | icu | builtin
    locale: str | None = None  # icu/builtin locale, or libc LC_COLLATE = LC_CTYPE
    lc_collate: str | None = None
    lc_ctype: str | None = None
    deterministic: bool = True
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Sequence:
    """A standalone or serial sequence (identity columns' sequences belong to the column)."""

    name: QualifiedName
    data_type: str = "bigint"
    start: int | None = None  # None: the default for the type and direction
    increment: int = 1
    min_value: int | None = None
    max_value: int | None = None
    cache: int = 1
    cycle: bool = False
    owned_by: tuple[QualifiedName, str] | None = None  # (table, column)
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class View:
    name: QualifiedName
    query: str
    materialized: bool = False
    security_invoker: bool = False
    security_barrier: bool = False
    comment: str | None = None
    column_comments: tuple[tuple[str, str], ...] = ()
    source: SourceLocation | None = field(default=None, compare=False, repr=False)
