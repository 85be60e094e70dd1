#!/usr/bin/env python3
"""Benchmark `plan` on bench1000 against a live copy of itself with 2 % changes, measured
against its floor in the same run.

The declarations are bench1000 (pulled from a database built by bench1000.py); the live
database is the modified copy (1 table in 50 has one more column, 1 policy in 50 another
USING). `plan --db-url` must write the 40 changes that take the copy back.

The floor is what any plan through a shadow must do at least: execute the rendered
declarations in a fresh shadow database, introspect it, and introspect the live
database. `plan` does that, plus the expression probes, the diff, the online-DDL split,
the hazards and the rendering of the file. Target: plan ≤ 1.3× the floor.

    python benchmarks/bench_plan.py [--tables 1000] [--server-url URL] [--repeat 3] [--keep]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench1000  # noqa: E402
from bench_diff import (CACHE, DB_PREFIX, DEFAULT_SERVER_URL, build_database, fmt_s, log,  # noqa: E402
                        machine_description, measure_pair, peak_rss_kib, source_revision, timed, verdict)

TARGET = 1.3


def plan_once(declarations, live_url: str, server_url: str):
    from dfworx_db.plan.planner import Base, PlanOptions, make_plan
    return make_plan(declarations, Base(url=live_url), PlanOptions(name="bench", allow_destructive=True),
                     shadow_url=server_url, existing=[])


def floor_once(declarations, live_url: str, server_url: str) -> None:
    from dfworx_db.drift import read
    from dfworx_db.pg.shadow import execute_catalog, shadow_database
    with shadow_database(server_url) as shadow:
        execute_catalog(shadow, declarations.catalog)
        read(shadow)
    read(live_url)


def memory_probe(schemas: str, live_url: str, server_url: str) -> dict:
    """One plan in a fresh process: peak Python heap and peak RSS."""
    import tracemalloc

    from dfworx_db.declare import load_declarations
    tracemalloc.start()
    plan = plan_once(load_declarations(schemas), live_url, server_url)
    _, peak = tracemalloc.get_traced_memory()
    return {"tracemalloc_peak": peak, "maxrss_kib": peak_rss_kib(), "changes": len(plan.changes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--output", type=Path, default=CACHE / "bench_plan-results.md")
    parser.add_argument("--keep", action="store_true", help="leave the databases in place")
    parser.add_argument("--memory-probe", nargs=3, metavar=("SCHEMAS", "LIVE", "SERVER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        print(json.dumps(memory_probe(*args.memory_probe)))
        return 0

    from dfworx_db.declare import load_declarations
    from dfworx_db.pg import drop_database
    from dfworx_db.pull import pull_declarations

    started = time.perf_counter()
    names = (f"{DB_PREFIX}_plan_declared", f"{DB_PREFIX}_plan_live")
    log(f"building {args.tables} tables twice")
    declared_url, _ = build_database(args.server_url, names[0], args.tables)
    live_url, _ = build_database(args.server_url, names[1], args.tables, modified=True)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-plan-") as folder:
            schemas = Path(folder) / "schemas"
            pull_declarations(declared_url, schemas)
            declarations = load_declarations(schemas)
            added, changed = bench1000.expected_changes(args.tables)
            plan = plan_once(declarations, live_url, args.server_url)
            kinds = [c.kind for c in plan.changes]
            assert kinds.count("drop_column") == added and kinds.count("alter_policy") == changed, kinds
            log(f"plan checked: {len(plan.changes)} changes; timing plan against its floor")
            plan_t, floor_t = measure_pair(timed(lambda: plan_once(declarations, live_url, args.server_url)),
                                           timed(lambda: floor_once(declarations, live_url, args.server_url)),
                                           args.repeat)
            cli = [str(Path(sys.executable).with_name("dfworx-db")), "plan", "--name", "bench", "--db-url", live_url,
                   "--schemas", str(schemas), "--migrations", str(Path(folder) / "migrations"),
                   "--shadow-url", args.server_url, "--allow-destructive", "--dry-run", "--json"]
            cli_start = time.perf_counter()
            out = subprocess.run(cli, capture_output=True, text=True, check=True)
            cli_seconds = time.perf_counter() - cli_start
            assert sum(len(f["changes"]) for f in json.loads(out.stdout)["files"]) == len(plan.changes)
            probe = subprocess.run([sys.executable, __file__, "--memory-probe", str(schemas), live_url,
                                    args.server_url], capture_output=True, text=True, check=True)
            memory = json.loads(probe.stdout)
    finally:
        if not args.keep:
            for name in names:
                drop_database(args.server_url, name)

    ratio, median_ratio = plan_t.best / floor_t.best, plan_t.median / floor_t.median
    machine = machine_description()
    lines = [
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']} RAM; Python {machine['python']}",
        f"- dfworx-db source: {source_revision()}",
        f"- command: `python benchmarks/bench_plan.py --tables {args.tables} --repeat {args.repeat}` "
        f"(total run {time.perf_counter() - started:.0f} s)",
        "",
        "| measurement | plan (best / median) | floor (best / median) | ratio best (median) | target | result |",
        "|---|---|---|---|---|---|",
        f"| `plan --db-url` of {args.tables} tables, {len(plan.changes)} changes ({added} dropped columns, "
        f"{changed} altered policies) vs executing the declarations in a shadow + 2 introspections "
        f"| {plan_t.cell()} | {floor_t.cell()} | {ratio:.2f}× ({median_ratio:.2f}×) | ≤ {TARGET}× "
        f"| {verdict(ratio <= TARGET)} |",
        "",
        f"- the real command (`dfworx-db plan … --dry-run --json`, interpreter start included), once: "
        f"{fmt_s(cli_seconds)}",
        f"- peak memory of one plan in a fresh process: {memory['tracemalloc_peak'] / 2**20:.1f} MiB Python heap "
        f"(tracemalloc), {memory['maxrss_kib'] / 1024:.1f} MiB max RSS",
    ]
    report = "\n".join(lines) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
