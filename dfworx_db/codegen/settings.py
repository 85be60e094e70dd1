"""The `types:` section of dfworx.yaml, validated with file-located errors:

    types:
      schemas: [public, app_web]          # default: every declared schema
      postgrest_version: "13"
      aliases: {public.users: User}       # beside the declarations' type_name
      models:                             # extra Python models over a subset of columns
        UserCreate: {table: public.users, kind: insert, columns: [organization_id, email, name, role]}
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import QualifiedName
from ..config import Config
from ..errors import DeclarationError, Problem
from .python import ModelSpec

_KEYS = ("schemas", "postgrest_version", "aliases", "models")
_MODEL_KEYS = ("table", "kind", "columns")


@dataclass(frozen=True)
class TypesSettings:
    schemas: tuple[str, ...] | None = None
    postgrest_version: str = "13"
    aliases: tuple[tuple[QualifiedName, str], ...] = ()
    models: tuple[ModelSpec, ...] = ()


def types_settings(config: Config) -> TypesSettings:
    raw = config.section("types")
    problems = config.unknown_keys("types", list(_KEYS))

    def problem(keys: tuple[str, ...], message: str, hint: str) -> None:
        problems.append(Problem(f"types.{message} in dfworx.yaml", config.where("types", *keys), hint))

    schemas = raw.get("schemas")
    if schemas is not None and (not isinstance(schemas, list) or not all(isinstance(s, str) for s in schemas)):
        problem(("schemas",), "schemas must be a list of schema names", "write schemas: [public, app_web]")
    version = str(raw.get("postgrest_version", "13"))
    aliases = []
    for name, alias in (raw.get("aliases") or {}).items():
        schema, dot, table = str(name).partition(".")
        if not dot or not isinstance(alias, str) or not alias.isidentifier():
            problem(("aliases", name), f"aliases.{name} must map schema.table to a type name",
                    "write aliases: {public.users: User}")
        else:
            aliases.append((QualifiedName(schema, table), alias))
    models = []
    for name, spec in (raw.get("models") or {}).items():
        if not isinstance(spec, dict) or set(spec) - set(_MODEL_KEYS) or not str(name).isidentifier():
            problem(("models", name), f"models.{name} must be a mapping of {', '.join(_MODEL_KEYS)}",
                    "write UserCreate: {table: public.users, kind: insert, columns: [email, name]}")
            continue
        kind, columns = spec.get("kind", "insert"), spec.get("columns")
        if kind not in ("row", "insert", "update"):
            problem(("models", name, "kind"), f"models.{name}.kind must be row, insert or update", "kind: insert")
        elif not isinstance(columns, list) or not columns or not isinstance(spec.get("table"), str):
            problem(("models", name), f"models.{name} needs table: schema.table and columns: [...]",
                    "columns: [email, name]")
        else:
            models.append(ModelSpec(str(name), spec["table"], kind, tuple(str(c) for c in columns)))
    if problems:
        raise DeclarationError(problems)
    return TypesSettings(tuple(schemas) if schemas else None, version, tuple(aliases), tuple(models))
