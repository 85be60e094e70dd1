"""Conformance with migra's fixture corpus (../shared/corpora/migra_fixtures, Unlicense).

Every case is a convergence check, never a text comparison with migra's expected.sql:
``a.sql`` builds the current database and ``b.sql`` the target one (both fresh, with the
Supabase baseline), dfworx-db diffs current → target, the migration is applied to the
current database in one transaction, and the two must then introspect equal with an
empty second diff (tests/diff/convergence.py).

How the corpus is used, as migra's own tests/test_migra.py does:

* the role ``schemainspect_test_role`` exists before anything is loaded (cluster-wide);
* the extensions citext, hstore and pg_trgm must be installable;
* ``singleschema`` limits the comparison to schema ``goodschema``, ``excludeschema``
  leaves out schema ``excludedschema``; every other case compares the whole database
  (migra runs ``singleschema_ext`` in an extensions-only mode; a full comparison is the
  stricter check, so that is what runs here);
* where ``additions.sql`` is not empty there is a second round: migra runs it on the
  *current* database only (``Migration.add_sql`` + ``apply`` execute on ``s_from``) and
  then diffs and converges again, so that round starts from ``a.sql`` + ``additions.sql``.

A case that cannot pass on the server running the test for a reason outside dfworx-db
(an extension version or the ICU collation provider the server lacks) is skipped with
that reason, computed from the server. A case dfworx-db does not pass yet (an object kind
it does not support, or an engine bug) is a strict xfail with the precise reason, per
server version where the reason differs, so fixing the engine flips it to a failure that
asks for the mark to be removed. docs/conformance.md keeps the table of results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from dfworx_db.pg import connect, missing_extensions
from tests.diff.convergence import converge, database_pair

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpora" / "migra_fixtures"

if not CORPUS.is_dir():
    pytest.skip(f"the migra fixture corpus is not at {CORPUS} (CI checks shared/ out beside the repo)",
                allow_module_level=True)

TEST_ROLE = "schemainspect_test_role"
CORPUS_EXTENSIONS = ("citext", "hstore", "pg_trgm")

# The comparison scope of a case: keyword arguments of dfworx_db.introspect.introspect.
SCOPES: dict[str, dict[str, list[str]]] = {
    "singleschema": {"include_schemas": ["goodschema"]},
    "excludeschema": {"exclude_schemas": ["excludedschema"]},
}


@dataclass(frozen=True)
class Server:
    """What a case's expectation may depend on, read once from the test server."""

    version: int  # major version
    missing_extensions: tuple[str, ...]
    extension_versions: frozenset[tuple[str, str]]  # (name, version) the server can install
    icu_collations: int  # rows of pg_collation with collprovider = 'i'
    icu_error: str | None  # why CREATE COLLATION (provider = icu) fails on the server, if it does
    role_error: str | None  # why schemainspect_test_role could not be created, if it could not


# Environment: a case that needs something the server does not have. Each check returns
# the reason to skip, or None.
def _needs_extension_versions(*wanted: tuple[str, str]) -> Callable[[Server], str | None]:
    def check(server: Server) -> str | None:
        missing = [f"{name} {version}" for name, version in wanted
                   if (name, version) not in server.extension_versions]
        if missing:
            return (f"the PostgreSQL {server.version} test server cannot install extension version"
                    f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                    "(not in pg_available_extension_versions), which extversions pins")
        return None
    return check


def _needs_icu(server: Server) -> str | None:
    # Counting pg_collation rows with collprovider = 'i' is not enough: PostgreSQL 16+
    # always has the predefined ICU collation "unicode", built with ICU or not.
    if server.icu_error:
        return (f"the PostgreSQL {server.version} test server is built without ICU "
                f"(\"{server.icu_error}\"; pg_collation has {server.icu_collations} collation(s) with "
                "collprovider = 'i'), and collations/a.sql and b.sql run "
                "CREATE COLLATION numeric (provider = icu, locale = 'en-u-kn-true')")
    return None


def _needs_test_role(server: Server) -> str | None:
    if server.role_error:
        return (f"the case's policies name role {TEST_ROLE}, which is missing on the PostgreSQL {server.version} "
                f"test server and could not be created (\"{server.role_error}\")")
    return None


ENVIRONMENT: dict[str, Callable[[Server], str | None]] = {
    "extversions": _needs_extension_versions(("pg_trgm", "1.3"), ("pg_trgm", "1.4"), ("citext", "1.5")),
    "collations": _needs_icu,
    "rls": _needs_test_role,
}


@dataclass(frozen=True)
class Known:
    """A failure of dfworx-db on a case: the reason on a server (None: passes there) and
    the exception it fails with, so a change of failure asks for the reason to be updated."""

    reason: Callable[[Server], str | None]
    raises: type[BaseException]


# Known failures of dfworx-db: (case, round) → Known. Kept in step with docs/conformance.md
# (none at present: every case converges or is skipped for its environment).
KNOWN_FAILURES: dict[tuple[str, str], Known] = {}


def _rounds() -> list[tuple[str, str]]:
    found = []
    for case in sorted(p.name for p in CORPUS.iterdir() if p.is_dir()):
        found.append((case, "a->b"))
        additions = CORPUS / case / "additions.sql"
        if additions.is_file() and additions.read_text().strip():
            found.append((case, "a+additions->b"))
    return found


ROUNDS = _rounds()


def test_the_corpus_has_its_26_cases():
    assert len({case for case, _ in ROUNDS}) == 26
    assert [(c, r) for c, r in ROUNDS if r != "a->b"] == [
        ("dependencies", "a+additions->b"), ("everything", "a+additions->b"), ("privileges", "a+additions->b")]


def test_every_expectation_names_a_round_of_the_corpus():
    assert set(KNOWN_FAILURES) <= set(ROUNDS)
    assert set(ENVIRONMENT) <= {case for case, _ in ROUNDS}


@pytest.fixture(scope="module")
def server(pg_server_url: str) -> Server:
    """The test server's facts, with the corpus role created (roles are cluster-wide)."""
    with connect(pg_server_url, autocommit=True) as conn:
        role_error = None
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (TEST_ROLE,)).fetchone():
            try:
                conn.execute(f"CREATE ROLE {TEST_ROLE}")
            except psycopg.errors.DuplicateObject:  # another run on the same server won the race
                pass
            except psycopg.errors.InsufficientPrivilege as err:  # a test user without CREATEROLE
                role_error = err.diag.message_primary or str(err)
        versions = conn.execute(
            "SELECT name, version FROM pg_available_extension_versions WHERE name = ANY(%s)",
            (list(CORPUS_EXTENSIONS),)).fetchall()
        icu = conn.execute("SELECT count(*) FROM pg_collation WHERE collprovider = 'i'").fetchone()[0]
        icu_error = None
        try:  # a temporary collation, rolled back: nothing is left on the server
            with conn.transaction(force_rollback=True):
                conn.execute("CREATE COLLATION pg_temp.dfworx_icu_probe (provider = icu, locale = 'en-u-kn-true')")
        except psycopg.errors.FeatureNotSupported as err:
            icu_error = err.diag.message_primary or str(err)
        return Server(
            version=conn.info.server_version // 10000,
            missing_extensions=tuple(missing_extensions(conn, CORPUS_EXTENSIONS)),
            extension_versions=frozenset((name, version) for name, version in versions),
            icu_collations=icu,
            icu_error=icu_error,
            role_error=role_error,
        )


@pytest.mark.postgres
@pytest.mark.parametrize(("case", "round_"), ROUNDS, ids=[f"{c}:{r}" for c, r in ROUNDS])
def test_migra_case_converges(case: str, round_: str, server: Server, pg_server_url: str,
                              request: pytest.FixtureRequest) -> None:
    if server.missing_extensions:
        pytest.skip(f"the PostgreSQL {server.version} test server lacks the corpus extension"
                    f"{'s' if len(server.missing_extensions) > 1 else ''} {', '.join(server.missing_extensions)}")
    environment = ENVIRONMENT.get(case)
    if environment and (reason := environment(server)):
        pytest.skip(reason)
    known = KNOWN_FAILURES.get((case, round_))
    if known and (reason := known.reason(server)):
        request.applymarker(pytest.mark.xfail(strict=True, raises=known.raises, reason=reason))

    folder = CORPUS / case
    current_sql, desired_sql = (folder / "a.sql").read_text(), (folder / "b.sql").read_text()
    with database_pair(pg_server_url, current_sql, desired_sql) as (current_url, desired_url):
        if round_ == "a+additions->b":
            with connect(current_url, autocommit=True) as conn:
                conn.execute((folder / "additions.sql").read_text())
        converge(current_url, desired_url, **SCOPES.get(case, {}))
