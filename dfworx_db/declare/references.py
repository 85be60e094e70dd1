"""Checks across the whole declaration set, after every file is read: duplicate names,
undeclared schemas, and references to objects that do not exist (foreign-key targets,
index and constraint columns, trigger functions, types)."""

from __future__ import annotations

import dataclasses
import re

from ..catalog import Catalog, ForeignKey, QualifiedName, Table
from ..errors import Problem, closest
from ..expressions import referenced_columns, referenced_tables
from ..managed import MANAGED_SCHEMAS

# Schemas a declaration may name without declaring them: public exists in every
# database, the managed ones are Supabase's (recreated in part by the baseline).
BUILTIN_SCHEMAS = {"public"} | MANAGED_SCHEMAS
_ARRAY_OR_MODIFIER = re.compile(r"(\(.*\))?(\[\d*\])*$")
_TYPE_NAME = re.compile(r"^(?P<setof>setof\s+)?(?P<base>[^\s(\[]+)(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)


def qualify_types(catalog: Catalog, file_schemas: dict[str, str]) -> Catalog:
    """Write unqualified user-defined types with their schema: a type named in a file whose
    `schema:` is S means S.type when S declares it, else public.type, as a reader expects;
    the rendered SQL then never depends on the server's search_path."""
    declared = {e.name for e in catalog.enums} | {t.name for t in catalog.tables} | {v.name for v in catalog.views}

    def qualify(type_text: str, source: object) -> str:
        match = _TYPE_NAME.match(type_text)
        if not match or "." in match["base"] or match["base"].startswith('"'):
            return type_text
        schema = file_schemas.get(getattr(source, "file", ""), "public")
        for candidate in dict.fromkeys((schema, "public")):
            if QualifiedName(candidate, match["base"]) in declared:
                return f"{match['setof'] or ''}{candidate}.{match['base']}{match['rest']}"
        return type_text

    collations = {c.name for c in catalog.collations}

    def qualify_collation(name: QualifiedName | None, source: object) -> QualifiedName | None:
        if name is None or name.schema:
            return name
        schema = file_schemas.get(getattr(source, "file", ""), "public")
        found = next((QualifiedName(s, name.name) for s in (schema, "public")
                      if QualifiedName(s, name.name) in collations), None)
        return found or QualifiedName("pg_catalog", name.name)

    tables = tuple(dataclasses.replace(t, columns=tuple(dataclasses.replace(c, type=qualify(c.type, t.source),
                                                                            collation=qualify_collation(c.collation, t.source))
                                                        for c in t.columns)) for t in catalog.tables)
    functions = []
    renamed: dict[tuple[QualifiedName, str], str] = {}  # (name, old identity args) → new
    for f in catalog.functions:
        args = tuple(dataclasses.replace(a, type=qualify(a.type, f.source)) for a in f.arguments)
        table = tuple(dataclasses.replace(a, type=qualify(a.type, f.source)) for a in f.returns_table)
        new = dataclasses.replace(f, arguments=args, returns_table=table,
                                  returns=qualify(f.returns, f.source) if f.returns else f.returns)
        renamed[(f.name, f.identity_arguments)] = new.identity_arguments
        functions.append(new)
    grants = tuple(dataclasses.replace(g, arguments=renamed.get((g.target, g.arguments or ""), g.arguments))
                   if g.object_kind == "function" else g for g in catalog.grants)
    indexes = tuple(dataclasses.replace(i, keys=tuple(dataclasses.replace(k, collation=qualify_collation(k.collation, i.source))
                                                      for k in i.keys)) for i in catalog.indexes)
    return dataclasses.replace(catalog, tables=tables, indexes=indexes, functions=tuple(functions), grants=grants)


def check_catalog(catalog: Catalog, problems: list[Problem]) -> Catalog:
    """Report every dangling reference; return the Catalog with foreign keys that omitted
    their target columns pointed at the target's primary key."""
    declared_schemas = set(catalog.schema_names) | BUILTIN_SCHEMAS
    tables = {t.name: t for t in catalog.tables}
    relations = set(tables) | {v.name for v in catalog.views}

    def need_schema(schema: str, obj: object, what: str) -> None:
        if schema not in declared_schemas:
            problems.append(Problem(f"{what} is in schema {schema!r}, which is not declared",
                                    obj.source, f"add '{schema}:' under schemas:"))  # type: ignore[attr-defined]

    for schema in catalog.schemas:
        if schema.name in MANAGED_SCHEMAS:
            problems.append(Problem(f"schema {schema.name!r} is managed by Supabase or Postgres and cannot be declared",
                                    schema.source, "remove it from schemas:; objects may still refer to it"))
    for ext in catalog.extensions:
        if ext.schema:
            need_schema(ext.schema, ext, f"extension {ext.name}")
    for sequence in catalog.sequences:
        if sequence.owned_by:
            table, column = sequence.owned_by
            if table not in tables or not tables[table].column(column):
                problems.append(Problem(f"sequence {sequence.name} is owned by {table}.{column}, which is not declared",
                                        sequence.source))
    for kind, objs in (("enum", catalog.enums), ("view", catalog.views), ("function", catalog.functions),
                       ("sequence", catalog.sequences), ("collation", catalog.collations)):
        for obj in objs:
            need_schema(obj.name.schema, obj, f"{kind} {obj.name}")  # type: ignore[attr-defined]

    fixed_tables = []
    for table in catalog.tables:
        need_schema(table.name.schema, table, f"table {table.name}")
        fixed_tables.append(_check_table(table, tables, catalog, declared_schemas, problems))

    for index in catalog.indexes:
        table = tables.get(index.table)
        if table is None:
            continue
        names = _column_names(table, tables)
        for key in index.keys:
            missing = ({key.column} if key.column else referenced_columns(key.expression or "")) - names
            _missing_columns(missing, f"index {index.name.name}", table, index, problems)
        _missing_columns(set(index.include) - names, f"index {index.name.name} (include)", table, index, problems)
        _missing_columns(referenced_columns(index.where or "") - names, f"predicate of index {index.name.name}",
                         table, index, problems)

    for trigger in catalog.triggers:
        table = tables[trigger.table]
        _missing_columns(set(trigger.update_columns) - _column_names(table, tables),
                         f"trigger {trigger.name} (update_of)", table, trigger, problems)
        functions = catalog.functions_named(trigger.function)
        if not functions:
            problems.append(Problem(f"trigger {trigger.name} calls {trigger.function}(), which is not declared",
                                    trigger.source, "declare the function under functions: with returns: trigger"))
        elif not any(f.returns == "trigger" and not f.identity_arguments for f in functions):
            problems.append(Problem(f"trigger {trigger.name} calls {trigger.function}(), which does not return trigger",
                                    trigger.source, "a trigger function is declared with returns: trigger"))

    for grant in catalog.grants:
        if grant.column and grant.target in tables and not tables[grant.target].column(grant.column):
            problems.append(Problem(f"grant on unknown column {grant.column!r} of {grant.target}", grant.source))

    for view in catalog.views:
        for schema, name in referenced_tables(view.query):
            if schema in (catalog.schema_names + ("public",)) and QualifiedName(schema, name) not in relations:
                problems.append(Problem(f"view {view.name} reads {schema}.{name}, which is not declared", view.source))

    type_names = {e.name for e in catalog.enums} | relations
    # Declared schemas, unless an extension lives there: its types are unknown without a server.
    checked_schemas = (set(catalog.schema_names) | {"public"}) - {e.schema or "public" for e in catalog.extensions}
    for table in catalog.tables:
        for column in table.columns:
            _check_type(column.type, column, type_names, checked_schemas, problems)
    for function in catalog.functions:
        for arg in (*function.arguments, *function.returns_table):
            _check_type(arg.type, function, type_names, checked_schemas, problems)
        if function.returns:
            _check_type(function.returns.removeprefix("SETOF ").removeprefix("setof "), function, type_names,
                        checked_schemas, problems)
    return dataclasses.replace(catalog, tables=tuple(fixed_tables))


def _check_table(table: Table, tables: dict[QualifiedName, Table], catalog: Catalog,
                 declared_schemas: set[str], problems: list[Problem]) -> Table:
    names = _column_names(table, tables)
    if table.primary_key:
        _missing_columns(set(table.primary_key.columns) - names, "primary key", table, table.primary_key, problems)
    for unique in table.unique_constraints:
        _missing_columns(set(unique.columns) - names, f"unique constraint {unique.name}", table, unique, problems)
    for check in table.checks:
        _missing_columns(referenced_columns(check.expression) - names, f"check {check.name}", table, check, problems)
    for parent in (*table.inherits, *([table.partition_of] if table.partition_of else [])):
        if parent not in tables:
            problems.append(Problem(f"table {table.name} derives from {parent}, which is not a declared table", table.source))
        elif table.partition_of == parent and not tables[parent].partition_by:
            problems.append(Problem(f"{table.name} is a partition of {parent}, which has no partition_by", table.source,
                                    f"add partition_by to {parent}"))
    fks = []
    for fk in table.foreign_keys:
        _missing_columns(set(fk.columns) - names, f"foreign key {fk.name}", table, fk, problems)
        fks.append(_check_foreign_key(fk, tables, problems))
    return dataclasses.replace(table, foreign_keys=tuple(fks))


def _column_names(table: Table, tables: dict[QualifiedName, Table]) -> set[str]:
    """The table's columns, with those it inherits from its parents (INHERITS or
    PARTITION OF), which its own constraints may name."""
    names, todo, seen = set(), [table], set()
    while todo:
        current = todo.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        names |= {c.name for c in current.columns}
        parents = (*current.inherits, *([current.partition_of] if current.partition_of else []))
        todo += [tables[p] for p in parents if p in tables]
    return names


def _check_foreign_key(fk: ForeignKey, tables: dict[QualifiedName, Table], problems: list[Problem]) -> ForeignKey:
    target = tables.get(fk.references)
    if target is None:
        problems.append(Problem(f"foreign key {fk.name} references {fk.references}, which is not a declared table",
                                fk.source, "declare the table, or fix the schema.table name"))
        return fk
    ref_columns = fk.referenced_columns
    if not ref_columns:
        if target.primary_key is None:
            problems.append(Problem(f"foreign key {fk.name} names no columns and {target.name} has no primary key",
                                    fk.source, "write references: table(column)"))
            return fk
        ref_columns = target.primary_key.columns
    target_names = _column_names(target, tables)
    missing = set(ref_columns) - target_names
    _missing_columns(missing, f"foreign key {fk.name}", target, fk, problems)
    if len(ref_columns) != len(fk.columns):
        problems.append(Problem(f"foreign key {fk.name} has {len(fk.columns)} columns but references "
                                f"{len(ref_columns)}", fk.source))
    elif not missing:
        keys = [set(u.columns) for u in target.unique_constraints]
        if target.primary_key:
            keys.append(set(target.primary_key.columns))
        if set(ref_columns) not in keys:
            problems.append(Problem(f"foreign key {fk.name} references {target.name}({', '.join(ref_columns)}), "
                                    "which is neither its primary key nor unique", fk.source,
                                    "Postgres requires a primary key or unique constraint on the referenced columns"))
    return dataclasses.replace(fk, referenced_columns=tuple(ref_columns))


def _missing_columns(missing: set[str], what: str, table: Table, obj: object, problems: list[Problem]) -> None:
    for name in sorted(missing):
        problems.append(Problem(f"the {what} names column {name!r}, which {table.name} does not have",
                                obj.source, _did_you_mean(name, [c.name for c in table.columns])))  # type: ignore[attr-defined]


def _did_you_mean(name: str, options: list[str]) -> str | None:
    close = closest(name, options)
    return f"did you mean {close!r}?" if close else None


def _check_type(type_text: str, obj: object, type_names: set[QualifiedName], checked_schemas: set[str],
                problems: list[Problem]) -> None:
    """A qualified type in one of `checked_schemas` must be a declared enum, table or view."""
    base = _ARRAY_OR_MODIFIER.sub("", type_text.strip())
    if "." not in base or base.startswith('"'):
        return
    schema, _, name = base.partition(".")
    if schema in checked_schemas:
        if QualifiedName(schema, name) not in type_names:
            problems.append(Problem(f"type {base} is not declared", obj.source,  # type: ignore[attr-defined]
                                    "declare it under enums:, or fix the name"))
