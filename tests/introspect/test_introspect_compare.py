"""compare_catalogs: the field-by-field account of how two Catalogs differ."""

from __future__ import annotations

from dfworx_db.catalog import Argument, Catalog, Column, Function, Grant, Policy, QualifiedName, Schema, Table, Trigger
from dfworx_db.introspect import Difference, compare_catalogs, format_differences
from dfworx_db.introspect.compare import describe

Q = QualifiedName


def _table(*columns: Column, comment: str | None = None) -> Table:
    return Table(name=Q("app", "t"), columns=columns, comment=comment)


def test_equal_catalogs_have_no_differences():
    catalog = Catalog.build(schemas=[Schema(name="app")], tables=[_table(Column(name="id", type="integer"))])
    assert compare_catalogs(catalog, catalog) == []


def test_objects_on_one_side_only():
    left = Catalog.build(schemas=[Schema(name="app"), Schema(name="old")])
    right = Catalog.build(schemas=[Schema(name="app"), Schema(name="new")])
    assert [str(d) for d in compare_catalogs(left, right)] == [
        "schemas new: only in the second catalog",
        "schemas old: only in the first catalog",
    ]


def test_fields_inside_objects_and_their_named_parts():
    left = Catalog.build(tables=[_table(Column(name="id", type="integer"), Column(name="a", type="text"),
                                        Column(name="gone", type="text"))])
    right = Catalog.build(tables=[_table(Column(name="id", type="bigint"), Column(name="a", type="text"),
                                         Column(name="new", type="text"), comment="T.")])
    differences = compare_catalogs(left, right)
    assert differences[0] == Difference("tables", "app.t", "columns[id].type", "integer", "bigint")
    assert format_differences(differences).splitlines() == [
        "tables app.t: columns[id].type: 'integer' != 'bigint'",
        "tables app.t: columns[gone]: only in the first catalog",
        "tables app.t: columns[new]: only in the second catalog",
        "tables app.t: comment: None != 'T.'",
    ]


def test_table_column_order_is_no_difference():
    """Postgres can only add a column at the end; a table that gained one in the middle of
    its declaration is the same table."""
    left = Catalog.build(tables=[_table(Column(name="a", type="text"), Column(name="b", type="text"))])
    right = Catalog.build(tables=[_table(Column(name="b", type="text"), Column(name="a", type="text"))])
    assert compare_catalogs(left, right) == []


def test_argument_order_is_a_difference():
    def f(*names: str) -> Function:
        return Function(name=Q("app", "f"), arguments=tuple(Argument(name=n, type="text") for n in names),
                        returns="text", language="sql", body="select 1")
    assert [str(d) for d in compare_catalogs(Catalog.build(functions=[f("a", "b")]),
                                             Catalog.build(functions=[f("b", "a")]))] != []


def test_grants_are_named_by_their_identity():
    grant = Grant(object_kind="function", target=Q("app", "f"), privilege="execute", grantee="anon",
                  arguments="integer")
    assert [str(d) for d in compare_catalogs(Catalog.build(grants=[grant]), Catalog())] == [
        "grants execute on function app.f(integer) to anon: only in the first catalog"]


def test_objects_are_named_the_way_messages_name_them():
    table = Q("shop", "orders")
    assert [describe(o) for o in (
        Schema(name="shop"),
        Trigger(name="touch", table=table, timing="before", events=("update",), function=Q("shop", "f")),
        Policy(name="own rows", table=table),
        Grant(object_kind="schema", target=Q("shop", "shop"), privilege="usage", grantee="anon"),
        Grant(object_kind="column", target=table, column="total", privilege="update", grantee="public"),
    )] == ["shop", "touch on shop.orders", "own rows on shop.orders", "usage on schema shop to anon",
           "update on column shop.orders.total to public"]
