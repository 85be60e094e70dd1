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
class View:
    name: QualifiedName
    query: str
    security_invoker: bool = False
    security_barrier: bool = False
    comment: str | None = None
    column_comments: tuple[tuple[str, str], ...] = ()
    source: SourceLocation | None = field(default=None, compare=False, repr=False)
