"""The one place identifiers and literals are quoted (exposed to templates as filters)."""

from __future__ import annotations

import importlib.util
import os
import re

from ..catalog import QualifiedName

_SIMPLE = re.compile(r"^[a-z_][a-z0-9_$]*$")


def _keywords() -> frozenset[str]:
    """The keywords an identifier must be quoted for: reserved, type or function name, and
    column name ones, as pglast extracts them from Postgres's kwlist.h. Its keywords
    module is loaded by itself: importing pglast would first load its parser, AST and
    enums (~25 ms on every start of a command that renders SQL) for three sets."""
    try:
        folder = importlib.util.find_spec("pglast").submodule_search_locations[0]  # pglast not imported
        spec = importlib.util.spec_from_file_location("dfworx_db._pglast_keywords",
                                                      os.path.join(folder, "keywords.py"))
        keywords = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(keywords)
    except (AttributeError, OSError, TypeError):
        from pglast import keywords
    return frozenset(keywords.RESERVED_KEYWORDS | keywords.TYPE_FUNC_NAME_KEYWORDS | keywords.COL_NAME_KEYWORDS)


_KEYWORDS = _keywords()


def quote_ident(name: str) -> str:
    """Postgres's quote_ident: double-quote unless a plain lower-case non-keyword."""
    if _SIMPLE.match(name) and name not in _KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def quote_qualified(name: QualifiedName) -> str:
    return f"{quote_ident(name.schema)}.{quote_ident(name.name)}"


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def dollar_quote(body: str) -> str:
    """Wrap a function body in a dollar-quote whose tag the body does not contain."""
    tag = ""
    n = 0
    while f"${tag}$" in body:
        n += 1
        tag = "body" if n == 1 else f"body{n}"
    return f"${tag}${body}${tag}$"


def quote_role(role: str) -> str:
    return "PUBLIC" if role == "public" else quote_ident(role)
