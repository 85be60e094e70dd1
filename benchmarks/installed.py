"""dfworx-db as a user installs it, for the benchmarks that time the real command: a
regular (not editable) install of this checkout into a throw-away virtualenv under
benchmarks/.cache/. An editable install adds an import hook that every start pays
(~12 ms); what users run from PyPI has none.

The virtualenv is made, with dfworx-db's dependencies, on the first run; every run then
reinstalls dfworx-db itself from the checkout, so the timed code is the checkout's."""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = HERE / ".cache" / "dfworx-venv"


def installed_dfworx() -> Path:
    """The console script of a regular install of this checkout (made or refreshed now)."""
    pip = VENV / "bin" / "pip"
    shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools would package a stale build/lib
    if not pip.exists():
        venv.create(VENV, with_pip=True)
        subprocess.run([pip, "install", "--quiet", str(ROOT)], check=True)
    subprocess.run([pip, "install", "--quiet", "--no-deps", "--force-reinstall", str(ROOT)], check=True)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    return VENV / "bin" / "dfworx-db"
