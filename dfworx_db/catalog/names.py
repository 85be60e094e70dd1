"""Names of catalog objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class QualifiedName:
    """A schema-qualified object name, unquoted (quoting happens only when rendering)."""

    schema: str
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}"


def object_name_within_limit(name1: str, name2: str | None, label: str | None) -> str:
    """Postgres's makeObjectName: join the parts with '_' and shorten the longer of
    name1/name2 until the whole fits in 63 bytes, as the server names constraints and
    indexes that were declared without a name."""
    limit = 63
    overhead = (len(label.encode()) + 1) if label else 0
    part1 = name1
    part2 = name2 or ""
    sep = 1 if name2 else 0
    while len(part1.encode()) + len(part2.encode()) + sep + overhead > limit:
        if len(part1.encode()) > len(part2.encode()):
            part1 = part1[:-1]
        else:
            part2 = part2[:-1]
    name = part1 + (("_" + part2) if name2 else "")
    return name + (("_" + label) if label else "")
