"""The generated DFWorX types with the real consumers: `tsc --strict` and supabase-js."""

from __future__ import annotations

import shutil
from pathlib import Path

from dfworx_db.codegen.generate import model_from_declarations
from dfworx_db.codegen.settings import TypesSettings
from dfworx_db.codegen.typescript import write_typescript

from .tsc import compile_strict

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = Path(__file__).parent / "programs"


def _project(tmp_path: Path, program: str) -> Path:
    model = model_from_declarations(ROOT / "schemas", TypesSettings())
    (tmp_path / "database.ts").write_text(write_typescript(model), encoding="utf-8")
    shutil.copy(PROGRAMS / program, tmp_path / program)
    return tmp_path


def test_a_program_selecting_inserting_updating_and_calling_the_rpc_compiles(tmp_path):
    errors = compile_strict(_project(tmp_path, "dfworx_good.ts"), "dfworx_good.ts")
    assert errors == []


def test_wrong_columns_and_types_fail_to_compile_where_they_are_written(tmp_path):
    errors = compile_strict(_project(tmp_path, "dfworx_bad.ts"), "dfworx_bad.ts")
    lines = (PROGRAMS / "dfworx_bad.ts").read_text().splitlines()
    expected = {n for n, line in enumerate(lines, 1) if "// error:" in line}
    assert {int(e["line"]) for e in errors if e["file"] == "dfworx_bad.ts"} == expected
