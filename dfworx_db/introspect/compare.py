"""Field-by-field differences between two Catalogs: which objects only one side has, and
for the objects both have, which fields differ. For test failures and the differ's messages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass

from ..catalog import Catalog, Function, Grant, Policy, Trigger, identity


@dataclass(frozen=True)
class Difference:
    """One difference: `path` is '' when the whole object is on one side only (the other
    side is None), else the differing field, e.g. 'columns[email].type', or the named
    part one side lacks, e.g. 'columns[email]'."""

    kind: str  # the Catalog field: "tables", "grants", …
    name: str  # the object, as `describe` names it
    path: str
    left: object
    right: object

    def __str__(self) -> str:
        where = f"{self.kind} {self.name}" + (f": {self.path}" if self.path else "")
        # An object, or a named part of one ('columns[email]'), that one side lacks.
        if not self.path or (self.path.endswith("]") and (self.left is None or self.right is None)):
            return f"{where}: only in the {'first' if self.right is None else 'second'} catalog"
        return f"{where}: {self.left!r} != {self.right!r}"


def describe(obj: object) -> str:
    """How a message names a catalog object: 'shop.orders', 'shop.f(integer)',
    'orders_touch on shop.orders', 'select on table shop.orders to anon'."""
    match obj:
        case Function():
            return obj.signature
        case Trigger() | Policy():
            return f"{obj.name} on {obj.table}"
        case Grant():
            target = f"{obj.target.schema}" if obj.object_kind == "schema" else f"{obj.target}"
            if obj.object_kind == "function":
                target += f"({obj.arguments})"
            if obj.column:
                target += f".{obj.column}"
            return f"{obj.privilege} on {obj.object_kind} {target} to {obj.grantee}"
        case _:
            return str(obj.name)  # type: ignore[attr-defined]


def compare_catalogs(left: Catalog, right: Catalog) -> list[Difference]:
    """Every difference between `left` and `right`, kind by kind, in identity order."""
    found: list[Difference] = []
    for kind in (f.name for f in fields(Catalog) if f.compare):
        lefts = {identity(o): o for o in getattr(left, kind)}
        rights = {identity(o): o for o in getattr(right, kind)}
        for key in sorted(lefts.keys() | rights.keys()):
            a, b = lefts.get(key), rights.get(key)
            name = describe(a if a is not None else b)
            if a is None or b is None:
                found.append(Difference(kind, name, "", a, b))
                continue
            found.extend(Difference(kind, name, path, x, y) for path, x, y in _differences("", a, b))
    return found


def format_differences(differences: list[Difference]) -> str:
    return "\n".join(str(d) for d in differences)


def _named(items: object) -> bool:
    return isinstance(items, tuple) and all(is_dataclass(i) and isinstance(getattr(i, "name", None), str)
                                            for i in items)


def _differences(path: str, a: object, b: object) -> Iterator[tuple[str, object, object]]:
    if a == b:
        return
    if is_dataclass(a) and type(a) is type(b):
        for f in fields(a):
            if f.compare:
                yield from _differences(f"{path}.{f.name}" if path else f.name, getattr(a, f.name), getattr(b, f.name))
        return
    if a and b and _named(a) and _named(b):
        lefts = {i.name: i for i in a}  # type: ignore[union-attr]
        rights = {i.name: i for i in b}  # type: ignore[union-attr]
        for name in [*lefts, *(n for n in rights if n not in lefts)]:
            x, y = lefts.get(name), rights.get(name)
            if x is None or y is None:
                yield f"{path}[{name}]", x, y
            else:
                yield from _differences(f"{path}[{name}]", x, y)
        common_left = [n for n in lefts if n in rights]
        common_right = [n for n in rights if n in lefts]
        # A table's columns may differ in order: Postgres can only add a column at the end.
        if common_left != common_right and not path.endswith("columns"):
            yield f"{path} (order)", tuple(common_left), tuple(common_right)
        return
    yield path, a, b
