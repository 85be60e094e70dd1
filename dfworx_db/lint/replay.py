"""Migration statements → the Catalog they leave behind, so the schema rules (RLS,
policies, functions, views, indexes) judge a migration set exactly as they judge
declarations. Each object keeps the file:line of the statement that made it.

Modelled: CREATE/DROP of schemas, extensions, tables, indexes, policies, functions and
views; ALTER TABLE ADD CONSTRAINT, ENABLE/DISABLE ROW LEVEL SECURITY; GRANT/REVOKE on
schemas and functions; new functions get PUBLIC's EXECUTE as Postgres gives it. Other
statements leave the schema as it was (see docs/lint.md). Tables are replayed without
their columns: no schema rule reads them (the column rules judge the statements), and at
thousands of tables building them was a fifth of a lint run."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..catalog import (Catalog, Extension, ForeignKey, Function, Grant, Index, IndexKey, Policy, PrimaryKey,
                       QualifiedName, Schema, Table, UniqueConstraint, View)
from .expressions import ExpressionReader
from ..sqltree import strings
from .nodes import DEFAULT_SCHEMA, qualified, relation_name, type_text
from .sqlfile import SqlFile, Statement


@dataclass(slots=True)
class _TableDraft:
    """A table as the statements so far leave it, frozen into a Table by Replay.catalog()
    (ALTER TABLE changes a draft in place instead of copying a frozen Table each time)."""

    name: QualifiedName
    source: object
    primary_key: PrimaryKey | None = None
    unique_constraints: list[UniqueConstraint] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    rls_enabled: bool = False

    def add_constraint(self, constraint: dict, columns: tuple[str, ...], source) -> None:
        """A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint on `columns` (those of the
        column it is written on, else its own list); other kinds are not replayed."""
        kind, table = constraint["contype"], self.name.name
        if kind == "CONSTR_PRIMARY":
            self.primary_key = PrimaryKey(name=constraint.get("conname", f"{table}_pkey"), columns=columns,
                                          source=source)
        elif kind == "CONSTR_UNIQUE":
            self.unique_constraints.append(UniqueConstraint(
                name=constraint.get("conname", f"{table}_{'_'.join(columns)}_key"), columns=columns, source=source))
        elif kind == "CONSTR_FOREIGN":
            self.foreign_keys.append(ForeignKey(
                name=constraint.get("conname", f"{table}_{'_'.join(columns)}_fkey"), columns=columns,
                references=relation_name(constraint["pktable"]),
                referenced_columns=tuple(strings(constraint.get("pk_attrs"))), source=source))

    def table(self) -> Table:
        return Table(name=self.name, columns=(), primary_key=self.primary_key,
                     unique_constraints=tuple(self.unique_constraints), foreign_keys=tuple(self.foreign_keys),
                     rls_enabled=self.rls_enabled, source=self.source)


@dataclass
class Replay:
    expressions: ExpressionReader
    extensions: dict[str, Extension] = field(default_factory=dict)
    schemas: dict[str, Schema] = field(default_factory=dict)
    tables: dict[QualifiedName, _TableDraft] = field(default_factory=dict)
    indexes: dict[QualifiedName, Index] = field(default_factory=dict)
    policies: dict[tuple[QualifiedName, str], Policy] = field(default_factory=dict)
    functions: dict[QualifiedName, Function] = field(default_factory=dict)
    views: dict[QualifiedName, View] = field(default_factory=dict)
    grants: set[Grant] = field(default_factory=set)

    def catalog(self) -> Catalog:
        return Catalog.build(extensions=self.extensions.values(), schemas=self.schemas.values(),
                             tables=[t.table() for t in self.tables.values()], indexes=self.indexes.values(),
                             policies=self.policies.values(), functions=self.functions.values(),
                             views=self.views.values(), grants=self.grants)

    def apply(self, statement: Statement, sql_file: SqlFile) -> None:
        step = STEPS.get(statement.node_type)
        if step is not None:
            step(self, statement.node, sql_file, statement)


def _create_table(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    source = f.location(statement.start)
    table = r.tables[relation_name(node["relation"])] = _TableDraft(relation_name(node["relation"]), source)
    for element in node.get("tableElts", ()):
        if "ColumnDef" in element:
            column = element["ColumnDef"]
            for item in column.get("constraints", ()):
                table.add_constraint(item["Constraint"], (column["colname"],), source)
        elif "Constraint" in element:
            constraint = element["Constraint"]
            table.add_constraint(constraint, _constraint_columns(constraint), source)


def _constraint_columns(constraint: dict) -> tuple[str, ...]:
    return tuple(strings(constraint.get("fk_attrs" if constraint["contype"] == "CONSTR_FOREIGN" else "keys")))


def _alter_table(r: Replay, node: dict, f: SqlFile, statement: Statement) -> None:
    table = r.tables.get(relation_name(node["relation"]))
    if table is None or node.get("objtype", "OBJECT_TABLE") != "OBJECT_TABLE":
        return
    for item in node.get("cmds", ()):
        cmd = item["AlterTableCmd"]
        subtype = cmd.get("subtype")
        if subtype in ("AT_EnableRowSecurity", "AT_DisableRowSecurity"):
            table.rls_enabled = subtype == "AT_EnableRowSecurity"
        elif subtype == "AT_AddConstraint":
            constraint = cmd["def"]["Constraint"]
            table.add_constraint(constraint, _constraint_columns(constraint), f.location(statement.start))


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
