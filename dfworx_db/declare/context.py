"""What every builder needs while turning one validated file into Catalog objects:
the file's positions, its default schema, and one place to record problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import PRIVILEGES, Grant, QualifiedName
from ..catalog.names import split_identifiers
from ..errors import Problem, SourceLocation
from ..expressions import expression_error
from .shorthand import ShorthandError, parse_type
from .source import PathKey, SourceFile

IDENTIFIER_LIMIT = 63


@dataclass
class FileContext:
    source: SourceFile
    default_schema: str
    problems: list[Problem] = field(default_factory=list)

    def at(self, path: PathKey, offset: int = 0, *, key: bool = False) -> SourceLocation:
        """The location of a value; `offset` moves along a one-line value to the culprit."""
        where = self.source.at(path, key=key)
        raw = self.source.data
        try:
            for part in path:
                raw = raw[part]
        except (KeyError, IndexError, TypeError):
            raw = None
        if offset and isinstance(raw, str) and "\n" not in raw:
            return SourceLocation(where.file, where.line, where.column + offset)
        return where

    def problem(self, message: str, path: PathKey, hint: str | None = None, *, offset: int = 0,
                key: bool = False) -> None:
        self.problems.append(Problem(message, self.at(path, offset, key=key), hint))

    def identifier(self, name: str, path: PathKey, what: str) -> str:
        if len(name.encode()) > IDENTIFIER_LIMIT:
            self.problem(f"the {what} name {name!r} is {len(name.encode())} bytes; Postgres keeps only 63 "
                         "and would silently truncate it", path, "shorten the name", key=True)
        elif not name:
            self.problem(f"the {what} name is empty", path, key=True)
        return name

    def qualified(self, text: str, path: PathKey, what: str) -> QualifiedName:
        """'schema.name', '"Odd Schema".name' or 'name' (in the file's schema)."""
        parts = split_identifiers(text)
        if parts is None or not 1 <= len(parts) <= 2:
            self.problem(f"{text!r} is not a valid {what} name", path, "write schema.name or name", key=True)
            return QualifiedName(self.default_schema, text)
        if len(parts) == 1:
            parts = [self.default_schema, parts[0]]
        self.identifier(parts[0], path, "schema")
        self.identifier(parts[1], path, what)
        return QualifiedName(parts[0], parts[1])

    def parsed(self, text: str, path: PathKey, parse: Callable[[str], str], what: str, hint: str) -> str:
        """`text` as Postgres's grammar reads it (`parse`), or as written after a problem."""
        try:
            return parse(text)
        except ShorthandError as err:
            self.problem(f"invalid {what} {text!r}: {err}", path, hint, offset=err.offset)
            return text

    def sql_type(self, text: str, path: PathKey) -> str:
        return self.parsed(text, path, parse_type, "type",
                           "write a Postgres type such as text, varchar(255), timestamptz or schema.enum_name")

    def expression(self, text: str | None, path: PathKey, what: str) -> str | None:
        if text is None:
            return None
        error = expression_error(text)
        if error:
            self.problem(f"the {what} is not a valid SQL expression: {error.message}", path,
                         "write it as it would appear in SQL, without a trailing semicolon",
                         offset=error.offset)
        return text.strip()

    def grants(self, spec: dict[str, Any], path: PathKey, kind: str, target: QualifiedName, *,
               column: str | None = None, arguments: str | None = None) -> list[Grant]:
        allowed = PRIVILEGES[kind]
        result = []
        for role, value in spec.items():
            self.identifier(role, path + (role,), "role")
            words = value if isinstance(value, list) else value.split(",")
            privileges: list[str] = []
            for word in (w.strip().lower() for w in words):
                if word in ("all", "all privileges"):
                    privileges.extend(allowed)
                elif word in allowed:
                    privileges.append(word)
                else:
                    self.problem(f"{word!r} is not a privilege of a {kind}", path + (role,),
                                 f"use {', '.join(allowed)} or all")
            grantee = "public" if role.lower() == "public" else role
            for privilege in dict.fromkeys(privileges):
                result.append(Grant(object_kind=kind, target=target, privilege=privilege, grantee=grantee,
                                    column=column, arguments=arguments, source=self.at(path + (role,))))
        return result
