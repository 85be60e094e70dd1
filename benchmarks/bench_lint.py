"""Lint benchmark: `dfworx-db lint` against squawk on the bench1000 creation script.

    python benchmarks/bench_lint.py [--tables 1000] [--repeat 7] [--output FILE]

Writes the bench1000 creation script (benchmarks/bench1000.py: about 7,000 statements at
1,000 tables) to benchmarks/.cache/, installs `squawk-cli` from PyPI into a throw-away
virtualenv there (once), then times, in one run and interleaved (squawk, dfworx-db,
squawk, …, after one untimed warm-up each), the two real commands on the same file:

  squawk --reporter json FILE
  dfworx-db lint FILE --format json     (a regular install of this checkout: benchmarks/installed.py;
                                         --dfworx-db PATH times another executable)

Both are whole processes, so start-up and imports count. Prints best and median of each
(wall clock, and the CPU time of the process: steadier on a shared machine), the ratios
(dfworx-db / squawk), and what each reported; --output also writes it there.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
import venv
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench1000  # noqa: E402
from installed import installed_dfworx  # noqa: E402

CACHE = HERE / ".cache"
SQUAWK_VENV = CACHE / "squawk-venv"


def squawk() -> Path:
    binary = SQUAWK_VENV / "bin" / "squawk"
    if not binary.exists():
        venv.create(SQUAWK_VENV, with_pip=True)
        subprocess.run([SQUAWK_VENV / "bin" / "pip", "install", "--quiet", "squawk-cli"], check=True)
    return binary


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list) -> tuple[float, float, str]:
    """Wall-clock seconds, CPU seconds (user + system) and standard output of one run."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in (0, 1):  # 1: findings exist
        raise SystemExit(f"{command[0]} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--dfworx-db", type=Path, help="time this executable (default: a regular install of the checkout)")
    args = parser.parse_args()

    CACHE.mkdir(exist_ok=True)
    script = CACHE / f"bench{args.tables}.sql"
    script.write_text(bench1000.schema_sql(args.tables), encoding="utf-8")
    statements = script.read_text(encoding="utf-8").count(";\n")
    sides = {"squawk": [squawk(), "--reporter", "json", script],
             "dfworx-db lint": [args.dfworx_db or installed_dfworx(), "lint", script, "--format", "json"]}
    version = subprocess.run([sides["squawk"][0], "--version"], capture_output=True, text=True).stdout.strip()
    times: dict[str, list[float]] = {name: [] for name in sides}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    outputs = {name: timed(command)[2] for name, command in sides.items()}  # warm-up
    for _ in range(args.repeat):
        for name, command in sides.items():
            elapsed, used, _ = timed(command)
            times[name].append(elapsed)
            cpu[name].append(used)

    squawk_rules = Counter(f.get("rule_name") for f in json.loads(outputs["squawk"]))
    our_rules = Counter(f["rule"] for f in json.loads(outputs["dfworx-db lint"]))
    best = {n: min(t) for n, t in times.items()}
    median = {n: statistics.median(t) for n, t in times.items()}
    cpu_median = {n: statistics.median(t) for n, t in cpu.items()}
    lines = [
        f"bench{args.tables} creation script: {statements:,} statements, {script.stat().st_size:,} bytes; "
        f"{args.repeat} runs each, interleaved; {version}; Python {platform.python_version()}",
        "",
        "| command | best | median | CPU (median) |",
        "|---|---|---|---|",
        *(f"| `{name}` | {best[name]:.3f} s | {median[name]:.3f} s | {cpu_median[name]:.3f} s |" for name in sides),
        f"| **ratio dfworx-db / squawk** | **{best['dfworx-db lint'] / best['squawk']:.2f}×** | "
        f"**{median['dfworx-db lint'] / median['squawk']:.2f}×** | "
        f"{cpu_median['dfworx-db lint'] / cpu_median['squawk']:.2f}× |",
        "",
        f"squawk reported: {dict(squawk_rules.most_common())}",
        f"dfworx-db reported: {dict(our_rules.most_common())}",
    ]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
