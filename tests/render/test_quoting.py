"""Identifiers and literals are quoted in one place, the way Postgres's quote_ident and
quote_literal would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dfworx_db.render.quoting import dollar_quote, quote_ident, quote_literal


@pytest.mark.parametrize("name, quoted", [
    ("users", "users"),
    ("user", '"user"'),            # reserved keyword
    ("Users", '"Users"'),          # upper case would fold
    ("order items", '"order items"'),
    ('say "hi"', '"say ""hi"""'),
    ("_private1", "_private1"),
    ("1st", '"1st"'),
    ("role", "role"),              # unreserved keyword: Postgres leaves it bare
    ("time", '"time"'),            # column-name keyword
])
def test_quote_ident(name, quoted):
    assert quote_ident(name) == quoted


def test_quote_literal_doubles_quotes():
    assert quote_literal("it's") == "'it''s'"


def test_dollar_quote_picks_a_tag_the_body_lacks():
    assert dollar_quote("select 1") == "$$select 1$$"
    assert dollar_quote("select $$x$$") == "$body$select $$x$$$body$"
    assert dollar_quote("$$ $body$") == "$body2$$$ $body$$body2$"


def test_the_keywords_are_pglasts_read_without_importing_pglast():
    from pglast import keywords

    from dfworx_db.render.quoting import _KEYWORDS
    assert _KEYWORDS == keywords.RESERVED_KEYWORDS | keywords.TYPE_FUNC_NAME_KEYWORDS | keywords.COL_NAME_KEYWORDS
    loaded = subprocess.run([sys.executable, "-c", "import sys, dfworx_db.render; print('pglast' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"
