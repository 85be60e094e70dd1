"""Rendering changes to SQL through the jinja2 templates in templates/sql/."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jinja2

from ..catalog import Catalog, QualifiedName
from ..diff.change import Change
from ..diff.create import create_changes
from ..errors import UnsupportedError
from ..plan.graph import order_changes
from .quoting import dollar_quote, quote_ident, quote_literal, quote_qualified, quote_role

HEADER = "SET check_function_bodies = false;"


def _qname_or_ident(value: QualifiedName | str) -> str:
    return quote_qualified(value) if isinstance(value, QualifiedName) else quote_ident(value)


def templates_root() -> Path:
    """templates/ as installed inside the wheel (package dfworx_db.templates), or beside
    the package in a source checkout run without installing."""
    installed = Path(str(files("dfworx_db"))) / "templates"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_root() / "sql")), bytecode_cache=_bytecode_cache(),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined, autoescape=False, extensions=["jinja2.ext.do"],
    )
    env.globals["raise_unsupported"] = _raise_unsupported
    env.filters.update(ident=_qname_or_ident, literal=quote_literal, dollar=dollar_quote, role=quote_role,
                       idents=lambda names: ", ".join(quote_ident(n) for n in names))
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """jinja2's cache of compiled templates, in its own per-user folder of the temporary
    directory: a command that renders SQL loads the templates it uses already compiled
    (~15 ms a run), and a template whose source changed is compiled again. None where
    that folder cannot be made safely."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def _raise_unsupported(what: str) -> None:
    raise UnsupportedError(f"rendering {what} is not supported")


def render_change(change: Change) -> str:
    """The SQL statement(s) of one change, each ending with ';'."""
    try:
        template = environment().get_template(f"{change.kind}.sql.j2")
    except jinja2.TemplateNotFound:
        raise UnsupportedError(f"no SQL template for the change kind {change.kind!r}") from None
    return template.render(change=change, subject=change.subject, context=change.context).strip()


def render_changes(changes: list[Change]) -> list[str]:
    return [render_change(c) for c in changes]


def render_migration(changes: list[Change]) -> str:
    """Ordered changes as one SQL script ('' when there are none). Function bodies are
    not checked on creation, as pg_dump does, so a body may name what comes later."""
    statements = [s for s in render_changes(changes) if s]
    return "\n\n".join([HEADER, *statements]) + "\n" if statements else ""


def render_catalog(catalog: Catalog) -> str:
    """The whole Catalog as CREATE statements in dependency order: SQL that builds the
    declared database from an empty one, in one transaction."""
    return render_migration(order_changes(create_changes(catalog))) or HEADER + "\n"
