"""The Catalog: the one model every stage speaks (loader, introspector, differ, codegen)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .indexes import Index
from .names import QualifiedName
from .routines import Function, Trigger
from .security import Grant, Policy
from .tables import Table
from .types import Collation, EnumType, Extension, Schema, Sequence, View


@dataclass(frozen=True, kw_only=True)
class Catalog:
    """A whole database's declared or introspected objects, each kind sorted by identity
    so that two Catalogs describing the same database compare equal with `==`."""

    extensions: tuple[Extension, ...] = ()
    schemas: tuple[Schema, ...] = ()
    enums: tuple[EnumType, ...] = ()
    collations: tuple[Collation, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    tables: tuple[Table, ...] = ()
    indexes: tuple[Index, ...] = ()
    functions: tuple[Function, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    views: tuple[View, ...] = ()
    policies: tuple[Policy, ...] = ()
    grants: tuple[Grant, ...] = ()
    # Edges (dependent key, referenced key) a live database states in pg_depend, in the
    # differ's key vocabulary; not part of what a database *is*, so not compared.
    dependencies: tuple[tuple[tuple, tuple], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def build(cls, **kinds: object) -> Catalog:
        """A Catalog with every kind sorted into its canonical order."""
        return cls(**{kind: tuple(sorted(objs, key=identity)) if kind != "dependencies" else tuple(sorted(objs))
                      for kind, objs in kinds.items()})

    def table(self, name: QualifiedName) -> Table | None:
        return next((t for t in self.tables if t.name == name), None)

    def view(self, name: QualifiedName) -> View | None:
        return next((v for v in self.views if v.name == name), None)

    def functions_named(self, name: QualifiedName) -> tuple[Function, ...]:
        return tuple(f for f in self.functions if f.name == name)

    def enum(self, name: QualifiedName) -> EnumType | None:
        return next((e for e in self.enums if e.name == name), None)

    def indexes_on(self, table: QualifiedName) -> tuple[Index, ...]:
        return tuple(i for i in self.indexes if i.table == table)

    def policies_on(self, table: QualifiedName) -> tuple[Policy, ...]:
        return tuple(p for p in self.policies if p.table == table)

    def triggers_on(self, table: QualifiedName) -> tuple[Trigger, ...]:
        return tuple(t for t in self.triggers if t.table == table)

    def grants_on(self, target: QualifiedName) -> tuple[Grant, ...]:
        return tuple(g for g in self.grants if g.target == target)

    @property
    def schema_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.schemas)


def identity(obj: object) -> tuple:
    """The key that identifies an object within its kind (and orders the kind)."""
    match obj:
        case Extension() | Schema():
            return (obj.name,)
        case Function():
            return (obj.name.schema, obj.name.name, obj.identity_arguments)
        case Trigger() | Policy():
            return (obj.table.schema, obj.table.name, obj.name)
        case Grant():
            return (obj.object_kind, obj.target, obj.arguments or "", obj.column or "",
                    obj.grantee, obj.privilege)
        case _:
            name = obj.name  # type: ignore[attr-defined]
            return (name.schema, name.name)
