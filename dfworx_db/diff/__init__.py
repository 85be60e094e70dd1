"""Catalog × Catalog → ordered changes."""

from __future__ import annotations

from .change import Change
from .engine import diff_catalogs


def change_as_json(change: Change) -> dict:
    """A change as data: its kind, what it concerns, its SQL and its hazards."""
    from ..render import render_change
    subject = change.subject[0] if isinstance(change.subject, tuple) else change.subject
    owner = getattr(subject, "table", None) or getattr(change.context, "name", None)
    return {"kind": change.kind, "object": str(getattr(subject, "name", getattr(subject, "target", subject))),
            "table": str(owner) if owner is not None else None, "hazards": list(change.hazards),
            "sql": render_change(change)}


__all__ = ["Change", "change_as_json", "diff_catalogs"]
