"""Parsing migration files: positions, ignores, the no-transaction marker."""

from __future__ import annotations

import pytest

from dfworx_db.errors import DeclarationError
from dfworx_db.lint.sqlfile import parse_sql_file

NO_TRANSACTION_MARKER = "-- dfworx-db: no-transaction"


@pytest.mark.parametrize("text", [
    "-- dfworx-db: no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
    "-- add an index\n  --  DFWORX-DB: No-Transaction  \nCREATE INDEX CONCURRENTLY i ON t (a);\n",
    "CREATE INDEX i ON t (a);\n",
    "-- dfworx-db: no-transactions\nSELECT 1;\n",
])
def test_lint_reads_the_marker_as_apply_does(text: str, tmp_path) -> None:
    from dfworx_db.migrate.files import MigrationFile
    path = tmp_path / "20240101000000_a.sql"
    path.write_text(text, encoding="utf-8")
    assert parse_sql_file(text, "a.sql").transactional == MigrationFile(path, "20240101000000", "a").transactional


def test_locations_count_characters_after_multibyte_text() -> None:
    sql_file = parse_sql_file("-- ünïcödé\nSELECT 'é';  CREATE INDEX i ON t (a);\n", "m.sql")
    index = sql_file.spans[1]
    assert index.node_type == "IndexStmt"
    assert str(sql_file.location(index.start)) == "m.sql:2:14"


def test_ignore_covers_trailing_inner_or_next_statement() -> None:
    sql = ("SELECT 1; -- dfworx-db: ignore a\n"
           "-- dfworx-db: ignore b, c\n"
           "CREATE TABLE t (\n  id int -- dfworx-db: ignore d\n);\n")
    sql_file = parse_sql_file(sql, "m.sql")
    assert [(i.rules, i.statement) for i in sql_file.ignores] == [(("a",), 0), (("b", "c"), 1), (("d",), 1)]


def test_marker_must_lead_the_file() -> None:
    assert parse_sql_file(f"-- note\n{NO_TRANSACTION_MARKER}\nSELECT 1;\n", "a.sql").transactional is False
    assert parse_sql_file(f"SELECT 1;\n{NO_TRANSACTION_MARKER}\n", "b.sql").transactional


def test_syntax_error_is_a_declaration_error_at_its_line() -> None:
    with pytest.raises(DeclarationError) as caught:
        parse_sql_file("SELECT 1;\n\nCREATE TABLE (;\n", "bad.sql")
    assert str(caught.value.problems[0].location) == "bad.sql:3:14"


def test_statements_are_decoded_in_order_and_again_by_index() -> None:
    sql = "SELECT 1;;\nCREATE TABLE \"a]\" (x int); -- ]\nSELECT '[]', $$]$$"
    sql_file = parse_sql_file(sql, "m.sql")
    walked = list(sql_file.statements())
    assert [(s.node_type, s.start, s.end) for s in walked] == [tuple(span[:3]) for span in sql_file.spans]
    assert [s.node_type for s in walked] == ["SelectStmt", "CreateStmt", "SelectStmt"]
    assert [sql_file.slice(s.start, s.end) for s in walked][1:] == ['CREATE TABLE "a]" (x int)', "SELECT '[]', $$]$$"]
    assert [sql_file.statement(i) for i in range(3)] == walked
