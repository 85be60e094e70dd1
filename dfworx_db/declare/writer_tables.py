"""Tables → their YAML entries: columns (shorthand or mapping), constraints inline where
the loader would name them as Postgres did, indexes, RLS, policies, grants, triggers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..catalog import Catalog, CheckConstraint, Column, ForeignKey, Index, IndexKey, Policy, Table, Trigger
from ..render.quoting import quote_ident
from .shorthand import ShorthandError, parse_column, parse_index_key
from .tables import NameChooser
from .yaml_text import GrantIndex, parsed_type, plain_name, pretty_type, qualified_text, with_grants


class NameSimulator:
    """The loader's NameChooser, run in the loader's order over what is being written:
    a constraint's name is left out only when the loader would choose that same name."""

    def __init__(self) -> None:
        self.chooser = NameChooser()

    def would_take(self, table: Table, columns: tuple[str, ...] | None, label: str, actual: str) -> bool:
        part = "_".join(columns) if columns else None
        return self.chooser.peek(table.name.schema, table.name.name, part, label) == actual

    def take(self, table: Table, columns: tuple[str, ...] | None, label: str, actual: str) -> bool:
        """Whether the loader would name this constraint `actual`; if so it now has."""
        if not self.would_take(table, columns, label, actual):
            return False
        self.chooser.choose(table.name.schema, table.name.name, "_".join(columns) if columns else None, label)
        return True

    def reserve(self, table: Table, name: str) -> None:
        self.chooser.reserve(table.name.schema, name)


def table_entry(catalog: Catalog, table: Table, grants: GrantIndex, names: NameSimulator) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if table.comment:
        entry["comment"] = table.comment
    if table.unlogged:
        entry["unlogged"] = True
    if table.replica_identity != "default":
        entry["replica_identity"] = " ".join(filter(None, (table.replica_identity, table.replica_identity_index)))
    if table.partition_of:
        entry["partition_of"] = qualified_text(table.partition_of)
        entry["partition_bound"] = table.partition_bound
    if table.inherits:
        entry["inherits"] = [qualified_text(p) for p in table.inherits]
    if table.partition_by:
        strategy, _, rest = table.partition_by.partition(" ")
        entry["partition_by"] = f"{strategy.lower()} {rest}"
    table = replace(table, foreign_keys=tuple(f for f in table.foreign_keys if expressible(f)))
    columns = [c for c in table.columns if not c.inherited]
    inline, rest = _place_constraints(table, columns, names)
    pk_columns = set(table.primary_key.columns) if table.primary_key else set()
    if columns or not (table.partition_of or table.inherits):
        entry["columns"] = {c.name: _column_entry(table, c, inline.get(c.name, {}), c.name in pk_columns, grants)
                            for c in columns}
    entry.update(rest)
    indexes = {i.name.name: _index_entry(i) for i in catalog.indexes_on(table.name)}
    if indexes:
        entry["indexes"] = indexes
    if table.rls_forced:
        entry["rls"] = {"enabled": table.rls_enabled, "forced": True}
    elif table.rls_enabled:
        entry["rls"] = True
    policies = {p.name: _policy_entry(p) for p in catalog.policies_on(table.name)}
    if policies:
        entry["policies"] = policies
    with_grants(entry, grants.entry("table", table.name))
    triggers = {t.name: _trigger_entry(t) for t in catalog.triggers_on(table.name)}
    if triggers:
        entry["triggers"] = triggers
    return entry


def _place_constraints(table: Table, columns: list[Column], names: NameSimulator) -> tuple[dict, dict]:
    """Which constraints go on a column (column name → {pk, unique, fk, check}) and the
    table-level keys for the rest, deciding in the loader's order (every column's
    constraints, then primary_key, unique, foreign_keys, checks) so the names it would
    choose are known."""
    inline: dict[str, dict[str, Any]] = {}
    placed: set[int] = set()
    pk = table.primary_key
    for column in columns:
        col = (column.name,)
        here: dict[str, Any] = {}
        if pk and pk.columns == col and not _has_options(pk) and names.take(table, None, "pkey", pk.name):
            here["pk"] = pk
            placed.add(id(pk))
        unique = next((u for u in table.unique_constraints if u.columns == col and not _has_options(u)), None)
        if unique and names.take(table, col, "key", unique.name):
            here["unique"] = unique
            placed.add(id(unique))
        fk = next((f for f in table.foreign_keys if f.columns == col and not _has_options(f)), None)
        if fk and names.take(table, col, "fkey", fk.name):
            here["fk"] = fk
            placed.add(id(fk))
        check = next((c for c in table.checks if not c.no_inherit and not c.comment and id(c) not in placed
                      and names.would_take(table, col, "check", c.name)), None)
        if check and names.take(table, col, "check", check.name):
            here["check"] = check
            placed.add(id(check))
        if here:
            inline[column.name] = here

    rest: dict[str, Any] = {}
    if pk and id(pk) not in placed:
        unnamed = not pk.comment and names.take(table, None, "pkey", pk.name)
        if unnamed and not _has_options(pk):
            rest["primary_key"] = list(pk.columns)
        else:
            rest["primary_key"] = _named({**({} if unnamed else {"name": pk.name}), "columns": list(pk.columns),
                                          **_deferral(pk)}, pk.comment)
    uniques: list[Any] = []
    for u in (u for u in table.unique_constraints if id(u) not in placed):
        unnamed = names.take(table, u.columns, "key", u.name)
        if unnamed and not _has_options(u):
            uniques.append(list(u.columns))
            continue
        spec: dict[str, Any] = {} if unnamed else {"name": u.name}
        spec["columns"] = list(u.columns)
        if u.nulls_not_distinct:
            spec["nulls_not_distinct"] = True
        spec.update(_deferral(u))
        uniques.append(_named(spec, u.comment))
    if uniques:
        rest["unique"] = uniques
    fks = []
    for f in (f for f in table.foreign_keys if id(f) not in placed):
        spec = {} if names.take(table, f.columns, "fkey", f.name) else {"name": f.name}
        spec["columns"] = list(f.columns)
        spec["references"] = _reference(f)
        for key in ("on_delete", "on_update"):
            if getattr(f, key) != "no action":
                spec[key] = getattr(f, key)
        if f.match_full:
            spec["match_full"] = True
        spec.update(_deferral(f))
        fks.append(_named(spec, f.comment))
    if fks:
        rest["foreign_keys"] = fks
    checks: dict[str, Any] = {}
    for c in (c for c in table.checks if id(c) not in placed):
        names.reserve(table, c.name)
        expression = strip_parens(c.expression)
        checks[c.name] = _named({"expression": expression, **({"no_inherit": True} if c.no_inherit else {})},
                                c.comment) if c.no_inherit or c.comment else expression
    if checks:
        rest["checks"] = checks
    exclusions: dict[str, Any] = {}
    for x in table.exclusions:
        names.reserve(table, x.name)
        options = _deferral(x)
        exclusions[x.name] = _named({"definition": x.definition, **options}, x.comment) \
            if options or x.comment else x.definition
    if exclusions:
        rest["exclusions"] = exclusions
    return inline, rest


def _has_options(constraint: Any) -> bool:
    return bool(constraint.comment or getattr(constraint, "nulls_not_distinct", False) or constraint.deferrable
                or constraint.initially_deferred or getattr(constraint, "match_full", False))


def _deferral(constraint: Any) -> dict[str, bool]:
    return {key: True for key in ("deferrable", "initially_deferred") if getattr(constraint, key)}


def _named(spec: dict[str, Any], comment: str | None) -> dict[str, Any]:
    if comment:
        spec["comment"] = comment
    return spec


def _reference(fk: ForeignKey) -> str:
    return f"{qualified_text(fk.references)}({', '.join(fk.referenced_columns)})"


def _column_entry(table: Table, column: Column, inline: dict[str, Any], in_pk: bool,
                  grants: GrantIndex) -> Any:
    mapping: dict[str, Any] = {"type": pretty_type(column.type)}
    implied_not_null = in_pk or column.identity is not None
    if column.not_null and not implied_not_null:
        mapping["not_null"] = True
    default = column_default(column)
    if default is not None:
        mapping["default"] = default
    if "pk" in inline:
        mapping["primary_key"] = True
    if "unique" in inline:
        mapping["unique"] = True
    fk: ForeignKey | None = inline.get("fk")
    if fk:
        mapping["references"] = _reference(fk)
        for key in ("on_delete", "on_update"):
            if getattr(fk, key) != "no action":
                mapping[key] = getattr(fk, key)
    check: CheckConstraint | None = inline.get("check")
    if check:
        mapping["check"] = strip_parens(check.expression)
    if column.identity:
        mapping["identity"] = column.identity
    if column.generated:
        mapping["generated"] = column.generated
    if column.collation:
        mapping["collation"] = _collation_text(column.collation)
    column_grants = grants.entry("column", table.name, column=column.name)
    if column.comment or column_grants:
        if column.comment:
            mapping["comment"] = column.comment
        return with_grants(mapping, column_grants)
    return _column_shorthand(mapping) or mapping


def _column_shorthand(mapping: dict[str, Any]) -> str | None:
    """The one-line form of a column mapping, if the loader reads it back the same."""
    words = [mapping["type"]]
    if "collation" in mapping:
        words.append("collate " + _quoted_collation(mapping["collation"]))
    if "identity" in mapping:
        words.append(f"generated {mapping['identity']} as identity")
    if "generated" in mapping:
        words.append(f"generated always as ({mapping['generated']}) stored")
    if mapping.get("primary_key"):
        words.append("primary key")
    if mapping.get("not_null"):
        words.append("not null")
    if mapping.get("unique"):
        words.append("unique")
    if "default" in mapping:
        words.append("default " + mapping["default"])
    if "references" in mapping:
        words.append("references " + mapping["references"])
        words += [f"on {key[3:]} {mapping[key]}" for key in ("on_delete", "on_update") if key in mapping]
    if "check" in mapping:
        words.append(f"check ({mapping['check']})")
    text = " ".join(words)
    if "\n" in text:
        return None
    try:
        parsed = parse_column(text)
        expected = {**mapping, "type": parsed_type(mapping["type"])}
    except ShorthandError:
        return None
    if "collation" in expected:
        expected["collation"] = _quoted_collation(expected["collation"])
    if "generated" in parsed and "generated" in expected:  # deparsed; Postgres judges the meaning
        parsed["generated"] = expected["generated"]
    return text if parsed == expected else None


def column_default(column: Column) -> str | None:
    """The default as a person writes it: a string literal cast to the column's own type
    loses the cast (Postgres adds it back)."""
    if column.default is None:
        return None
    match = re.fullmatch(r"('(?:[^']|'')*')::(.+)", column.default)
    if match and match[2] == re.sub(r"\(\d+(?:,\s*\d+)?\)", "", column.type):
        return match[1]
    return column.default


def _collation_text(name) -> str:
    if name.schema in ("pg_catalog", ""):
        from ..catalog.names import collation_name

        if collation_name(name.name) == type(name)("", name.name):
            return name.name
        return '"' + name.name.replace('"', '""') + '"'
    return qualified_text(name) if plain_name(name.name) == name.name else \
        f'{plain_name(name.schema)}."{name.name.replace(chr(34), chr(34) * 2)}"'


def _quoted_collation(text: str) -> str:
    """A collation as the column shorthand's parser writes it back: every part quoted."""
    from ..catalog.names import collation_name

    name = collation_name(text)
    parts = [name.schema, name.name] if name.schema else [name.name]
    return ".".join('"' + p.replace('"', '""') + '"' for p in parts)


def _index_entry(index: Index) -> dict[str, Any]:
    entry: dict[str, Any] = {"columns": [_index_key(k) for k in index.keys]}
    if index.unique:
        entry["unique"] = True
    if index.method != "btree":
        entry["method"] = index.method
    if index.include:
        entry["include"] = list(index.include)
    if index.where:
        entry["where"] = strip_parens(index.where)
    if index.nulls_not_distinct:
        entry["nulls_not_distinct"] = True
    if index.comment:
        entry["comment"] = index.comment
    return entry


def _index_key(key: IndexKey) -> Any:
    mapping: dict[str, Any] = {"column": key.column} if key.column else {"expression": key.expression}
    words = [quote_ident(key.column) if key.column else f"({key.expression})"]
    if key.collation:
        mapping["collation"] = _collation_text(key.collation)
        words.append("collate " + _quoted_collation(mapping["collation"]))
    if key.opclass:
        mapping["opclass"] = key.opclass
        words.append(key.opclass)
    if key.descending:
        mapping["order"] = "desc"
        words.append("desc")
    if key.nulls_first is not None:
        mapping["nulls"] = "first" if key.nulls_first else "last"
        words.append(f"nulls {mapping['nulls']}")
    text = " ".join(words)
    try:
        parsed = parse_index_key(text)
    except ShorthandError:
        return mapping
    expected = dict(mapping)
    if "collation" in expected:
        expected["collation"] = _quoted_collation(expected["collation"])
    if "expression" in parsed and "expression" in expected:  # deparsed; Postgres judges the meaning
        parsed["expression"] = expected["expression"]
    return text if parsed == expected and "\n" not in text else mapping


def _policy_entry(policy: Policy) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if policy.command != "all":
        entry["command"] = policy.command
    if not policy.permissive:
        entry["permissive"] = False
    if policy.roles != ("public",):
        entry["roles"] = list(policy.roles)
    if policy.using is not None:
        entry["using"] = strip_parens(policy.using)
    if policy.with_check is not None:
        entry["with_check"] = strip_parens(policy.with_check)
    if policy.comment:
        entry["comment"] = policy.comment
    return entry


def _trigger_entry(trigger: Trigger) -> dict[str, Any]:
    entry: dict[str, Any] = {"timing": trigger.timing, "events": list(trigger.events)}
    if trigger.update_columns:
        entry["update_of"] = list(trigger.update_columns)
    if not trigger.for_each_row:
        entry["for_each"] = "statement"
    if trigger.when:
        entry["when"] = strip_parens(trigger.when)
    entry["function"] = qualified_text(trigger.function)
    if trigger.arguments:
        entry["arguments"] = list(trigger.arguments)
    if trigger.comment:
        entry["comment"] = trigger.comment
    return entry


def strip_parens(text: str) -> str:
    """'(a = b)' → 'a = b': the one pair of parentheses Postgres puts around a whole
    expression, when they do enclose all of it."""
    text = text.strip()
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth, quote = 0, None
    for i, c in enumerate(text):
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return text
    return text[1:-1].strip()


def expressible(fk: ForeignKey) -> bool:
    """Whether `references: table(columns)` can name the referenced columns."""
    return not any(set(c) & set(",()") for c in fk.referenced_columns)


def unsupported_in_table(table: Table) -> list[str]:
    """What the format cannot say about a table."""
    return [f"foreign key {fk.name} on {table.name}: a referenced column name holds ',' or parentheses"
            for fk in table.foreign_keys if not expressible(fk)]
