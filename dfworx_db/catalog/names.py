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


def collation_name(text: str) -> QualifiedName:
    """A collation as written in a declaration: 'C', 'en_US.utf8' and 'und-x-icu' are
    names (collation names are case-sensitive and may hold dots); 'shop.c_sort' is
    schema.name when the first part is a lower-case identifier; double quotes make any
    reading explicit ('"my schema"."My.Coll"'). An unqualified name has schema ''
    until the loader resolves it (a declared collation, else pg_catalog)."""
    if '"' in text:
        parts = split_identifiers(text) or [text]
    else:
        head, dot, tail = text.partition(".")
        parts = [head, tail] if dot and head == head.lower() and head.isidentifier() and tail else [text]
    return QualifiedName(parts[0], parts[1]) if len(parts) == 2 else QualifiedName("", parts[-1])


def split_identifiers(text: str) -> list[str] | None:
    """Split a dotted name, honouring double-quoted parts; unquoted parts fold to lower
    case as Postgres folds them. None when the text is not a dotted name."""
    parts: list[str] = []
    i, n = 0, len(text.strip())
    text = text.strip()
    while i < n:
        if text[i] == '"':
            end = i + 1
            buf = []
            while True:
                j = text.find('"', end)
                if j < 0:
                    return None
                buf.append(text[end:j])
                if j + 1 < n and text[j + 1] == '"':
                    buf.append('"')
                    end = j + 2
                    continue
                i = j + 1
                break
            parts.append("".join(buf))
        else:
            j = text.find(".", i)
            j = n if j < 0 else j
            word = text[i:j].strip()
            if not word or not all(c.isalnum() or c in "_$" for c in word) or word[0].isdigit():
                return None
            parts.append(word.lower())
            i = j
        if i < n:
            if text[i] != ".":
                return None
            i += 1
            if i == n:
                return None
    return parts
