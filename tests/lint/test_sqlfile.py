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


# Cuts after `;` + newline fall between statements in PLAIN, and also inside a function
# body, a string, a block comment and a rule's action list in TRICKY; multibyte text
# comes before later runs.
PLAIN = "".join(f"CREATE TABLE t{i} (id bigint, note text DEFAULT 'ü{i}');\nSELECT {i};\n" for i in range(40))
TRICKY = PLAIN + """-- ünïcödé
CREATE TABLE t (id bigint PRIMARY KEY, note text DEFAULT 'a;
b');
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := 'é;';
  RETURN NEW;
END;
$$;
/* a comment;
   with a cut inside; */
CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1;
  SELECT 2;
);
CREATE INDEX i ON t (note) WHERE note <> 'ü';
SELECT 'x';
""" * 3


def _runs_flattened(sql: str, first_run: int, runs: list | None = None) -> list[tuple[int, dict]]:
    from dfworx_db.sqltree import decode_element, parse_statement_runs
    flattened = []
    for start, statements in parse_statement_runs(sql, first_run):
        if runs is not None:
            runs.append(start)
        for raw in statements:
            element = decode_element(raw)
            flattened.append((element.stmt_location + (element.stmt_len or 0), element.stmt))
    return flattened


@pytest.mark.parametrize("first_run", [8, 40, 100, 200, 10**6])
def test_runs_parse_as_the_whole_script_does(first_run: int) -> None:
    """Every tree, and the end of every statement, as one parse of the whole script gives
    them, whether the cuts fall between statements or inside strings, bodies and comments."""
    whole = _runs_flattened(TRICKY, 10**9)
    assert len(whole) == 80 + 15
    runs: list[int] = []
    assert _runs_flattened(TRICKY, first_run, runs) == whole
    if first_run in (100, 200):  # runs parsed alone, then the whole script from the first cut that failed
        assert len(runs) > 2 and runs[-1] == 0 and runs[1] > 0
    assert _runs_flattened(PLAIN, first_run) == _runs_flattened(PLAIN, 10**9)


@pytest.mark.parametrize("first_run", [8, 100, 10**6])
@pytest.mark.parametrize("sql", [PLAIN, TRICKY], ids=["plain", "tricky"])
def test_sql_file_in_runs_has_the_spans_and_locations_of_one_parse(first_run: int, sql: str, monkeypatch) -> None:
    import functools

    from dfworx_db import sqltree
    from dfworx_db.lint import sqlfile
    whole = parse_sql_file(sql, "m.sql")
    monkeypatch.setattr(sqlfile, "parse_statement_runs", functools.partial(sqltree.parse_statement_runs,
                                                                         first_run=first_run))
    in_runs = parse_sql_file(sql, "m.sql")
    assert list(in_runs.statements()) == list(whole.statements())
    assert in_runs.spans == whole.spans
    assert [in_runs.statement(i) for i in range(len(whole.spans))] == list(whole.statements())


def test_syntax_error_in_a_later_run_is_raised_at_its_line(monkeypatch) -> None:
    import functools

    from dfworx_db import sqltree
    from dfworx_db.lint import sqlfile
    monkeypatch.setattr(sqlfile, "parse_statement_runs", functools.partial(sqltree.parse_statement_runs,
                                                                         first_run=16))
    sql_file = parse_sql_file("SELECT 1;\n" * 20 + "CREATE TABLE (;\n" + "SELECT 2;\n" * 20, "bad.sql")
    with pytest.raises(DeclarationError) as caught:
        list(sql_file.statements())
    assert str(caught.value.problems[0].location) == "bad.sql:21:14"
