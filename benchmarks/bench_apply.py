"""Apply benchmark: `dfworx-db apply` of the bench1000 initial migration against
`psql -1 -f` of the same file, in the same run.

    python benchmarks/bench_apply.py [--tables 1000] [--server-url URL] [--repeat 5]

Writes the bench1000 schema (benchmarks/bench1000.py, --tables tables) as one migration
file, `supabase/migrations/20250101000000_bench1000.sql` of a throw-away project, then
--repeat times, interleaved (psql, dfworx, psql, dfworx, …) so that other load weighs on
both alike, each into a fresh database of the --server-url server:

  psql     `psql -X -q -v ON_ERROR_STOP=1 -1 -f FILE` (one transaction, statement by
           statement over the simple protocol);
  dfworx   `dfworx-db apply --no-verify` (the real CLI, a subprocess: interpreter start,
           the lock, history table creation, integrity checks, the file's statements one
           by one in one transaction with its history rows).

It also times `apply_migrations()` in process, to separate the interpreter's start from
the apply itself. One untimed warm-up of each runs first. Target: dfworx / psql ≤ 1.1×
(best and median); the median of the per-round ratios is reported too, as the figure
least disturbed by other load on a shared machine, with the CPU time of each client
process (what the client itself costs; the server runs the same statements for both). The databases are dropped as soon as each is measured.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench1000  # noqa: E402
from bench_diff import Timing, fmt_s, log, machine_description, settle, source_revision  # noqa: E402

DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
VERSION = "20250101000000"
TARGET = 1.1


def find_psql(explicit: str | None, server_major: int) -> str:
    if explicit:
        return explicit
    for candidate in (f"/usr/lib/postgresql/{server_major}/bin/psql", shutil.which("psql")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise SystemExit("no psql found; pass --psql")


@contextmanager
def fresh(server_url: str, name: str) -> Iterator[str]:
    """A new empty database `name`, dropped (and its writes flushed) afterwards."""
    from dfworx_db.pg import create_database, drop_database
    drop_database(server_url, name)
    try:
        yield create_database(server_url, name)
    finally:
        drop_database(server_url, name)
        settle(server_url)


CLIENT_CPU: dict[str, list[float]] = {}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(argv: list[str], cwd: Path | None = None) -> float:
    """Wall seconds of `argv`; its CPU seconds (the client's own work, which load from
    other processes barely changes) go to CLIENT_CPU under the program's name."""
    cpu, start = children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    CLIENT_CPU.setdefault(Path(argv[0]).name, []).append(children_cpu() - cpu)
    if proc.returncode != 0:
        from dfworx_db.pg import redact
        raise SystemExit(redact(f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stderr[-4000:]}"))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=1000, help="tables of the migration (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed repetitions of each side (default 5)")
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL, help="server to create the databases on")
    parser.add_argument("--psql", help="the psql to compare with (default: the server's major version)")
    parser.add_argument("--dfworx-db", help="the dfworx-db executable (default: beside this Python)")
    args = parser.parse_args(argv)

    from dfworx_db.config import load_config
    from dfworx_db.migrate import apply_migrations, apply_settings, migration_files
    from dfworx_db.pg import connect

    with connect(args.server_url) as conn:
        major = conn.info.server_version // 10000
        server_version = conn.execute("SHOW server_version").fetchone()[0]
    psql = find_psql(args.psql, major)
    dfworx = args.dfworx_db or str(Path(sys.executable).with_name("dfworx-db"))
    project = Path(tempfile.mkdtemp(prefix="dfworx_bench_apply_"))
    (project / "supabase" / "migrations").mkdir(parents=True)
    migration = project / "supabase" / "migrations" / f"{VERSION}_bench{args.tables}.sql"
    migration.write_text(bench1000.schema_sql(args.tables), encoding="utf-8")
    statements = len(migration_files(migration.parent)[0].statements)
    size = migration.stat().st_size
    log(f"{migration.name}: {size:,} bytes, {statements:,} statements; psql {psql}")

    def run_psql() -> float:
        with fresh(args.server_url, "dfworx_bench_apply_psql") as url:
            return timed_run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", str(migration), "-d", url])

    def run_dfworx() -> float:
        with fresh(args.server_url, "dfworx_bench_apply_cli") as url:
            return timed_run([dfworx, "apply", "--db-url", url, "--no-verify"], cwd=project)

    def run_in_process() -> float:
        with fresh(args.server_url, "dfworx_bench_apply_lib") as url:
            config = load_config(project)
            start = time.perf_counter()
            result = apply_migrations(url, migration_files(config.migrations_dir), apply_settings(config))
            elapsed = time.perf_counter() - start
            assert len(result.applied) == 1
            return elapsed

    log("warm-up")
    run_psql(), run_dfworx()
    sides = {"psql": Timing(), "dfworx": Timing(), "in_process": Timing()}
    for i in range(args.repeat):
        for name, run in (("psql", run_psql), ("dfworx", run_dfworx), ("in_process", run_in_process)):
            sides[name].samples.append(run())
        log(f"round {i + 1}/{args.repeat}: " + ", ".join(f"{k} {fmt_s(v.samples[-1])}" for k, v in sides.items()))
    shutil.rmtree(project)

    psql_t, cli_t, lib_t = sides["psql"], sides["dfworx"], sides["in_process"]
    best, median = cli_t.best / psql_t.best, cli_t.median / psql_t.median
    # Each round's two runs are next to each other in time, so their ratio is the least
    # disturbed by load that comes and goes on a shared machine.
    paired = statistics.median(c / p for c, p in zip(cli_t.samples, psql_t.samples))
    ok = best <= TARGET and median <= TARGET
    machine = machine_description()
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M %Z')}, PostgreSQL {server_version}, {machine['cpu']}, "
        f"{machine['nproc']} CPUs, {machine['memory']}, Python {machine['python']}; {source_revision()}.",
        f"Migration: bench{args.tables} initial schema, {size:,} bytes, {statements:,} statements, "
        f"{args.repeat} timed rounds (best / median).",
        "",
        "| | best / median |",
        "|---|---|",
        f"| `psql -1 -f` | {psql_t.cell()} |",
        f"| `dfworx-db apply` (CLI subprocess) | {cli_t.cell()} |",
        f"| `apply_migrations()` in process | {lib_t.cell()} |",
        f"| ratio CLI / psql | {best:.2f}× / {median:.2f}× (target ≤ {TARGET}×: {'met' if ok else '**missed**'}) |",
        f"| ratio in process / psql | {lib_t.best / psql_t.best:.2f}× / {lib_t.median / psql_t.median:.2f}× |",
        f"| median of the per-round ratios CLI / psql | {paired:.2f}× |",
        f"| client CPU (user + system), median: psql / dfworx-db | "
        f"{statistics.median(CLIENT_CPU[Path(psql).name][1:]):.2f} s / "
        f"{statistics.median(CLIENT_CPU[Path(dfworx).name][1:]):.2f} s |",
        "",
        "Samples (s): " + "; ".join(f"{name} " + ", ".join(f"{x:.2f}" for x in t.samples) for name, t in sides.items()),
    ]
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
