"""Indexes: plain, unique, partial, covering, expression and DESC/NULLS-ordered keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceLocation
from .names import QualifiedName


@dataclass(frozen=True, kw_only=True)
class IndexKey:
    """One key of an index: a column name, or an SQL expression when `expression` is set."""

    column: str | None = None
    expression: str | None = None
    descending: bool = False
    nulls_first: bool | None = None  # None: the default for the direction
    opclass: str | None = None
    collation: QualifiedName | None = None


@dataclass(frozen=True, kw_only=True)
class Index:
    name: QualifiedName  # the schema is always the table's
    table: QualifiedName
    keys: tuple[IndexKey, ...]
    unique: bool = False
    method: str = "btree"
    include: tuple[str, ...] = ()
    where: str | None = None
    nulls_not_distinct: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)
