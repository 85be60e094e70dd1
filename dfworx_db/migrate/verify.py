"""Does the database equal the declarations? The check `verify` makes, and `apply`
after it ran: the live catalog against the declared one, through the shadow."""

from __future__ import annotations

from ..config import Config
from ..declare import load_declarations
from ..diff import Change, change_as_json
from ..drift import database_changes
from ..errors import DeclarationError, Problem, SourceLocation
from ..render import render_migration


def database_drift(url: str, config: Config, *, shadow_url: str | None = None) -> list[Change]:
    """The changes that would make the database at `url` equal the declarations of
    `config`; [] when there is no drift."""
    if not config.schemas_dir.is_dir():
        raise DeclarationError([Problem(f"no declarations folder at {config.schemas_dir}", SourceLocation(str(config.path)),
                                        "set schemas: in dfworx.yaml, or run from the project's folder")])
    declared = load_declarations(config.schemas_dir).catalog
    _, changes = database_changes(url, declared, exclude_schemas=config.exclude_schemas, shadow_url=shadow_url)
    return changes


def drift_summary(changes: list[Change]) -> list[str]:
    """One line per change: its kind and the object it concerns."""
    lines = []
    for item in map(change_as_json, changes):
        table = f" (on {item['table']})" if item["table"] and item["table"] != item["object"] else ""
        lines.append(f"{item['kind']} {item['object']}{table}")
    return lines


def drift_as_json(changes: list[Change]) -> dict:
    return {"drift": bool(changes), "changes": [change_as_json(c) for c in changes],
            "sql": render_migration(changes) if changes else ""}
