"""What the Catalog cannot describe yet is named, never skipped in silence."""

from __future__ import annotations

import pytest

from dfworx_db.errors import UnsupportedError
from dfworx_db.introspect import introspect, introspect_with_report

pytestmark = pytest.mark.postgres


def test_the_issue_s_examples_raise_naming_each(db):
    db.execute("""
        create domain public.email as text check (value like '%@%');
        create type public.pair as (a int, b int);
        create function public.add(state int, v int) returns int language sql as 'select state + v';
        create aggregate public.total(int) (sfunc = public.add, stype = int);
        create procedure public.tidy() language sql as 'select 1';
    """)
    with pytest.raises(UnsupportedError) as err:
        introspect(db)
    message = str(err.value)
    for item in ("domain public.email", "composite type public.pair", "aggregate public.total(integer)",
                 "procedure public.tidy()"):
        assert item in message
    assert message.startswith("the database holds 4 objects dfworx-db cannot describe yet")


def test_every_unsupported_kind_is_reported(db):
    db.execute("""
        create type public.span as range (subtype = int4);
        create table public.log (id int);
        create rule log_nothing as on delete to public.log do instead nothing;
        create function public.std(a int) returns int language sql begin atomic select a + 1; end;
        create function public.inc(int) returns int language internal strict as 'int4inc';
        create function public.check_it() returns trigger language plpgsql as $$ begin return new; end $$;
        create constraint trigger log_check after insert on public.log
            for each row execute function public.check_it();
        create table public.counted (id int generated always as identity (start with 100));
        create table public.tuned (id int) with (fillfactor = 70);
        create view public.checked as select id from public.log where id > 0 with local check option;
        create function public.on_ddl() returns event_trigger language plpgsql as $$ begin end $$;
        create event trigger ddl_watch on ddl_command_end execute function public.on_ddl();
        create table public.lazy (id int);
        alter table public.lazy add constraint lazy_positive check (id > 0) not valid;
        create function public.sly(int) returns int language sql leakproof cost 5 as 'select $1';
        alter table public.log disable trigger log_check;
        create type public.row_shape as (id int);
        create table public.typed of public.row_shape;
    """)
    catalog, unsupported = introspect_with_report(db)
    assert unsupported == [
        "SQL-standard function body public.std(a integer)",
        "composite type public.row_shape",
        "constraint trigger log_check on public.log",
        "event trigger ddl_watch",
        "function option public.sly(integer) (leakproof, cost 5)",
        "identity sequence options public.counted.id",
        "internal-language function public.inc(integer)",
        "not valid constraint lazy_positive on public.lazy",
        "range type public.span",
        "rule log_nothing on public.log",
        "storage parameters public.tuned (fillfactor=70)",
        "trigger option log_check on public.log (enabled D)",
        "typed table public.typed",
        "view check option public.checked",
    ]
    # The rest is read as usual.
    assert {t.name.name for t in catalog.tables} == {"counted", "log", "tuned", "lazy", "typed"}


def test_allow_unsupported_returns_the_catalog_without_them(db):
    db.execute("create domain public.email as text; create table public.t (id int);")
    catalog = introspect(db, allow_unsupported=True)
    assert [t.name.name for t in catalog.tables] == ["t"]


def test_unsupported_objects_outside_the_included_schemas_do_not_count(db):
    db.execute("create schema legacy; create domain legacy.email as text; create table public.t (id int);")
    assert [t.name.name for t in introspect(db, exclude_schemas=["legacy"]).tables] == ["t"]
    with pytest.raises(UnsupportedError, match="domain legacy.email"):
        introspect(db)


def test_extension_members_are_not_reported(db):
    db.execute("create extension citext; create extension hstore;")
    assert introspect_with_report(db)[1] == []


def test_postgres_18_virtual_columns_and_not_enforced_constraints(db):
    if db.info.server_version < 180000:
        pytest.skip("virtual generated columns and NOT ENFORCED are PostgreSQL 18 features")
    db.execute("""
        create table public.r (id int primary key);
        create table public.v (a int, b int generated always as (a * 2), c int check (c > 0) not enforced);
        alter table public.v add constraint v_fk foreign key (a) references public.r not enforced;
    """)
    assert introspect_with_report(db)[1] == [
        "not enforced constraint v_c_check on public.v",
        "not enforced constraint v_fk on public.v",
        "virtual generated column public.v.b",
    ]
