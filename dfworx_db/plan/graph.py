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
    "create_schema", "create_extension", "create_enum", "create_collation", "create_sequence",
    "create_function", "create_table", "alter_sequence_owned_by",
    "add_foreign_key", "create_index", "create_view", "create_trigger", "enable_rls",
    "create_policy", "revoke_public_execute", "grant", "comment", "comment_view_columns",
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
