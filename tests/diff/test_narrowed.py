"""introspect.narrowed: `dfworx-db diff` reads in full only the tables that differ and those
whose objects depend on what may be dropped; the others are compared by their digests.

Every golden diff case and migra fixture already checks (tests/diff/convergence.py) that
the narrowed read gives the diff of the full read and that the digests miss no
difference. Those schemas are small, so the cases here add tables that stay alike and
check which tables are read, and that the diff still converges."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import QualifiedName
from dfworx_db.diff import diff_catalogs
from dfworx_db.errors import DatabaseError
from dfworx_db.introspect.narrowed import introspect_pair
from dfworx_db.pg.shadow import canonical
from dfworx_db.render import render_migration
from tests.diff.convergence import converge, database_pair

pytestmark = pytest.mark.postgres

# Alike in both databases, each with what a digest holds: defaults (one calling a
# function of the user), a check, a partial covering index with a DESC key, a policy
# calling a function of the user, a trigger, a grant and comments.
BYSTANDERS = """
create function public.stamp() returns trigger language plpgsql as $$begin new.n := 0; return new; end$$;
create function public.one() returns int language sql immutable as 'select 1';
create function public.small() returns int language sql immutable as 'select 10';
""" + "".join(f"""
create table public.keep{i} (
    id bigint generated always as identity primary key,
    n int not null default public.one() check (n >= 0),
    note text default 'x',
    at timestamptz default now());
create index keep{i}_at on public.keep{i} (at desc) include (note) where n > 0;
alter table public.keep{i} enable row level security;
create policy keep{i}_read on public.keep{i} for select using (n < public.small() and note <> 'y');
create trigger keep{i}_stamp before insert on public.keep{i} for each row execute function public.stamp();
grant select on public.keep{i} to public;
comment on table public.keep{i} is 'kept';
comment on column public.keep{i}.note is 'a note';
""" for i in range(3))
KEPT = {QualifiedName("public", f"keep{i}") for i in range(3)}


def read_tables(current_url: str, desired_url: str) -> set[QualifiedName]:
    """The tables introspect_pair reads in full from either database."""
    current, desired = introspect_pair(current_url, desired_url)
    return {t.name for t in (*current.tables, *desired.tables)}


def test_tables_alike_are_not_read_even_from_scripts_of_another_shape(pg_server_url):
    # The desired script starts elsewhere and spaces its statements otherwise: every
    # expression is stored with other positions, and the tables are still alike.
    current = BYSTANDERS + "create table public.t (id int);"
    desired = "-- " + "x" * 500 + "\n" + BYSTANDERS.replace(";\n", ";\n\n") + "create table public.t (id int, n text);"
    with database_pair(pg_server_url, current, desired) as (a, b):
        assert read_tables(a, b) == {QualifiedName("public", "t")}
        assert "ADD COLUMN n text" in converge(a, b).sql


def test_each_kind_of_difference_on_a_bystander_is_found(pg_server_url):
    changes = [
        ("alter table public.keep1 alter column note set default 'z';", "SET DEFAULT 'z'"),
        ("comment on column public.keep1.note is 'another';", "COMMENT ON COLUMN public.keep1.note"),
        ("drop policy keep1_read on public.keep1; create policy keep1_read on public.keep1 for select "
         "using (n < public.small() and note <> 'z');", "keep1_read"),
        ("drop index public.keep1_at; create index keep1_at on public.keep1 (at) include (note) where n > 0;",
         "keep1_at"),
        ("revoke select on public.keep1 from public; grant update (note) on public.keep1 to public;",
         "GRANT UPDATE (note)"),
        ("alter table public.keep1 add constraint keep1_small check (n < 100);", "keep1_small"),
    ]
    for change, expected in changes:
        with database_pair(pg_server_url, BYSTANDERS, BYSTANDERS + change) as (a, b):
            assert read_tables(a, b) == {QualifiedName("public", "keep1")}, change
            assert expected in converge(a, b).sql, change


def test_tables_alike_are_read_when_a_function_their_policies_call_is_replaced(pg_server_url):
    # small() changes its return type: it is dropped and created again, so the policies
    # that call it go first and come back after, on tables that are otherwise alike.
    desired = BYSTANDERS.replace("public.small() returns int language sql immutable as 'select 10'",
                                 "public.small() returns bigint language sql immutable as 'select 10::bigint'")
    with database_pair(pg_server_url, BYSTANDERS, desired) as (a, b):
        assert read_tables(a, b) == KEPT
        sql = converge(a, b).sql
    assert "DROP POLICY keep0_read ON public.keep0" in sql


def test_tables_alike_are_not_read_when_their_trigger_function_is_replaced_in_place(pg_server_url):
    desired = BYSTANDERS.replace("new.n := 0;", "new.n := 1;")
    with database_pair(pg_server_url, BYSTANDERS, desired) as (a, b):
        assert read_tables(a, b) == set()
        assert "CREATE OR REPLACE FUNCTION public.stamp()" in converge(a, b).sql


def test_a_policy_of_a_table_alike_is_read_when_a_table_it_reads_is_retyped(pg_server_url):
    base = """
    create table public.owners (id int primary key, name text);
    create table public.pets (id int primary key, owner_id int);
    alter table public.pets enable row level security;
    create policy pets_of_named on public.pets using (exists (select from public.owners o
        where o.id = owner_id and o.name is not null));
    create view public.owner_names as select id, name from public.owners;
    create table public.toys (id int primary key, owner_id int);
    alter table public.toys enable row level security;
    create policy toys_named on public.toys using (owner_id in (select id from public.owner_names));
    """
    retyped = base.replace("create table public.owners (id int primary key, name text)",
                           "create table public.owners (id int primary key, name varchar(40))")
    with database_pair(pg_server_url, BYSTANDERS + base, BYSTANDERS + retyped) as (a, b):
        assert read_tables(a, b) == {QualifiedName("public", n) for n in ("owners", "pets", "toys")}
        sql = converge(a, b).sql
    assert "DROP POLICY pets_of_named ON public.pets" in sql
    assert "DROP POLICY toys_named ON public.toys" in sql


def test_a_column_of_a_table_alike_keeps_an_enum_that_gains_a_value(pg_server_url):
    base = "create type public.mood as enum ('ok', 'sad'); create table public.moods (m public.mood);"
    with database_pair(pg_server_url, BYSTANDERS + base,
                       BYSTANDERS + base.replace("'sad')", "'sad', 'glad')")) as (a, b):
        # ADD VALUE alters the enum in place: nothing depending on it is dropped
        assert read_tables(a, b) == set()
        assert "ALTER TYPE public.mood ADD VALUE 'glad'" in converge(a, b).sql
    with database_pair(pg_server_url, BYSTANDERS + base,
                       BYSTANDERS + base.replace("'sad')", "'glad')")) as (a, b):
        # a value removed replaces the type: the table with a column of it is read
        assert QualifiedName("public", "moods") in read_tables(a, b)


def test_a_table_alike_with_a_foreign_key_to_an_altered_table_is_not_read(pg_server_url):
    base = "create table public.parent (id int primary key); create table public.child (id int, " \
           "parent_id int references public.parent);"
    with database_pair(pg_server_url, BYSTANDERS + base, BYSTANDERS + base.replace(" primary key", " primary key, n int")
                       ) as (a, b):
        assert read_tables(a, b) == {QualifiedName("public", "parent")}
        assert "ALTER TABLE public.parent ADD COLUMN n integer;" in converge(a, b).sql


def test_a_table_alike_whose_foreign_key_names_a_renamed_column_is_read(pg_server_url):
    # The key's own catalog row (confkey, by number) is alike; the column it names is not.
    base = "create table public.parent (id int primary key, code text unique); " \
           "create table public.child (id int, parent_code text references public.parent (code));"
    renamed = base.replace("code text unique", "ref text unique").replace("public.parent (code)", "public.parent (ref)")
    with database_pair(pg_server_url, BYSTANDERS + base, BYSTANDERS + renamed) as (a, b):
        assert read_tables(a, b) == {QualifiedName("public", "parent"), QualifiedName("public", "child")}
        assert "DROP CONSTRAINT child_parent_code_fkey" in converge(a, b).sql


@pytest.mark.parametrize("parent, other", [
    ("create table public.p (a int, b int) partition by range (a); "
     "create table public.p1 partition of public.p for values from (1) to (10);",
     "partition by range (b)"),  # the parent is rebuilt: its partitions with it
    ("create table public.a (id int); create table public.b (id int); "
     "create table public.child (n int) inherits (public.a);",
     "inherits (public.b)"),  # another parent of the same shape
])
def test_tables_alike_with_a_changed_parent_are_read(pg_server_url, parent, other):
    changed = parent.replace("partition by range (a)", other).replace("inherits (public.a)", other)
    with database_pair(pg_server_url, BYSTANDERS + parent, BYSTANDERS + changed) as (a, b):
        assert not read_tables(a, b) & KEPT
        converge(a, b)  # the same diff as from full Catalogs


@pytest.mark.parametrize("current, desired", [
    # a view reads the row type of public.t
    ("create view public.vt as select null::public.t as r;",) * 2,
    # a table that changes has a column of the row type of public.t
    ("create table public.holder (x public.t);", "create table public.holder (x public.t, y int);"),
])
def test_probes_get_the_tables_whose_row_types_are_used(pg_server_url, current, desired):
    # A view differs, so the probe shadow holds every table read and every view: public.t
    # must be among the tables read, for its row type.
    base = "create table public.t (id int); create table public.u (id int); "
    view = " create view public.vu as select id from public.u where id > {};"
    with database_pair(pg_server_url, base + current + view.format(1), base + desired + view.format(2)) as (a, b):
        assert QualifiedName("public", "t") in read_tables(a, b)
        current, desired = introspect_pair(a, b)
        with canonical(current, desired, pg_server_url) as current:
            assert "CREATE VIEW public.vu" in render_migration(diff_catalogs(current, desired))


def test_a_table_alike_with_a_foreign_key_into_a_rebuilt_partition_is_read(pg_server_url):
    # The partition's bound changes: it is dropped and created again, the key with it.
    base = """create table public.events (id int primary key) partition by range (id);
              create table public.events_1 partition of public.events for values from (0) to (1000);
              create table public.notes (id int, event_id int references public.events_1);"""
    with database_pair(pg_server_url, BYSTANDERS + base, BYSTANDERS + base.replace("(1000)", "(2000)")) as (a, b):
        assert QualifiedName("public", "notes") in read_tables(a, b)
        assert "DROP CONSTRAINT notes_event_id_fkey" in converge(a, b).sql


def test_a_failing_side_raises_its_own_error(pg_server_url):
    with database_pair(pg_server_url, "", "") as (a, _):
        missing = a.rsplit("/", 1)[0] + "/dfworx_no_such_database"
        with pytest.raises(DatabaseError, match="dfworx_no_such_database"):
            introspect_pair(a, missing)
        with pytest.raises(DatabaseError, match="dfworx_no_such_database"):
            introspect_pair(missing, a)
