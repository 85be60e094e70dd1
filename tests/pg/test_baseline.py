"""The Supabase baseline: Supabase's roles and claim functions on plain PostgreSQL."""

from __future__ import annotations

import json
import threading
import uuid

import psycopg
import pytest

from dfworx_db.errors import DatabaseError
from dfworx_db.pg import BASELINE_MARKER, apply_baseline, connect, has_supabase, start_local_server

pytestmark = pytest.mark.postgres

USER_A = uuid.UUID("8f8a1a52-8e0f-4c55-9d8c-7c1f0d4f2f11")
USER_B = uuid.UUID("0b5e7f3c-2d1a-4e9b-8c6d-5f4a3b2c1d0e")
CLAIMS = {"sub": str(USER_A), "role": "authenticated", "email": "a@example.com"}
READERS = "SELECT auth.uid(), auth.role(), auth.email(), auth.jwt()"


def _set_claims(conn: psycopg.Connection, claims: dict) -> None:
    # PostgREST sets the claims for one transaction, exactly like this.
    conn.execute("SELECT set_config('request.jwt.claims', %s, true)", (json.dumps(claims),))


def test_the_baseline_is_idempotent(supabase_db: psycopg.Connection) -> None:
    def snapshot() -> tuple:
        return supabase_db.execute("""
            SELECT (SELECT array_agg(p.proname || ':' || pg_get_function_result(p.oid)
                                     ORDER BY p.proname)
                      FROM pg_proc p WHERE p.pronamespace = 'auth'::regnamespace),
                   (SELECT array_agg(r.rolname || ':' || r.rolcanlogin || ':' || r.rolbypassrls
                                     ORDER BY r.rolname)
                      FROM pg_roles r
                     WHERE r.rolname IN ('anon', 'authenticated', 'service_role')),
                   obj_description('auth'::regnamespace, 'pg_namespace')
        """).fetchone()

    before = snapshot()
    apply_baseline(supabase_db)
    assert snapshot() == before == (
        ["email:text", "jwt:jsonb", "role:text", "uid:uuid"],
        ["anon:false:false", "authenticated:false:false", "service_role:false:true"],
        BASELINE_MARKER,
    )
    assert not has_supabase(supabase_db)


def test_claim_readers_return_the_request_claims(supabase_db: psycopg.Connection) -> None:
    with supabase_db.transaction():
        _set_claims(supabase_db, CLAIMS)
        uid, role, email, jwt = supabase_db.execute(READERS).fetchone()
    assert (uid, role, email, jwt) == (USER_A, "authenticated", "a@example.com", CLAIMS)


def test_claim_readers_are_null_without_claims(supabase_db: psycopg.Connection) -> None:
    assert supabase_db.execute(READERS).fetchone() == (None, None, None, None)
    # Once the claims' transaction is over the setting reads '' rather than NULL.
    with supabase_db.transaction():
        _set_claims(supabase_db, CLAIMS)
    assert supabase_db.execute("SELECT current_setting('request.jwt.claims')").fetchone() == ("",)
    assert supabase_db.execute(READERS).fetchone() == (None, None, None, None)


def test_the_older_per_claim_settings_are_read_first(supabase_db: psycopg.Connection) -> None:
    with supabase_db.transaction():
        _set_claims(supabase_db, CLAIMS)
        supabase_db.execute("SELECT set_config('request.jwt.claim.sub', %s, true)", (str(USER_B),))
        supabase_db.execute("SELECT set_config('request.jwt.claim.role', 'anon', true)")
        assert supabase_db.execute("SELECT auth.uid(), auth.role()").fetchone() == (USER_B, "anon")


def test_policies_written_for_supabase_work_on_the_baseline(
    supabase_db: psycopg.Connection,
) -> None:
    supabase_db.execute("""
        CREATE TABLE notes (owner uuid NOT NULL, body text NOT NULL);
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_notes ON notes FOR SELECT TO authenticated USING (owner = auth.uid());
        GRANT SELECT ON notes TO anon, authenticated, service_role;
    """)
    supabase_db.execute("INSERT INTO notes VALUES (%s, 'a'), (%s, 'b')", (USER_A, USER_B))

    def visible(role: str) -> list[str]:
        with supabase_db.transaction():
            _set_claims(supabase_db, {**CLAIMS, "role": role})
            supabase_db.execute(psycopg.sql.SQL("SET LOCAL ROLE {}").format(psycopg.sql.Identifier(role)))
            return [body for (body,) in supabase_db.execute("SELECT body FROM notes ORDER BY 1")]

    assert visible("authenticated") == ["a"]
    assert visible("anon") == []
    assert visible("service_role") == ["a", "b"]  # BYPASSRLS, as on Supabase


def test_a_foreign_auth_schema_is_refused_and_left_alone(db: psycopg.Connection) -> None:
    db.execute("CREATE SCHEMA auth")
    db.execute("CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql AS 'SELECT NULL::uuid'")
    assert has_supabase(db)
    with pytest.raises(DatabaseError, match="already has an auth schema that dfworx-db did not create"):
        apply_baseline(db)
    untouched = db.execute("""
        SELECT obj_description('auth'::regnamespace, 'pg_namespace'),
               (SELECT count(*) FROM pg_proc WHERE pronamespace = 'auth'::regnamespace),
               to_regnamespace('extensions')
    """).fetchone()
    assert untouched == (None, 1, None)


def test_an_empty_database_has_no_supabase(db: psycopg.Connection) -> None:
    assert not has_supabase(db)


def test_the_baseline_commits_on_a_transactional_connection(db_url: str) -> None:
    with connect(db_url) as conn:
        apply_baseline(conn)
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    with connect(db_url) as conn:
        assert conn.execute("SELECT to_regprocedure('auth.uid()') IS NOT NULL").fetchone() == (True,)


def test_databases_of_one_cluster_apply_the_baseline_concurrently() -> None:
    # A private server, so the roles do not exist yet and every run races to create them.
    with start_local_server() as server:
        urls = [server.create_database(f"race_{i}") for i in range(4)]
        barrier = threading.Barrier(len(urls))
        errors: list[BaseException] = []

        def apply(url: str) -> None:
            try:
                with connect(url, autocommit=True) as conn:
                    barrier.wait(timeout=30)
                    apply_baseline(conn)
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=apply, args=(url,)) for url in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        for url in urls:
            with connect(url) as conn:
                assert conn.execute("SELECT auth.uid()").fetchone() == (None,)
                assert not has_supabase(conn)
