"""The lint rules, one module per family. Importing this package registers them all."""

from . import changes, ignores, locking, policies, routines, structure, transactions, types  # noqa: F401
