"""Catalog × Catalog → the ordered changes that take the current database to the desired one.

Objects are matched by identity within their kind. A comparator alters an object in place
or asks for it to be replaced (dropped and created again); an object that depends on a
replaced one, or on a column whose type changes, is replaced with it. Every change states
what it needs and provides, and `plan.graph.order_changes` sorts them: a drop waits for
the drops of what depends on it, a create for the drop of what it replaces."""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import replace

from ..catalog import Catalog, Function, Grant, Policy, Sequence, Table, Trigger, View, identity
from ..plan.graph import order_changes
from .change import Change, Key
from .create import (KIND_FIELDS, add_foreign_key, create_object, grant_changes, object_needs, object_provides,
                     revoke_public_execute)
from ..errors import UnsupportedError
from .keys import constraint_key, extension_key, object_key, relation_key
from .objects import compare

DELETES_DATA = "deletes data"


def dropped(key: Key) -> Key:
    return ("dropped", *key)


def diff_catalogs(current: Catalog, desired: Catalog) -> list[Change]:
    """The changes, in a safe order, that make `current` equal `desired`."""
    ext = frozenset(extension_key(e.name) for e in current.extensions)
    des_ext = frozenset(extension_key(e.name) for e in desired.extensions)
    live: dict[Key, set[Key]] = {}
    for dependent, referenced in current.dependencies:
        live.setdefault(dependent, set()).add(referenced)

    needs_cache: dict[int, frozenset[Key]] = {}

    def current_needs(obj: object) -> frozenset[Key]:
        """What a current object needs: read from its definition, and from pg_depend
        (asked again and again while ordering drops, so computed once per object)."""
        if id(obj) not in needs_cache:
            needs_cache[id(obj)] = object_needs(obj, ext) | live.get(object_key(obj), set())
        return needs_cache[id(obj)]

    old_objects = {(kind, identity(o)): o for kind in KIND_FIELDS for o in getattr(current, kind)}
    new_objects = {(kind, identity(o)): o for kind in KIND_FIELDS for o in getattr(desired, kind)}

    to_drop: dict[tuple, object] = {}
    to_create: dict[tuple, object] = {}
    alters: list[tuple[object, Change]] = []  # (desired owner object, change)
    for key in sorted(old_objects.keys() | new_objects.keys(), key=repr):
        old, new = old_objects.get(key), new_objects.get(key)
        if old is None:
            to_create[key] = new
        elif new is None:
            to_drop[key] = old
        else:
            result = compare(old, new)
            if result is None:
                to_drop[key], to_create[key] = old, new
            else:
                alters += [(new, change) for change in result]

    _replace_dependents(old_objects, new_objects, to_drop, to_create, alters, current_needs)
    _skip_owned_sequences(to_drop, alters)
    dropped_keys = {dropped(k) for obj in to_drop.values() for k in object_provides(obj)}
    changes: list[Change] = []
    changes += _drop_changes(to_drop, old_objects, new_objects, alters, current_needs)
    for owner, change in alters:
        blockers = {dropped(object_key(d)) for d in to_drop.values() if object_key(owner) in current_needs(d)}
        # Foreign keys do not stand for their table: two tables gaining keys to each
        # other would otherwise wait for each other. Nor does REPLICA IDENTITY USING
        # INDEX, which waits for an index that waits for its table.
        provides = change.provides if _is_foreign_key(change) or change.kind == "set_replica_identity" \
            else change.provides | object_provides(owner)
        if change.kind == "drop_constraint":
            provides |= {dropped(constraint_key(owner.name, change.subject.name))}
        if change.kind == "alter_column_type" and _is_enum(dict(change.extra)["old"].type, current):
            change = replace(change, extra=change.extra + (("via_text", True),))  # enum → other: no direct cast
        changes.append(replace(change, provides=provides,
                               needs=(change.needs | object_needs(owner, des_ext) | blockers) - provides))
    for new in to_create.values():
        waits = {dropped(k) for k in object_provides(new)} & dropped_keys
        changes += [replace(c, needs=c.needs | waits) for c in create_object(new, des_ext)]
    changes += _grant_changes(current, desired, to_drop, to_create)
    return order_changes(changes)


def _is_enum(type_text: str, catalog: Catalog) -> bool:
    return any(type_text in (str(e.name), f"{e.name}[]") for e in catalog.enums)


def _is_foreign_key(change: Change) -> bool:
    return change.kind == "add_foreign_key" or (change.kind == "drop_constraint"
                                                 and hasattr(change.subject, "references"))


def _replace_dependents(old_objects: dict, new_objects: dict, to_drop: dict, to_create: dict,
                        alters: list[tuple[object, Change]], needs_of: Callable[[object], frozenset[Key]]) -> None:
    """Objects that depend on a replaced (or dropped) object are replaced too, and views,
    policies and triggers are replaced when a column of their table is retyped or dropped
    (Postgres refuses those ALTERs while they exist). A table is never recreated to follow
    a dependency, except a partition or child of a table that is itself rebuilt: that
    would lose its rows, so it is reported instead."""
    broken = {object_key(o) for o in to_drop.values()}
    retyped: dict[Key, set[str]] = {}  # table → its columns retyped or dropped
    for owner, c in alters:
        if c.kind in ("alter_column_type", "drop_column"):
            retyped.setdefault(object_key(owner), set()).add(c.subject.name)
    changed = True
    while changed:
        changed = False
        for key, obj in old_objects.items():
            if key in to_drop:
                continue
            # Every object "needs" every extension, for ordering only: a dropped extension
            # does not make the objects that merely come after it follow it.
            needs = frozenset(k for k in needs_of(obj) if k[0] != "extension")
            if not (needs & broken or _names_retyped_column(obj, needs, retyped)):
                continue
            if isinstance(obj, Table) and key in new_objects and not object_needs(new_objects[key]) & broken:
                continue  # its own alters (a dropped or retyped column) let go of what is dropped
            if isinstance(obj, Table) and not _derives_from_rebuilt(obj, broken):
                culprits = ", ".join(sorted(" ".join(map(str, k[1:])) for k in needs & broken))
                raise UnsupportedError(f"table {obj.name} depends on {culprits}, which must be dropped and created "
                                       "again; recreating the table would lose its rows. Change the dependency in "
                                       "a migration of its own first.")
            to_drop[key] = obj
            if key in new_objects:
                to_create[key] = new_objects[key]
            alters[:] = [(o, c) for o, c in alters if object_key(o) != object_key(obj)]
            broken.add(object_key(obj))
            changed = True


def _names_retyped_column(obj: object, needs: frozenset[Key], retyped: dict[Key, set[str]]) -> bool:
    """A view, policy or trigger that names a retyped or dropped column of a table it
    reads (Postgres refuses those ALTERs while it exists). Matching the name anywhere in
    its expressions errs on the safe side: at worst it is replaced needlessly."""
    if not isinstance(obj, (View, Policy, Trigger)):
        return False
    columns = set().union(*(retyped[k] for k in needs if k in retyped))
    if not columns:
        return False
    match obj:
        case View():
            texts = [obj.query]
        case Policy():
            texts = [obj.using or "", obj.with_check or ""]
        case Trigger():
            texts = [obj.when or "", *obj.update_columns]
    words = set(re.findall(r'[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"', " ".join(texts)))
    words = {w[1:-1].replace('""', '"') if w.startswith('"') else w.lower() for w in words}
    return bool(columns & words)


def _skip_owned_sequences(to_drop: dict, alters: list[tuple[object, Change]]) -> None:
    """A sequence owned by a column (serial) goes with its table or column: no DROP of its own."""
    dropped_tables = {o.name for o in to_drop.values() if isinstance(o, Table)}
    dropped_columns = {(owner.name, c.subject.name) for owner, c in alters if c.kind == "drop_column"}
    for key, obj in list(to_drop.items()):
        if isinstance(obj, Sequence) and obj.owned_by and (
                obj.owned_by[0] in dropped_tables or tuple(obj.owned_by) in dropped_columns):
            del to_drop[key]


def _derives_from_rebuilt(table: Table, broken: set) -> bool:
    parents = (*table.inherits, *([table.partition_of] if table.partition_of else []))
    return any(relation_key(p) in broken for p in parents)


def _drop_changes(to_drop: dict, old_objects: dict, new_objects: dict, alters: list[tuple[object, Change]],
                  needs_of: Callable[[object], frozenset[Key]]) -> list[Change]:
    """DROP statements that wait for the drops of everything depending on their object.
    Foreign keys between dropped tables are dropped first, which breaks their cycles. A
    foreign key of a table that stays, into a table that is dropped and created again (its
    partitioning changes), is dropped before and added again after, unless the table's
    own alters drop it already."""
    changes = []
    dropped_tables = {o.name for o in to_drop.values() if isinstance(o, Table)}
    dropped_by_alters = {(owner.name, c.subject.name) for owner, c in alters if c.kind == "drop_constraint"}
    for obj in to_drop.values():
        key = object_key(obj)
        waits = {dropped(object_key(d)) for d in to_drop.values() if d is not obj and key in needs_of(d)}
        # …and for the alters of objects that keep existing but let go of it
        waits |= {object_key(d) for d in old_objects.values() if d not in to_drop.values() and key in needs_of(d)}
        if isinstance(obj, Table):
            rebuilt = ("tables", identity(obj)) in new_objects
            for other_key, other in old_objects.items():
                if not isinstance(other, Table):
                    continue
                kept = {fk.name: fk for fk in new_objects[other_key].foreign_keys} \
                    if rebuilt and other_key in new_objects and other.name not in dropped_tables else {}
                for fk in other.foreign_keys:
                    if fk.references != obj.name or other.name == obj.name:
                        continue
                    gone = dropped(constraint_key(other.name, fk.name))
                    waits.add(gone)
                    again = fk.name in kept and (other.name, fk.name) not in dropped_by_alters
                    if other.name in dropped_tables or again:
                        changes.append(Change("drop_constraint", fk, context=other, provides=frozenset({gone})))
                    if again:
                        add = add_foreign_key(new_objects[other_key], kept[fk.name])
                        changes.append(replace(add, needs=add.needs | {gone}))
        kind = "drop_" + type(obj).__name__.lower().replace("enumtype", "enum")
        hazards = (DELETES_DATA,) if isinstance(obj, Table) or kind == "drop_schema" else ()
        changes.append(Change(kind, obj, provides=frozenset(dropped(k) for k in object_provides(obj)),
                              needs=frozenset(waits), hazards=hazards))
    return changes


def _grant_changes(current: Catalog, desired: Catalog, to_drop: dict, to_create: dict) -> list[Change]:
    """GRANT what is missing and REVOKE what is extra, never touching unchanged privileges;
    objects created in this diff get all their desired privileges."""
    fresh = {_grant_target(o) for o in to_create.values()}
    gone = {_grant_target(o) for o in to_drop.values()}
    old = {_grant_identity(g) for g in current.grants if _grant_target_of(g) not in gone}
    new_grants = [g for g in desired.grants if _grant_target_of(g) in fresh or _grant_identity(g) not in old]
    newer = {_grant_identity(g) for g in desired.grants}
    desired_columns = {(t.name, c.name) for t in desired.tables for c in t.columns}
    # A dropped column takes its privileges with it: revoking them would fail.
    revokes = [g for g in current.grants
               if _grant_target_of(g) not in gone and _grant_identity(g) not in newer
               and (g.column is None or (g.target, g.column) in desired_columns)]
    changes = grant_changes(new_grants, "grant") + grant_changes(revokes, "revoke")
    fresh_functions = tuple(o for o in to_create.values() if isinstance(o, Function))
    changes += revoke_public_execute(desired, fresh_functions)
    return [replace(c, hazards=("authorization change",)) if c.kind == "revoke" else c for c in changes]


def _grant_identity(grant: Grant) -> tuple:
    return (grant.object_kind, grant.target, grant.arguments, grant.column, grant.grantee, grant.privilege,
            grant.with_grant_option)


def _grant_target(obj: object) -> tuple:
    name = getattr(obj, "name", None)
    args = getattr(obj, "identity_arguments", None)
    return (str(name), args)


def _grant_target_of(grant: Grant) -> tuple:
    target = grant.target.schema if grant.object_kind == "schema" else str(grant.target)
    return (target, grant.arguments)

