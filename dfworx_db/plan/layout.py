"""`plan --split`: a baseline written as ordered files, in the seed's layout: the
foundation (schemas, extensions, types), functions, the tables of each schema in
dependency order, views, indexes, triggers, then row-level security (RLS, policies,
grants). A change goes to its preferred file unless something it needs comes in a later
file; then it follows that (a function returning a table's rows goes with the table)."""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from ..diff.change import Change

FOUNDATION = ("create_schema", "create_extension", "create_enum", "create_collation", "create_sequence",
              "alter_sequence", "rename_table", "rename_column", "rename_constraint", "rename_index")
FUNCTIONS = ("create_function", "revoke_public_execute")
TABLE_PARTS = ("create_table", "add_constraint", "add_foreign_key")
SECURITY = ("enable_rls", "force_rls", "create_policy", "grant")
TAIL = (("views", ("create_view", "alter_view_options")), ("indexes", ("create_index",)),
        ("triggers", ("create_trigger",)), ("security", SECURITY))


def layout_files(changes: list[Change], split: bool) -> list[tuple[str, list[Change]]]:
    """(file suffix, changes) in file order; `changes` must be in dependency order."""
    if not split:
        return [("", changes)]
    schemas = _schemas_in_reference_order(changes)
    names = ["foundation", "functions", *(f"{s}_tables" for s in schemas), *(n for n, _ in TAIL)]
    preferred = {kind: names.index(name) for name, kinds in (("foundation", FOUNDATION), ("functions", FUNCTIONS),
                                                            *TAIL) for kind in kinds}
    provider: dict = {}
    groups: list[list[Change]] = [[] for _ in names]
    for change in changes:
        if change.kind in TABLE_PARTS:
            group = names.index(f"{_table(change).schema}_tables")
        else:
            group = preferred.get(change.kind, 0)  # comments and the rest: with what they need
        group = max([group, *(provider[k] for k in change.needs if k in provider)])
        for key in change.provides:
            provider[key] = group
        groups[group].append(change)
    return [(name, group) for name, group in zip(names, groups) if group]


def _schemas_in_reference_order(changes: list[Change]) -> list[str]:
    """The schemas that get tables, referenced ones first (the shared schema before the
    apps'); alphabetical where references do not decide, first-seen when they cycle."""
    seen = sorted({_table(c).schema for c in changes if c.kind in TABLE_PARTS})
    graph: dict[str, set[str]] = {schema: set() for schema in seen}
    for change in changes:
        if change.kind == "add_foreign_key" and change.subject.references.schema in graph:
            graph[_table(change).schema].add(change.subject.references.schema)
    for schema in graph:
        graph[schema].discard(schema)
    sorter = TopologicalSorter(graph)
    try:
        sorter.prepare()
    except CycleError:
        return seen
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order += ready
        sorter.done(*ready)
    return order


def _table(change: Change):
    return change.subject.name if change.kind == "create_table" else change.context.name
