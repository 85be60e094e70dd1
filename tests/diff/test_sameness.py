"""Which differing expressions are put to Postgres (diff.sameness), without a database:
texts that differ only in what the deparser rewrites between rounds may mean the same;
texts whose parse trees differ otherwise are different, and no shadow is made for them."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import Catalog, Policy, QualifiedName, View
from dfworx_db.diff.reconcile import expression_differences, tables_to_probe
from dfworx_db.diff.sameness import provably_different
from dfworx_db.pg.shadow import canonical

# Pairs Postgres writes for one meaning (the first is the IN list of the DFWorX `users.role`
# check, read back after one round and after two: tests/introspect/test_introspect_round_trip.py).
SAME_MEANING_POSSIBLE = [
    ("((role)::text = ANY ((ARRAY['user'::character varying, 'admin'::character varying])::text[]))",
     "((role)::text = ANY (ARRAY[('user'::character varying)::text, ('admin'::character varying)::text]))"),
    ("(amount > (0)::numeric)", "(amount > 0)"),
    ("(a OPERATOR(pg_catalog.=) 5)", "(a = '5'::integer)"),
    ("pg_catalog.lower(email)", "lower((email)::text)"),
    ("(created_at > (now() - '1 day'::interval))", "(created_at > (now() - ('1 day'::text)::interval))"),
    ("unparsable ((", "also unparsable (("),  # left to Postgres
]

DIFFERENT = [
    ("(owner_id = auth.uid())", "(owner_id = ( SELECT auth.uid() AS uid))"),
    ("(amount > (0)::numeric)", "(amount > (1)::numeric)"),
    ("(status = 'draft'::text)", "(status = 'published'::text)"),
    ("(a = b)", "(a = c)"),
    ("(a = b)", "(a <> b)"),
    ("lower(email)", "upper(email)"),
    ("(is_active AND is_public)", "(is_active OR is_public)"),
    ("true", None),  # a clause removed
]


@pytest.mark.parametrize(("old", "new"), SAME_MEANING_POSSIBLE)
def test_rewritten_forms_are_put_to_postgres(old, new):
    assert not provably_different(old, new)
    assert not provably_different(new, old)


@pytest.mark.parametrize(("old", "new"), DIFFERENT)
def test_different_trees_are_different(old, new):
    assert provably_different(old, new)
    assert provably_different(new, old)


def test_column_qualification_and_aliases_are_set_aside():
    """PostgreSQL 16 stopped writing `t.id` where `id` is unambiguous: a database of 15 and
    one of 17 write one sub-select two ways."""
    assert not provably_different("(EXISTS ( SELECT 1 FROM members m WHERE (m.user_id = auth.uid())))",
                                  "(EXISTS ( SELECT 1 FROM members WHERE (user_id = auth.uid())))")
    assert not provably_different("(( SELECT auth.uid() AS uid) = owner_id)", "(( SELECT auth.uid()) = owner_id)")


def _policy(using: str) -> Policy:
    return Policy(name="own rows", table=QualifiedName("public", "items"), command="select", permissive=True,
                  roles=("authenticated",), using=using)


def test_no_shadow_when_every_difference_is_provable():
    """The shadow URL is unreachable: had a shadow been needed, `canonical` would fail."""
    current = Catalog.build(policies=[_policy("(owner_id = auth.uid())")])
    desired = Catalog.build(policies=[_policy("(owner_id = ( SELECT auth.uid() AS uid))")])
    assert expression_differences(current, desired) == 0
    assert tables_to_probe(current, desired) == set()
    with canonical(current, desired, "postgresql://nobody@127.0.0.1:1/none") as result:
        assert result is current


def test_a_rewritten_form_still_asks_for_a_shadow():
    current = Catalog.build(policies=[_policy("(amount > (0)::numeric)")])
    desired = Catalog.build(policies=[_policy("(amount > 0)")])
    assert expression_differences(current, desired) == 1
    assert tables_to_probe(current, desired) == {QualifiedName("public", "items")}


def test_a_differing_view_is_always_put_to_postgres():
    """View text changes between major versions in more ways than the expressions'
    (`t.id` and `id`, subquery aliases): a differing view query always asks Postgres, and
    a view may read any table."""
    view = View(name=QualifiedName("public", "v"), query=" SELECT t.id\n   FROM t;")
    desired = Catalog.build(views=[View(name=view.name, query=" SELECT t.name\n   FROM t;")])
    assert expression_differences(Catalog.build(views=[view]), desired) == 1
    assert tables_to_probe(Catalog.build(views=[view]), desired) is None
