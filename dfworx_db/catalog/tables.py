"""Tables, their columns and their constraints."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceLocation
from .names import QualifiedName


@dataclass(frozen=True, kw_only=True)
class Column:
    name: str
    type: str
    not_null: bool = False
    default: str | None = None
    identity: str | None = None  # "always" | "by default"
    generated: str | None = None  # expression of a STORED generated column
    collation: QualifiedName | None = None  # only when not the type's default
    inherited: bool = False  # comes from a parent table (INHERITS / PARTITION OF) only
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class PrimaryKey:
    name: str
    columns: tuple[str, ...]
    deferrable: bool = False
    initially_deferred: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class UniqueConstraint:
    name: str
    columns: tuple[str, ...]
    nulls_not_distinct: bool = False
    deferrable: bool = False
    initially_deferred: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


FK_ACTIONS = ("no action", "restrict", "cascade", "set null", "set default")


@dataclass(frozen=True, kw_only=True)
class ForeignKey:
    name: str
    columns: tuple[str, ...]
    references: QualifiedName
    referenced_columns: tuple[str, ...]
    on_delete: str = "no action"
    on_update: str = "no action"
    match_full: bool = False
    deferrable: bool = False
    initially_deferred: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class CheckConstraint:
    name: str
    expression: str
    no_inherit: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class ExclusionConstraint:
    name: str
    # What follows EXCLUDE, as pg_get_constraintdef writes it without the deferral:
    # "USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)".
    definition: str
    deferrable: bool = False
    initially_deferred: bool = False
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Table:
    name: QualifiedName
    columns: tuple[Column, ...]
    primary_key: PrimaryKey | None = None
    unique_constraints: tuple[UniqueConstraint, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    checks: tuple[CheckConstraint, ...] = ()
    exclusions: tuple[ExclusionConstraint, ...] = ()
    rls_enabled: bool = False
    rls_forced: bool = False
    unlogged: bool = False
    replica_identity: str = "default"  # "default" | "full" | "nothing" | "index"
    replica_identity_index: str | None = None  # with "index": the index, in the table's schema
    partition_by: str | None = None  # "RANGE (logdate)", as pg_get_partkeydef writes it
    partition_of: QualifiedName | None = None
    partition_bound: str | None = None  # "FOR VALUES FROM (…) TO (…)" or "DEFAULT"
    inherits: tuple[QualifiedName, ...] = ()
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def constraint_names(self) -> tuple[str, ...]:
        names = [c.name for c in (*self.unique_constraints, *self.foreign_keys, *self.checks, *self.exclusions)]
        if self.primary_key:
            names.insert(0, self.primary_key.name)
        return tuple(names)
