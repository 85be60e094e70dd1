"""What an expression or a view query references, read with Postgres's own parser: the
dependency keys that order changes, and the reference checks of `validate`."""

from __future__ import annotations

import pytest

from dfworx_db.catalog import QualifiedName
from dfworx_db.diff.keys import expression_needs, function_key, relation_key
from dfworx_db.expressions import referenced_columns, referenced_functions, referenced_tables


@pytest.mark.parametrize(("text", "columns", "functions", "tables"), [
    ("auth.uid() = user_id", {"user_id"}, {("auth", "uid")}, set()),
    ("org_id IN (SELECT m.org_id FROM public.memberships m WHERE m.user_id = (SELECT auth.uid()))",
     {"org_id"}, {("auth", "uid")}, {("public", "memberships")}),
    ('"Price" > 0 AND qty < 10 -- a trailing comment', {"Price", "qty"}, set(), set()),
    ("WITH recent AS (SELECT * FROM app.posts) SELECT r.id FROM recent r JOIN Shared.Orgs o ON o.id = r.org_id",
     set(), set(), {("app", "posts"), ("shared", "orgs")}),
    # unqualified, and calls the grammar itself writes into pg_catalog (EXTRACT), are told apart
    ("extract(epoch FROM now()) > public.cutoff()", set(), {(None, "now"), ("public", "cutoff")}, set()),
    # syntax sqlglot's Postgres dialect cannot parse: its references would be lost
    ("xmlexists('//a' PASSING BY REF public.doc())", set(), {("public", "doc")}, set()),
    ("COLLATION FOR (name) = 'C' AND public.ok(name)", {"name"}, {("public", "ok")}, set()),
    ("age > > 0", set(), set(), set()),  # not SQL: nothing
])
def test_references(text: str, columns: set, functions: set, tables: set) -> None:
    assert (referenced_columns(text), referenced_functions(text), referenced_tables(text)) == (
        columns, functions, tables)


def test_a_statement_keyword_alone_is_read_as_an_expression() -> None:
    """`begin` parses as a statement (BEGIN) and as a column: a check reads the column."""
    assert referenced_columns("begin") == {"begin"}


def test_needs_of_a_policy_expression() -> None:
    needs = expression_needs("org_id = ANY (ARRAY(SELECT app.my_orgs())) AND EXISTS (SELECT 1 FROM ONLY app.t)")
    assert function_key(QualifiedName("app", "my_orgs")) in needs
    assert relation_key(QualifiedName("app", "t")) in needs
