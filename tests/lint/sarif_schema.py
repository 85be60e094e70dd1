"""The SARIF 2.1.0 JSON Schema, as Microsoft's SARIF Multitool ships it on npm
(`@microsoft/sarif-multitool-linux`, file `sarif-2.1.0.json`), fetched once with
`npm pack` into a git-ignored cache (.cache/sarif/) that later runs reuse. Tests skip
only when npm is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

CACHE = Path(__file__).resolve().parents[2] / ".cache" / "sarif"
PACKAGE = "@microsoft/sarif-multitool-linux@5.7.0"
MEMBER = "package/sarif-2.1.0.json"


def sarif_schema() -> dict:
    schema = CACHE / "sarif-2.1.0.json"
    if not schema.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: the SARIF schema comes from the npm registry")
        CACHE.mkdir(parents=True, exist_ok=True)
        packed = subprocess.run([npm, "pack", PACKAGE, "--silent"], cwd=CACHE, check=True, capture_output=True,
                                text=True, timeout=600).stdout.strip().splitlines()[-1]
        with tarfile.open(CACHE / packed) as archive:
            source = archive.extractfile(MEMBER)
            assert source is not None, f"{PACKAGE} no longer ships {MEMBER}"
            schema.write_bytes(source.read())
        (CACHE / packed).unlink()
    return json.loads(schema.read_text(encoding="utf-8"))
