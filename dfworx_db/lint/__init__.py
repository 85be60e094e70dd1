"""Lint: rules over migration SQL (parsed by pglast) and over a Catalog; reporters."""
