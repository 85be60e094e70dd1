"""The differ as a pure function: Catalog × Catalog → ordered changes (no database)."""

from __future__ import annotations

import dataclasses

import pytest

from dfworx_db.catalog import Catalog, Column, EnumType, Function, QualifiedName, Table, View
from dfworx_db.diff import diff_catalogs
from dfworx_db.errors import UnsupportedError

Q = QualifiedName


def _function(returns: str) -> Function:
    return Function(name=Q("public", "numbers"), arguments=(), returns=returns, language="sql", body="select 1")


def test_live_dependencies_from_pg_depend_replace_dependents():
    """A view whose text does not name the function (here: `select 1`) is still dropped and
    created around the function when pg_depend says it depends on it."""
    view = View(name=Q("public", "v"), query="select 1")
    edges = ((("relation", "public", "v"), ("function", "public", "numbers")),)
    current = dataclasses.replace(Catalog.build(functions=[_function("integer")], views=[view]), dependencies=edges)
    desired = Catalog.build(functions=[_function("bigint")], views=[view])
    kinds = [c.kind for c in diff_catalogs(current, desired)]
    # (the desired Catalog grants PUBLIC nothing, so the new function also loses its default EXECUTE)
    assert kinds == ["drop_view", "drop_function", "create_function", "create_view", "revoke_public_execute"]
    without_edges = [c.kind for c in diff_catalogs(dataclasses.replace(current, dependencies=()), desired)]
    assert "drop_view" not in without_edges


def test_enum_labels_are_added_in_place_in_order():
    current = Catalog.build(enums=[EnumType(name=Q("public", "e"), values=("a", "c"))])
    desired = Catalog.build(enums=[EnumType(name=Q("public", "e"), values=("a", "b", "c", "d"))])
    changes = diff_catalogs(current, desired)
    assert [dict(c.extra)["value"] for c in changes] == ["b", "d"]


def test_removing_an_enum_label_is_refused_loudly():
    current = Catalog.build(enums=[EnumType(name=Q("public", "e"), values=("a", "b"))])
    desired = Catalog.build(enums=[EnumType(name=Q("public", "e"), values=("a",))])
    with pytest.raises(UnsupportedError, match="removing or reordering labels"):
        diff_catalogs(current, desired)


def test_a_table_is_never_recreated_to_follow_a_dependency():
    enum = EnumType(name=Q("public", "e"), values=("a",))
    table = Table(name=Q("public", "t"), columns=(Column(name="c", type="public.e"),))
    current = Catalog.build(enums=[enum], functions=[_function("integer")], tables=[table])
    desired = Catalog.build(enums=[enum], functions=[_function("bigint")], tables=[
        Table(name=Q("public", "t"), columns=(Column(name="c", type="public.e", default="public.numbers()"),))])
    edges = ((("relation", "public", "t"), ("function", "public", "numbers")),)
    with pytest.raises(UnsupportedError, match="would lose its rows"):
        diff_catalogs(dataclasses.replace(current, dependencies=edges), desired)


def test_equal_catalogs_have_no_changes():
    catalog = Catalog.build(tables=[Table(name=Q("public", "t"), columns=(Column(name="c", type="integer"),))])
    assert diff_catalogs(catalog, catalog) == []
