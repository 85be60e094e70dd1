"""Load every YAML file under a root folder into one validated Catalog.

All problems of a run are gathered and raised together as a DeclarationError; nothing
here touches a database."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog, QualifiedName, identity
from ..catalog.builtin import public_schema, public_usage
from ..errors import DeclarationError, Problem, SourceLocation
from .context import FileContext
from .objects import (build_collation, build_enum, build_extension, build_function, build_schema, build_sequence,
                      build_view)
from .references import check_catalog, qualify_types
from .source import read_source
from .tables import NameChooser, build_table
from .validate import validate_shape


@dataclass(frozen=True)
class Declarations:
    """The Catalog plus what only declarations know (used by plan and codegen)."""

    catalog: Catalog
    files: tuple[str, ...]
    column_formats: dict[tuple[QualifiedName, str], str] = field(default_factory=dict)
    type_names: dict[QualifiedName, str] = field(default_factory=dict)
    table_renames: dict[QualifiedName, str] = field(default_factory=dict)
    column_renames: dict[tuple[QualifiedName, str], str] = field(default_factory=dict)


def declaration_files(root: Path) -> list[Path]:
    """The .yaml/.yml files under `root` (or `root` itself), in a stable order."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise DeclarationError([Problem(f"no declarations at {root}", SourceLocation(str(root)),
                                        "pass the folder that holds your schema YAML (default: schemas/)")])
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_declarations(root: Path | str) -> Declarations:
    root = Path(root)
    files = declaration_files(root)
    problems: list[Problem] = []
    if not files:
        raise DeclarationError([Problem(f"{root} holds no .yaml files", SourceLocation(str(root)),
                                        "run 'dfworx-db init' or add a file such as schemas/public.yaml")])
    kinds: dict[str, list] = {k: [] for k in Catalog.__dataclass_fields__}
    names = NameChooser()
    formats: dict[tuple[QualifiedName, str], str] = {}
    type_names: dict[QualifiedName, str] = {}
    table_renames: dict[QualifiedName, str] = {}
    column_renames: dict[tuple[QualifiedName, str], str] = {}
    displayed = []
    file_schemas: dict[str, str] = {}
    for path in files:
        display = _display(path)
        displayed.append(display)
        source = read_source(path, display, problems)
        if source is None:
            continue
        spec = validate_shape(source, problems)
        if spec is None:
            continue
        ctx = FileContext(source, spec.schema_, problems)
        file_schemas[display] = spec.schema_
        for section, build in SECTION_BUILDERS:
            for key, section_spec in getattr(spec, section).items():
                obj, grants = build(ctx, key, section_spec)
                kinds[section].append(obj)
                kinds["grants"] += grants
        for key, table_spec in spec.tables.items():
            objects = build_table(ctx, key, table_spec, names)
            qname = objects.table.name
            kinds["tables"].append(objects.table)
            kinds["indexes"] += objects.indexes
            kinds["policies"] += objects.policies
            kinds["triggers"] += objects.triggers
            kinds["grants"] += objects.grants
            formats.update({(qname, col): fmt for col, fmt in objects.column_formats.items()})
            if table_spec.type_name:
                type_names[qname] = table_spec.type_name
            if table_spec.renamed_from:
                table_renames[qname] = table_spec.renamed_from
            for col, col_spec in table_spec.columns.items():
                if not isinstance(col_spec, str) and col_spec.renamed_from:
                    column_renames[(qname, col)] = col_spec.renamed_from
    _check_duplicates(kinds, problems)
    if not any(schema.name == "public" for schema in kinds["schemas"]):
        # public is in every database: left undeclared, it stays as Postgres made it.
        kinds["schemas"].append(public_schema())
        kinds["grants"].append(public_usage())
    catalog = None
    if not problems:
        catalog = check_catalog(qualify_types(Catalog.build(**kinds), file_schemas), problems)
    if problems or catalog is None:
        raise DeclarationError(sorted(problems, key=lambda p: p.location or SourceLocation("")))
    return Declarations(catalog, tuple(displayed), formats, type_names, table_renames, column_renames)


def _without_grants(build):
    return lambda ctx, key, spec: (build(ctx, key, spec), [])


# Each top-level section of a file and the builder of one of its entries → (object, grants).
SECTION_BUILDERS = (
    ("extensions", _without_grants(build_extension)), ("schemas", build_schema), ("enums", _without_grants(build_enum)),
    ("collations", _without_grants(build_collation)), ("sequences", build_sequence), ("functions", build_function),
    ("views", build_view),
)


def load_catalog(root: Path | str) -> Catalog:
    """The validated Catalog of the declarations under `root`."""
    return load_declarations(root).catalog


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


_RELATION_KINDS = ("tables", "views", "indexes", "sequences")
_TYPE_KINDS = ("tables", "views", "enums")


def _check_duplicates(kinds: dict[str, list], problems: list[Problem]) -> None:
    """Two objects of one kind with one identity, or two relations (tables, views,
    indexes) or types (tables, views, enums) sharing a name in one schema."""
    for kind, objs in kinds.items():
        seen: dict[tuple, object] = {}
        for obj in objs:
            key = identity(obj)
            if key in seen:
                first = seen[key].source  # type: ignore[attr-defined]
                problems.append(Problem(f"{_KIND_LABEL[kind]} {_label(obj)} is declared twice (first at {first})",
                                        obj.source, "remove or rename one of them"))  # type: ignore[attr-defined]
            else:
                seen[key] = obj
    for group, what in ((_RELATION_KINDS, "relation"), (_TYPE_KINDS, "type")):
        owners: dict[QualifiedName, tuple[str, object]] = {}
        for kind in group:
            for obj in kinds[kind]:
                name = obj.name
                if name in owners and owners[name][0] != kind:
                    other_kind, other = owners[name]
                    problems.append(Problem(f"{_KIND_LABEL[kind]} {name} has the same name as {_KIND_LABEL[other_kind]} {name} "
                                            f"(at {other.source}); Postgres keeps one {what} namespace per schema",
                                            obj.source, "rename one of them"))
                owners.setdefault(name, (kind, obj))


_KIND_LABEL = {"extensions": "extension", "schemas": "schema", "enums": "enum", "tables": "table",
               "collations": "collation", "sequences": "sequence",
               "indexes": "index", "functions": "function", "triggers": "trigger", "views": "view",
               "policies": "policy", "grants": "grant"}


def _label(obj: object) -> str:
    if hasattr(obj, "signature"):
        return obj.signature  # type: ignore[attr-defined]
    name = getattr(obj, "name", None)
    table = getattr(obj, "table", None)
    if table is not None and isinstance(name, str):
        return f"{name} on {table}"
    return str(name) if name is not None else " ".join(str(p) for p in identity(obj) if p)
