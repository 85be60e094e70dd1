"""Declarations × live database → the changes that make the database equal the
declarations. The one comparison `plan`, `apply`'s check and `verify` all make."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog
from .diff import Change, diff_catalogs
from .introspect import introspect
from .pg import connect
from .pg.shadow import canonical_current


def changes_to_declared(current: Catalog, declared: Catalog, *, shadow_url: str | None = None) -> list[Change]:
    """The ordered changes that take `current` (an introspected Catalog) to `declared`.
    Expressions written differently but meaning the same are judged by Postgres in a
    shadow (built only when some expression differs in text), never reported as drift."""
    return diff_catalogs(canonical_current(current, declared, shadow_url), declared)


def database_changes(url: str, declared: Catalog, *, shadow_url: str | None = None,
                     exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, list[Change]]:
    """The Catalog of the database at `url` and the changes that take it to `declared`.
    Supabase-managed schemas and `exclude_schemas` are neither read nor changed."""
    with connect(url) as conn:
        current = introspect(conn, exclude_schemas=exclude_schemas)
    return current, changes_to_declared(current, declared, shadow_url=shadow_url)
