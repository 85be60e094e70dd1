"""YAML declarations → a validated Catalog."""

from .format import json_schema
from .loader import Declarations, load_catalog, load_declarations

__all__ = ["Declarations", "json_schema", "load_catalog", "load_declarations"]
