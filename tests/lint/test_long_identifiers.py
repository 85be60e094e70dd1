"""identifier-too-long looks at the source text (the parser truncates names before any rule
sees them); its cheap first pass must not miss a long name the full search finds."""

from __future__ import annotations

import pytest

from dfworx_db.lint.migration import lint_migrations
from dfworx_db.lint.sqlfile import parse_sql_file

LONG = "a" * 70


@pytest.mark.parametrize("sql, word", [
    (f"CREATE TABLE t ({LONG} int);\n", LONG),
    (f'CREATE TABLE t ("{"spaced name " * 6}" int);\n', "spaced name " * 6),
    (f'CREATE TABLE t ("{"x" * 30}""{"y" * 40}" int);\n', "x" * 30 + '"' + "y" * 40),
    (f"CREATE TABLE t (id int, {'é' * 64} int, b int);\n", "é" * 64),
    (f"CREATE TABLE t(id int,{LONG} int);\n", LONG),
])
def test_long_names_are_found(sql: str, word: str) -> None:
    findings = [f for f in lint_migrations([parse_sql_file(sql, "m.sql")]) if f.rule == "identifier-too-long"]
    assert [f.message.split(" is ")[0] for f in findings] == [repr(word)]


@pytest.mark.parametrize("sql", [
    f"CREATE TABLE t (id int DEFAULT '{LONG}');\n",  # a string, not a name
    f"-- {LONG}\nCREATE TABLE t (id int);\n",  # a comment
])
def test_long_words_outside_names_are_not_reported(sql: str) -> None:
    assert not [f for f in lint_migrations([parse_sql_file(sql, "m.sql")]) if f.rule == "identifier-too-long"]
