"""Live Postgres → Catalog, the model the YAML loader produces, through one catalog query
per object kind (queries/*.sql).

The names below are loaded on first use, so that `dfworx-db diff` (introspect.narrowed)
starts reading before the Catalog model and the comparison are imported."""

from importlib import import_module
from typing import Any

_EXPORTS = {"Difference": "compare", "compare_catalogs": "compare", "describe": "compare",
            "format_differences": "compare", "Inspector": "inspector", "introspect": "inspector",
            "introspect_with_report": "inspector"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
