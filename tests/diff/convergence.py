"""The convergence check every diff test uses: diff FROM → TO, apply the SQL to FROM,
introspect again; the Catalogs must be equal and a second diff empty."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dfworx_db.catalog import Catalog
from dfworx_db.diff import diff_catalogs
from dfworx_db.diff.reconcile import reconcile
from dfworx_db.introspect import introspect
from dfworx_db.introspect import compare_catalogs, format_differences
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
        sql = render_migration(diff_catalogs(reconcile(current, desired, canon), desired))
        if sql:
            with cur.transaction():
                cur.execute(sql)
        after = reconcile(introspect(cur, **scope), desired, canon)
    differences = compare_catalogs(after, desired)
    assert not differences, "not converged after applying:\n" + sql + "\n" + format_differences(differences)
    again = render_migration(diff_catalogs(after, desired))
    assert again == "", "a second diff is not empty:\n" + again
    return Convergence(sql, current, desired, after)
