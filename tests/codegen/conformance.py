"""Structural comparison of two generated `Database` types by the TypeScript compiler:
for every table, view and function of the snapshot, an assertion that ours has the same
Row / Insert / Update / Args / Returns types (and the same Enums); tsc reports each
assertion that fails, so formatting and key order never count."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .tsc import compile_strict

_SECTION = re.compile(r"^    (Tables|Views|Functions|Enums|CompositeTypes): \{$")
_ENTRY = re.compile(r'^      ("?[^":\s]+"?):')


@dataclass(frozen=True)
class Entry:
    section: str  # Tables | Views | Functions | Enums
    name: str
    parts: tuple[str, ...]  # Row, Insert, Update / Args, Returns


def snapshot_entries(text: str, schema: str = "public") -> list[Entry]:
    """The tables, views, functions and enums of `schema` in a generated file."""
    entries, section, in_schema = [], None, False
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line == "}":  # the end of the Database type
            break
        if re.match(rf"^  {schema}: \{{$", line):
            in_schema = True
        elif re.match(r"^  [A-Za-z_]+: \{$", line):
            in_schema = False
        if not in_schema:
            continue
        match = _SECTION.match(line)
        if match:
            section = match.group(1)
            continue
        entry = _ENTRY.match(line)
        if section in ("Tables", "Views", "Functions", "Enums") and entry and not line.strip().startswith("[_"):
            name = json.loads(entry.group(1)) if entry.group(1).startswith('"') else entry.group(1)
            if section in ("Tables", "Views"):
                block = _block(lines, index)
                parts = tuple(p for p in ("Row", "Insert", "Update") if re.search(rf"^\s{{8}}{p}: ", block, re.M))
            elif section == "Functions":
                parts = ("Args", "Returns")
            else:
                parts = ()
            entries.append(Entry(section, name, parts))
    return entries


def _block(lines: list[str], start: int) -> str:
    out = []
    for line in lines[start + 1:]:
        if re.match(r"^      \S", line):
            break
        out.append(line)
    return "\n".join(out)


def compare(folder: Path, ours: str, theirs: str, schema: str = "public") -> dict[str, list[str]]:
    """{"equal": [...], "different": [...]} over the entries of `theirs`."""
    (folder / "ours.ts").write_text(ours, encoding="utf-8")
    (folder / "theirs.ts").write_text(theirs, encoding="utf-8")
    entries = snapshot_entries(theirs, schema)
    lines = [
        'import type { Database as Ours } from "./ours"',
        'import type { Database as Theirs } from "./theirs"',
        "type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false",
        "type Part<F, K extends string> = F extends unknown ? (K extends keyof F ? F[K] : never) : never",
        "type Call<F> = F extends unknown ? { Args: Part<F, 'Args'>; Returns: Part<F, 'Returns'> } : never",
        "type O = Ours[" + json.dumps(schema) + "]",
        "type T = Theirs[" + json.dumps(schema) + "]",
    ]
    owners: dict[int, str] = {}
    for entry in entries:
        label = f"{entry.section}.{entry.name}"
        key = json.dumps(entry.name)
        if entry.section == "Functions":
            checks = [f"Equal<Call<O['Functions'][{key}]>, Call<T['Functions'][{key}]>>"]
        elif entry.section == "Enums":
            checks = [f"Equal<O['Enums'][{key}], T['Enums'][{key}]>"]
        else:
            section = json.dumps(entry.section)
            checks = [f"Equal<Exclude<keyof O[{section}][{key}], 'Relationships'>, "
                      f"Exclude<keyof T[{section}][{key}], 'Relationships'>>"]
            checks += [f"Equal<Part<O[{section}][{key}], {json.dumps(p)}>, T[{section}][{key}][{json.dumps(p)}]>"
                       for p in entry.parts]
        for check in checks:
            lines.append(f"export const check{len(lines)}: {check} = true")
            owners[len(lines)] = label
    (folder / "compare.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = compile_strict(folder, "compare.ts")
    failing = {owners[int(e["line"])] for e in errors if e["file"] == "compare.ts" and int(e["line"]) in owners}
    located = {int(e["line"]) for e in errors if e["file"] == "compare.ts"}
    if located - set(owners):
        raise AssertionError(f"tsc errors outside the comparisons: {errors}")
    labels = [f"{e.section}.{e.name}" for e in entries]
    return {"equal": [x for x in labels if x not in failing], "different": [x for x in labels if x in failing]}
