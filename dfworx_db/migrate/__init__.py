"""Migrations against a live database: files, history (Supabase CLI compatible), the
lock, apply, status and verify."""

from .apply import ApplyResult, FileOutcome, MigrationFailed, Progress, apply_migrations, pending_migrations
from .files import MigrationFile, Statement, migration_files, split_statements
from .history import AppliedRecord, History
from .lock import migration_lock
from .settings import ApplySettings, apply_settings
from .status import VersionStatus, version_statuses
from .verify import database_drift

__all__ = [
    "AppliedRecord", "ApplyResult", "ApplySettings", "FileOutcome", "History", "MigrationFailed", "MigrationFile",
    "Progress", "Statement", "VersionStatus", "apply_migrations", "apply_settings", "database_drift",
    "migration_files", "migration_lock", "pending_migrations", "split_statements", "version_statuses",
]
