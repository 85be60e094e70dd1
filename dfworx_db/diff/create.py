"""The changes that create a whole Catalog from nothing: the full-schema render, and
the first migration of a project, are this list ordered and rendered."""

from __future__ import annotations

from ..catalog import PRIVILEGES, Catalog, Grant, QualifiedName
from .change import Change
from .keys import (collation_key, constraint_key, expression_needs, extension_key, function_key, function_needs,
                   relation_key, schema_key, type_key, types_needed)


def create_changes(catalog: Catalog) -> list[Change]:
    """One change per object to create, each stating what it needs and provides."""
    extensions = frozenset(extension_key(e.name) for e in catalog.extensions)
    changes: list[Change] = []
    add = changes.append
    for schema in catalog.schemas:
        if schema.name == "public":
            # public exists in every database: declaring it carries only its comment and grants.
            if schema.comment is not None:
                add(Change("comment", schema))
            continue
        add(Change("create_schema", schema, provides=frozenset({schema_key(schema.name)})))
    for ext in catalog.extensions:
        add(Change("create_extension", ext, provides=frozenset({extension_key(ext.name)}),
                   needs=frozenset({schema_key(ext.schema)} if ext.schema else ())))
    for enum in catalog.enums:
        add(Change("create_enum", enum, provides=frozenset({type_key(enum.name)}),
                   needs=frozenset({schema_key(enum.name.schema)})))
    for collation in catalog.collations:
        add(Change("create_collation", collation, provides=frozenset({collation_key(collation.name)}),
                   needs=frozenset({schema_key(collation.name.schema)})))
    for sequence in catalog.sequences:
        add(Change("create_sequence", sequence, provides=frozenset({relation_key(sequence.name)}),
                   needs=frozenset({schema_key(sequence.name.schema)})))
        if sequence.owned_by:
            add(Change("alter_sequence_owned_by", sequence,
                       needs=frozenset({relation_key(sequence.name), relation_key(sequence.owned_by[0])})))
    for function in catalog.functions:
        add(Change("create_function", function, provides=frozenset({function_key(function.name)}),
                   needs=frozenset(function_needs(function)) | extensions))
    for table in catalog.tables:
        needs = {schema_key(table.name.schema)} | extensions
        needs |= {relation_key(parent) for parent in (*table.inherits, table.partition_of) if parent}
        for column in table.columns:
            needs |= types_needed(column.type)
            needs |= expression_needs(column.default) | expression_needs(column.generated)
            if column.collation:
                needs.add(collation_key(_collation_name(column.collation)))
        for check in table.checks:
            needs |= expression_needs(check.expression)
        provides = {relation_key(table.name), type_key(table.name)}
        if table.primary_key:
            provides.add(constraint_key(table.name, table.primary_key.name))
        provides |= {constraint_key(table.name, u.name) for u in table.unique_constraints}
        add(Change("create_table", table, provides=frozenset(provides), needs=frozenset(needs - provides)))
        for fk in table.foreign_keys:
            add(Change("add_foreign_key", fk, context=table,
                       provides=frozenset({constraint_key(table.name, fk.name)}),
                       needs=frozenset({relation_key(table.name), relation_key(fk.references)})))
        if table.rls_enabled:
            add(Change("enable_rls", table, needs=frozenset({relation_key(table.name)})))
    for index in catalog.indexes:
        needs = {relation_key(index.table)} | expression_needs(index.where)
        for key in index.keys:
            needs |= expression_needs(key.expression)
        add(Change("create_index", index, provides=frozenset({relation_key(index.name)}), needs=frozenset(needs)))
    for view in catalog.views:
        add(Change("create_view", view, provides=frozenset({relation_key(view.name), type_key(view.name)}),
                   needs=frozenset({schema_key(view.name.schema)} | expression_needs(view.query) | extensions)))
        if view.column_comments:
            add(Change("comment_view_columns", view, needs=frozenset({relation_key(view.name)})))
    for trigger in catalog.triggers:
        add(Change("create_trigger", trigger, needs=frozenset({relation_key(trigger.table),
                                                               function_key(trigger.function)})))
    for policy in catalog.policies:
        needs = {relation_key(policy.table)} | expression_needs(policy.using) | expression_needs(policy.with_check)
        add(Change("create_policy", policy, needs=frozenset(needs)))
    for grant in _grouped_grants(catalog.grants):
        add(Change("grant", grant, needs=frozenset({_grant_target_key(grant[0])})))
    public_execute = {(g.target, g.arguments) for g in catalog.grants
                      if g.object_kind == "function" and g.grantee == "public" and g.privilege == "execute"}
    for function in catalog.functions:
        if (function.name, function.identity_arguments) not in public_execute:
            add(Change("revoke_public_execute", function, needs=frozenset({function_key(function.name)})))
    for change in list(changes):
        creates = change.kind.startswith("create_") or change.kind == "add_foreign_key"
        if creates and getattr(change.subject, "comment", None) is not None:
            add(Change("comment", change.subject, context=change.context, needs=change.provides or change.needs))
        for table_part in _table_part_comments(change):
            add(table_part)
    return changes


def _collation_name(text: str) -> QualifiedName:
    schema, _, name = text.rpartition(".")
    return QualifiedName(schema or "public", name)


def _table_part_comments(change: Change) -> list[Change]:
    """Comments on columns and constraints declared inline in a table."""
    if change.kind != "create_table":
        return []
    table = change.subject
    parts = [c for c in table.columns if c.comment is not None]
    constraints = [c for c in (table.primary_key, *table.unique_constraints, *table.checks)
                   if c is not None and c.comment is not None]
    return ([Change("comment", c, context=table, needs=change.provides) for c in parts] +
            [Change("comment", c, context=table, needs=change.provides) for c in constraints])


def _grouped_grants(grants: tuple[Grant, ...]) -> list[tuple[Grant, ...]]:
    """One GRANT statement per object, column and role: privileges listed together."""
    groups: dict[tuple, list[Grant]] = {}
    for grant in grants:
        if grant.grantee == "public" and grant.object_kind == "function" and grant.privilege == "execute":
            continue  # Postgres grants it on creation
        key = (grant.object_kind, grant.target, grant.arguments, grant.column, grant.grantee, grant.with_grant_option)
        groups.setdefault(key, []).append(grant)
    return [tuple(sorted(g, key=lambda p: PRIVILEGES[p.object_kind].index(p.privilege))) for g in groups.values()]


def _grant_target_key(grant: Grant):
    if grant.object_kind == "schema":
        return schema_key(grant.target.schema)
    if grant.object_kind == "function":
        return function_key(grant.target)
    return relation_key(grant.target)
