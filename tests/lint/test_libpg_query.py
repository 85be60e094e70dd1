"""sqltree calls libpg_query through ctypes, in the copy pglast's extension links in:
its output and its errors must be exactly pglast's own."""

from __future__ import annotations

import pytest
from pglast import parser

from dfworx_db import sqltree

from .test_sqlfile import PLAIN, TRICKY


def test_the_library_is_loaded_through_ctypes() -> None:
    """On a platform where pglast's extension exports libpg_query (every wheel pglast
    publishes), the fallback to pglast's binding is not what runs."""
    assert sqltree._parse_json is not sqltree._pglast_parse


@pytest.mark.parametrize("sql", [PLAIN, TRICKY, "", "SELECT 'é', $$ü$$ -- ä", "CREATE TABLE t (a int)"])
def test_json_is_pglast_s(sql: str) -> None:
    assert sqltree._parse_json(sql).decode("utf-8") == parser.parse_sql_json(sql)


@pytest.mark.parametrize("sql", ["SELECT 1 FRM t", "SELECT 'é' FROM", "créate table é (a int)",
                                 "SELECT 'unterminated", "CREATE TABLE t (a int,);"])
def test_errors_are_pglast_s(sql: str) -> None:
    with pytest.raises(parser.ParseError) as theirs:
        parser.parse_sql_json(sql)
    with pytest.raises(sqltree.ParseError) as ours:
        sqltree._parse_json(sql)
    assert ours.value.args == theirs.value.args
    assert str(ours.value) == str(theirs.value)


def test_the_fallback_raises_the_same_error() -> None:
    with pytest.raises(sqltree.ParseError) as raised:
        sqltree._pglast_parse("SELECT 1 FRM t")
    assert raised.value.args == ("syntax error at or near \"t\"", 13)


def test_parsing_in_threads_gives_each_its_own_tree() -> None:
    """ctypes releases the GIL during the call, as pglast does: libpg_query's state is
    per thread."""
    from concurrent.futures import ThreadPoolExecutor

    scripts = [f"CREATE TABLE t{i} (c{i} int);" * 200 for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(sqltree._parse_json, scripts)) == [sqltree._parse_json(s) for s in scripts]
