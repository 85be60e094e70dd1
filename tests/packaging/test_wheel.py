"""The wheel built from the repo carries the templates (and the other package data) and
renders declarations from outside the repo, without the source tree on the path."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("dfworx_db-*.whl"))


def test_wheel_contains_every_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "dfworx_db").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    queries = {p.relative_to(ROOT).as_posix() for p in (ROOT / "dfworx_db").rglob("*.sql")}
    assert queries <= names, f"missing from the wheel: {sorted(queries - names)}"


def test_wheel_contains_templates_and_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*.j2")}
    assert {f"dfworx_db/templates/{t}" for t in templates} <= names
    assert "dfworx_db/pg/baseline.sql" in names
    assert "dfworx_db/declare/schema.json" in names


def test_installed_wheel_renders_outside_the_repo(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    project = tmp_path / "project"
    (project / "schemas").mkdir(parents=True)
    (project / "schemas" / "app.yaml").write_text(
        "tables:\n  notes:\n    columns:\n      id: bigint generated always as identity primary key\n"
        "      body: text not null\n")
    code = ("import dfworx_db, sys; assert dfworx_db.__file__.startswith(sys.argv[1]), dfworx_db.__file__; "
            "from dfworx_db.cli import main; sys.argv = ['dfworx-db', 'render', 'schemas']; main()")
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code, str(target)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "CREATE TABLE public.notes" in result.stdout
