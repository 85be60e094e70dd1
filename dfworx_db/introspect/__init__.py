"""Live Postgres → Catalog, the model the YAML loader produces, through one catalog query
per object kind (queries/*.sql)."""

from .compare import Difference, compare_catalogs, describe, format_differences
from .inspector import Inspector, introspect, introspect_with_report

__all__ = ["Difference", "Inspector", "compare_catalogs", "describe", "format_differences", "introspect",
           "introspect_with_report"]
