"""The Catalog model: frozen dataclasses holding tuples, compared with `==`."""

from .indexes import Index, IndexKey
from .model import Catalog, identity
from .names import QualifiedName
from .routines import Argument, Function, Trigger
from .security import PRIVILEGES, Grant, Policy
from .tables import CheckConstraint, Column, ExclusionConstraint, ForeignKey, PrimaryKey, Table, UniqueConstraint
from .types import Collation, EnumType, Extension, Schema, Sequence, View

__all__ = [
    "Argument", "Catalog", "CheckConstraint", "Collation", "Column", "EnumType", "ExclusionConstraint", "Extension",
    "ForeignKey", "Function", "Grant", "Index", "IndexKey", "PRIVILEGES", "Policy", "PrimaryKey",
    "QualifiedName", "Schema", "Sequence", "Table", "Trigger", "UniqueConstraint", "View", "identity",
]
