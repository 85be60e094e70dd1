"""The state migration rules read while a linted set of files is walked in order, and
the dispatch table that sends each statement only to the rules of its node type."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..catalog import QualifiedName
from .findings import Finding, Rule
from .sqlfile import SqlFile, Statement

Handler = Callable[[dict, "FileContext"], None]
HANDLERS: dict[str, list[Handler]] = defaultdict(list)
FileCheck = Callable[["FileContext"], None]
FILE_CHECKS: list[FileCheck] = []  # run once per file, after its statements


def on(*node_types: str) -> Callable[[Handler], Handler]:
    """Register a migration rule's handler for statements of these node types."""
    def register(handler: Handler) -> Handler:
        for node_type in node_types:
            HANDLERS[node_type].append(handler)
        return handler
    return register


def after_file(check: FileCheck) -> FileCheck:
    """Register a check that reads a whole file once its statements have been walked."""
    FILE_CHECKS.append(check)
    return check


@dataclass
class SetState:
    """What earlier files of the linted set established (they have run when a later one does)."""

    column_types: dict[QualifiedName, dict[str, dict]] = field(default_factory=dict)  # table → column → TypeName
    not_null_checks: dict[tuple[QualifiedName, str], str] = field(default_factory=dict)  # NOT VALID check → column
    proven_not_null: set[tuple[QualifiedName, str]] = field(default_factory=set)


@dataclass
class FileContext:
    """One file being linted: tables it created so far, its transaction, its settings."""

    file: SqlFile
    shared: SetState
    findings: list[Finding]
    statement: Statement | None = None
    created: set[QualifiedName] = field(default_factory=set)
    transaction_depth: int = 0  # explicit BEGINs still open
    begin_offset: int | None = None
    lock_timeout: bool = False
    statement_timeout: bool = False
    timeouts_reported: bool = False
    not_valid: set[tuple[QualifiedName, str]] = field(default_factory=set)  # in the current transaction

    @property
    def in_transaction(self) -> bool:
        return self.file.transactional or self.transaction_depth > 0

    def existing(self, table: QualifiedName) -> bool:
        """The table was not created by this file (earlier files and the database hold it)."""
        return table not in self.created

    def report(self, rule: Rule, message: str, offset: int | None = None) -> None:
        at = offset if offset is not None and offset >= 0 else self.statement.start
        self.findings.append(Finding(rule.id, rule.severity, message, self.file.location(at), hint=rule.fix))
