"""Functions and triggers read back from a live database."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import Argument, Function, QualifiedName, Trigger
from dfworx_db.introspect import introspect
from dfworx_db.introspect.routines import config_entry

pytestmark = pytest.mark.postgres

Q = QualifiedName


@pytest.fixture
def functions(db):
    db.execute("""
        create schema shop;
        create table shop.orders (id int, total numeric(12, 2));
        create function shop.orders_of(p_customer bigint, p_limit int default 10)
            returns table (order_id int, total numeric) language sql stable
            as $$ select id, total from shop.orders limit p_limit $$;
        create function shop.all_orders() returns setof shop.orders language sql
            as 'select * from shop.orders';
        create function shop.total(variadic amounts numeric[] default '{}'::numeric[]) returns numeric
            language sql immutable strict parallel safe as 'select sum(a) from unnest(amounts) a';
        create function shop.split(inout value text, out head text, "Tail" text = 'x, y') language plpgsql
            as $$ begin head := left(value, 1); end $$;
        create function shop.secret() returns uuid language sql security definer
            set search_path = '' as 'select gen_random_uuid()';
        create function shop.pathy() returns int language sql parallel restricted
            set search_path = shop, public, "$user", "Odd Schema" set statement_timeout = '5s' set work_mem = '64MB'
            as 'select 1';
        comment on function shop.secret() is 'Definer.';
    """)
    return {f.name.name: f for f in introspect(db).functions}


def test_returns_table_and_defaults(functions):
    assert functions["orders_of"] == Function(
        name=Q("shop", "orders_of"),
        arguments=(Argument(name="p_customer", type="bigint"), Argument(name="p_limit", type="integer", default="10")),
        returns="",
        returns_table=(Argument(name="order_id", type="integer", mode="table"),
                       Argument(name="total", type="numeric", mode="table")),
        language="sql",
        body=" select id, total from shop.orders limit p_limit ",
        volatility="stable",
    )
    assert functions["orders_of"].identity_arguments == "bigint, integer"


def test_setof_variadic_and_modes(functions):
    assert functions["all_orders"].returns == "SETOF shop.orders"
    assert functions["all_orders"].arguments == ()
    total = functions["total"]
    assert total.arguments == (Argument(name="amounts", type="numeric[]", mode="variadic",
                                        default="CAST('{}' AS numeric[])"),)
    assert (total.returns, total.volatility, total.strict, total.parallel) == ("numeric", "immutable", True, "safe")
    split = functions["split"]
    # A comma inside a default does not split the argument list.
    assert split.arguments == (Argument(name="value", type="text", mode="inout"),
                               Argument(name="head", type="text", mode="out"),
                               Argument(name="Tail", type="text", default="CAST('x, y' AS text)"))
    assert split.returns == "record" and split.identity_arguments == "text, text"


def test_security_definer_and_settings(functions):
    secret = functions["secret"]
    assert (secret.security_definer, secret.config, secret.comment) == (True, (("search_path", ""),), "Definer.")
    pathy = functions["pathy"]
    assert pathy.config == (("search_path", "shop, public, $user, Odd Schema"), ("statement_timeout", "5s"),
                            ("work_mem", "64MB"))
    assert (pathy.security_definer, pathy.parallel, pathy.volatility) == (False, "restricted", "volatile")


def test_config_entries_split_at_the_first_equals_sign():
    assert config_entry('search_path=""') == ("search_path", "")
    assert config_entry('search_path="a""b", c') == ("search_path", 'a"b, c')
    assert config_entry("app.note=a=b") == ("app.note", "a=b")


def test_extension_functions_are_left_out(db):
    db.execute("create extension citext; create function public.mine() returns int language sql as 'select 1'")
    catalog = introspect(db)
    assert [f.signature for f in catalog.functions] == ["public.mine()"]
    assert [t.name for t in catalog.enums] == []


@pytest.fixture
def triggered(db):
    db.execute("""
        create table public.posts (id int, status text, body text, updated_at timestamptz);
        create function public.touch() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger posts_touch before update of status, body on public.posts
            for each row when (old.status is distinct from new.status) execute function public.touch('a', 'it''s', '');
        create trigger posts_audit after insert or delete or truncate on public.posts
            for each statement execute function public.touch();
        create view public.posts_view as select id, status from public.posts;
        create trigger posts_view_insert instead of insert on public.posts_view
            for each row execute function public.touch();
        comment on trigger posts_audit on public.posts is 'Audit.';
        create table public.parted (id int) partition by range (id);
        create table public.parted_1 partition of public.parted for values from (0) to (10);
        create trigger parted_touch before insert on public.parted for each row execute function public.touch();
    """)
    return {t.name: t for t in introspect(db).triggers}


def test_trigger_shapes(triggered):
    posts = Q("public", "posts")
    touch = Q("public", "touch")
    assert triggered["posts_touch"] == Trigger(
        name="posts_touch", table=posts, timing="before", events=("update",), function=touch,
        update_columns=("status", "body"), when="old.status IS DISTINCT FROM new.status",
        arguments=("a", "it's", ""))
    assert triggered["posts_audit"] == Trigger(
        name="posts_audit", table=posts, timing="after", events=("insert", "delete", "truncate"), function=touch,
        for_each_row=False, comment="Audit.")
    assert triggered["posts_view_insert"] == Trigger(
        name="posts_view_insert", table=Q("public", "posts_view"), timing="instead of", events=("insert",),
        function=touch)


def test_triggers_cloned_onto_partitions_are_left_out(triggered):
    assert [t.table.name for t in triggered.values() if t.name == "parted_touch"] == ["parted"]
    assert len(triggered) == 4
