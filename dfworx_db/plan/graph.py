"""Ordering changes with a real dependency graph (graphlib), stable across runs.

Each change needs keys that other changes provide; a change waits for every provider of
what it needs. Among the changes that are ready, the one of the earliest kind (the
conventional order: extensions, schemas, types, functions, tables, …) goes first, then by
name, so the output is deterministic and reads the way a person would write it."""

from __future__ import annotations

import heapq
from graphlib import CycleError, TopologicalSorter

from ..diff.change import Change
from ..errors import DfworxError

KIND_ORDER = (
    # drops, dependents first
    "drop_policy", "drop_trigger", "drop_view", "drop_index", "drop_constraint", "drop_table",
    "drop_function", "drop_sequence", "drop_collation", "drop_enum", "drop_extension", "drop_schema",
    "revoke",
    # creates and alters, in the order a person would write them
    "create_schema", "create_extension", "alter_extension_schema", "alter_extension_version",
    "create_enum", "add_enum_value", "create_collation", "create_sequence", "alter_sequence",
    "create_function", "replace_function", "create_table",
    # one table's alters: a column's default goes before its type changes and comes back after
    "drop_column", "drop_identity", "drop_expression", "drop_default", "drop_not_null", "alter_column_type",
    "add_column", "set_default", "set_not_null", "add_identity", "set_identity_kind", "set_logged", "set_unlogged", "inherit", "no_inherit",
    "add_constraint", "alter_sequence_owned_by", "add_foreign_key",
    "create_index", "create_view", "alter_view_options", "create_trigger",
    "enable_rls", "force_rls", "no_force_rls", "disable_rls", "set_replica_identity",
    "create_policy", "alter_policy", "revoke_public_execute", "grant", "comment", "comment_view_columns",
)


class OrderingError(DfworxError):
    """The changes depend on each other in a cycle the planner cannot break."""


def _rank(change: Change) -> tuple[int, str]:
    kind = KIND_ORDER.index(change.kind) if change.kind in KIND_ORDER else len(KIND_ORDER)
    return (kind, change.description)


def order_changes(changes: list[Change]) -> list[Change]:
    """The changes in an order where everything a change needs exists before it runs."""
    providers: dict[tuple, list[int]] = {}
    for i, change in enumerate(changes):
        for key in change.provides:
            providers.setdefault(key, []).append(i)
    graph: TopologicalSorter[int] = TopologicalSorter()
    for i, change in enumerate(changes):
        graph.add(i, *(p for key in change.needs for p in providers.get(key, ()) if p != i))
    try:
        graph.prepare()
    except CycleError as err:
        cycle = " → ".join(changes[i].description for i in err.args[1])
        raise OrderingError(f"the changes depend on each other in a cycle: {cycle}") from None
    ranks = [_rank(c) for c in changes]
    ready: list[tuple[tuple, int]] = []
    ordered: list[Change] = []
    while graph.is_active():
        for i in graph.get_ready():
            heapq.heappush(ready, (ranks[i], i))
        rank, i = heapq.heappop(ready)
        ordered.append(changes[i])
        graph.done(i)
    return ordered
