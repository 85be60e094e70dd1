"""Drops and renames: changes that break the clients still running the previous release."""

from __future__ import annotations

from ..context import FileContext, on
from ..findings import rule
from ...sqltree import strings
from ..nodes import qualified, relation_name
from .locking import CONCURRENTLY_IN_TRANSACTION
from .transactions import locks

_BREAKS = """Deploys are not atomic: while the migration runs and until every client runs the new
code, the previous release still uses the object. Dropping it breaks those clients (and loses
its data, which no down-migration brings back)."""

DROPS = {
    "OBJECT_TABLE": rule("drop-table", "migration", "warning", "DROP TABLE", _BREAKS,
                         "stop using the table in a release first, then drop it in a later migration"),
    "OBJECT_SCHEMA": rule("drop-schema", "migration", "warning", "DROP SCHEMA", _BREAKS,
                          "stop using the schema's objects in a release first, then drop it"),
    "OBJECT_FUNCTION": rule("drop-function", "migration", "warning", "DROP FUNCTION or PROCEDURE",
                            _BREAKS + " Policies, triggers and defaults that call the function fail too.",
                            "create the replacement first, move callers to it, then drop the old one"),
    "OBJECT_TYPE": rule("drop-type", "migration", "warning", "DROP TYPE or DOMAIN", _BREAKS,
                        "stop using the type in columns and functions first, then drop it"),
    "OBJECT_POLICY": rule("drop-policy", "migration", "warning", "DROP POLICY",
                          """Between the DROP POLICY and the statement that replaces it, RLS denies
                          (or, with another permissive policy, widens) access: dropping a policy
                          changes who sees which rows.""",
                          "use ALTER POLICY to change a policy in place, or create the replacement "
                          "before dropping it in the same migration"),
    "OBJECT_DATABASE": rule("drop-database", "migration", "error", "DROP DATABASE in a migration",
                            "A migration that drops a database destroys every table in it; it cannot "
                            "run in a transaction either.", "drop databases by hand, never in a migration"),
}
DROPS["OBJECT_PROCEDURE"] = DROPS["OBJECT_FUNCTION"]
DROPS["OBJECT_DOMAIN"] = DROPS["OBJECT_TYPE"]

DROP_COLUMN = rule("drop-column", "migration", "warning", "ALTER TABLE … DROP COLUMN", _BREAKS,
                   "stop reading and writing the column in a release first, then drop it")

DROP_INDEX = rule(
    "drop-index-non-concurrently", "migration", "error", "DROP INDEX without CONCURRENTLY",
    """DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every
    running query and blocks every later one until it gets it.""",
    "use DROP INDEX CONCURRENTLY, in a file of its own marked `-- dfworx-db: no-transaction`")

RENAME_TABLE = rule("rename-table", "migration", "warning", "ALTER TABLE … RENAME TO",
                    "Clients of the previous release still use the old name and fail until they are "
                    "deployed again.", "create the new table (or a view with the new name) and migrate "
                    "clients, then drop the old name")
RENAME_COLUMN = rule("rename-column", "migration", "warning", "ALTER TABLE … RENAME COLUMN",
                     "Clients of the previous release still read and write the old column name and fail "
                     "until they are deployed again.",
                     "add the new column, write both, backfill, move readers, then drop the old one")

ENUM_POSITION = rule(
    "enum-value-without-position", "migration", "warning",
    "ALTER TYPE … ADD VALUE without BEFORE or AFTER",
    """Enum values sort in declaration order, not alphabetically: ORDER BY, <, > and indexes
    on the column use it. A value appended at the end sorts after every existing one, which is
    rarely what the code comparing them expects, and the order cannot be changed afterwards
    without rewriting every column of the type.""",
    "say where the value goes: `ADD VALUE 'x' BEFORE 'y'` or `AFTER 'y'`")


@on("DropStmt")
def drop(node: dict, ctx: FileContext) -> None:
    kind = node.get("removeType")
    if kind == "OBJECT_INDEX":
        if node.get("concurrent"):
            if ctx.in_transaction:
                ctx.report(CONCURRENTLY_IN_TRANSACTION, "DROP INDEX CONCURRENTLY cannot run inside the transaction "
                                                        "this migration runs in")
        else:
            ctx.report(DROP_INDEX, "DROP INDEX locks its table until the index is gone")
        return
    found = DROPS.get(kind)
    if found is None:
        return
    names = [_object_name(kind, item) for item in node.get("objects", ())]
    if kind == "OBJECT_TABLE":
        names = [n for n in names if ctx.existing(qualified(n.split(".")))]
        for name in names:
            locks(ctx, qualified(name.split(".")))
    if names:
        ctx.report(found, f"drops {', '.join(names)}")


def _object_name(kind: str, item: dict) -> str:
    if "String" in item:
        return item["String"]["sval"]
    if "ObjectWithArgs" in item:
        return ".".join(strings(item["ObjectWithArgs"].get("objname")))
    if "TypeName" in item:
        return ".".join(strings(item["TypeName"].get("names")))
    parts = strings(item.get("List", {}).get("items"))
    if kind in ("OBJECT_TABLE", "OBJECT_INDEX"):
        return str(qualified(parts))
    return ".".join(parts)


@on("AlterTableStmt")
def drop_column(node: dict, ctx: FileContext) -> None:
    table = relation_name(node["relation"])
    if not ctx.existing(table):
        return
    for item in node.get("cmds", ()):
        cmd = item["AlterTableCmd"]
        if cmd.get("subtype") == "AT_DropColumn":
            ctx.report(DROP_COLUMN, f"drops {table}.{cmd['name']}")


@on("RenameStmt")
def rename(node: dict, ctx: FileContext) -> None:
    kind = node.get("renameType")
    if "relation" not in node or kind not in ("OBJECT_TABLE", "OBJECT_COLUMN"):
        return
    table = relation_name(node["relation"])
    if not ctx.existing(table):
        return
    locks(ctx, table, node["relation"].get("location"))
    if kind == "OBJECT_TABLE":
        ctx.report(RENAME_TABLE, f"renames {table} to {node['newname']}")
    else:
        ctx.report(RENAME_COLUMN, f"renames {table}.{node['subname']} to {node['newname']}")


@on("AlterEnumStmt")
def enum_value(node: dict, ctx: FileContext) -> None:
    if node.get("newVal") and not node.get("oldVal") and not node.get("newValNeighbor"):
        ctx.report(ENUM_POSITION, f"{'.'.join(strings(node.get('typeName')))} gets {node['newVal']!r} "
                                  "at the end of its order")


@on("DropdbStmt")
def drop_database(node: dict, ctx: FileContext) -> None:
    ctx.report(DROPS["OBJECT_DATABASE"], f"drops the database {node.get('dbname')}")
