"""The convergence check every diff test uses: diff FROM → TO, apply the SQL to FROM,
introspect again; the Catalogs must be equal and a second diff empty.

The diff is also made as `dfworx-db diff` makes it, from Catalogs holding only the tables
that introspect.narrowed chooses, and must be the same; and every table the full
Catalogs show to differ must be one whose digests differ (the digest misses nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dfworx_db.catalog import Catalog, QualifiedName
from dfworx_db.diff import diff_catalogs
from dfworx_db.diff.reconcile import reconcile
from dfworx_db.introspect import Inspector, compare_catalogs, format_differences, introspect
from dfworx_db.introspect.inspector import WholeRead
from dfworx_db.introspect.narrowed import differing_tables, digest_tables, introspect_pair
from dfworx_db.pg import apply_baseline, connect
from dfworx_db.pg.canonical import ShadowCanonicalizer
from dfworx_db.render import render_migration
from pg_fixtures import fresh_database


@dataclass
class Convergence:
    sql: str
    current: Catalog
    desired: Catalog
    after: Catalog


@contextmanager
def database_pair(server_url: str, current_sql: str, desired_sql: str) -> Iterator[tuple[str, str]]:
    """Two fresh databases with the Supabase baseline, built from SQL."""
    with fresh_database(server_url) as current_url, fresh_database(server_url) as desired_url:
        for url, sql in ((current_url, current_sql), (desired_url, desired_sql)):
            with connect(url, autocommit=True) as conn:
                apply_baseline(conn)
                if sql.strip():
                    conn.execute(sql)
        yield current_url, desired_url


def converge(current_url: str, desired_url: str, **scope) -> Convergence:
    """Expressions are compared through Postgres (reconcile), with the desired database as
    the canonicalizing shadow, exactly as `dfworx-db diff` does with its own shadow."""
    with connect(current_url, autocommit=True) as cur, connect(desired_url, autocommit=True) as des:
        canon = ShadowCanonicalizer(des)
        current, desired = introspect(cur, **scope), introspect(des, **scope)
        reconciled = reconcile(current, desired, canon)
        sql = render_migration(diff_catalogs(reconciled, desired))
        narrowed_current, narrowed_desired = introspect_pair(current_url, desired_url, **scope)
        narrowed = render_migration(diff_catalogs(reconcile(narrowed_current, narrowed_desired, canon),
                                                  narrowed_desired))
        assert narrowed == sql, f"the narrowed read gives another diff:\n{narrowed}\n--- the full read's:\n{sql}"
        missed = _differing_in_full(reconciled, desired) - {
            QualifiedName(*key[1:]) for key in differing_tables(_whole_read(cur, scope), _whole_read(des, scope))}
        assert not missed, f"tables that differ, with alike digests: {sorted(map(str, missed))}"
        if sql:
            with cur.transaction():
                cur.execute(sql)
        after = reconcile(introspect(cur, **scope), desired, canon)
    differences = compare_catalogs(after, desired)
    assert not differences, "not converged after applying:\n" + sql + "\n" + format_differences(differences)
    again = render_migration(diff_catalogs(after, desired))
    assert again == "", "a second diff is not empty:\n" + again
    return Convergence(sql, current, desired, after)


def _whole_read(conn, scope: dict) -> WholeRead:
    """The first read of introspect.narrowed, with the tables' digests."""
    found: list[WholeRead] = []
    Inspector(conn).inspect_in_two_reads(digest=digest_tables, choose_tables=lambda whole: found.append(whole) or (),
                                         **scope)
    return found[0]


def _differing_in_full(current: Catalog, desired: Catalog) -> set[QualifiedName]:
    """The tables whose own objects (the table, its indexes, triggers, policies, grants)
    differ between two full Catalogs."""
    def parts(catalog: Catalog) -> dict[QualifiedName, tuple]:
        owned: dict[QualifiedName, list] = {t.name: [t] for t in catalog.tables}
        for obj in (*catalog.indexes, *catalog.triggers, *catalog.policies):
            owned.setdefault(obj.table, []).append(obj)
        for grant in catalog.grants:
            if grant.object_kind in ("table", "column"):
                owned.setdefault(grant.target, []).append(grant)
        return {name: tuple(objs) for name, objs in owned.items()}

    old, new = parts(current), parts(desired)
    tables = {t.name for t in (*current.tables, *desired.tables)}  # not a materialized view's indexes
    return {name for name in tables if old.get(name) != new.get(name)}
