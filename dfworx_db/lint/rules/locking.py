"""Statements that lock or rewrite an existing table for longer than a deploy can afford."""

from __future__ import annotations

from ...catalog import QualifiedName
from ..context import FileContext, on
from ..findings import rule
from ...sqltree import strings, walk
from ..nodes import base_type, function_name, relation_name, type_text
from .transactions import locks

CONCURRENT_INDEX = rule(
    "concurrent-index-required", "migration", "error",
    "CREATE INDEX without CONCURRENTLY on a table that already exists",
    """A plain CREATE INDEX holds a SHARE lock on the table until the index is built: every
    INSERT, UPDATE and DELETE waits, for minutes on a large table. An index on a table the same
    file created needs no CONCURRENTLY (the table is empty and nobody else sees it yet).""",
    "use CREATE INDEX CONCURRENTLY, in a file of its own marked `-- dfworx-db: no-transaction`")

CONCURRENTLY_IN_TRANSACTION = rule(
    "concurrently-in-transaction", "migration", "error",
    "CREATE/DROP INDEX CONCURRENTLY in a migration that runs in a transaction",
    """CONCURRENTLY cannot run inside a transaction block ("CREATE INDEX CONCURRENTLY cannot
    run inside a transaction block"), and the Supabase CLI and dfworx-db apply run every
    migration file in one transaction.""",
    "move the statement to a file of its own whose first line is `-- dfworx-db: no-transaction`")

CONSTRAINT_NOT_VALID = rule(
    "constraint-not-valid-required", "migration", "error",
    "CHECK or FOREIGN KEY constraint added to an existing table without NOT VALID",
    """Adding a CHECK or FOREIGN KEY constraint scans the whole table to validate it while
    holding an ACCESS EXCLUSIVE lock (SHARE ROW EXCLUSIVE on both tables for a foreign key).
    Added NOT VALID, it only checks new rows; VALIDATE CONSTRAINT later scans with a lock
    that lets reads and writes continue.""",
    "add the constraint NOT VALID, then `ALTER TABLE … VALIDATE CONSTRAINT …` in a later migration")

VALIDATE_SAME_TRANSACTION = rule(
    "validate-in-same-transaction", "migration", "error",
    "VALIDATE CONSTRAINT in the same transaction that added the constraint NOT VALID",
    """NOT VALID exists so that the lock of ADD CONSTRAINT is short. Validating in the same
    transaction keeps that ACCESS EXCLUSIVE lock during the validation scan, which is exactly
    what NOT VALID was meant to avoid.""",
    "validate the constraint in a later migration file")

SET_NOT_NULL = rule(
    "set-not-null-unproven", "migration", "error",
    "SET NOT NULL on an existing column without a validated CHECK (col IS NOT NULL)",
    """SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, unless a valid CHECK
    constraint already proves the column has no NULLs (PostgreSQL 12+ then skips the scan).""",
    "add `CHECK (col IS NOT NULL) NOT VALID`, VALIDATE it in a later migration, then SET NOT NULL "
    "and drop the check")

REQUIRED_COLUMN = rule(
    "required-column-without-default", "migration", "error",
    "NOT NULL column added to an existing table without a DEFAULT",
    """The statement fails on any table that has rows ("column contains null values"), and
    clients that insert without naming the new column start failing once it succeeds.""",
    "give the column a DEFAULT, or add it nullable, backfill, then make it NOT NULL")

ADD_COLUMN_REWRITE = rule(
    "add-column-rewrite", "migration", "error",
    "column added with a volatile default, as a stored generated column, or as serial/identity",
    """Since PostgreSQL 11 a column added with a constant (or stable, e.g. now()) default costs
    nothing. A volatile default (gen_random_uuid(), clock_timestamp(), nextval()), a STORED
    generated column or an identity column must compute a value per row: the whole table is
    rewritten under an ACCESS EXCLUSIVE lock.""",
    "add the column without the default, set the default for new rows, and backfill in batches")

TYPE_CHANGE = rule(
    "column-type-change", "migration", "error",
    "column type changed on an existing table (a rewrite, unless binary-coercible)",
    """ALTER COLUMN TYPE rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE
    lock, except for binary-coercible changes (varchar(n) to a longer varchar or to text,
    numeric(p,s) to a larger precision with the same scale).""",
    "add a new column, backfill it in batches, and switch readers over; or keep the change "
    "binary-coercible")

UNIQUE_WITHOUT_INDEX = rule(
    "unique-without-index", "migration", "error",
    "UNIQUE or PRIMARY KEY constraint added to an existing table without USING INDEX",
    """Adding the constraint builds its index while holding an ACCESS EXCLUSIVE lock: neither
    reads nor writes run until the whole index is built.""",
    "CREATE UNIQUE INDEX CONCURRENTLY first, then `ADD CONSTRAINT … UNIQUE USING INDEX …`")

# Functions whose value does not change within a statement: a default calling only these is
# computed once when the column is added (PostgreSQL 11+), so the table is not rewritten.
STABLE_FUNCTIONS = frozenset({
    "now", "current_setting", "timezone", "to_jsonb", "jsonb_build_object", "json_build_object",
    "jsonb_build_array", "array", "lower", "upper", "concat", "coalesce", "length", "to_timestamp",
    "make_interval", "transaction_timestamp", "statement_timestamp",
})
SERIAL_TYPES = frozenset({"serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"})


@on("IndexStmt")
def create_index(node: dict, ctx: FileContext) -> None:
    table = relation_name(node["relation"])
    where = node["relation"].get("location")
    if node.get("concurrent"):
        if ctx.in_transaction:
            ctx.report(CONCURRENTLY_IN_TRANSACTION, "CREATE INDEX CONCURRENTLY cannot run inside the transaction "
                                                    "this migration runs in")
        return
    if ctx.existing(table):
        ctx.report(CONCURRENT_INDEX, f"index{_named(node.get('idxname'))} blocks writes to {table} "
                                     "until it is built", where)
        locks(ctx, table, where)


@on("AlterTableStmt")
def alter_table(node: dict, ctx: FileContext) -> None:
    if node.get("objtype", "OBJECT_TABLE") != "OBJECT_TABLE":
        return
    table = relation_name(node["relation"])
    existing = ctx.existing(table)
    locks(ctx, table, node["relation"].get("location"))
    for item in node.get("cmds", ()):
        cmd = item["AlterTableCmd"]
        subtype = cmd.get("subtype")
        if subtype == "AT_AddConstraint":
            _add_constraint(cmd["def"]["Constraint"], table, existing, ctx)
        elif subtype == "AT_ValidateConstraint":
            _validate(cmd["name"], table, ctx)
        elif not existing:
            continue
        elif subtype == "AT_AddColumn":
            _add_column(cmd["def"]["ColumnDef"], table, ctx)
        elif subtype == "AT_SetNotNull" and (table, cmd["name"]) not in ctx.shared.proven_not_null:
            ctx.report(SET_NOT_NULL, f"SET NOT NULL on {table}.{cmd['name']} scans the table under an "
                                     "ACCESS EXCLUSIVE lock")
        elif subtype == "AT_AlterColumnType":
            _change_type(cmd, table, ctx)


def _add_constraint(constraint: dict, table: QualifiedName, existing: bool, ctx: FileContext) -> None:
    kind = constraint.get("contype")
    name = constraint.get("conname", "")
    if constraint.get("skip_validation"):
        ctx.not_valid.add((table, name))
        tests = list(walk(constraint.get("raw_expr"), "NullTest"))
        if kind == "CONSTR_CHECK" and len(tests) == 1 and tests[0].get("nulltesttype") == "IS_NOT_NULL":
            column = strings(tests[0]["arg"].get("ColumnRef", {}).get("fields"))
            if column:
                ctx.shared.not_null_checks[(table, name)] = column[-1]
        return
    if not existing:
        return
    if kind in ("CONSTR_CHECK", "CONSTR_FOREIGN"):
        what = "foreign key" if kind == "CONSTR_FOREIGN" else "check"
        ctx.report(CONSTRAINT_NOT_VALID, f"{what}{_named(name)} is validated against every row of {table} "
                                         "under a blocking lock", constraint.get("location"))
    elif kind in ("CONSTR_UNIQUE", "CONSTR_PRIMARY") and not constraint.get("indexname"):
        what = "primary key" if kind == "CONSTR_PRIMARY" else "unique constraint"
        ctx.report(UNIQUE_WITHOUT_INDEX, f"{what}{_named(name)} builds its index on {table} under an "
                                         "ACCESS EXCLUSIVE lock", constraint.get("location"))


def _named(name: str | None) -> str:
    return f" {name}" if name else ""


def _validate(name: str, table: QualifiedName, ctx: FileContext) -> None:
    if (table, name) in ctx.not_valid and ctx.in_transaction:
        ctx.report(VALIDATE_SAME_TRANSACTION, f"{name} was added NOT VALID in this same transaction")
    column = ctx.shared.not_null_checks.get((table, name))
    if column:
        ctx.shared.proven_not_null.add((table, column))


def _add_column(column: dict, table: QualifiedName, ctx: FileContext) -> None:
    name = column["colname"]
    kinds = {c["Constraint"]["contype"]: c["Constraint"] for c in column.get("constraints", ())}
    at = column.get("location")
    default = kinds.get("CONSTR_DEFAULT", {}).get("raw_expr")
    rewrite = ("stored generated" if "CONSTR_GENERATED" in kinds else
               "identity" if "CONSTR_IDENTITY" in kinds else
               "serial" if base_type(column["typeName"]) in SERIAL_TYPES else
               "volatile default" if default is not None and _volatile(default) else None)
    if rewrite:
        ctx.report(ADD_COLUMN_REWRITE, f"{table}.{name} is added as a {rewrite} column: the table is rewritten",
                   at)
    elif "CONSTR_NOTNULL" in kinds and default is None:
        ctx.report(REQUIRED_COLUMN, f"{table}.{name} is NOT NULL without a DEFAULT", at)
    for kind in ("CONSTR_PRIMARY", "CONSTR_UNIQUE"):
        if kind in kinds:
            _add_constraint(kinds[kind], table, True, ctx)
    for kind in ("CONSTR_CHECK", "CONSTR_FOREIGN"):
        if kind in kinds and not kinds[kind].get("skip_validation"):
            _add_constraint(kinds[kind], table, True, ctx)


def _volatile(expression: dict) -> bool:
    return any(function_name(call).rsplit(".", 1)[-1] not in STABLE_FUNCTIONS
               for call in walk(expression, "FuncCall"))


def _change_type(cmd: dict, table: QualifiedName, ctx: FileContext) -> None:
    column = cmd["name"]
    new = cmd["def"]["ColumnDef"]["typeName"]
    old = ctx.shared.column_types.get(table, {}).get(column)
    if old is not None and _binary_coercible(old, new) and "raw_default" not in cmd["def"]["ColumnDef"]:
        return
    ctx.report(TYPE_CHANGE, f"{table}.{column} changes to {type_text(new)}"
                            f"{f' from {type_text(old)}' if old else ''}: the table is rewritten")


def _modifiers(type_name: dict) -> list[int]:
    return [m["A_Const"]["ival"].get("ival", 0) for m in type_name.get("typmods", ()) if "A_Const" in m]


def _binary_coercible(old: dict, new: dict) -> bool:
    """Changes Postgres makes without a rewrite (catalog-only), from the known old type."""
    before, after = base_type(old), base_type(new)
    old_mods, new_mods = _modifiers(old), _modifiers(new)
    if old.get("arrayBounds") or new.get("arrayBounds"):
        return False
    if before in ("varchar", "text") and after == "text":
        return True
    if before == "varchar" and after == "varchar":
        return not new_mods or (bool(old_mods) and new_mods[0] >= old_mods[0])
    if before == "numeric" and after == "numeric":
        return not new_mods or (len(old_mods) == 2 and len(new_mods) == 2 and new_mods[1] == old_mods[1]
                                and new_mods[0] >= old_mods[0])
    return before == "cidr" and after == "inet"
