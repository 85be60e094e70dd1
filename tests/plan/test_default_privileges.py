"""A Supabase project grants what `postgres` creates in `public` to anon, authenticated
and service_role (ALTER DEFAULT PRIVILEGES). Declarations that name fewer grants are no
drift there: the desired state is built under the target's default privileges."""

from __future__ import annotations

from pathlib import Path

from dfworx_db.declare import load_catalog
from dfworx_db.drift import changes_between, read, read_declared, shadow_server, target_defaults
from dfworx_db.migrate.files import migration_files
from dfworx_db.pg import connect
from dfworx_db.plan.migrations import replay
from dfworx_db.pg.default_privileges import default_privileges_sql
from tests.plan.project import DFWORX, Project

ROOT = Path(__file__).parents[2]
SUPABASE_DEFAULTS = """
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
"""


def test_supabase_default_privileges_are_not_drift(supabase_db_url, pg_server_url, tmp_path):
    with connect(supabase_db_url, autocommit=True) as conn:
        conn.execute(SUPABASE_DEFAULTS)
    replay(supabase_db_url, migration_files(ROOT / "supabase" / "migrations"))
    declared = load_catalog(DFWORX)
    current = read(supabase_db_url)
    anon_tables = {g.target for g in current.grants if g.grantee == "anon" and g.object_kind == "table"}
    assert {t.name.name for t in current.tables if t.name.schema == "public"} <= {t.name for t in anon_tables}

    defaults = target_defaults(supabase_db_url)
    assert "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO anon" in \
        default_privileges_sql(defaults, {"public"})
    with shadow_server(pg_server_url) as server:
        assert changes_between(current, read_declared(declared, server, defaults), server) == []
        # the control: built without the target's defaults, the grants look like drift
        blind = changes_between(current, read_declared(declared, server), server)
        assert blind and {c.kind for c in blind} == {"revoke"}

    project = Project(tmp_path, pg_server_url)
    project.copy_dfworx()
    assert "No changes" in project.plan("--name", "again", "--db-url", supabase_db_url).stderr
