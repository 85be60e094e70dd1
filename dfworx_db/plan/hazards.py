"""What each planned change risks, in words a reviewer acts on, and which changes
destroy something (refused unless --allow-destructive)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..catalog import Grant
from ..diff.change import Change
from ..diff.keys import object_key

DELETES_DATA = "deletes data"
REWRITE = "table rewrite"
EXCLUSIVE_LOCK = "access exclusive lock"
BLOCKS_WRITES = "blocks writes while the index builds"
INDEX_BUILD = "index build"
AUTHORIZATION = "authorization change"
SCAN = "full table scan"
NARROWING = "type narrowing: values that do not fit make it fail or lose precision"
RENAME = "clients using the old name break"

# Hazards by change kind, added to those the differ attached.
KIND_HAZARDS: dict[str, tuple[str, ...]] = {
    "drop_table": (DELETES_DATA, EXCLUSIVE_LOCK),
    "drop_column": (DELETES_DATA, EXCLUSIVE_LOCK),
    "drop_schema": (DELETES_DATA,),
    "drop_sequence": (DELETES_DATA,),
    "drop_index": (EXCLUSIVE_LOCK,),
    "drop_constraint": (EXCLUSIVE_LOCK,),
    "alter_column_type": (REWRITE, EXCLUSIVE_LOCK),
    "add_constraint": (SCAN, EXCLUSIVE_LOCK),
    "add_foreign_key": (SCAN,),
    "set_not_null": (SCAN, EXCLUSIVE_LOCK),
    "rename_table": (RENAME, EXCLUSIVE_LOCK),
    "rename_column": (RENAME, EXCLUSIVE_LOCK),
    "rename_constraint": (EXCLUSIVE_LOCK,),
    "rename_index": (EXCLUSIVE_LOCK,),
    "grant": (AUTHORIZATION,),
    "revoke": (AUTHORIZATION,),
    "create_policy": (AUTHORIZATION,),
    "alter_policy": (AUTHORIZATION,),
    "drop_policy": (AUTHORIZATION,),
    "enable_rls": (AUTHORIZATION,),
    "disable_rls": (AUTHORIZATION,),
    "force_rls": (AUTHORIZATION,),
    "no_force_rls": (AUTHORIZATION,),
    "revoke_public_execute": (AUTHORIZATION,),
}

# Drops that destroy something a later plan cannot bring back as it was, unless the same
# plan creates the object again (a replacement).
DESTRUCTIVE_DROPS = {
    "drop_table": "drops a table and its rows",
    "drop_column": "drops a column and its values",
    "drop_schema": "drops a schema",
    "drop_function": "drops a function",
    "drop_policy": "drops a policy",
    "drop_view": "drops a view",
    "drop_sequence": "drops a sequence and its position",
    "drop_enum": "drops a type",
    "drop_trigger": "drops a trigger",
    "drop_extension": "drops an extension",
    "drop_collation": "drops a collation",
    "revoke": "revokes a privilege",
}


@dataclass(frozen=True)
class Destructive:
    change: Change
    reason: str


def label(changes: list[Change], existing_tables: set) -> list[Change]:
    """`changes` with every hazard named. Changes on tables created by the same plan are
    harmless (no rows, no readers): only their authorization hazards remain."""
    labelled = []
    for change in changes:
        hazards = list(change.hazards) + list(KIND_HAZARDS.get(change.kind, ()))
        if change.kind == "create_index" and not dict(change.extra).get("concurrently"):
            hazards += [INDEX_BUILD, BLOCKS_WRITES]
        if change.kind == "alter_column_type" and narrows(dict(change.extra)["old"].type, change.subject.type):
            hazards.append(NARROWING)
        table = _table_of(change)
        if table is not None and table not in existing_tables:
            hazards = [h for h in hazards if h == AUTHORIZATION]
        labelled.append(replace(change, hazards=tuple(dict.fromkeys(hazards))))
    return labelled


def destructive(changes: list[Change]) -> list[Destructive]:
    """The changes that destroy something: drops of objects the plan does not create
    again, revoked privileges, and narrowing type changes."""
    recreated = {object_key(c.subject) for c in changes if c.kind.startswith("create_") and _keyed(c.subject)}
    found = []
    for change in changes:
        reason = DESTRUCTIVE_DROPS.get(change.kind)
        if reason and _keyed(change.subject) and object_key(change.subject) in recreated:
            continue
        if reason:
            found.append(Destructive(change, reason))
        elif NARROWING in change.hazards:
            found.append(Destructive(change, "narrows a column's type"))
    return found


def describe(change: Change) -> str:
    """One line naming the change and its object, for headers and summaries."""
    subject = change.subject
    if isinstance(subject, tuple) and subject and isinstance(subject[0], Grant):
        grant = subject[0]
        target = f"{grant.target}({grant.arguments})" if grant.object_kind == "function" else str(grant.target)
        column = f" ({grant.column})" if grant.column else ""
        privileges = ", ".join(g.privilege for g in subject)
        preposition = "to" if change.kind == "grant" else "from"
        return f"{change.kind} {privileges} on {grant.object_kind} {target}{column} {preposition} {grant.grantee}"
    name = getattr(subject, "signature", None) or getattr(subject, "name", subject)
    table = getattr(subject, "table", None) or getattr(change.context, "name", None)
    where = f" on {table}" if table is not None and table != name else ""
    return f"{change.kind.replace('_', ' ')} {name}{where}"


def _keyed(subject: object) -> bool:
    try:
        object_key(subject)
    except TypeError:
        return False
    return True


def _table_of(change: Change):
    if change.kind == "create_table":
        return change.subject.name
    if change.context is not None and hasattr(change.context, "columns"):
        return change.context.name
    return getattr(change.subject, "table", None)


# --- type narrowing -------------------------------------------------------------------

_INTEGERS = ("smallint", "integer", "bigint")
_TYPE = re.compile(r"^\s*([a-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$")


def narrows(old: str, new: str) -> bool:
    """True unless every value of type `old` fits `new` unchanged (a known widening)."""
    if old == new:
        return False
    a, b = _TYPE.match(old.lower()), _TYPE.match(new.lower())
    if not a or not b:
        return True
    (old_base, old_p, old_s), (new_base, new_p, new_s) = a.groups(), b.groups()
    strings = ("character varying", "varchar", "text")
    if old_base in strings and new_base in strings:
        return new_base not in ("text",) and new_p is not None and (old_p is None or int(new_p) < int(old_p))
    if old_base in _INTEGERS and new_base in _INTEGERS:
        return _INTEGERS.index(new_base) < _INTEGERS.index(old_base)
    if old_base in _INTEGERS and new_base == "numeric":
        digits = {"smallint": 5, "integer": 10, "bigint": 19}[old_base]
        return new_p is not None and int(new_p) - int(new_s or 0) < digits
    if old_base == new_base == "numeric":
        if new_p is None:
            return False
        if old_p is None:
            return True
        return int(new_s or 0) < int(old_s or 0) or int(new_p) - int(new_s or 0) < int(old_p) - int(old_s or 0)
    if (old_base, new_base) == ("real", "double precision"):
        return False
    return True
