"""Changes that create objects: one function per object, reused by the full-schema
render (every object of a Catalog) and by the differ (new and recreated objects)."""

from __future__ import annotations

from ..catalog import (PRIVILEGES, Catalog, Collation, EnumType, Extension, Function, Grant, Index, Policy,
                       QualifiedName, Schema, Sequence, Table, Trigger, View)
from ..catalog.builtin import public_schema, public_usage
from .change import Change, Key
from .keys import (collation_key, constraint_key, expression_needs, extension_key, function_key, function_needs,
                   object_key, relation_key, schema_key, type_key, types_needed)


def object_provides(obj: object) -> frozenset[Key]:
    """The keys other objects may need from `obj`."""
    keys = {object_key(obj)}
    if isinstance(obj, (Table, View)):
        keys.add(type_key(obj.name))
    if isinstance(obj, Table):
        if obj.primary_key:
            keys.add(constraint_key(obj.name, obj.primary_key.name))
        keys |= {constraint_key(obj.name, u.name) for u in obj.unique_constraints}
    return frozenset(keys)


def object_needs(obj: object, extensions: frozenset[Key] = frozenset()) -> frozenset[Key]:
    """The keys `obj` needs to exist before it is created (and to be dropped before)."""
    needs: set[Key] = set()
    match obj:
        case Extension(schema=schema):
            needs = {schema_key(schema)} if schema else set()
        case EnumType() | Collation() | Sequence():
            needs = {schema_key(obj.name.schema)}
        case Function():
            needs = function_needs(obj) | extensions
        case Table():
            needs = {schema_key(obj.name.schema)} | extensions
            needs |= {relation_key(p) for p in (*obj.inherits, obj.partition_of) if p}
            for column in obj.columns:
                needs |= types_needed(column.type) | expression_needs(column.default)
                needs |= expression_needs(column.generated)
                if column.collation:
                    needs.add(collation_key(column.collation))
            for check in obj.checks:
                needs |= expression_needs(check.expression)
        case Index():
            needs = {relation_key(obj.table)} | expression_needs(obj.where)
            for key in obj.keys:
                needs |= expression_needs(key.expression)
                if key.collation:
                    needs.add(collation_key(key.collation))
        case View():
            needs = {schema_key(obj.name.schema)} | expression_needs(obj.query) | extensions
        case Trigger():
            needs = {relation_key(obj.table), function_key(obj.function)}
        case Policy():
            needs = {relation_key(obj.table)} | expression_needs(obj.using) | expression_needs(obj.with_check)
    return frozenset(needs - object_provides(obj))


def create_object(obj: object, extensions: frozenset[Key] = frozenset()) -> list[Change]:
    """The changes that create `obj` (with its foreign keys, RLS and comments)."""
    provides, needs = object_provides(obj), object_needs(obj, extensions)
    if isinstance(obj, Schema) and obj.name == "public":
        # public exists in every database: declaring it carries only its comment and grants.
        return [Change("comment", obj)] if obj.comment not in (None, public_schema().comment) else []
    kind = "create_" + {Schema: "schema", Extension: "extension", EnumType: "enum", Collation: "collation",
                        Sequence: "sequence", Function: "function", Table: "table", Index: "index", View: "view",
                        Trigger: "trigger", Policy: "policy"}[type(obj)]
    main = Change(kind, obj, provides=provides, needs=needs)
    changes = [main]
    if obj.comment is not None:  # type: ignore[attr-defined]
        changes.append(Change("comment", obj, needs=provides))
    if isinstance(obj, Sequence) and obj.owned_by:
        changes.append(Change("alter_sequence_owned_by", obj, needs=provides | {relation_key(obj.owned_by[0])}))
    if isinstance(obj, View) and obj.column_comments:
        changes.append(Change("comment_view_columns", obj, needs=provides))
    if isinstance(obj, Table):
        changes += [add_foreign_key(obj, fk) for fk in obj.foreign_keys]
        if obj.rls_enabled:
            changes.append(Change("enable_rls", obj, needs=provides))
        if obj.rls_forced:
            changes.append(Change("force_rls", obj, needs=provides))
        if obj.replica_identity != "default":
            changes.append(set_replica_identity(obj, provides))
        changes += table_part_comments(obj)
    return changes


def add_foreign_key(table: Table, fk) -> Change:
    return Change("add_foreign_key", fk, context=table, provides=frozenset({constraint_key(table.name, fk.name)}),
                  needs=frozenset({relation_key(table.name), relation_key(fk.references)}))


def set_replica_identity(table: Table, needs: frozenset[Key] = frozenset()) -> Change:
    """REPLICA IDENTITY, after the index it names when that is an index of its own."""
    index = {relation_key(QualifiedName(table.name.schema, table.replica_identity_index))} \
        if table.replica_identity_index else set()
    return Change("set_replica_identity", table, needs=needs | {relation_key(table.name)} | index)


def table_part_comments(table: Table) -> list[Change]:
    """Comments on columns and constraints declared inside a table."""
    parts = [c for c in (*table.columns, table.primary_key, *table.unique_constraints, *table.checks,
                         *table.foreign_keys, *table.exclusions) if c is not None and c.comment is not None]
    fks = {fk.name for fk in table.foreign_keys}  # added after the table: their comments wait for them
    return [Change("comment", part, context=table,
                   needs=frozenset({relation_key(table.name)} | ({constraint_key(table.name, part.name)}
                                                                  if part.name in fks and part in table.foreign_keys
                                                                  else set())))
            for part in parts]


KIND_FIELDS = ("schemas", "extensions", "enums", "collations", "sequences", "functions", "tables", "indexes",
               "views", "triggers", "policies")


def create_changes(catalog: Catalog) -> list[Change]:
    """The changes that build `catalog` in an empty database, each stating what it needs
    and provides (unordered: see plan.graph.order_changes)."""
    extensions = frozenset(extension_key(e.name) for e in catalog.extensions)
    changes = [c for kind in KIND_FIELDS for obj in getattr(catalog, kind) for c in create_object(obj, extensions)]
    built_in = public_usage()  # every database has it already
    changes += grant_changes([g for g in catalog.grants if g != built_in], "grant")
    changes += revoke_public_execute(catalog)
    return changes


def grant_changes(grants: tuple[Grant, ...] | list[Grant], kind: str) -> list[Change]:
    """One GRANT (or REVOKE) statement per object, column and role, privileges together.
    PUBLIC's EXECUTE on functions is Postgres's default and never granted explicitly."""
    groups: dict[tuple, list[Grant]] = {}
    for grant in grants:
        if kind == "grant" and grant.grantee == "public" and grant.object_kind == "function" \
                and grant.privilege == "execute":
            continue
        key = (grant.object_kind, grant.target, grant.arguments, grant.column, grant.grantee, grant.with_grant_option)
        groups.setdefault(key, []).append(grant)
    changes = []
    for group in groups.values():
        ordered = tuple(sorted(group, key=lambda g: PRIVILEGES[g.object_kind].index(g.privilege)
                               if g.privilege in PRIVILEGES[g.object_kind] else 99))
        changes.append(Change(kind, ordered, needs=frozenset({grant_target_key(ordered[0])})))
    return changes


def revoke_public_execute(catalog: Catalog, functions: tuple[Function, ...] | None = None) -> list[Change]:
    """A new function starts with EXECUTE for PUBLIC; revoke it where the Catalog says none."""
    public = {(g.target, g.arguments) for g in catalog.grants
              if g.object_kind == "function" and g.grantee == "public" and g.privilege == "execute"}
    return [Change("revoke_public_execute", f, needs=frozenset({function_key(f.name)}))
            for f in (catalog.functions if functions is None else functions)
            if (f.name, f.identity_arguments) not in public]


def grant_target_key(grant: Grant) -> Key:
    if grant.object_kind == "schema":
        return schema_key(grant.target.schema)
    if grant.object_kind == "function":
        return function_key(grant.target)
    return relation_key(grant.target)
