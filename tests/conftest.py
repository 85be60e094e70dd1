"""Shared pytest options; database fixtures live in tests/pg_fixtures.py."""

from __future__ import annotations

# tests/ is on sys.path here (pytest's default "prepend" import mode).
pytest_plugins = ["pg_fixtures"]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the expected files of golden cases from the current output")
