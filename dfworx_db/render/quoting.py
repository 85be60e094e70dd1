"""The one place identifiers and literals are quoted (exposed to templates as filters)."""

from __future__ import annotations

import re

from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS

from ..catalog import QualifiedName

_SIMPLE = re.compile(r"^[a-z_][a-z0-9_$]*$")
_KEYWORDS = RESERVED_KEYWORDS | TYPE_FUNC_NAME_KEYWORDS | COL_NAME_KEYWORDS


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
