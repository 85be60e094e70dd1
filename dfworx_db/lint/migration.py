"""Lint a set of migration files in the order they run: migration rules per statement
(dispatched by node type), then the schema rules over the Catalog the set leaves behind."""

from __future__ import annotations

from .context import FILE_CHECKS, HANDLERS, FileContext, SetState
from .expressions import ExpressionReader
from .findings import Finding
from .nodes import relation_name
from .replay import Replay
from . import rules  # noqa: F401  (registers the handlers)
from .schema import SchemaContext, lint_catalog
from .sqlfile import SqlFile


def lint_migrations(files: list[SqlFile], exposed_schemas: tuple[str, ...] = ("public",),
                    keep: list | None = None) -> list[Finding]:
    """Findings for `files`, in run order: a table created by an earlier file exists for a
    later one (only the file that creates a table may index it without CONCURRENTLY).
    `keep`, when given, receives what the run built (the replayed schema, the column types
    seen), for the caller to decide when it is freed."""
    findings: list[Finding] = []
    shared = SetState()
    replay = Replay(ExpressionReader())
    for sql_file in files:
        ctx = FileContext(sql_file, shared, findings)
        for statement in sql_file.statements():
            ctx.statement = statement
            for handler in HANDLERS.get(statement.node_type, ()):
                handler(statement.node, ctx)
            _track(statement.node_type, statement.node, ctx)
            replay.apply(statement, sql_file)
        for check in FILE_CHECKS:
            check(ctx)
    schema = SchemaContext(replay.catalog(), replay.expressions, configured_exposed=exposed_schemas)
    if keep is not None:
        keep += [shared, replay, schema]
    return findings + lint_catalog(schema)


def _track(node_type: str, node: dict, ctx: FileContext) -> None:
    """What later statements need to know: tables this file created, column types."""
    if node_type == "CreateStmt":
        table = relation_name(node["relation"])
        ctx.created.add(table)
        types = ctx.shared.column_types.setdefault(table, {})
        for element in node.get("tableElts", ()):
            column = element.get("ColumnDef")
            if column and "typeName" in column:
                types[column["colname"]] = column["typeName"]
    elif node_type == "AlterTableStmt" and "relation" in node:
        table = relation_name(node["relation"])
        for item in node.get("cmds", ()):
            cmd = item["AlterTableCmd"]
            if cmd.get("subtype") == "AT_AddColumn":
                column = cmd["def"]["ColumnDef"]
                ctx.shared.column_types.setdefault(table, {})[column["colname"]] = column["typeName"]
            elif cmd.get("subtype") == "AT_AlterColumnType":
                ctx.shared.column_types.setdefault(table, {})[cmd["name"]] = cmd["def"]["ColumnDef"]["typeName"]
    elif node_type == "CreateTableAsStmt" and "into" in node:
        ctx.created.add(relation_name(node["into"]["rel"]))
