"""Indexes read back: partial, covering, DESC/NULLS, expression, opclass, collation, method."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import Index, IndexKey, QualifiedName
from dfworx_db.introspect import introspect

pytestmark = pytest.mark.postgres

Q = QualifiedName


@pytest.fixture
def indexed(db):
    db.execute("""
        create schema app;
        create table app.users (
            id int primary key,
            email text unique,
            name varchar(100),
            code text collate "C",
            tags text[],
            active boolean,
            created_at timestamptz
        );
        create index users_active_email on app.users (email) where active;
        create unique index users_email_lower on app.users (lower(email)) include (name, id);
        create index users_recent on app.users (created_at desc, id nulls first, name desc nulls last);
        create index users_name_pattern on app.users (name varchar_pattern_ops);
        create index users_code_posix on app.users (code collate "POSIX", email collate "C");
        create index users_tags on app.users using gin (tags);
        create unique index users_name_nnd on app.users (name) nulls not distinct;
        create index users_mixed on app.users ((email || name) text_pattern_ops desc);
        comment on index app.users_tags is 'Tag search.';
    """)
    return db


def test_indexes_backing_constraints_are_left_out(indexed):
    names = [i.name.name for i in introspect(indexed).indexes]
    assert "users_pkey" not in names and "users_email_key" not in names
    assert len(names) == 8


def test_index_shapes(indexed):
    indexes = {i.name.name: i for i in introspect(indexed).indexes}
    table = Q("app", "users")
    assert indexes["users_active_email"] == Index(
        name=Q("app", "users_active_email"), table=table, keys=(IndexKey(column="email"),), where="active")
    assert indexes["users_email_lower"] == Index(
        name=Q("app", "users_email_lower"), table=table, keys=(IndexKey(expression="lower(email)"),),
        unique=True, include=("name", "id"))
    assert indexes["users_recent"].keys == (
        IndexKey(column="created_at", descending=True),  # DESC means NULLS FIRST already
        IndexKey(column="id", nulls_first=True),
        IndexKey(column="name", descending=True, nulls_first=False),
    )
    assert indexes["users_name_pattern"].keys == (IndexKey(column="name", opclass="varchar_pattern_ops"),)
    # code is already "C": only the collations that differ from the column's are kept.
    assert indexes["users_code_posix"].keys == (IndexKey(column="code", collation=QualifiedName("pg_catalog", "POSIX")),
                                                IndexKey(column="email", collation=QualifiedName("pg_catalog", "C")))
    assert indexes["users_tags"] == Index(name=Q("app", "users_tags"), table=table, keys=(IndexKey(column="tags"),),
                                          method="gin", comment="Tag search.")
    assert indexes["users_name_nnd"].nulls_not_distinct and indexes["users_name_nnd"].unique
    assert indexes["users_mixed"].keys == (
        IndexKey(expression="(email || name::text)", opclass="text_pattern_ops", descending=True),)


def test_an_opclass_of_another_schema_is_qualified(db):
    db.execute("""
        create schema ops;
        create operator class ops.int4_reverse for type int4 using btree as
            operator 1 > , operator 2 >= , operator 3 = , operator 4 <= , operator 5 < ,
            function 1 btint4cmp(int4, int4);
        create table public.n (v int);
        create index n_v on public.n (v ops.int4_reverse);
    """)
    (index,) = introspect(db).indexes
    assert index.keys == (IndexKey(column="v", opclass="ops.int4_reverse"),)


def test_indexes_on_materialized_views(db):
    db.execute("""
        create table public.t (a int);
        create materialized view public.mv as select a from public.t;
        create unique index mv_a on public.mv (a);
    """)
    assert introspect(db).indexes == (
        Index(name=Q("public", "mv_a"), table=Q("public", "mv"), keys=(IndexKey(column="a"),), unique=True),)


def test_keys_read_without_the_definition_agree_with_it(indexed):
    """indexes.sql reads pg_get_indexdef only when a key may carry an opclass or collation
    of its own; for every index, the keys must be those that the full definition gives."""
    from dfworx_db.introspect.indexes import key_options

    indexed.execute("""
        create domain app.code as text;
        create type app.mood as enum ('ok', 'meh');
        create table app.things (
            id bigint, label varchar(20), code app.code, mood app.mood, doc tsvector, n int4, t text collate "C");
        create index things_id on app.things (id);
        create index things_label on app.things (label);
        create index things_code on app.things (code);
        create index things_mood on app.things (mood);
        create index things_doc_siglen on app.things using gist (doc tsvector_ops (siglen = 100));
        create index things_doc on app.things using gist (doc);
        create index things_n_hash on app.things using hash (n);
        create index things_t_default on app.things (t collate "C");
        create index things_mixed on app.things (n, lower(t), id desc);
    """)
    definitions = dict(indexed.execute(
        "select i.relname, pg_get_indexdef(i.oid) from pg_index x join pg_class i on i.oid = x.indexrelid "
        "join pg_namespace n on n.oid = i.relnamespace where n.nspname = 'app'").fetchall())
    indexes = introspect(indexed, allow_unsupported=True).indexes  # the domain is unsupported
    assert len(indexes) == 17
    for index in indexes:
        expected = key_options(definitions[index.name.name])
        assert [(k.opclass, k.collation) for k in index.keys] == expected, index.name
