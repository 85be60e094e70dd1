"""dfworx.yaml: where the declarations and migrations live, and named environments whose
database URLs come from environment variables (never written in the file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import DeclarationError, Problem, SourceLocation, closest

CONFIG_FILE = "dfworx.yaml"
# Per-command settings sections of dfworx.yaml, each validated by its command family.
SECTIONS = ("plan", "apply", "lint", "types")


@dataclass(frozen=True)
class Environment:
    name: str
    url_env: str  # the environment variable holding the URL


@dataclass(frozen=True)
class Config:
    root: Path
    schemas_dir: Path
    migrations_dir: Path
    environments: dict[str, Environment] = field(default_factory=dict)
    # Schemas never compared or changed, beyond the built-in list (dfworx_db.managed).
    exclude_schemas: tuple[str, ...] = ()
    # The settings of one command family (plan, apply, lint, types), as written; each
    # family validates its own section (see `section`).
    sections: dict[str, dict] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.root / CONFIG_FILE

    def where(self, *keys: str | int) -> SourceLocation:
        return config_location(self.path, *keys)

    def unknown_keys(self, name: str, allowed: list[str]) -> list[Problem]:
        """A problem, at its line, for each key of section `name` that is not `allowed`."""
        return unknown_key_problems(self.path, self.section(name), (name,), allowed)

    def section(self, name: str) -> dict:
        """The `name:` mapping of dfworx.yaml ({} when absent)."""
        return self.sections.get(name) or {}

    def environment_url(self, name: str) -> str:
        env = self.environments.get(name)
        if env is None:
            known = ", ".join(sorted(self.environments)) or "none"
            raise DeclarationError([Problem(f"unknown environment {name!r} (known: {known})",
                                            SourceLocation(str(self.root / CONFIG_FILE)),
                                            "add it under environments: in dfworx.yaml")])
        url = os.environ.get(env.url_env)
        if not url:
            raise DeclarationError([Problem(f"environment {name!r} reads its URL from ${env.url_env}, which is not set",
                                            SourceLocation(str(self.root / CONFIG_FILE)),
                                            f"export {env.url_env}=postgresql://…")])
        return url


DEFAULT_CONFIG = """\
# dfworx-db settings. Database URLs are never written here: each environment names
# the environment variable that holds its URL.
schemas: schemas
migrations: supabase/migrations
# Schemas dfworx-db never compares or changes, besides Supabase's own (auth, storage, …):
exclude_schemas: []
environments:
  local:
    url_env: DATABASE_URL
  production:
    url_env: PRODUCTION_DATABASE_URL
"""


def config_location(path: Path, *keys: str | int, key: bool = False) -> SourceLocation:
    """file:line:column of the value at `keys` (a path of keys and list indexes) in
    dfworx.yaml, or with `key` of the last key itself; else of the nearest of their parents
    written there. The file is read again, with positions, only when a problem is reported."""
    if not path.exists():
        return SourceLocation(str(path))
    from .declare.source import read_source
    source = read_source(path, str(path), [])
    return source.at(keys, key=key) if source else SourceLocation(str(path))


def unknown_key_problems(path: Path, mapping: dict, keys: tuple[str | int, ...], allowed: list[str]) -> list[Problem]:
    """A problem for each key of `mapping` (at `keys` in dfworx.yaml) not in `allowed`."""
    section = ".".join(str(k) for k in keys)
    problems = []
    for key in mapping:
        if key not in allowed:
            guess = closest(str(key), allowed)
            problems.append(Problem(f"unknown key {key!r} in {section + ': of ' if section else ''}dfworx.yaml",
                                    config_location(path, *keys, key, key=True),
                                    f"did you mean {guess!r}?" if guess else f"allowed: {', '.join(allowed)}"))
    return problems


def load_config(start: Path | None = None) -> Config:
    """The settings of the project at `start` (default: the current folder); defaults
    when there is no dfworx.yaml."""
    root = (start or Path.cwd()).resolve()
    path = root / CONFIG_FILE
    data: dict = {}
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = SourceLocation(str(path), mark.line + 1, mark.column + 1) if mark else SourceLocation(str(path))
            raise DeclarationError([Problem(f"dfworx.yaml is not valid YAML: {err}", where)]) from None
        if not isinstance(data, dict):
            raise DeclarationError([Problem("dfworx.yaml must be a mapping", SourceLocation(str(path), 1, 1))])
    problems = unknown_key_problems(path, data, (), ["schemas", "migrations", "environments", "exclude_schemas",
                                                     *SECTIONS])
    environments = {}
    raw_environments = data.get("environments") or {}
    if not isinstance(raw_environments, dict):
        problems.append(Problem("environments in dfworx.yaml must map names to {url_env: VARIABLE}",
                                config_location(path, "environments", key=True),
                                "write environments: {local: {url_env: DATABASE_URL}}"))
        raw_environments = {}
    for name, spec in raw_environments.items():
        spec = spec or {}
        if not isinstance(spec, dict) or not isinstance(spec.get("url_env", ""), str) or set(spec) - {"url_env"}:
            problems.append(Problem(f"environments.{name} in dfworx.yaml must be a mapping with url_env",
                                    config_location(path, "environments", name, key=True),
                                    "write url_env: the name of the environment variable that holds the URL"))
            continue
        environments[name] = Environment(name=name, url_env=spec.get("url_env", "DATABASE_URL"))
    excluded = data.get("exclude_schemas") or []
    if not isinstance(excluded, list) or not all(isinstance(s, str) for s in excluded):
        problems.append(Problem("exclude_schemas in dfworx.yaml must be a list of schema names",
                                config_location(path, "exclude_schemas", key=True), "write exclude_schemas: [analytics, legacy]"))
    sections = {}
    for name in SECTIONS:
        value = data.get(name)
        if value is not None and not isinstance(value, dict):
            problems.append(Problem(f"{name}: in dfworx.yaml must be a mapping", config_location(path, name, key=True),
                                    f"write {name}: followed by indented settings"))
        sections[name] = value if isinstance(value, dict) else {}
    if problems:
        raise DeclarationError(problems)
    return Config(root=root, schemas_dir=root / data.get("schemas", "schemas"),
                  migrations_dir=root / data.get("migrations", "supabase/migrations"),
                  environments=environments, exclude_schemas=tuple(excluded), sections=sections)
