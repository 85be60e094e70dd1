"""The full-schema render: every object kind renders through templates/sql and the
result executes in one transaction on a real Postgres."""

from __future__ import annotations

from pathlib import Path

import pytest

from dfworx_db.catalog import Catalog, Column, ForeignKey, PrimaryKey, QualifiedName, Table
from dfworx_db.declare import load_catalog
from dfworx_db.diff.create import create_changes
from dfworx_db.plan.graph import order_changes
from dfworx_db.render import render_catalog
from tests.golden import CASES, assert_golden

EVERY_KIND = CASES / "render" / "every_kind"


def test_every_kind_renders_as_expected(request):
    sql = render_catalog(load_catalog(EVERY_KIND / "schemas"))
    assert_golden(request, EVERY_KIND / "expected.sql", sql)


def test_render_is_deterministic():
    catalog = load_catalog(EVERY_KIND / "schemas")
    assert render_catalog(catalog) == render_catalog(load_catalog(EVERY_KIND / "schemas"))


CREATION_KINDS = {"add_foreign_key", "enable_rls", "force_rls", "grant", "revoke_public_execute", "comment",
                  "comment_view_columns", "alter_sequence_owned_by"}


def test_every_creation_kind_appears_in_the_every_kind_case():
    kinds = {c.kind for c in create_changes(load_catalog(EVERY_KIND / "schemas"))}
    templates = {p.name.removesuffix(".sql.j2") for p in (Path(__file__).parents[2] / "templates" / "sql").glob("[!_]*.sql.j2")}
    creating = {t for t in templates if t.startswith("create_") or t in CREATION_KINDS}
    assert creating <= kinds, f"creation kinds with a template but no case: {creating - kinds}"


@pytest.mark.postgres
def test_every_kind_executes_in_one_transaction(supabase_db):
    sql = render_catalog(load_catalog(EVERY_KIND / "schemas"))
    with supabase_db.transaction():
        supabase_db.execute(sql)
    counts = supabase_db.execute("""
        select
          (select count(*) from pg_extension where extname = 'citext'),
          (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace
             where n.nspname = 'shop' and t.typtype = 'e'),
          (select count(*) from pg_tables where schemaname = 'shop'),
          (select count(*) from pg_indexes where schemaname = 'shop'),
          (select count(*) from pg_views where schemaname = 'shop'),
          (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'shop'),
          (select count(*) from pg_trigger where not tgisinternal and tgrelid = 'shop.orders'::regclass),
          (select count(*) from pg_policies where schemaname = 'shop'),
          (select count(*) from pg_constraint where contype = 'f' and conrelid = 'shop.orders'::regclass),
          (select relforcerowsecurity from pg_class where oid = 'shop.customers'::regclass),
          (select count(*) from information_schema.column_privileges
             where table_schema = 'shop' and grantee = 'authenticated' and column_name = 'total'
               and privilege_type = 'UPDATE'),
          has_function_privilege('anon', 'shop.customer_orders(bigint)', 'execute'),
          has_function_privilege('anon', 'shop.order_count(bigint, shop.order_status)', 'execute'),
          has_table_privilege('authenticated', 'shop.orders', 'select'),
          (select count(*) from pg_description d join pg_class c on c.oid = d.objoid
             where c.relnamespace = 'shop'::regnamespace)
    """).fetchone()
    storage = supabase_db.execute("""
        select
          (select relpersistence from pg_class where oid = 'shop.events'::regclass),
          (select pg_get_partkeydef('shop.measurements'::regclass)),
          (select count(*) from pg_inherits where inhparent = 'shop.measurements'::regclass),
          (select count(*) from pg_inherits where inhparent = 'shop.audited'::regclass),
          (select count(*) from pg_matviews where schemaname = 'shop'),
          (select seqincrement from pg_sequence where seqrelid = 'shop.invoice_no'::regclass),
          (select count(*) from pg_depend where objid = 'shop.invoice_no'::regclass and deptype = 'a'),
          (select collname from pg_collation c join pg_attribute a on a.attcollation = c.oid
             where a.attrelid = 'shop.invoices'::regclass and a.attname = 'code'),
          (select relreplident from pg_class where oid = 'shop.events'::regclass),
          (select indexrelid::regclass::text from pg_index where indrelid = 'shop.invoices'::regclass
             and indisreplident)
    """).fetchone()
    assert storage == ("u", "RANGE (logdate)", 2, 1, 1, 10, 1, "c_sort", "f", "shop.invoices_code_key")
    # citext, 2 enums, 9 tables (incl. unlogged, partitioned, 2 partitions, inherited),
    # 6 constraint indexes (one of an exclusion constraint) + 4 declared, 1 view, 4 functions, 2 triggers,
    # 2 policies, 1 FK,
    # forced RLS, column grant, revoked / default EXECUTE, comments
    assert counts[:9] == (1, 2, 9, 10, 1, 4, 2, 2, 1)
    # the column grant (SELECT (total), UPDATE (total)) grants nothing table-wide
    assert counts[9:14] == (True, 1, False, True, False)
    assert counts[14] >= 5


def _table(name: str, fk_to: str) -> Table:
    return Table(
        name=QualifiedName("public", name),
        columns=(Column(name="id", type="integer", not_null=True), Column(name="other", type="integer")),
        primary_key=PrimaryKey(name=f"{name}_pkey", columns=("id",)),
        foreign_keys=(ForeignKey(name=f"{name}_other_fkey", columns=("other",),
                                 references=QualifiedName("public", fk_to), referenced_columns=("id",)),),
    )


def test_foreign_key_cycle_is_broken_by_adding_constraints_after_both_tables():
    catalog = Catalog.build(tables=[_table("a", "b"), _table("b", "a")])
    kinds = [c.kind for c in order_changes(create_changes(catalog))]
    assert kinds == ["create_table", "create_table", "add_foreign_key", "add_foreign_key"]


@pytest.mark.postgres
def test_foreign_key_cycle_executes(db):
    db.execute(render_catalog(Catalog.build(tables=[_table("a", "b"), _table("b", "a")])))
    assert db.execute("select count(*) from pg_constraint where contype = 'f'").fetchone()[0] == 2
