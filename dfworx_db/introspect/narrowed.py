"""Two live databases read for a diff, each table read in full only where it matters.

Both databases are read at once, each in one snapshot, in steps:
1. what describes the database as a whole (schemas, extensions, types, sequences,
   functions, views, what cannot be described) and one digest row per table: the catalog
   text of the table and of everything it owns (queries/table_digests.sql);
2. once both are in, the tables whose digests differ (or that one database lacks) and
   what may be dropped: those tables, the objects of the current database that the
   desired one lacks or must replace (diff.objects.compare), and what depends on those
   among the whole-database objects; each database then names, in one query
   (queries/dependents.sql), the tables owning anything that depends on what may be
   dropped (by pg_depend, also through views and functions), those with a policy that
   reads a table that is altered, and the tables that the changed tables' policies and
   the views read (expression probes may create them);
3. the union of both answers, with the descendants of those tables (a rebuilt parent
   takes its partitions with it), then their parents and the tables whose row types
   their columns have, is read in full from both databases.
The Catalogs hold every object of the whole-database kinds and only those tables, so
`diff_catalogs` finds the changes it finds in two full Catalogs, at the cost of the
tables that change.
"""

from __future__ import annotations

import re
import sys
import threading

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg

from ..errors import UnsupportedError
from .inspector import Inspector, WholeRead, query_text, unsupported_error

if TYPE_CHECKING:
    from ..catalog import Catalog

# Positions in the SQL an expression was parsed from: two databases built from different
# scripts store the same expression with different ones.
_POSITION = re.compile(r" :(?:location|stmt_location|stmt_len) -?\d+")
_TREES = ("columns", "constraints", "indexes", "policies", "triggers")  # the parts that hold node trees
_WHOLE_KINDS = ("schemas", "extensions", "enums", "collations", "sequences", "functions", "views")
# The kinds of what may be dropped that queries/dependents.sql looks up in pg_depend.
_DEPENDENT_KINDS = ("relation", "function", "type", "collation", "schema")

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
    found: list[set[Key]] = [set(), set()]
    question: list[Question] = []
    chosen: list[set[Key]] = []
    asked = threading.Barrier(2, action=lambda: question.append(what_may_be_dropped(reads[0], reads[1])))
    answered = threading.Barrier(2, action=lambda: chosen.append(question[0].tables_to_read(reads, found)))

    def read(index: int, url: str) -> tuple[Catalog, list[str]]:
        def choose(conn: psycopg.Connection, whole: WholeRead) -> list[int]:
            reads[index] = whole
            asked.wait()
            found[index] = question[0].ask(conn, whole)
            answered.wait()
            return [digest.oid for key, digest in whole.digests.items() if key in chosen[0]]

        try:
            with connect(url) as conn:
                return Inspector(conn).inspect_in_two_reads(
                    include_schemas=include_schemas, exclude_schemas=exclude_schemas,
                    digest=digest_tables, choose_tables=lambda whole: choose(conn, whole))
        except BaseException:
            asked.abort()  # the other thread stops waiting
            answered.abort()
            raise

    # The readers mostly wait on their servers, and each step between two waits is short:
    # a step must not wait 5 ms (the default) for the interpreter lock while `meanwhile`
    # imports modules, or every query is sent late.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            reading = [pool.submit(read, 0, from_url), pool.submit(read, 1, to_url)]
            if meanwhile is not None:
                meanwhile()
            failures = [f.exception() for f in reading]
    finally:
        sys.setswitchinterval(switch_interval)
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
    # the catalog text of the table and what it owns (positions left out), and its shape
    body: tuple[object, ...]
    shape: tuple[object, ...]  # partitioning, partition bound, parents: what rebuilds the table
    parents: tuple[Key, ...]
    row_types: tuple[Key, ...]  # the tables whose row types its columns have


def digest_tables(rows: Iterable[dict[str, Any]]) -> dict[Key, TableDigest]:
    """The TableDigest of each row of queries/table_digests.sql, by the table's key
    ("relation", schema, name): plain tuples, hashed many times over."""
    strip = _POSITION.sub
    digests = {}
    for r in rows:
        parents = tuple(("relation", *p) for p in r["parents"])
        shape = (r["shape"], parents)
        body = (r["relation"], *(strip("", r[k]) if r[k] else r[k] for k in _TREES), r["comments"], shape)
        digests["relation", r["schema"], r["name"]] = TableDigest(
            r["oid"], body, shape, parents, tuple(("relation", *t) for t in r["row_types"]))
    return digests


@dataclass(frozen=True)
class Question:
    """What step 2 asks each database: the tables that differ, and the keys of what may
    be dropped or is altered (queries/dependents.sql)."""

    changed: frozenset[Key]  # relation keys of tables
    seeds: tuple[Key, ...]  # (kind, schema, name)
    whole_needs: frozenset[Key]  # what the whole-database objects of either database need
    same_major: bool

    def ask(self, conn: psycopg.Connection, whole: WholeRead) -> set[Key]:
        """The tables of `conn`'s database that depend on what may be dropped, or that the
        policies of the altered tables and the views read."""
        if not self.same_major:
            return set()
        rows = conn.execute(query_text("dependents", conn.info.server_version // 10000), {
            "schemas": whole.schemas, "kinds": [k[0] for k in self.seeds],
            "key_schemas": [k[1] for k in self.seeds], "key_names": [k[2] for k in self.seeds]}).fetchall()
        return {("relation", schema, name) for schema, name in rows}

    def tables_to_read(self, reads: list[WholeRead], found: list[set[Key]]) -> set[Key]:
        """The tables both databases read in full: the changed ones, those either database
        found, those the whole-database objects need, the descendants of all those, and
        then their ancestors and the tables whose row types their columns have."""
        digests = [read.digests for read in reads]
        names = digests[0].keys() | digests[1].keys()
        if not self.same_major:
            return set(names)  # node trees and deparsed text are compared within one major version only
        chosen = set(self.changed) | found[0] | found[1]
        chosen |= {k for k in names if k in self.whole_needs or ("type", *k[1:]) in self.whole_needs}
        children: dict[Key, set[Key]] = {}
        needs: dict[Key, set[Key]] = {}
        for table_digests in digests:
            for key, digest in table_digests.items():
                needs.setdefault(key, set()).update(digest.parents, digest.row_types)
                for parent in digest.parents:
                    children.setdefault(parent, set()).add(key)
        _close(chosen, children)  # a rebuilt parent takes its partitions and children with it
        _close(chosen, needs)  # a probe creates a table with its parents and the tables of its row types
        return chosen & names


def _close(chosen: set[Key], follow: dict[Key, set[Key]]) -> None:
    """Adds to `chosen` all that `follow` leads to from it, step after step."""
    todo = list(chosen)
    while todo:
        for key in follow.get(todo.pop(), set()) - chosen:
            chosen.add(key)
            todo.append(key)


def differing_tables(current: WholeRead, desired: WholeRead) -> set[Key]:
    """The tables in one database only, and those whose digests differ (relation keys)."""
    a, b = current.digests, desired.digests
    return {n for n in a.keys() | b.keys() if n not in a or n not in b or a[n].body != b[n].body}


def what_may_be_dropped(current: WholeRead, desired: WholeRead) -> Question:
    """Step 2's question, from both databases' first reads."""
    from ..catalog import identity
    from ..diff.create import object_needs
    from ..diff.keys import object_key

    changed = differing_tables(current, desired)
    dropped: set[Key] = set(changed)
    wanted = {(kind, identity(o)): o for kind in _WHOLE_KINDS for o in desired.built[kind]}
    dropped |= {object_key(o) for kind in _WHOLE_KINDS for o in current.built[kind]
                if (new := wanted.get((kind, identity(o)))) is None or _replaced(o, new)}
    wholes = [(object_key(o), object_needs(o)) for read in (current, desired) for kind in _WHOLE_KINDS
              for o in read.built[kind]]
    growing = True
    while growing:  # what needs what may be dropped may be dropped with it
        before = len(dropped)
        dropped |= {key for key, needs in wholes if needs & dropped}
        growing = len(dropped) > before
    # A table that differs is altered, never dropped, unless the desired database lacks it
    # or its shape changes (alter_table rebuilds it then).
    altered = {k for k in changed if k in current.digests and k in desired.digests
               and current.digests[k].shape == desired.digests[k].shape}
    seeds = sorted({("altered", k[1], k[2]) if k in altered else (k[0], k[1], k[-1]) for k in dropped
                    if k[0] in _DEPENDENT_KINDS})
    return Question(frozenset(changed), tuple(seeds), frozenset().union(*(needs for _, needs in wholes)),
                    current.server_version // 10000 == desired.server_version // 10000)


def _replaced(old: object, new: object) -> bool:
    """Whether the diff drops `old` to create `new` (a change it cannot make yet counts:
    the diff reports it, knowing every table)."""
    from ..diff.objects import compare

    try:
        return compare(old, new) is None
    except UnsupportedError:
        return True
