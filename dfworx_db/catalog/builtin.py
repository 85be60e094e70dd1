"""What every database has before anything is declared: the public schema, with
PostgreSQL's own comment and USAGE for PUBLIC (PostgreSQL 15+, Supabase too)."""

from __future__ import annotations

from ..errors import SourceLocation
from .names import QualifiedName
from .types import Schema
from .security import Grant

PUBLIC_SCHEMA_COMMENT = "standard public schema"


def public_schema() -> Schema:
    return Schema(name="public", comment=PUBLIC_SCHEMA_COMMENT)


def public_usage(source: SourceLocation | None = None) -> Grant:
    return Grant(object_kind="schema", target=QualifiedName("public", "public"), privilege="usage",
                 grantee="public", source=source)
