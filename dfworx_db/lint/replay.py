"""Migration statements → the Catalog they leave behind, so the schema rules (RLS,
policies, functions, views, indexes) judge a migration set exactly as they judge
declarations. Each object keeps the file:line of the statement that made it.

Modelled: CREATE/DROP of schemas, extensions, tables, indexes, policies, functions and
views; ALTER TABLE ADD/DROP COLUMN, ADD CONSTRAINT, ENABLE/DISABLE ROW LEVEL SECURITY;
GRANT/REVOKE on schemas and functions; new functions get PUBLIC's EXECUTE as Postgres
gives it. Other statements leave the schema as it was (see docs/lint.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..catalog import (Catalog, Column, Extension, ForeignKey, Function, Grant, Index, IndexKey, Policy, PrimaryKey,
                       QualifiedName, Schema, Table, UniqueConstraint, View)
from .expressions import ExpressionReader
from .nodes import DEFAULT_SCHEMA, qualified, relation_name, strings, type_text
from .sqlfile import SqlFile, Statement


@dataclass
class Replay:
    expressions: ExpressionReader
    extensions: dict[str, Extension] = field(default_factory=dict)
    schemas: dict[str, Schema] = field(default_factory=dict)
    tables: dict[QualifiedName, Table] = field(default_factory=dict)
    indexes: dict[QualifiedName, Index] = field(default_factory=dict)
    policies: dict[tuple[QualifiedName, str], Policy] = field(default_factory=dict)
    functions: dict[QualifiedName, Function] = field(default_factory=dict)
    views: dict[QualifiedName, View] = field(default_factory=dict)
    grants: set[Grant] = field(default_factory=set)

    def catalog(self) -> Catalog:
        return Catalog.build(extensions=self.extensions.values(), schemas=self.schemas.values(),
                             tables=self.tables.values(), indexes=self.indexes.values(),
                             policies=self.policies.values(), functions=self.functions.values(),
                             views=self.views.values(), grants=self.grants)

    def apply(self, statement: Statement, sql_file: SqlFile) -> None:
        step = STEPS.get(statement.node_type)
        if step is not None:
            step(self, statement.node, sql_file, statement)


def _create_table(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    name = relation_name(node["relation"])
    columns, primary, uniques, foreign = [], None, [], []
    for element in node.get("tableElts", ()):
        if "ColumnDef" in element:
            column = element["ColumnDef"]
            columns.append(_column(column, source))
            for item in column.get("constraints", ()):
                constraint = item["Constraint"]
                kind = constraint["contype"]
                if kind == "CONSTR_PRIMARY":
                    primary = PrimaryKey(name=constraint.get("conname", f"{name.name}_pkey"),
                                         columns=(column["colname"],), source=source)
                elif kind == "CONSTR_UNIQUE":
                    uniques.append(UniqueConstraint(name=constraint.get("conname", f"{name.name}_{column['colname']}_key"),
                                                    columns=(column["colname"],), source=source))
                elif kind == "CONSTR_FOREIGN":
                    foreign.append(_foreign_key(constraint, name, (column["colname"],), source))
        elif "Constraint" in element:
            constraint = element["Constraint"]
            kind, keys = constraint["contype"], tuple(strings(constraint.get("keys")))
            if kind == "CONSTR_PRIMARY":
                primary = PrimaryKey(name=constraint.get("conname", f"{name.name}_pkey"), columns=keys, source=source)
            elif kind == "CONSTR_UNIQUE":
                uniques.append(UniqueConstraint(name=constraint.get("conname", f"{name.name}_key"), columns=keys,
                                                source=source))
            elif kind == "CONSTR_FOREIGN":
                foreign.append(_foreign_key(constraint, name, tuple(strings(constraint.get("fk_attrs"))), source))
    r.tables[name] = Table(name=name, columns=tuple(columns), primary_key=primary, unique_constraints=tuple(uniques),
                           foreign_keys=tuple(foreign), source=source)


def _column(column: dict, source) -> Column:
    type_name = column.get("typeName")
    return Column(name=column["colname"], type=type_text(type_name) if type_name else "", source=source)


def _foreign_key(constraint: dict, table: QualifiedName, columns: tuple[str, ...], source) -> ForeignKey:
    return ForeignKey(name=constraint.get("conname", f"{table.name}_{'_'.join(columns)}_fkey"), columns=columns,
                      references=relation_name(constraint["pktable"]),
                      referenced_columns=tuple(strings(constraint.get("pk_attrs"))), source=source)


def _alter_table(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    name = relation_name(node["relation"])
    table = r.tables.get(name)
    if table is None or node.get("objtype", "OBJECT_TABLE") != "OBJECT_TABLE":
        return
    for item in node.get("cmds", ()):
        cmd = item["AlterTableCmd"]
        subtype = cmd.get("subtype")
        if subtype in ("AT_EnableRowSecurity", "AT_DisableRowSecurity"):
            table = replace(table, rls_enabled=subtype == "AT_EnableRowSecurity")
        elif subtype == "AT_AddColumn":
            table = replace(table, columns=(*table.columns, _column(cmd["def"]["ColumnDef"], source)))
        elif subtype == "AT_DropColumn":
            table = replace(table, columns=tuple(c for c in table.columns if c.name != cmd["name"]))
        elif subtype == "AT_AddConstraint":
            constraint = cmd["def"]["Constraint"]
            kind, keys = constraint["contype"], tuple(strings(constraint.get("keys")))
            if kind == "CONSTR_PRIMARY":
                table = replace(table, primary_key=PrimaryKey(name=constraint.get("conname", f"{name.name}_pkey"),
                                                              columns=keys, source=source))
            elif kind == "CONSTR_UNIQUE":
                unique = UniqueConstraint(name=constraint.get("conname", f"{name.name}_key"), columns=keys,
                                          source=source)
                table = replace(table, unique_constraints=(*table.unique_constraints, unique))
            elif kind == "CONSTR_FOREIGN":
                key = _foreign_key(constraint, name, tuple(strings(constraint.get("fk_attrs"))), source)
                table = replace(table, foreign_keys=(*table.foreign_keys, key))
    r.tables[name] = table


def _create_index(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    table = relation_name(node["relation"])
    keys = []
    for param in node.get("indexParams", ()):
        element = param["IndexElem"]
        keys.append(IndexKey(column=element.get("name"),
                             expression=None if element.get("name") else _location_text(element.get("expr"), f, statement),
                             descending=element.get("ordering") == "SORTBY_DESC",
                             opclass=".".join(strings(element.get("opclass"))) or None))
    name = QualifiedName(table.schema, node.get("idxname") or f"{table.name}_idx")
    include = tuple(p["IndexElem"].get("name", "") for p in node.get("indexIncludingParams", ()))
    where = node.get("whereClause")
    r.indexes[name] = Index(name=name, table=table, keys=tuple(keys), unique=bool(node.get("unique")),
                            method=node.get("accessMethod", "btree"), include=include,
                            where=_location_text(where, f, statement) if where else None, source=source)


def _location_text(node: dict | None, f: SqlFile, statement: Statement) -> str:
    """An expression's text from the source, for messages and comparisons."""
    location = min((v for v in _locations(node)), default=-1)
    return f.enclosed(location, statement.end) if location >= 0 else ""


def _locations(node: object):
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "location" and isinstance(value, int):
                    yield value
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


# Where a policy's expressions start: just inside the parenthesis after USING / WITH CHECK.
_POLICY_CLAUSES = {"qual": re.compile(rb"\bUSING\s*\(", re.I), "with_check": re.compile(rb"\bWITH\s+CHECK\s*\(", re.I)}


def _create_policy(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    table = relation_name(node["table"])
    roles = tuple("public" if role["RoleSpec"].get("roletype") == "ROLESPEC_PUBLIC" else role["RoleSpec"]["rolename"]
                  for role in node.get("roles", ())) or ("public",)
    texts = {}
    for key, clause in _POLICY_CLAUSES.items():
        if node.get(key):
            # Reading the source beats walking the tree for the lowest location (policies are many).
            found = clause.search(f.data, statement.start, statement.end)
            texts[key] = (f.enclosed(found.end(), statement.end) if found
                          else _location_text(node[key], f, statement))
            r.expressions.remember(texts[key], node[key])
    r.policies[(table, node["policy_name"])] = Policy(
        name=node["policy_name"], table=table, command=node.get("cmd_name", "all"),
        permissive=node.get("permissive", False), roles=roles, using=texts.get("qual"),
        with_check=texts.get("with_check"), source=source)


def _create_function(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    if node.get("is_procedure"):
        return
    name = qualified(strings(node["funcname"]))
    options = {o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in node.get("options", ())}
    config = tuple((o["DefElem"]["arg"]["VariableSetStmt"]["name"], "")
                   for o in node.get("options", ()) if o["DefElem"]["defname"] == "set")
    body = strings(options.get("as", {}).get("List", {}).get("items"))
    language = options.get("language", {}).get("String", {}).get("sval", "sql")
    definer = options.get("security", {}).get("Boolean", {}).get("boolval", False)
    returns = type_text(node["returnType"]) if node.get("returnType") else ""
    r.functions[name] = Function(name=name, arguments=(), returns=returns, language=language,
                                 body=body[0] if body else "", security_definer=definer, config=config,
                                 source=source)
    r.grants.add(Grant(object_kind="function", target=name, privilege="execute", grantee="public", arguments=""))


def _create_view(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    name = relation_name(node["view"])
    options = {o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in node.get("options", ())}
    invoker = options.get("security_invoker", {}).get("String", {}).get("sval", "false").lower() in ("true", "on", "1")
    text = _view_query(f.slice(statement.start, statement.end))
    r.expressions.remember_query(text, node["query"])
    r.views[name] = View(name=name, query=text, security_invoker=invoker, source=source)


def _view_query(statement: str) -> str:
    """The query of a CREATE VIEW as Postgres's deparser writes it (views are few: the
    second parse costs nothing measurable)."""
    from pglast import parse_sql
    from pglast.stream import RawStream
    return RawStream()(parse_sql(statement)[0].stmt.query)


def _create_extension(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    options = {o["DefElem"]["defname"]: o["DefElem"].get("arg") for o in node.get("options", ())}
    schema = options.get("schema", {}).get("String", {}).get("sval", DEFAULT_SCHEMA)
    r.extensions.setdefault(node["extname"], Extension(name=node["extname"], schema=schema, source=source))


def _create_schema(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    r.schemas.setdefault(node["schemaname"], Schema(name=node["schemaname"], source=source))


def _grant(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    kind = {"OBJECT_SCHEMA": "schema", "OBJECT_FUNCTION": "function"}.get(node.get("objtype"))
    if kind is None or node.get("targtype", "ACL_TARGET_OBJECT") != "ACL_TARGET_OBJECT":
        return
    privileges = [p["AccessPriv"].get("priv_name") for p in node.get("privileges", ())]
    privileges = [p for p in privileges if p] or (["usage", "create"] if kind == "schema" else ["execute"])
    grantees = ["public" if g["RoleSpec"].get("roletype") == "ROLESPEC_PUBLIC" else g["RoleSpec"].get("rolename", "")
                for g in node.get("grantees", ())]
    for item in node.get("objects", ()):
        if kind == "schema":
            target = QualifiedName(item["String"]["sval"], item["String"]["sval"])
        else:
            target = qualified(strings(item["ObjectWithArgs"].get("objname")))
        for privilege in privileges:
            for grantee in grantees:
                grant = Grant(object_kind=kind, target=target, privilege=privilege, grantee=grantee,
                              arguments="" if kind == "function" else None)
                if node.get("is_grant"):
                    r.grants.add(replace(grant, source=source))
                else:
                    r.grants.discard(grant)


def _drop(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    kind = node.get("removeType")
    for item in node.get("objects", ()):
        if kind == "OBJECT_POLICY":
            parts = strings(item.get("List", {}).get("items"))
            r.policies.pop((qualified(parts[:-1]), parts[-1]), None)
            continue
        parts = (strings(item["ObjectWithArgs"].get("objname")) if "ObjectWithArgs" in item
                 else [item["String"]["sval"]] if "String" in item else strings(item.get("List", {}).get("items")))
        if not parts:
            continue  # a type or another object the replay does not model
        target = qualified(parts)
        store = {"OBJECT_TABLE": r.tables, "OBJECT_INDEX": r.indexes, "OBJECT_FUNCTION": r.functions,
                 "OBJECT_VIEW": r.views}.get(kind)
        if store is not None:
            store.pop(target, None)
        elif kind == "OBJECT_EXTENSION":
            r.extensions.pop(parts[-1], None)


STEPS = {
    "CreateStmt": _create_table, "AlterTableStmt": _alter_table, "IndexStmt": _create_index,
    "CreatePolicyStmt": _create_policy, "CreateFunctionStmt": _create_function, "ViewStmt": _create_view,
    "CreateExtensionStmt": _create_extension, "CreateSchemaStmt": _create_schema, "GrantStmt": _grant,
    "DropStmt": _drop,
}
