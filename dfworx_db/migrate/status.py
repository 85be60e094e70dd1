"""Local migration files × applied history → the state of every version. The one
judgement `status` prints and `apply` acts on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .files import MigrationFile
from .history import AppliedRecord

APPLIED = "applied"
PENDING = "pending"
OUT_OF_ORDER = "out-of-order"    # pending, but older than the newest applied version
EDITED = "edited"                # applied, and the file changed since
MISSING_LOCALLY = "missing-locally"  # applied, and no file has its version

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class VersionStatus:
    version: str
    state: str
    file: MigrationFile | None = None
    record: AppliedRecord | None = None
    # An applied version without our checksum (applied by the Supabase CLI) whose recorded
    # statements match the file: apply keeps its checksum from now on.
    adoptable: bool = False
    note: str = ""

    @property
    def name(self) -> str:
        return self.file.name if self.file else (self.record.name if self.record else "")

    def as_json(self) -> dict:
        record = self.record
        return {"version": self.version, "name": self.name, "state": self.state,
                "file": self.file.filename if self.file else None,
                "checksum": self.file.checksum if self.file else None,
                "recorded_checksum": record.checksum if record else None,
                "applied_at": record.applied_at.isoformat() if record and record.applied_at else None,
                "duration_ms": record.duration_ms if record else None,
                "applied_by": record.applied_by if record else None,
                "note": self.note or None}


def version_statuses(files: list[MigrationFile], applied: dict[str, AppliedRecord]) -> list[VersionStatus]:
    """Every version, local or applied, in version order, with its state."""
    local = {f.version: f for f in files}
    newest_applied = max(applied, default="")
    result = []
    for version in sorted(local.keys() | applied.keys()):
        file, record = local.get(version), applied.get(version)
        if file is None:
            result.append(VersionStatus(version, MISSING_LOCALLY, record=record))
        elif record is None:
            state = OUT_OF_ORDER if version < newest_applied else PENDING
            result.append(VersionStatus(version, state, file=file))
        else:
            result.append(_applied_status(file, record))
    return result


def _applied_status(file: MigrationFile, record: AppliedRecord) -> VersionStatus:
    if record.checksum is not None:
        if record.checksum == file.checksum:
            return VersionStatus(file.version, APPLIED, file, record)
        return VersionStatus(file.version, EDITED, file, record,
                             note=f"sha256 {file.checksum[:12]}… differs from {record.checksum[:12]}… recorded")
    # Applied by the Supabase CLI: judge by the statements it recorded.
    if record.statements is None:
        return VersionStatus(file.version, APPLIED, file, record, adoptable=True,
                             note="applied by another tool, which recorded no statements; checksum taken from the file")
    if _same_statements(record.statements, tuple(s.text for s in file.statements)):
        return VersionStatus(file.version, APPLIED, file, record, adoptable=True,
                             note="applied by the Supabase CLI; its statements match the file")
    return VersionStatus(file.version, EDITED, file, record,
                         note="the statements the Supabase CLI recorded differ from the file")


def _same_statements(recorded: tuple[str, ...], local: tuple[str, ...]) -> bool:
    """Equal, or equal but for how the two splitters cut and trimmed (whitespace and
    statement boundaries), so a file the CLI applied is not taken for an edited one."""
    if recorded == local:
        return True
    return _WHITESPACE.sub("", ";".join(recorded)).replace(";", "") == _WHITESPACE.sub("", ";".join(local)).replace(";", "")
