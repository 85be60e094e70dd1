"""The shadow: a throw-away database where declarations are executed, so that what is
compared later is what Postgres made of them (canonical expressions, real defaults),
and so that declarations are proven to apply before any real database sees them."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace

import psycopg

from ..catalog import Catalog
from ..catalog import QualifiedName
from ..diff.keys import function_needs, type_key
from ..diff.reconcile import expression_differences, reconcile, tables_to_probe
from ..errors import DatabaseError
from ..render import render_catalog
from ..render.quoting import quote_ident
from .baseline import apply_baseline
from .canonical import ShadowCanonicalizer
from .connect import connect, scrub
from .extensions import check_extensions
from .server import create_database, drop_database, start_local_server


@contextmanager
def shadow_database(shadow_url: str | None = None) -> Iterator[str]:
    """A fresh, empty database with the Supabase baseline, dropped on exit: on the server
    of `shadow_url` when given, else on a throw-away local server."""
    name = f"dfworx_shadow_{uuid.uuid4().hex[:12]}"
    if shadow_url:
        url = create_database(shadow_url, name)
        try:
            with connect(url, autocommit=True) as conn:
                apply_baseline(conn)
            yield url
        finally:
            drop_database(shadow_url, name)
        return
    with start_local_server() as server:
        url = server.create_database(name)
        with connect(url, autocommit=True) as conn:
            apply_baseline(conn)
        yield url


def execute_catalog(url: str, catalog: Catalog) -> None:
    """Create `catalog` in the database at `url`, all or nothing, in one transaction.
    Roles it grants to or names in policies are created (NOLOGIN) where missing: the
    shadow stands in for a target that has them."""
    sql = render_catalog(catalog)
    with connect(url) as conn:
        check_extensions(conn, [e.name for e in catalog.extensions])
        ensure_roles(conn, catalog)
        try:
            with conn.transaction():
                conn.execute(sql)
        except psycopg.Error as err:
            raise DatabaseError(_describe_failure(err, sql, url)) from None


def ensure_roles(conn: psycopg.Connection, catalog: Catalog) -> None:
    """The roles `catalog` grants to or names in policies, created where missing."""
    create_missing_roles(conn, {g.grantee for g in catalog.grants} | {r for p in catalog.policies for r in p.roles})


def create_missing_roles(conn: psycopg.Connection, names: set[str]) -> None:
    """Each of `names` (but PUBLIC) that is not a role yet, created NOLOGIN: the shadow
    stands in for a target that has them."""
    names = names - {"public"}
    existing = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (sorted(names),))}
    for name in sorted(names - existing):
        with conn.transaction():
            conn.execute(f"DO $$ BEGIN CREATE ROLE {quote_ident(name)} NOLOGIN; "
                         "EXCEPTION WHEN duplicate_object THEN NULL; END $$")


def probe_schema(desired: Catalog, tables: set[QualifiedName] | None = None) -> Catalog:
    """What expression probes need of the desired schema: the `tables` (all when None)
    with their parents, columns and checks; types, sequences, functions and views. No keys
    between tables, indexes, policies, triggers, grants or comments: they only cost time."""
    if tables is not None:
        tables = set(tables)
        by_name = {t.name: t for t in desired.tables}
        todo = list(tables)
        while todo:  # a partition or child needs its parents
            table = by_name.get(todo.pop())
            for parent in (*table.inherits, table.partition_of) if table else ():
                if parent and parent not in tables:
                    tables.add(parent)
                    todo.append(parent)
    kept = tuple(replace(t, foreign_keys=(), rls_enabled=False, rls_forced=False)
                 for t in desired.tables if tables is None or t.name in tables)
    left_out = {type_key(t.name) for t in desired.tables} - {type_key(t.name) for t in kept}
    functions = tuple(f for f in desired.functions if not function_needs(f) & left_out)
    sequences = tuple(replace(s, owned_by=None) for s in desired.sequences)
    return replace(desired, tables=kept, sequences=sequences, functions=functions, indexes=(), triggers=(),
                   policies=(), views=desired.views if tables is None else (),
                   grants=tuple(g for g in desired.grants if g.object_kind == "function" and g.grantee == "public"))


def canonical_current(current: Catalog, desired: Catalog, shadow_url: str | None = None) -> Catalog:
    """`current` with expressions that mean the same as the desired ones written alike,
    judged by Postgres in a shadow holding the desired schema (built only when some
    expression differs in text)."""
    with canonical(current, desired, shadow_url) as result:
        return result


@contextmanager
def canonical(current: Catalog, desired: Catalog, shadow_url: str | None = None) -> Iterator[Catalog]:
    """`canonical_current` for a caller with more to do: the shadow is dropped while the
    with-block runs (DROP DATABASE forces a checkpoint, often the slowest step of all),
    and is gone, or its error raised, when the block ends."""
    if not expression_differences(current, desired):
        yield current
        return
    with ExitStack() as stack:
        url = stack.enter_context(shadow_database(shadow_url))
        execute_catalog(url, probe_schema(desired, tables_to_probe(current, desired)))
        with connect(url, autocommit=True) as conn:
            ensure_roles(conn, desired)  # policy probes name the policies' roles
            result = reconcile(current, desired, ShadowCanonicalizer(conn))
        drop = stack.pop_all()
    with in_background(drop.close):
        yield result


@contextmanager
def in_background(work: Callable[[], object]) -> Iterator[None]:
    """Runs `work` in a thread while the with-block runs; at its end, waits for it and
    raises what it raised (unless the block itself raised)."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as err:  # handed to the waiting thread
            failure.append(err)

    thread = threading.Thread(target=run, name="dfworx-background")
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failure:
        raise failure[0]


def _describe_failure(err: psycopg.Error, sql: str, url: str) -> str:
    """The failing statement with the line of the rendered SQL it starts on, and
    Postgres's message, detail and hint."""
    diag = err.diag
    message = diag.message_primary or str(err).strip()
    lines = [f"the declarations do not apply: {message}"]
    position = int(diag.statement_position) if diag.statement_position else None
    if position:
        start = sql.rfind("\n\n", 0, position - 1) + 2 if "\n\n" in sql[: position - 1] else 0
        end = sql.find(";\n", position - 1)
        line = sql.count("\n", 0, start) + 1
        statement = sql[start:end + 1 if end >= 0 else len(sql)]
        lines.append(f"  in the rendered SQL (dfworx-db render), line {line}:")
        lines.extend("    " + s for s in statement.splitlines())
    if diag.message_detail:
        lines.append(f"  detail: {diag.message_detail}")
    if diag.message_hint:
        lines.append(f"  hint: {diag.message_hint}")
    if diag.sqlstate:
        lines.append(f"  sqlstate: {diag.sqlstate}")
    return scrub("\n".join(lines), url)
