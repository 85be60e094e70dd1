"""Live Postgres → Catalog: every object kind is read by one query of queries/*.sql, so the
number of round trips is fixed whatever the size of the schema."""

from __future__ import annotations

import gc

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import msgspec
import psycopg
from psycopg.pq import TransactionStatus
from psycopg.types.json import set_json_loads

from ..errors import UnsupportedError
from ..managed import MANAGED_SCHEMAS

if TYPE_CHECKING:
    from ..catalog import Catalog

# The modules that build Catalog objects from rows, imported when rows first arrive (they
# bring the Catalog model): a caller with time on its hands while the server answers the
# first queries may import them then (`dfworx-db diff` does).
BUILDER_MODULES = tuple(f"dfworx_db.introspect.{m}" for m in ("objects", "routines", "tables", "indexes", "security"))

Row = dict[str, Any]

# The kinds read with the final list of schemas, in the order they are fetched: each
# query runs on the server while the rows of the one before are built here, so the kinds
# that take long to build (constraints: the tables; indexes) come before queries that
# take the server as long. WHOLE_KINDS describe the database as a whole; TABLE_KINDS the
# tables and what they own, and take a list of table OIDs (`tables`, None for all).
WHOLE_KINDS = ("extensions", "enums", "collations", "sequences", "functions", "views", "unsupported")
TABLE_KINDS = ("tables", "columns", "constraints", "dependencies", "indexes", "grants", "triggers", "policies")
KINDS = (*WHOLE_KINDS, *TABLE_KINDS)

# Canonical output of pg_get_expr, format_type, pg_get_viewdef, …: with an empty
# search_path every name outside pg_catalog comes out schema-qualified, and fixed
# date/time settings make constants (a timestamptz in an index predicate or a partition
# bound) read the same from any session. SET LOCAL ends with the transaction.
# jit is off: the planner's estimates for catalog queries cross the JIT thresholds, and
# compiling them costs ~2 s per introspection for no gain on catalog-sized data.
# work_mem is raised so that the sorts, hashes and CTEs over the catalog of a schema of
# thousands of tables stay in memory (at 4 MB they spill to temporary files). No parallel
# workers: a worker starts with empty caches, so the pg_get_expr() it runs opens (and
# builds the relcache entry of) every table again, and this session then does the same.
_CANONICAL_SESSION = (
    "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0; "
    "SET LOCAL search_path = ''; SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, MDY'; "
    "SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex'"
)


@lru_cache(maxsize=None)
def query_text(kind: str, major_version: int) -> str:
    """The catalog query of one object kind, as shipped in dfworx_db/introspect/queries,
    for a server of `major_version`: the lines between `--@since N` and `--@end` are kept
    only from PostgreSQL N on (they name catalog columns older servers lack)."""
    text = files("dfworx_db.introspect").joinpath("queries", f"{kind}.sql").read_text(encoding="utf-8")
    kept, since = [], None
    for line in text.splitlines(keepends=True):
        marker = line.strip()
        if marker.startswith("--@since "):
            since = int(marker.removeprefix("--@since "))
        elif marker == "--@end":
            since = None
        elif since is None or major_version >= since:
            kept.append(line)
    return "".join(kept)


def schema_included(name: str, include: frozenset[str] | None, exclude: frozenset[str]) -> bool:
    """Whether objects of schema `name` are read: never Supabase's or Postgres's own."""
    if name in MANAGED_SCHEMAS or name.startswith(("pg_temp", "pg_toast")):
        return False
    return (include is None or name in include) and name not in exclude


class Inspector:
    """Reads the database of `conn` (a psycopg connection) into a Catalog.

    The queries run in one read-only transaction (REPEATABLE READ, so every kind sees the
    same snapshot) that is rolled back at the end; when the caller already has a
    transaction open they run in a savepoint that is rolled back instead. Either way the
    session's settings are what they were before."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def inspect(self, *, include_schemas: Iterable[str] | None = None,
                exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, list[str]]:
        """The Catalog, and the unsupported objects found ("kind name"), sorted."""
        return self.inspect_in_two_reads(include_schemas=include_schemas, exclude_schemas=exclude_schemas)

    def inspect_in_two_reads(self, *, include_schemas: Iterable[str] | None = None, exclude_schemas: Iterable[str] = (),
                             digest: Callable[[list[Row]], Any] | None = None,
                             choose_tables: Callable[[WholeRead], Collection[int]] | None = None
                             ) -> tuple[Catalog, list[str]]:
        """`inspect`, with the tables read in full chosen in the middle. The first read
        takes the rows of queries/table_digests.sql (one per table), handed at once to
        `digest` (which works on them while the server runs the next queries), and the
        kinds of the whole database; `choose_tables` then gets them all (WholeRead, with
        what `digest` returned) and returns the OIDs of the tables to read in full, with
        everything they own. The Catalog holds only those tables. Both reads see one
        snapshot. Without `choose_tables`, every table is read and no digest."""
        include = frozenset(include_schemas) if include_schemas is not None else None
        exclude = frozenset(exclude_schemas)
        with self._canonical_transaction():
            schema_rows = self._fetch("schemas", {})
            schemas = [r for r in schema_rows if schema_included(r["name"], include, exclude)]
            params: dict[str, Any] = {"schemas": [r["name"] for r in schemas], "tables": None}
            # Thousands of rows and small frozen objects: the cyclic collector would scan
            # them again and again (0.9 s at 5,000 tables) though none forms a cycle.
            gc.disable()
            try:
                if choose_tables is None:
                    with closing(self._each_kind(params, KINDS)) as fetched:
                        rows = _taker(fetched)
                        return _build_tables(rows, _build_whole(rows, schemas, include, exclude))
                with closing(self._each_kind(params, ("table_digests", *WHOLE_KINDS))) as fetched:
                    rows = _taker(fetched)
                    digests = (digest or (lambda r: r))(rows("table_digests"))
                    whole = _build_whole(rows, schemas, include, exclude)
                whole.digests, whole.server_version = digests, self.conn.info.server_version
                params["tables"] = sorted(choose_tables(whole))
                with closing(self._each_kind(params, TABLE_KINDS)) as fetched:
                    return _build_tables(_taker(fetched), whole)
            finally:
                gc.enable()

    def _each_kind(self, params: dict[str, Any], kinds: tuple[str, ...]) -> Iterator[tuple[str, list[Row]]]:
        """(kind, rows) for each of `kinds`, in order. The next query is sent (pipeline
        mode) as soon as the rows of one are in, so the server runs it while these rows
        are converted and built here."""
        with self.conn.pipeline():
            cursor = self._send(kinds[0], params)
            for kind, following in zip(kinds, (*kinds[1:], None)):
                first = cursor.fetchmany(1)  # waits for its results: it is the only query queued
                pending = self._send(following, params) if following else None
                yield kind, self._rows(cursor, first)
                cursor = pending

    @contextmanager
    def _canonical_transaction(self) -> Iterator[None]:
        outer = self.conn.info.transaction_status != TransactionStatus.IDLE
        with self.conn.transaction(force_rollback=True):
            # Isolation can only be chosen first thing in a transaction, not in a savepoint.
            head = "" if outer else "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; "
            self.conn.execute(head + _CANONICAL_SESSION)
            yield

    def _fetch(self, kind: str, params: dict[str, Any]) -> list[Row]:
        return self._rows(self._send(kind, params))

    def _send(self, kind: str, params: dict[str, Any]) -> psycopg.Cursor:
        cursor = self.conn.cursor()
        set_json_loads(msgspec.json.decode, cursor)  # json columns (index keys, …): ~3× the standard json
        return cursor.execute(query_text(kind, self.conn.info.server_version // 10000), params or None)

    @staticmethod
    def _rows(cursor: psycopg.Cursor, first: Iterable[tuple] = ()) -> list[Row]:
        """The rows of `cursor` as dicts: `first`, those already fetched, and the rest."""
        rows = [*first, *cursor.fetchall()]
        names = [column.name for column in cursor.description or ()]
        return [dict(zip(names, values)) for values in rows]


@dataclass(eq=False)
class WholeRead:
    """What the first read of `Inspector.inspect_in_two_reads` found: the objects of the
    whole database, built, and (for the chooser) the tables' digests."""

    built: dict[str, Any]
    unsupported: list[str]
    function_oids: dict[int, Any]
    schemas: list[str]  # the names of the schemas read
    digests: Any = None
    server_version: int = 0


def _taker(fetched: Iterator[tuple[str, list[Row]]]) -> Callable[[str], list[Row]]:
    """The rows of each kind, asked for in the order they are fetched."""
    def rows(kind: str) -> list[Row]:
        fetched_kind, fetched_rows = next(fetched)
        assert fetched_kind == kind, (kind, fetched_kind)
        return fetched_rows
    return rows


def _build_whole(rows: Callable[[str], list[Row]], schemas: list[Row], include: frozenset[str] | None,
                 exclude: frozenset[str]) -> WholeRead:
    """The objects of WHOLE_KINDS from their rows, taken in that order."""
    from .objects import build_collations, build_enums, build_extensions, build_schemas, build_sequences, build_views
    from .routines import build_functions

    built = {
        "extensions": build_extensions(rows("extensions"), include, exclude),
        "schemas": build_schemas(schemas),
        "enums": build_enums(rows("enums")),
        "collations": build_collations(rows("collations")),
        "sequences": build_sequences(rows("sequences")),
    }
    built["functions"], function_oids = build_functions(rows("functions"))
    built["views"] = build_views(rows("views"))
    unsupported = [f"{r['kind']} {r['name']}" for r in rows("unsupported")]
    return WholeRead(built, unsupported, function_oids, [r["name"] for r in schemas])


def _build_tables(rows: Callable[[str], list[Row]], whole: WholeRead) -> tuple[Catalog, list[str]]:
    """The Catalog: `whole` and the objects of TABLE_KINDS from their rows, taken in that order."""
    from ..catalog import Catalog
    from .indexes import build_indexes
    from .objects import build_dependencies
    from .routines import build_triggers
    from .security import build_grants, build_policies
    from .tables import build_tables

    built = dict(whole.built)
    built["tables"] = build_tables(rows("tables"), rows("columns"), rows("constraints"))
    built["dependencies"] = build_dependencies(rows("dependencies"))
    built["indexes"] = build_indexes(rows("indexes"))
    built["grants"] = build_grants(rows("grants"), whole.function_oids)
    built["triggers"] = build_triggers(rows("triggers"))
    built["policies"] = build_policies(rows("policies"))
    return Catalog.build(**built), whole.unsupported


def introspect_with_report(conn: psycopg.Connection, *, include_schemas: Iterable[str] | None = None,
                           exclude_schemas: Iterable[str] = ()) -> tuple[Catalog, list[str]]:
    """The Catalog of `conn`'s database and what it holds that the Catalog cannot describe,
    each as "kind name" (e.g. "domain public.email"): left out of the Catalog, or for an
    option of an object that is read (a table's storage parameters), left out of it.

    Read are the schemas not managed by Postgres or Supabase (dfworx_db.managed), limited
    to `include_schemas` when given, minus `exclude_schemas`; extension members never.
    Extensions are database-wide: only `exclude_schemas` filters them, by their schema."""
    return Inspector(conn).inspect(include_schemas=include_schemas, exclude_schemas=exclude_schemas)


def introspect(conn: psycopg.Connection, *, include_schemas: Iterable[str] | None = None,
               exclude_schemas: Iterable[str] = (), allow_unsupported: bool = False) -> Catalog:
    """The Catalog of `conn`'s database (see `introspect_with_report` for what is read).

    Raises UnsupportedError naming every object the Catalog cannot describe, unless
    `allow_unsupported`, which returns the Catalog without them."""
    catalog, unsupported = introspect_with_report(conn, include_schemas=include_schemas,
                                                  exclude_schemas=exclude_schemas)
    if unsupported and not allow_unsupported:
        raise unsupported_error(unsupported, "introspect with allow_unsupported=True")
    return catalog


def unsupported_error(unsupported: list[str], leave_out: str) -> UnsupportedError:
    """The error naming every object the Catalog cannot describe; `leave_out` says how to
    go on without them."""
    return UnsupportedError(
        f"the database holds {len(unsupported)} object{'s' if len(unsupported) != 1 else ''} "
        "dfworx-db cannot describe yet:\n" + "\n".join(f"  {item}" for item in unsupported)
        + f"\n  hint: remove or replace them, or {leave_out} to leave them out")
