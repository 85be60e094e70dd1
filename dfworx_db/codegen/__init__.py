"""Catalog → TypeScript for supabase-js and Pydantic v2 models (dfworx-db gen types)."""

from .generate import generate_types
from .model import TypeModel, build_model
from .python import write_python
from .typescript import write_typescript

__all__ = ["TypeModel", "build_model", "generate_types", "write_python", "write_typescript"]
