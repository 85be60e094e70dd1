"""gen types as one stage: a TypeModel from declarations, a shadow of them, or a live
database, written in one language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..catalog import QualifiedName
from ..errors import DeclarationError, Problem
from ..introspect import introspect_with_report
from ..pg import connect
from .live import read_live_facts
from .model import TypeModel, build_model
from .python import write_python
from .settings import TypesSettings
from .typescript import write_typescript

LANGUAGES = ("typescript", "python")


def model_from_declarations(schemas_dir: Path, settings: TypesSettings) -> TypeModel:
    """The TypeModel of the declarations alone (no database)."""
    from ..declare import load_declarations  # pydantic and the loader: only for declarations
    declarations = load_declarations(schemas_dir)
    return build_model(declarations.catalog, schemas=_schemas(settings, declarations.catalog.schema_names),
                       type_names=_names(declarations.type_names, settings), formats=declarations.column_formats)


def model_from_database(url: str, settings: TypesSettings, *, schemas_dir: Path | None = None,
                        exclude_schemas: tuple[str, ...] = ()) -> TypeModel:
    """The TypeModel of the live database at `url`. With `schemas_dir`, the declarations
    add what only they know (type_name, column formats) and choose the default schemas."""
    declarations = None
    if schemas_dir is not None:
        from ..declare import load_declarations
        declarations = load_declarations(schemas_dir)
    with connect(url) as conn:
        catalog, _unsupported = introspect_with_report(conn, include_schemas=settings.schemas,
                                                       exclude_schemas=exclude_schemas)
        default = declarations.catalog.schema_names if declarations else catalog.schema_names
        schemas = _schemas(settings, default)
        live = read_live_facts(conn, schemas)
    # What the Catalog leaves out and matters to types (composite types, foreign tables,
    # ROWS, extension functions) is read by read_live_facts; the rest of the report
    # (storage parameters, triggers' options, …) does not change a type.
    return build_model(catalog, schemas=schemas,
                       type_names=_names(declarations.type_names if declarations else {}, settings),
                       formats=declarations.column_formats if declarations else {}, live=live)


def generate_types(model: TypeModel, language: str, settings: TypesSettings) -> str:
    if language == "typescript":
        return write_typescript(model, postgrest_version=settings.postgrest_version)
    if language == "python":
        return write_python(model, models=settings.models)
    raise DeclarationError([Problem(f"unknown language {language!r}", hint=f"use one of {', '.join(LANGUAGES)}")])


def _schemas(settings: TypesSettings, default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(settings.schemas if settings.schemas is not None else default))


def _names(type_names: dict[QualifiedName, str], settings: TypesSettings) -> dict[QualifiedName, str]:
    return {**type_names, **dict(settings.aliases)}


def with_schemas(settings: TypesSettings, schemas: tuple[str, ...]) -> TypesSettings:
    return replace(settings, schemas=schemas) if schemas else settings
