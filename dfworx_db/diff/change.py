"""A planned change is data: its kind, the catalog object it concerns, what it needs and
provides (for ordering), and the hazards it carries. SQL appears only when rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Change:
    kind: str  # names the template: create_table, add_foreign_key, create_policy, grant, …
    subject: Any  # the catalog object (Table, Index, Policy, Grant, …)
    provides: frozenset[Key] = frozenset()
    needs: frozenset[Key] = frozenset()
    hazards: tuple[str, ...] = ()
    context: Any = None  # the owning object where the template needs it (a column's table)
    extra: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def description(self) -> str:
        subject = getattr(self.subject, "name", self.subject)
        owner = getattr(self.subject, "table", None)
        where = f" on {owner}" if owner is not None and not hasattr(subject, "schema") else ""
        return f"{self.kind.replace('_', ' ')} {subject}{where}"
