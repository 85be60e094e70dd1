"""Schemas, extensions, enums, collations, sequences and views read back from a live
database, and what is never read: managed schemas and extension members."""

from __future__ import annotations

import psycopg
import pytest

from dfworx_db.catalog import Collation, EnumType, Extension, QualifiedName, Schema, Sequence, View
from dfworx_db.introspect import introspect

pytestmark = pytest.mark.postgres

Q = QualifiedName


def test_schemas_include_public_and_never_managed_ones(supabase_db):
    supabase_db.execute("create schema app; comment on schema app is 'The app.'; create schema storage;")
    catalog = introspect(supabase_db)
    assert [s.name for s in catalog.schemas] == ["app", "public"]
    assert catalog.schemas[0] == Schema(name="app", comment="The app.")
    # The baseline's auth.uid() and friends live in a managed schema.
    assert catalog.functions == () and catalog.grants_on(Q("auth", "auth")) == ()


def test_include_and_exclude_schemas(db):
    db.execute("create schema a; create schema b; create table a.t (id int); create table b.t (id int);")
    assert [t.name for t in introspect(db, include_schemas=["a"]).tables] == [Q("a", "t")]
    assert [s.name for s in introspect(db, include_schemas=["a", "auth"]).schemas] == ["a"]
    assert [t.name for t in introspect(db, exclude_schemas=["b"]).tables] == [Q("a", "t")]
    assert [s.name for s in introspect(db, exclude_schemas=["b", "public"]).schemas] == ["a"]


def test_extensions_but_not_their_members(db):
    db.execute("""
        create schema ext;
        create extension citext with schema ext;
        comment on extension citext is 'Case-insensitive.';
        create extension hstore;
    """)
    catalog = introspect(db)
    versions = dict(db.execute("select extname, extversion from pg_extension").fetchall())
    # plpgsql is in every database; it is the server's, not the project's.
    assert catalog.extensions == (
        Extension(name="citext", schema="ext", version=versions["citext"], comment="Case-insensitive."),
        Extension(name="hstore", schema="public", version=versions["hstore"],
                  comment="data type for storing sets of (key, value) pairs"),
    )
    # The extensions' types, functions and operators are theirs: none is read or reported.
    assert (catalog.enums, catalog.functions, catalog.grants_on(Q("public", "hstore"))) == ((), (), ())


def test_extensions_in_an_excluded_schema_are_left_out(db):
    db.execute("create schema ext; create extension citext with schema ext;")
    assert introspect(db, exclude_schemas=["ext"]).extensions == ()


def test_enums_keep_their_label_order(db):
    db.execute("""
        create type public.status as enum ('new', 'done');
        alter type public.status add value 'started' before 'done';
        comment on type public.status is 'Lifecycle.';
    """)
    assert introspect(db).enums == (
        EnumType(name=Q("public", "status"), values=("new", "started", "done"), comment="Lifecycle."),)


def test_libc_collations(db):
    db.execute("""
        create collation public.bytes (provider = libc, locale = 'C');
        create collation public.mixed (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
        comment on collation public.bytes is 'Byte order.';
    """)
    assert introspect(db).collations == (
        Collation(name=Q("public", "bytes"), provider="libc", locale="C", comment="Byte order."),
        Collation(name=Q("public", "mixed"), provider="libc", lc_collate="C", lc_ctype="POSIX"),
    )


def test_icu_collation(db):
    try:
        db.execute("create collation public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)")
    except psycopg.errors.FeatureNotSupported:
        pytest.skip("this server is built without ICU")
    assert introspect(db).collations == (
        Collation(name=Q("public", "ci"), provider="icu", locale="und-u-ks-level2", deterministic=False),)


def test_sequences_standalone_and_serial_but_not_identity(db):
    db.execute("""
        create sequence public.invoice_no as integer increment by 10 minvalue 5 maxvalue 100000 start 1000
            cache 5 cycle;
        comment on sequence public.invoice_no is 'Numbers.';
        create table public.t (id serial, big bigserial, ident int generated always as identity);
        create sequence public.down increment by -1;
    """)
    t = Q("public", "t")
    assert introspect(db).sequences == (
        Sequence(name=Q("public", "down"), data_type="bigint", start=-1, increment=-1,
                 min_value=-9223372036854775808, max_value=-1, cache=1),
        Sequence(name=Q("public", "invoice_no"), data_type="integer", start=1000, increment=10, min_value=5,
                 max_value=100000, cache=5, cycle=True, comment="Numbers."),
        Sequence(name=Q("public", "t_big_seq"), data_type="bigint", start=1, min_value=1,
                 max_value=9223372036854775807, owned_by=(t, "big")),
        Sequence(name=Q("public", "t_id_seq"), data_type="integer", start=1, min_value=1, max_value=2147483647,
                 owned_by=(t, "id")),
    )


def test_views_and_materialized_views(db):
    db.execute("""
        create table public.orders (id int, total numeric, status text);
        create view public.paid with (security_invoker = on, security_barrier) as
            select o.id, o.total from public.orders o where o.status = 'paid';
        comment on view public.paid is 'Paid.';
        comment on column public.paid.total is 'Amount.';
        comment on column public.paid.id is 'Key.';
        create view public.plain as select 1 as one;
        create materialized view public.totals as
            select o.status, sum(o.total) as total from public.orders o group by o.status with no data;
        comment on materialized view public.totals is 'Nightly.';
    """)
    # PostgreSQL 15 qualifies the columns of a one-table query; 16 and later write them bare.
    o = "o." if db.info.server_version < 160000 else ""
    assert introspect(db).views == (
        View(name=Q("public", "paid"),
             query=f"SELECT {o}id,\n    {o}total\n   FROM public.orders o\n  WHERE {o}status = 'paid'::text",
             security_invoker=True, security_barrier=True, comment="Paid.",
             column_comments=(("id", "Key."), ("total", "Amount."))),
        View(name=Q("public", "plain"), query="SELECT 1 AS one"),
        View(name=Q("public", "totals"),
             query=f"SELECT {o}status,\n    sum({o}total) AS total\n   FROM public.orders o\n  GROUP BY {o}status",
             materialized=True, comment="Nightly."),
    )
