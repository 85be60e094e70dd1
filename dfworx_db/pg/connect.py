"""Connections: where the URL comes from, opening it, and keeping its password out of sight.

A database URL is either a libpq URI (``postgresql://user:secret@host/db``) or a libpq
key=value conninfo string (``host=h dbname=db password=secret``); every function here
accepts both. A password never leaves this module in clear text: messages carry
`redact`-ed URLs, and errors raised by the driver are re-raised as `DatabaseError`
with every known secret scrubbed and the original exception detached.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from dfworx_db.errors import DatabaseError

DATABASE_URL_ENV = "DATABASE_URL"
APPLICATION_NAME = "dfworx-db"
MASK = "***"

_URI = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_URI_TOKEN = re.compile(r"([a-z][a-z0-9+.-]*://\S+)", re.IGNORECASE)
# The password runs to the *last* '@' before the query: one holding a raw '@' or '/' is
# invalid for libpq, yet must still be hidden whole.
_URI_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^:/?#@]*:)([^?#]+)@", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&](?:ssl)?password=)([^&#]*)", re.IGNORECASE)
_CONNINFO_PASSWORD = re.compile(
    r"(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE
)


def resolve_url(
    explicit: str | None = None,
    *,
    env_var: str = DATABASE_URL_ENV,
    environ: Mapping[str, str] | None = None,
    required: bool = True,
) -> str | None:
    """Return the database URL to use: ``explicit`` (``--db-url``) first, else ``$env_var``.

    Empty values count as unset. When neither is given, raise `DatabaseError` if
    ``required``, else return None.
    """
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    value = env.get(env_var, "")
    if value:
        return value
    if not required:
        return None
    raise DatabaseError(
        "no database URL given\n"
        f"  hint: pass --db-url or set {env_var}, e.g. postgresql://postgres@127.0.0.1:5432/postgres"
    )


def redact(text: str) -> str:
    """Return ``text`` with every password replaced by ``***``, the rest unchanged.

    ``text`` may be a URI, a conninfo string, or a message embedding either. Hidden are
    URI userinfo passwords, ``password=`` / ``sslpassword=`` query parameters and
    conninfo keywords (quoted or not). An empty password (``postgres:@host``) is kept:
    there is nothing to hide.
    """
    # Split out URI tokens so their query strings and the conninfo keywords around them
    # are each cut at the right delimiter ('&' inside a URI, whitespace outside).
    parts = _URI_TOKEN.split(text)
    for i, part in enumerate(parts):
        parts[i] = _redact_uri(part) if i % 2 else _CONNINFO_PASSWORD.sub(_mask_value, part)
    return "".join(parts)


def _redact_uri(uri: str) -> str:
    uri = _URI_PASSWORD.sub(lambda m: m.group(1) + MASK + "@", uri, count=1)
    return _QUERY_PASSWORD.sub(_mask_value, uri)


def _mask_value(m: re.Match[str]) -> str:
    return m.group(1) + (MASK if m.group(2) else "")


def scrub(text: str, url: str) -> str:
    """Return ``text`` (e.g. a driver's error message about ``url``) with ``url``'s
    passwords removed, both where they appear as ``password=…`` and verbatim.

    libpq echoes fragments of a malformed conninfo (``missing "=" after "secret"``), so
    redacting by pattern alone is not enough: the secrets themselves are masked too.
    """
    cleaned = redact(text)
    for secret in sorted(_secrets(url), key=len, reverse=True):
        cleaned = cleaned.replace(secret, MASK)
    return cleaned


def _secrets(url: str) -> set[str]:
    """Every spelling of every password ``url`` carries (raw, quoted, percent-decoded)."""
    found: set[str] = set()
    if _URI.match(url):
        if m := _URI_PASSWORD.match(url):
            # libpq reads a raw '/' as the end of the host part and may echo the piece
            # before it as a port number.
            found.update([m.group(2), *m.group(2).split("/")])
        found.update(m.group(2) for m in _QUERY_PASSWORD.finditer(url))
    else:
        for m in _CONNINFO_PASSWORD.finditer(url):
            value = m.group(2)
            found.add(value)
            if value.startswith("'"):
                found.add(re.sub(r"\\(.)", r"\1", value[1:-1]))
    found.update({unquote(s) for s in found})
    return {s for s in found if s and s != MASK}


def with_database(url: str, dbname: str) -> str:
    """Return ``url`` pointing at database ``dbname`` instead, in the same form (URI or
    conninfo) and with every other parameter kept."""
    if _URI.match(url):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + quote(dbname, safe="")))
    return make_conninfo(url, dbname=dbname)


def connect(
    url: str,
    *,
    autocommit: bool = False,
    connect_timeout: int = 10,
) -> psycopg.Connection:
    """Open a psycopg connection to ``url``.

    ``connect_timeout`` (seconds) and ``application_name`` apply unless the URL sets its
    own. Any failure, including a malformed URL, raises `DatabaseError` whose message
    holds the redacted URL and the driver's reason with passwords scrubbed; the driver's
    exception is not chained, so no traceback can reveal the password either.
    """
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error as exc:
        # Not echoed: in a malformed string the password may not even follow "password=".
        what, reason = "the database URL is malformed", scrub(str(exc).strip(), url)
    else:
        params.setdefault("connect_timeout", connect_timeout)
        params.setdefault("application_name", APPLICATION_NAME)
        try:
            return psycopg.connect(make_conninfo(**params), autocommit=autocommit)
        except psycopg.Error as exc:
            what, reason = f"cannot connect to {scrub(url, url)}", scrub(str(exc).strip(), url)
    # Raised outside the except blocks so the driver's exception is not even kept as
    # __context__: its text may hold the password.
    raise DatabaseError(
        f"{what}: {reason}\n"
        "  hint: check that the server is running and that the URL (--db-url, "
        f"{DATABASE_URL_ENV} or --shadow-url) names the right host, port, user and database"
    )
