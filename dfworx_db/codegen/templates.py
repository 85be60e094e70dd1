"""The jinja2 environment of the code generators: templates/typescript/ and
templates/python/, shipped like templates/sql/ (see render.sql.templates_root)."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from ..render.sql import templates_root


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_root())),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined, autoescape=False,
    )


def render_template(name: str, **context: object) -> str:
    return _environment().get_template(name).render(**context)
