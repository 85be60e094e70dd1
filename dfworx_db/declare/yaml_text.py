"""What the declaration writer needs in every section: names, types and grants in the
format's spelling, and a YAML dumper that writes what a person would."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..catalog import QualifiedName
from ..catalog.security import PRIVILEGES
from .shorthand import parse_type


# ---------------------------------------------------------------- grants


class GrantIndex:
    """Grants by object (kind, target, arguments, column) → role → privileges, written
    as the format writes them: 'all', one word, or a list in Postgres's order."""

    def __init__(self, grants):
        self.by_object: dict[tuple, dict[str, list[str]]] = {}
        for g in grants:
            self.by_object.setdefault((g.object_kind, g.target, g.arguments, g.column), {}) \
                .setdefault(g.grantee, []).append(g.privilege)

    def held(self, kind: str, target: QualifiedName, *, arguments: str | None = None,
             column: str | None = None) -> dict[str, list[str]]:
        return self.by_object.get((kind, target, arguments, column), {})

    def entry(self, kind: str, target: QualifiedName, *, arguments: str | None = None, column: str | None = None,
              leave_out: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
        """The `grants:` mapping, without the (role, privilege) pairs of `leave_out`."""
        order = PRIVILEGES["table" if kind == "view" else kind]
        result: dict[str, Any] = {}
        for role, privileges in sorted(self.held(kind, target, arguments=arguments, column=column).items()):
            kept = [p for p in order if p in privileges and (role, p) not in leave_out]
            if not kept:
                continue
            result[role] = "all" if len(kept) == len(order) and len(order) > 1 else kept[0] if len(kept) == 1 else kept
        return result


def with_grants(entry: dict[str, Any], grants: dict[str, Any]) -> dict[str, Any]:
    if grants:
        entry["grants"] = grants
    return entry


# ---------------------------------------------------------------- text helpers

_TYPE_SHORT = ((r"character varying", "varchar"), (r"character", "char"),
               (r"timestamp(\(\d+\))? with time zone", r"timestamptz\1"),
               (r"timestamp(\(\d+\))? without time zone", r"timestamp\1"),
               (r"time(\(\d+\))? with time zone", r"timetz\1"),
               (r"time(\(\d+\))? without time zone", r"time\1"))


def pretty_type(text: str) -> str:
    """A type as format_type writes it, in the short spelling people use
    ('character varying(255)' → 'varchar(255)', 'timestamp with time zone' → 'timestamptz')."""
    for long, short in _TYPE_SHORT:
        replaced = re.sub(rf"^{long}(?=$|\(|\[)", short, text)
        if replaced != text:
            return replaced
    return text


def parsed_type(text: str) -> str:
    """The type as the loader will hold it."""
    return parse_type(pretty_type(text))


_PLAIN = re.compile(r"^[a-z_][a-z0-9_$]*$")


def plain_name(name: str) -> str:
    """A name where the loader reads SQL names (split_identifiers): as is when plain,
    else double-quoted so that case and odd characters survive."""
    return name if _PLAIN.match(name) else '"' + name.replace('"', '""') + '"'


def qualified_text(name: QualifiedName) -> str:
    return f"{plain_name(name.schema)}.{plain_name(name.name)}"


def block_text(text: str) -> str:
    """Multi-line text as it will read in a block scalar."""
    return text.strip("\n") + "\n" if "\n" in text.strip() else text.strip()


# ---------------------------------------------------------------- YAML


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Items of a list inside a mapping are indented under their key.
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Text that needs quoting and holds a single quote goes in double quotes, so that
    # SQL reads as SQL ("'draft'" rather than 'draft').
    style = None
    if "\n" in value:
        style = "|"
    elif "'" in value and not dumper.analyze_scalar(value).allow_block_plain:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.SequenceNode:
    flow = all(isinstance(v, str) and "\n" not in v for v in value) and sum(len(v) + 2 for v in value) < 90
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_none(dumper: yaml.SafeDumper, _: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(type(None), _represent_none)


def dump_yaml(document: dict[str, Any]) -> str:
    """Block mappings, flow lists of short words, block scalars for multi-line text,
    quotes only where YAML needs them; a blank line before each top-level section and
    between the objects of a section (unless that would change a block scalar, which
    the read-back check catches)."""
    if not document:
        return ""
    text = yaml.dump(document, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True,
                     width=1_000_000, indent=2)
    lines = text.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        section = _TOP_KEY.match(line) is not None
        entry = _ENTRY_KEY.match(line) is not None and not lines[i - 1].endswith(":")
        if out and (section or entry):
            out.append("")
        out.append(line)
    spaced = "\n".join(out) + "\n"
    return spaced if yaml.safe_load(spaced) == yaml.safe_load(text) else text


_TOP_KEY = re.compile(r"^[^\s#.-][^:]*:")
_ENTRY_KEY = re.compile(r"^  [^\s#-][^:]*:")
