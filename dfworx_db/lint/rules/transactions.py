"""Transactions and timeouts: what makes a migration wait, or end up half applied."""

from __future__ import annotations

from ...catalog import QualifiedName
from ..context import FileContext, after_file, on
from ..findings import rule

LOCK_TIMEOUT = rule(
    "lock-timeout-missing", "migration", "warning",
    "a statement locks an existing table before `lock_timeout` is set",
    """A DDL statement waits for its lock behind every running query on the table, and every
    query that arrives after it waits behind it: one slow report can stall all traffic on the
    table for as long as it runs. A lock_timeout makes the migration fail fast instead.""",
    "start the file with `SET lock_timeout = '4s';` (retry the migration if it times out)")

STATEMENT_TIMEOUT = rule(
    "statement-timeout-missing", "migration", "warning",
    "a statement changes an existing table before `statement_timeout` is set",
    """A statement that scans or rewrites a large table holds its lock for as long as it runs;
    a statement_timeout bounds how long the table can be blocked.""",
    "start the file with `SET statement_timeout = '60s';`")

TRANSACTION_NESTING = rule(
    "transaction-nesting", "migration", "error",
    "BEGIN/COMMIT inside a migration that already runs in a transaction",
    """The Supabase CLI and dfworx-db apply run each migration file in one transaction. A
    BEGIN inside it only warns ("there is already a transaction in progress"), and its COMMIT
    commits the runner's transaction early: the rest of the file then runs without one, so a
    failure leaves the migration half applied.""",
    "remove BEGIN/COMMIT (the file already runs in one transaction), or mark the file "
    "`-- dfworx-db: no-transaction` and manage the transaction yourself")

UNTERMINATED = rule(
    "unterminated-transaction", "migration", "error",
    "a BEGIN that is never committed",
    """A transaction left open at the end of a file is rolled back when the session ends (or,
    in a runner that reuses the session, swallows the next migration into it).""",
    "end the transaction with COMMIT before the end of the file")


def locks(ctx: FileContext, table: QualifiedName, offset: int | None = None) -> None:
    """The statement locks `table`: when it already exists, the timeouts must be set first
    (reported once per file, at the first such statement)."""
    if not ctx.existing(table) or ctx.timeouts_reported:
        return
    ctx.timeouts_reported = True
    if not ctx.lock_timeout:
        ctx.report(LOCK_TIMEOUT, f"{table} is locked without a lock_timeout: a long query on it makes this "
                                 "statement wait, and every query behind it", offset)
    if not ctx.statement_timeout:
        ctx.report(STATEMENT_TIMEOUT, f"{table} is changed without a statement_timeout", offset)


@on("VariableSetStmt")
def setting(node: dict, ctx: FileContext) -> None:
    if node.get("kind") != "VAR_SET_VALUE":
        return
    disabled = [_value(arg) for arg in node.get("args", ())][:1] in ([0], ["0"])  # 0 turns the timeout off
    if node.get("name") == "lock_timeout":
        ctx.lock_timeout = not disabled
    elif node.get("name") == "statement_timeout":
        ctx.statement_timeout = not disabled


def _value(arg: dict) -> object:
    const = arg.get("A_Const", {})
    if "ival" in const:
        return const["ival"].get("ival", 0)  # pglast leaves zero values out
    return const.get("sval", {}).get("sval")


@on("TransactionStmt")
def transaction(node: dict, ctx: FileContext) -> None:
    kind = node.get("kind", "")
    if kind in ("TRANS_STMT_BEGIN", "TRANS_STMT_START"):
        if ctx.file.transactional:
            ctx.report(TRANSACTION_NESTING, "BEGIN inside the transaction the migration already runs in")
        elif ctx.transaction_depth:
            ctx.report(TRANSACTION_NESTING, "BEGIN inside a transaction this file already began")
        ctx.transaction_depth += 1
        ctx.begin_offset = ctx.statement.start
    elif kind in ("TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"):
        if ctx.transaction_depth:
            ctx.transaction_depth -= 1
        elif ctx.file.transactional:
            ctx.report(TRANSACTION_NESTING, f"{'COMMIT' if kind.endswith('COMMIT') else 'ROLLBACK'} ends the "
                                            "transaction the migration runs in; the rest runs without one")
        ctx.not_valid.clear()


@after_file
def unterminated(ctx: FileContext) -> None:
    """End of file: an explicit transaction still open."""
    if ctx.transaction_depth and ctx.begin_offset is not None:
        ctx.report(UNTERMINATED, "this BEGIN is never committed", ctx.begin_offset)

