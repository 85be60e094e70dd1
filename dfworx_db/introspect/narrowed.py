"""Two live databases read for a diff, each table read in full only where it matters.

Both databases are read at once, each in one snapshot, in two steps. The first reads
what describes the database as a whole (schemas, extensions, types, sequences, functions,
views, pg_depend's edges, what cannot be described) and one digest row per table: the
catalog text of the table and of everything it owns (queries/table_digests.sql). Once
both are in, `tables_to_read` names the tables the diff must see; the second step reads
those, with everything they own, from both databases. The Catalogs then hold every
object of the whole-database kinds and only those tables, so `diff_catalogs` finds the
same changes as it would in two full Catalogs, at the cost of the tables that change.

A table is read when:
- its digests differ, or it is in one database only;
- an object of it depends, by pg_depend or by the types, collations, parents and
  referenced tables of its digest, on something that may be dropped: a table that
  differs, an object of the current database that the desired one lacks or must
  replace (diff.objects.compare), or a view or function that depends on one of those;
- expression probes may need it (canonical, in pg.shadow): a view or function reads it,
  an object of a table read refers to it, or it is the parent of a table read.
"""

from __future__ import annotations

import re
import threading

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..catalog import Catalog, QualifiedName, identity
from ..errors import UnsupportedError
from .inspector import Inspector, WholeRead, unsupported_error

# Positions in the SQL an expression was parsed from: two databases built from different
# scripts store the same expression with different ones.
_POSITION = re.compile(r" :(?:location|stmt_location|stmt_len) -?\d+")
_BODIES = ("relation", "columns", "constraints", "indexes", "policies", "triggers", "comments")
_WHOLE_KINDS = ("schemas", "extensions", "enums", "collations", "sequences", "functions", "views")

Key = tuple


def introspect_pair(from_url: str, to_url: str, *, meanwhile: Callable[[], object] | None = None,
                    include_schemas: Iterable[str] | None = None,
                    exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, Catalog]:
    """The Catalogs of FROM and TO for diffing one into the other (see the module's
    docstring for which tables they hold). `meanwhile`, when given, runs on the calling
    thread while they are read. Raises UnsupportedError, as `introspect` does, when a
    database holds objects the Catalog cannot describe."""
    from ..pg import connect

    reads: list[WholeRead | None] = [None, None]
    chosen: list[set[QualifiedName]] = []

    def decide() -> None:  # run by the last thread to reach the barrier
        chosen.append(tables_to_read(reads[0], reads[1]))

    barrier = threading.Barrier(2, action=decide)

    def read(index: int, url: str) -> tuple[Catalog, list[str]]:
        def choose(whole: WholeRead) -> list[int]:
            reads[index] = whole
            barrier.wait()
            return [digest.oid for name, digest in whole.digests.items() if name in chosen[0]]

        try:
            with connect(url) as conn:
                return Inspector(conn).inspect_in_two_reads(
                    include_schemas=include_schemas, exclude_schemas=exclude_schemas,
                    digest=digest_tables, choose_tables=choose)
        except BaseException:
            barrier.abort()  # the other thread stops waiting at the barrier
            raise

    with ThreadPoolExecutor(max_workers=2) as pool:
        reading = [pool.submit(read, 0, from_url), pool.submit(read, 1, to_url)]
        if meanwhile is not None:
            meanwhile()
        failures = [f.exception() for f in reading]
    for failure in failures:  # the cause, not the other thread's broken barrier
        if failure is not None and not isinstance(failure, threading.BrokenBarrierError):
            raise failure
    for failure in failures:
        if failure is not None:
            raise failure
    results = [f.result() for f in reading]
    for _, unsupported in results:
        if unsupported:
            raise unsupported_error(unsupported, "leave them out with --schema/--exclude-schema")
    return results[0][0], results[1][0]


@dataclass(frozen=True, slots=True)
class TableDigest:
    """A table as queries/table_digests.sql describes it."""

    oid: int
    body: tuple[str | None, ...]  # the catalog text of the table and what it owns, positions left out
    parents: frozenset[Key]
    needs: frozenset[Key]  # parents, referenced tables, types (also as relations) and collations
    indexes: tuple[str, ...]


def digest_tables(rows: Iterable[dict[str, Any]]) -> dict[QualifiedName, TableDigest]:
    """The TableDigest of each row of queries/table_digests.sql, by table name."""
    strip = _POSITION.sub
    digests = {}
    for r in rows:
        parents = frozenset(map(tuple, r["parents"]))
        needs = parents | frozenset(map(tuple, r["needs"]))
        digests[QualifiedName(r["schema"], r["name"])] = TableDigest(
            r["oid"], tuple(strip("", r[k]) if r[k] else r[k] for k in _BODIES), parents,
            needs | _as_relations(needs), tuple(r["index_names"]))
    return digests


def differing_tables(current: WholeRead, desired: WholeRead) -> set[QualifiedName]:
    """The tables in one database only, and those whose digests differ."""
    a, b = current.digests, desired.digests
    return {n for n in a.keys() | b.keys() if n not in a or n not in b or a[n].body != b[n].body}


def tables_to_read(current: WholeRead, desired: WholeRead) -> set[QualifiedName]:
    """The tables both databases must read in full for a diff of `current` into `desired`
    (the module's docstring says which)."""
    from ..diff.create import object_needs
    from ..diff.keys import object_key, relation_key

    digests: list[dict[QualifiedName, TableDigest]] = [current.digests, desired.digests]
    names = digests[0].keys() | digests[1].keys()
    if current.server_version // 10000 != desired.server_version // 10000:
        return set(names)  # node trees and deparsed text are compared within one major version only
    chosen = differing_tables(current, desired)
    tables = {relation_key(n): n for n in names}
    # pg_depend's edges name a default, check or index by its table (an index by itself)
    owners = dict(tables)
    owners |= {relation_key(QualifiedName(n.schema, index)): n for table_digests in digests
               for n, digest in table_digests.items() for index in digest.indexes}

    # What may be dropped: the differing tables, what the current database holds that the
    # desired one lacks or must replace, and then what depends on any of those.
    dropped: set[Key] = {relation_key(n) for n in chosen}
    wanted = {(kind, identity(o)): o for kind in _WHOLE_KINDS for o in desired.built[kind]}
    dropped |= {object_key(o) for kind in _WHOLE_KINDS for o in current.built[kind]
                if (new := wanted.get((kind, identity(o)))) is None or _replaced(o, new)}
    wholes = [(object_key(o), object_needs(o)) for read in (current, desired) for kind in _WHOLE_KINDS
              for o in read.built[kind]]
    edges = [edge for read in (current, desired) for edge in read.built["dependencies"]]
    growing = True
    while growing:
        before = len(dropped)
        dropped |= {key for key, needs in wholes if needs & dropped}
        dropped |= {dependent for dependent, referenced in edges
                    if referenced in dropped and _table_of(dependent, owners) is None}  # views
        growing = len(dropped) > before

    for table_digests in digests:
        chosen |= {name for name, digest in table_digests.items() if digest.needs & dropped}
    chosen |= {owner for dependent, referenced in edges
               if referenced in dropped and (owner := _table_of(dependent, owners)) is not None}

    # What the probes of pg.shadow.canonical may create of the desired schema.
    reading = set(chosen)
    for dependent, referenced in edges:
        owner = _table_of(dependent, owners)
        if referenced in tables and (owner is None or owner in reading):
            chosen.add(tables[referenced])
    for _, needs in wholes:
        chosen |= {tables[k] for k in _as_relations(needs) if k in tables}
    todo = list(chosen)
    while todo:  # a table's parents
        name = todo.pop()
        for table_digests in digests:
            for key in table_digests[name].parents if name in table_digests else ():
                if key in tables and tables[key] not in chosen:
                    chosen.add(tables[key])
                    todo.append(tables[key])
    return chosen


def _replaced(old: object, new: object) -> bool:
    """Whether the diff drops `old` to create `new` (a change it cannot make yet counts:
    the diff reports it, knowing every table)."""
    from ..diff.objects import compare

    try:
        return compare(old, new) is None
    except UnsupportedError:
        return True


def _as_relations(keys: Iterable[Key]) -> set[Key]:
    """Type keys also as relation keys: a table's row type has the table's name."""
    return {("relation", *k[1:]) if k[0] == "type" else k for k in keys}


def _table_of(dependent: Key, owners: dict[Key, QualifiedName]) -> QualifiedName | None:
    """The table a dependent of pg_depend's edges belongs to (a policy or trigger is named
    by its table and its name; a default or check by its table; an index by itself, found
    in `owners`); None for a view."""
    if dependent[0] in ("policy", "trigger"):
        return QualifiedName(dependent[1], dependent[2])
    return owners.get(dependent)
