"""Reading YAML with the line and column of every key and value, so that any problem
found later (by pydantic, by a reference check, by an SQL parser) points at the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, SourceLocation

PathKey = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One parsed YAML file: its data and the location of every path within it."""

    path: str
    data: Any
    positions: dict[PathKey, SourceLocation] = field(default_factory=dict)
    key_positions: dict[PathKey, SourceLocation] = field(default_factory=dict)

    def at(self, path: PathKey, *, key: bool = False) -> SourceLocation:
        """The location of `path`, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), SourceLocation(self.path, 1, 1))


# libyaml's parser when PyYAML was built with it (the wheels are): the same nodes and
# marks, several times faster on large declaration sets.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def read_source(path: Path, display: str, problems: list[Problem]) -> SourceFile | None:
    """Parse one YAML file; on a syntax error or duplicate key, add a Problem."""
    text = path.read_text(encoding="utf-8")
    try:
        node = _compose(_LOADER, text)
    except yaml.MarkedYAMLError:
        try:  # PyYAML's own parser words syntax errors better than libyaml
            node = _compose(yaml.SafeLoader, text)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            where = SourceLocation(display, mark.line + 1, mark.column + 1) if mark else SourceLocation(display)
            problems.append(Problem(f"YAML syntax error: {err.problem or err}", where,
                                    "check indentation and quoting around this line"))
            return None
    source = SourceFile(display, None)
    if node is None:
        source.data = {}
        return source
    source.data = _convert(node, (), source, yaml.SafeLoader(""), problems)
    return source


def _mark(source: SourceFile, node: yaml.Node) -> SourceLocation:
    return SourceLocation(source.path, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, path: PathKey, source: SourceFile, constructor: yaml.SafeLoader,
             problems: list[Problem]) -> Any:
    source.positions[path] = _mark(source, node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, bool, float)) or key is None:
                problems.append(Problem("a mapping key must be a plain name", _mark(source, key_node)))
                continue
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first = source.key_positions[path + (key,)]
                problems.append(Problem(f"duplicate key {key!r} (first defined at line {first.line})",
                                        _mark(source, key_node), "remove or rename one of them"))
                continue
            source.key_positions[path + (key,)] = _mark(source, key_node)
            result[key] = _convert(value_node, path + (key,), source, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), source, constructor, problems) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
