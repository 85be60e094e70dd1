"""What the type writers read: relations with typed fields, routines, enums and composite
types of the generated schemas, built from a Catalog (declared or introspected) plus, for
a live database, the facts the Catalog does not hold (`LiveFacts`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Catalog, Column, EnumType, Function, QualifiedName, Table
from ..errors import UnsupportedError
from .pgtypes import PgType, parse_type


@dataclass(frozen=True)
class Field:
    """A column of a table or view as generated code sees it."""

    name: str
    type: PgType
    nullable: bool
    has_default: bool = False
    identity: str | None = None  # "always" | "by default"
    generated: bool = False
    updatable: bool = True  # a view column that maps to a base column
    default: str | None = None  # the default expression, as the Catalog holds it
    format: str | None = None  # email | uri | uuid (declarations)


@dataclass(frozen=True)
class Relationship:
    foreign_key: str
    columns: tuple[str, ...]
    one_to_one: bool
    referenced: str
    referenced_columns: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    name: QualifiedName
    kind: str  # table | view | materialized view | foreign table
    fields: tuple[Field, ...]
    updatable: bool = True
    relationships: tuple[Relationship, ...] = ()
    checks: tuple[str, ...] = ()  # CHECK expressions, for the Python models' constraints
    type_name: str | None = None

    @property
    def is_table(self) -> bool:
        return self.kind in ("table", "foreign table")


@dataclass(frozen=True)
class Parameter:
    name: str  # "" when unnamed
    type: PgType
    has_default: bool = False


@dataclass(frozen=True)
class Routine:
    name: QualifiedName
    parameters: tuple[Parameter, ...]  # the input arguments (IN, INOUT, VARIADIC)
    returns: PgType | None  # None when the result is the columns below
    columns: tuple[tuple[str, PgType], ...] = ()  # RETURNS TABLE (…)
    set_returning: bool = False
    rows: float = 0.0  # the planner's row estimate (ROWS); 1 makes a set of a relation one row


@dataclass(frozen=True)
class CompositeType:
    name: QualifiedName
    attributes: tuple[tuple[str, PgType], ...]


@dataclass(frozen=True)
class LiveFacts:
    """What a live database says beyond its Catalog: the columns of views, materialized
    views and foreign tables, which views accept writes, composite types, domains' base
    types, ROWS estimates and the functions extensions put in the generated schemas."""

    view_columns: dict[QualifiedName, tuple[Field, ...]] = field(default_factory=dict)
    updatable_views: frozenset[QualifiedName] = frozenset()
    foreign_tables: dict[QualifiedName, tuple[Field, ...]] = field(default_factory=dict)
    composites: tuple[CompositeType, ...] = ()
    domains: dict[QualifiedName, PgType] = field(default_factory=dict)
    rows: dict[str, float] = field(default_factory=dict)  # Function.signature → ROWS
    extension_routines: tuple[Routine, ...] = ()


@dataclass(frozen=True)
class TypeModel:
    schemas: tuple[str, ...]
    relations: tuple[Relation, ...]
    routines: tuple[Routine, ...]
    enums: tuple[EnumType, ...]
    composites: tuple[CompositeType, ...] = ()

    def relation(self, name: QualifiedName) -> Relation | None:
        return self._by_name.get(name)

    @property
    def _by_name(self) -> dict[QualifiedName, Relation]:
        return self._index("_relations", self.relations)

    def enum(self, name: QualifiedName) -> EnumType | None:
        return self._index("_enums", self.enums).get(name)

    def composite(self, name: QualifiedName) -> CompositeType | None:
        return self._index("_composites", self.composites).get(name)

    def _index(self, slot: str, objects: tuple) -> dict:
        cache = self.__dict__.get(slot)
        if cache is None:
            cache = {o.name: o for o in objects}
            object.__setattr__(self, slot, cache)
        return cache


def build_model(catalog: Catalog, *, schemas: tuple[str, ...] | None = None,
                type_names: dict[QualifiedName, str] | None = None,
                formats: dict[tuple[QualifiedName, str], str] | None = None,
                live: LiveFacts | None = None) -> TypeModel:
    """The TypeModel of `schemas` (default: every schema of the Catalog). Without `live`
    (declarations), views cannot be typed: their column types are Postgres's to infer."""
    chosen = tuple(sorted(schemas if schemas is not None else {*catalog.schema_names,
                                                                 *(t.name.schema for t in catalog.tables)}))
    wanted = set(chosen)
    type_names, formats = type_names or {}, formats or {}
    domains = live.domains if live else {}
    resolve = _resolver(domains)
    unique_indexes: dict[QualifiedName, list[tuple[str, ...]]] = {}
    for index in catalog.indexes:
        if index.unique and index.where is None and all(k.column for k in index.keys):
            unique_indexes.setdefault(index.table, []).append(tuple(sorted(k.column or "" for k in index.keys)))
    relations: list[Relation] = []
    for table in catalog.tables:
        if table.name.schema in wanted:
            relations.append(_table_relation(table, unique_indexes.get(table.name, []), resolve, type_names, formats))
    views = [v for v in catalog.views if v.name.schema in wanted]
    if views and live is None:
        raise UnsupportedError(
            "gen types from declarations cannot type the columns of views (Postgres infers them): "
            + ", ".join(str(v.name) for v in views)
            + "\n  hint: add --shadow (the declarations are executed in a throw-away database) or use --db-url")
    for view in views:
        assert live is not None
        kind = "materialized view" if view.materialized else "view"
        relations.append(Relation(view.name, kind, live.view_columns.get(view.name, ()),
                                  updatable=view.name in live.updatable_views,
                                  type_name=type_names.get(view.name)))
    for name, fields in (live.foreign_tables.items() if live else ()):
        if name.schema in wanted:
            relations.append(Relation(name, "foreign table", fields, type_name=type_names.get(name)))
    rows = live.rows if live else {}
    routines = [_routine(f, resolve, rows.get(f.signature, 0.0)) for f in catalog.functions
                if f.name.schema in wanted and f.returns not in ("trigger", "event_trigger")]
    routines += [r for r in (live.extension_routines if live else ()) if r.name.schema in wanted]
    composites = tuple(c for c in (live.composites if live else ()) if c.name.schema in wanted)
    return TypeModel(
        schemas=chosen,
        relations=tuple(sorted(relations, key=lambda r: (r.name.schema, r.name.name))),
        routines=tuple(sorted(routines, key=lambda r: (r.name.schema, r.name.name))),
        enums=tuple(e for e in catalog.enums if e.name.schema in wanted),
        composites=composites,
    )


def _resolver(domains: dict[QualifiedName, PgType]):
    def resolve(text: str, schema: str) -> PgType:
        parsed = parse_type(text, schema)
        base = domains.get(parsed.user) if parsed.user else None
        if base is not None:  # a domain reads as its base type
            return PgType(base.builtin, base.user, base.modifiers, base.array_depth + parsed.array_depth)
        return parsed
    return resolve


def _table_relation(table: Table, unique_indexes: list[tuple[str, ...]], resolve, type_names, formats) -> Relation:
    fields = tuple(_column_field(table, column, resolve, formats) for column in table.columns)
    unique_sets = {tuple(sorted(u.columns)) for u in table.unique_constraints}
    if table.primary_key:
        unique_sets.add(tuple(sorted(table.primary_key.columns)))
    unique_sets.update(unique_indexes)
    relationships = tuple(
        Relationship(fk.name, fk.columns, tuple(sorted(fk.columns)) in unique_sets, fk.references.name,
                     fk.referenced_columns)
        for fk in table.foreign_keys if fk.references.schema == table.name.schema)
    return Relation(table.name, "table", fields, relationships=relationships,
                    checks=tuple(c.expression for c in table.checks), type_name=type_names.get(table.name))


def _column_field(table: Table, column: Column, resolve, formats) -> Field:
    serial = column.type.lower() in ("serial", "bigserial", "smallserial", "serial2", "serial4", "serial8")
    return Field(name=column.name, type=resolve(column.type, table.name.schema), nullable=not column.not_null
                 and not _in_primary_key(table, column.name),
                 has_default=column.default is not None or serial, identity=column.identity,
                 generated=column.generated is not None, default=column.default,
                 format=formats.get((table.name, column.name)))


def _in_primary_key(table: Table, column: str) -> bool:
    return table.primary_key is not None and column in table.primary_key.columns


def _routine(function: Function, resolve, rows: float) -> Routine:
    schema = function.name.schema
    inputs = tuple(Parameter(a.name or "", resolve(a.type, schema), a.default is not None)
                   for a in function.arguments if a.mode in ("in", "inout", "variadic"))
    returns_text = function.returns.strip()
    set_returning = returns_text.lower().startswith("setof ")
    if function.returns_table:
        columns = tuple((a.name or "", resolve(a.type, schema)) for a in function.returns_table)
        return Routine(function.name, inputs, None, columns, True, rows)
    if set_returning:
        returns_text = returns_text[6:]
    # OUT arguments make the result a record: PostgREST returns their columns, typed
    # loosely (Record<string, unknown>) as Supabase's generator does.
    return Routine(function.name, inputs, resolve(returns_text, schema), (), set_returning, rows)
