"""Parse trees of the SQL texts a Catalog holds (policy expressions, view queries), read by
Postgres's own parser once per text. Replayed migrations hand in the trees they already
have, so nothing is parsed twice."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..sqltree import parse_expression, parse_one
from .nodes import Facts, facts


@dataclass
class ExpressionReader:
    _expressions: dict[str, dict | None] = field(default_factory=dict)
    _queries: dict[str, dict | None] = field(default_factory=dict)
    _facts: dict[tuple[str, bool], Facts] = field(default_factory=dict)

    def remember(self, text: str, tree: dict) -> None:
        self._expressions[text] = tree

    def remember_query(self, text: str, tree: dict) -> None:
        self._queries[text] = tree

    def expression(self, text: str | None) -> dict | None:
        """The parse tree of an expression (None when there is none, or it does not parse:
        `validate` reports syntax, lint does not repeat it)."""
        if not text:
            return None
        if text not in self._expressions:
            self._expressions[text] = parse_expression(text)
        return self._expressions[text]

    def facts(self, text: str | None, *, query: bool = False) -> Facts:
        """The Facts of an expression (or a query): empty when there is none."""
        key = (text or "", query)
        if key not in self._facts:
            self._facts[key] = facts(self.query(text) if query else self.expression(text))
        return self._facts[key]

    def query(self, text: str | None) -> dict | None:
        if not text:
            return None
        if text not in self._queries:
            self._queries[text] = parse_one(text)
        return self._queries[text]

