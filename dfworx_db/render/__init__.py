"""Changes and Catalogs to SQL, through templates/."""

from .quoting import quote_ident, quote_literal, quote_qualified
from .sql import render_catalog, render_change, render_changes, render_migration

__all__ = ["quote_ident", "quote_literal", "quote_qualified", "render_catalog", "render_change", "render_changes", "render_migration"]
