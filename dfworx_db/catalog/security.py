"""Row-level security policies and privileges."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceLocation
from .names import QualifiedName

POLICY_COMMANDS = ("all", "select", "insert", "update", "delete")

# Privileges each kind of object accepts, in the order Postgres lists them.
PRIVILEGES = {
    "schema": ("usage", "create"),
    "table": ("select", "insert", "update", "delete", "truncate", "references", "trigger"),
    "view": ("select", "insert", "update", "delete", "truncate", "references", "trigger"),
    "column": ("select", "insert", "update", "references"),
    "sequence": ("usage", "select", "update"),
    "function": ("execute",),
}


@dataclass(frozen=True, kw_only=True)
class Policy:
    name: str
    table: QualifiedName
    command: str = "all"
    permissive: bool = True
    roles: tuple[str, ...] = ("public",)
    using: str | None = None
    with_check: str | None = None
    comment: str | None = None
    source: SourceLocation | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, order=True, kw_only=True)
class Grant:
    """One privilege held by one role on one object (or one column of a table).

    `target` names a schema as QualifiedName(schema, schema); functions carry their
    identity argument types in `arguments`."""

    object_kind: str  # schema | table | view | column | sequence | function
    target: QualifiedName
    privilege: str
    grantee: str  # a role name, or "public"
    column: str | None = None
    arguments: str | None = None
    with_grant_option: bool = False
    source: SourceLocation | None = field(default=None, compare=False, repr=False)
