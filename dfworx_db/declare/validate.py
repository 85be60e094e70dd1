"""Shape validation of one declaration file against the format models, with every
pydantic error turned into a Problem that points at the YAML line (and, for an unknown
key, suggests the key that was probably meant)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem, closest
from .format import FULL, SHORT, DeclarationFile
from .source import SourceFile

_BRANCH_TAGS = {SHORT, FULL}


def validate_shape(source: SourceFile, problems: list[Problem]) -> DeclarationFile | None:
    """The file as a DeclarationFile, or None after adding its problems."""
    if not isinstance(source.data, dict):
        problems.append(Problem("a declaration file must be a mapping of sections (tables:, functions:, …)",
                                source.at(()), "start the file with e.g. 'tables:'"))
        return None
    try:
        return DeclarationFile.model_validate(source.data)
    except ValidationError as err:
        errors = [(_path(error), error) for error in err.errors()]
        # A misspelt required key yields "unknown 'colums'" and "'columns' is required":
        # the first, with its did-you-mean, says it all.
        meant = {path[:-1] + (closest(str(path[-1]), _allowed_keys(path[:-1])),)
                 for path, error in errors if error["type"] == "extra_forbidden"}
        problems.extend(_problem(source, path, error) for path, error in errors
                        if not (error["type"] == "missing" and path in meant))
        return None


def _path(error: dict[str, Any]) -> tuple:
    return tuple(p for p in error["loc"] if p not in _BRANCH_TAGS and not _is_type_tag(p))


def _problem(source: SourceFile, path: tuple, error: dict[str, Any]) -> Problem:
    kind = error["type"]
    where = ".".join(str(p) for p in path)
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _allowed_keys(path[:-1])
        close = closest(key, allowed)
        hint = f"did you mean {close!r}?" if close else (
            f"allowed here: {', '.join(sorted(allowed))}" if allowed else None)
        return Problem(f"unknown key {key!r} in {'.'.join(str(p) for p in path[:-1]) or 'the file'}",
                       source.at(path, key=True), hint)
    if kind == "missing":
        return Problem(f"{path[-1]!r} is required in {'.'.join(str(p) for p in path[:-1])}",
                       source.at(path[:-1]), f"add '{path[-1]}:'")
    value = error.get("input")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return Problem(f"{where}: {error['msg'].lower()} (got {shown})", source.at(path), _hint(error))


def _hint(error: dict[str, Any]) -> str | None:
    expected = (error.get("ctx") or {}).get("expected")
    return f"use one of {expected}" if expected else None


def _is_type_tag(part: Any) -> bool:
    # pydantic names the branch of a plain union after its type, e.g. 'bool' or 'RlsSpec'.
    return isinstance(part, str) and (part in {"bool", "str", "list[str]", "dict[str,str]"} or part.endswith("Spec"))


def _allowed_keys(path: tuple[Any, ...]) -> list[str]:
    """The keys the format allows at `path` (walked through the model annotations)."""
    model = _model_at(DeclarationFile, path)
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(annotation: Any, path: tuple[Any, ...]) -> type[BaseModel] | None:
    current = annotation
    for part in path:
        current = _unwrap(current, prefer_container=True)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
            if field is None:
                return None
            current = field.annotation
        else:
            origin = typing.get_origin(current)
            args = typing.get_args(current)
            if origin is dict and len(args) == 2:
                current = args[1]
            elif origin is list and args:
                current = args[0]
            else:
                return None
    current = _unwrap(current, prefer_container=False)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any, *, prefer_container: bool) -> Any:
    """Strip Annotated/Optional/Union down to the model or container the data walks into."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [m for m in typing.get_args(annotation) if m is not type(None)]
            members = [_unwrap(m, prefer_container=prefer_container) for m in members]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            containers = [m for m in members if typing.get_origin(m) in (dict, list)]
            annotation = (models or containers or members)[0]
            continue
        return annotation
