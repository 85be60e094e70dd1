"""The TypeScript compiler and supabase-js, installed once from npm into a git-ignored
cache (.cache/npm-codegen/) that every later run reuses; tests skip only when npm is
missing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "npm-codegen"
PACKAGES = {"typescript": "5", "@supabase/supabase-js": "2"}
_ERROR = re.compile(r"^(?P<file>[^(]+)\((?P<line>\d+),(?P<column>\d+)\): error (?P<code>TS\d+): (?P<message>.*)$")


def node_modules() -> Path:
    """The cached node_modules holding typescript and @supabase/supabase-js."""
    tsc = CACHE / "node_modules" / ".bin" / "tsc"
    supabase = CACHE / "node_modules" / "@supabase" / "supabase-js" / "package.json"
    if tsc.exists() and supabase.exists():
        return CACHE / "node_modules"
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the TypeScript compile checks need npm to install typescript "
                    "and @supabase/supabase-js")
    CACHE.mkdir(parents=True, exist_ok=True)
    manifest = CACHE / "package.json"
    if not manifest.exists():
        manifest.write_text(json.dumps({"name": "dfworx-codegen-check", "private": True}) + "\n")
    specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", *specs], cwd=CACHE, check=True,
                   capture_output=True, timeout=600)
    return CACHE / "node_modules"


def compile_strict(folder: Path, *files: str) -> list[dict]:
    """Run `tsc --strict --noEmit` on `files` of `folder`; the errors it reports."""
    modules = node_modules()
    link = folder / "node_modules"
    if not link.exists():
        link.symlink_to(modules, target_is_directory=True)
    result = subprocess.run(
        [str(modules / ".bin" / "tsc"), "--strict", "--noEmit", "--target", "es2020", "--module", "nodenext",
         "--moduleResolution", "nodenext", "--skipLibCheck", *files],
        cwd=folder, capture_output=True, text=True, timeout=300)
    errors = [m.groupdict() for m in map(_ERROR.match, result.stdout.splitlines()) if m]
    if result.returncode and not errors:
        raise AssertionError(f"tsc failed without errors it could locate:\n{result.stdout}{result.stderr}")
    return errors
