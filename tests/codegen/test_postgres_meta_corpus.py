"""Supabase's own type-generation fixture (../shared/corpora/postgres_meta): load its
database, generate with --db-url, and compare with the snapshot postgres-meta writes."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from dfworx_db.codegen.generate import model_from_database
from dfworx_db.codegen.settings import TypesSettings
from dfworx_db.codegen.typescript import write_typescript
from dfworx_db.pg import connect

from .conformance import compare

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "postgres_meta"
SNAPSHOT = CORPUS / "snapshots" / "typescript.detect_one_to_one.postgrest_v13.ts.snap"

if not SNAPSHOT.is_file():
    pytest.skip(f"the postgres-meta corpus is not at {CORPUS} (CI checks shared/ out beside the repo)",
                allow_module_level=True)

# Entries that differ, each for the reason docs/conformance.md gives.
KNOWN_DIFFERENCES = {
    "Functions.test_internal_query",  # created by postgres-meta's test run, not by the fixture files
}
# The snapshot was made on PostgreSQL 14/15. From 17 on, partitions inherit their parent's
# identity (so `id` becomes optional in Insert), and postgres_fdw_get_connections takes an
# argument and returns more columns: the generated types follow the real database.
KNOWN_DIFFERENCES_FROM_17 = {"Tables.events_2024", "Tables.events_2025", "Functions.postgres_fdw_get_connections"}


@pytest.fixture
def fixture_url(supabase_db_url: str) -> str:
    with connect(supabase_db_url, autocommit=True) as conn:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgres_fdw")
        except psycopg.Error as err:
            pytest.skip(f"the fixture needs postgres_fdw, which this server lacks: {err}")
        for name in ("00-init.sql", "01-memes.sql"):
            conn.execute((CORPUS / "db" / name).read_text(encoding="utf-8").replace(
                "create extension postgres_fdw;", ""))
    return supabase_db_url


def test_types_from_the_fixture_database_match_supabases_snapshot(fixture_url, tmp_path):
    model = model_from_database(fixture_url, TypesSettings(schemas=("public",)))
    result = compare(tmp_path, write_typescript(model), SNAPSHOT.read_text(encoding="utf-8"))
    total = len(result["equal"]) + len(result["different"])
    with connect(fixture_url) as conn:
        modern = conn.info.server_version >= 170000
    version_specific = KNOWN_DIFFERENCES_FROM_17 if modern else set()
    assert set(result["different"]) == KNOWN_DIFFERENCES | version_specific, result["different"]
    # On 17+ the fixture builds another database for those entries than the one the
    # snapshot describes: they are not comparable, and are not counted either way.
    assert len(result["equal"]) / (total - len(version_specific)) >= 0.95


def test_the_comparison_notices_a_changed_type(tmp_path):
    snapshot = SNAPSHOT.read_text(encoding="utf-8")
    changed = snapshot.replace("      category: {\n        Row: {\n          id: number\n          name: string",
                               "      category: {\n        Row: {\n          id: number\n          name: number", 1)
    assert changed != snapshot
    result = compare(tmp_path, snapshot, changed)
    assert result["different"] == ["Tables.category"]
