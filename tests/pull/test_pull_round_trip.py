"""The acceptance of `pull`: pull a live database, and the declarations it writes load,
validate, and `plan --db-url` against that same database plans no change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli
from dfworx_db.declare import load_catalog, load_declarations
from dfworx_db.errors import UnsupportedError
from dfworx_db.pg import connect
from dfworx_db.pull import pull_declarations
from dfworx_db.render import render_catalog
from tests.conformance.test_migra_corpus import CORPUS, ENVIRONMENT, server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.postgres

DFWORX = Path(__file__).parents[2] / "schemas"

# b.sql of these cases holds what dfworx-db cannot describe: pull refuses, naming it.
UNSUPPORTED = {
    "dependencies4": ("index public.mv_id_idx on public.mv",),
    "triggers3": ("trigger trigger_on_view on public.view_on_table",),
}
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "b.sql").is_file())
ROUND_TRIP_CASES = [c for c in CASES if c not in UNSUPPORTED]


def assert_round_trip(url: str, folder: Path, server_url: str) -> None:
    """The pulled folder loads, validates, and plans no change against `url`."""
    load_declarations(folder)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    plan = CliRunner().invoke(cli, ["plan", "--name", "after_pull", "--db-url", url, "--schemas", str(folder),
                                    "--migrations", str(folder / "no-migrations"), "--shadow-url", server_url,
                                    "--dry-run", "--json"])
    assert plan.exit_code == 0, plan.stderr
    assert json.loads(plan.stdout)["files"] == [], "pull → plan is not empty:\n" + plan.stdout


def test_dfworx_database_round_trips_in_the_schema_layout(supabase_db_url, pg_server_url, tmp_path):
    with connect(supabase_db_url, autocommit=True) as conn:
        conn.execute(render_catalog(load_catalog(DFWORX)))
    report = pull_declarations(supabase_db_url, tmp_path / "schemas")
    assert sorted(p.name for p in report.written) == [
        "app_admin.yaml", "app_web.yaml", "private.yaml", "public.yaml", "shared_services.yaml"]
    assert report.skipped == ()
    assert_round_trip(supabase_db_url, tmp_path / "schemas", pg_server_url)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "schemas"), "--shadow-url", pg_server_url])
    assert result.exit_code == 0, result.output
    assert "executes in one transaction on a shadow database" in result.output


def test_dfworx_database_round_trips_in_the_table_layout(supabase_db_url, pg_server_url, tmp_path):
    with connect(supabase_db_url, autocommit=True) as conn:
        conn.execute(render_catalog(load_catalog(DFWORX)))
    out = tmp_path / "schemas"
    pull_declarations(supabase_db_url, out, layout="table")
    # The same files the project keeps by hand: a folder per schema, a file per table.
    shipped = sorted(str(p.relative_to(DFWORX)) for p in DFWORX.rglob("*.yaml")
                     if p.name not in ("_schema.yaml", "functions.yaml"))
    pulled = sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml") if p.name != "_schema.yaml")
    assert pulled == shipped
    assert_round_trip(supabase_db_url, out, pg_server_url)


def _load_case(url: str, case: str) -> None:
    with connect(url, autocommit=True) as conn:
        conn.execute((CORPUS / case / "b.sql").read_text())


def _skip_unless_server_can(case: str, server) -> None:  # noqa: F811
    if server.missing_extensions:
        pytest.skip(f"the PostgreSQL {server.version} test server lacks {', '.join(server.missing_extensions)}")
    environment = ENVIRONMENT.get(case)
    if environment and (reason := environment(server)):
        pytest.skip(reason)


@pytest.mark.parametrize("case", ROUND_TRIP_CASES)
def test_migra_fixture_database_round_trips(case, server, supabase_db_url, pg_server_url, tmp_path):  # noqa: F811
    _skip_unless_server_can(case, server)
    _load_case(supabase_db_url, case)
    # Both layouts, alternately, so that each is exercised on every kind of object.
    layout = "table" if ROUND_TRIP_CASES.index(case) % 2 else "schema"
    pull_declarations(supabase_db_url, tmp_path / "schemas", layout=layout)
    assert_round_trip(supabase_db_url, tmp_path / "schemas", pg_server_url)


@pytest.mark.parametrize("case", sorted(UNSUPPORTED))
def test_unsupported_objects_fail_the_pull_by_name_and_can_be_left_out(case, server, supabase_db_url,  # noqa: F811
                                                                       tmp_path):
    _skip_unless_server_can(case, server)
    _load_case(supabase_db_url, case)
    out = tmp_path / "schemas"
    with pytest.raises(UnsupportedError) as raised:
        pull_declarations(supabase_db_url, out)
    for name in UNSUPPORTED[case]:
        assert name in str(raised.value)
    assert not out.exists()
    report = pull_declarations(supabase_db_url, out, skip_unsupported=True)
    assert all(any(name in item for item in report.skipped) for name in UNSUPPORTED[case])
    load_declarations(out)
