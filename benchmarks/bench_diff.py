"""Diff-engine benchmark: dfworx-db introspection and diff against pg_dump and migra.

    python benchmarks/bench_diff.py [--tables 1000] [--server-url URL] [--repeat 3]

Builds, on the server of --server-url (default: the PostgreSQL at 127.0.0.1:5432), the
"bench1000" schema (benchmarks/bench1000.py) twice — the original and the copy where 1 in
50 tables gains a column and 1 in 50 policies changes its USING expression — plus a
100-table and a 5,000-table database (sizes follow --tables: ÷10 and ×5), then measures
in one run:

  a. `introspect(conn)` of the original vs `pg_dump --schema-only` of the same database;
  b. `dfworx-db diff A B` (the real CLI, a subprocess) vs `migra --unsafe A B`
     (installed in a throw-away virtualenv under benchmarks/.cache/);
  c. the number of statements introspection sends at ÷10 and at --tables tables;
  d. introspection at ×5 tables vs at --tables tables;
  and the peak memory of introspect + diff at --tables tables.

Every timing is repeated --repeat times (after one untimed warm-up run) and reported as
best and median; the two sides of a comparison run interleaved (A, B, A, B, …) so that
other load on the machine weighs on both alike. The databases are dropped at the end (--keep leaves them). The results
are printed as a markdown table and written to --output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench1000  # noqa: E402
from installed import installed_dfworx  # noqa: E402

DEFAULT_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
CACHE = HERE / ".cache"
MIGRA_VENV = CACHE / "migra-venv"
# Versions known to work on Python 3.11/3.12 with PostgreSQL 15. migra's dependency
# schemainspect imports pkg_resources (gone from setuptools ≥ 81) and sqlbag imports six;
# SQLAlchemy 2 maps a bare postgresql:// to psycopg 3, hence the +psycopg2 URLs below.
MIGRA_REQUIREMENTS = ["migra==3.0.1663481299", "schemainspect==3.1.1663587362", "sqlbag==0.1.1617247075",
                      "sqlalchemy>=2.0,<2.2", "psycopg2-binary>=2.9", "setuptools<81", "six"]
DB_PREFIX = "dfworx_bench"


# ---------------------------------------------------------------------------- timing

@dataclass
class Timing:
    samples: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def cell(self) -> str:
        return f"{fmt_s(self.best)} / {fmt_s(self.median)}"


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.2f} s"


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    """`fn` made to return its wall time."""
    def run() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    return run


def measure(run: Callable[[], float], repeat: int) -> Timing:
    """`run()` (which returns the seconds it measured): one untimed warm-up, then `repeat` runs."""
    run()
    return Timing([run() for _ in range(repeat)])


def measure_pair(first: Callable[[], float], second: Callable[[], float], repeat: int) -> tuple[Timing, Timing]:
    """Two measurements interleaved (first, second, first, second, …) after one warm-up of
    each, so that whatever else the machine does weighs on both alike."""
    first(), second()
    a, b = Timing(), Timing()
    for _ in range(repeat):
        a.samples.append(first())
        b.samples.append(second())
    return a, b


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- databases

def db_url(server_url: str, name: str) -> str:
    from dfworx_db.pg import with_database
    return with_database(server_url, name)


def sqlalchemy_url(url: str) -> str:
    """`url` as SQLAlchemy wants it for psycopg2 (what migra's sqlbag hands to create_engine)."""
    from psycopg.conninfo import conninfo_to_dict
    if re.match(r"^postgres(ql)?://", url, re.IGNORECASE):
        return re.sub(r"^postgres(ql)?://", "postgresql+psycopg2://", url, flags=re.IGNORECASE)
    params = {k: str(v) for k, v in conninfo_to_dict(url).items()}
    user = quote(params.pop("user", ""), safe="")
    password = params.pop("password", None)
    auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host, port = params.pop("host", ""), params.pop("port", "")
    dbname = params.pop("dbname", "")
    if "/" in host:  # a socket directory goes into the query string
        params["host"], host = host, ""
    netloc = auth + host + (f":{port}" if port else "")
    query = "&".join(f"{k}={quote(v, safe='/')}" for k, v in params.items())
    return f"postgresql+psycopg2://{netloc}/{quote(dbname, safe='')}" + (f"?{query}" if query else "")


def build_database(server_url: str, name: str, tables: int, *, modified: bool = False,
                   caller_function: bool = False) -> tuple[str, float]:
    """Create database `name` holding the bench schema; (its URL, seconds taken)."""
    from dfworx_db.pg import connect, create_database, drop_database
    drop_database(server_url, name)
    start = time.perf_counter()
    url = create_database(server_url, name)
    with connect(url) as conn:
        for script in bench1000.schema_batches(tables, modified=modified, caller_function=caller_function):
            with conn.transaction():
                conn.execute(script)
    with connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # a settled catalog, as a long-lived database has
    elapsed = time.perf_counter() - start
    settle(server_url)
    return url, elapsed


def settle(server_url: str) -> None:
    """Flush what the build left dirty, so that its writes do not land in a measurement
    (CHECKPOINT needs a superuser or pg_checkpoint; without them this is skipped)."""
    import psycopg

    from dfworx_db.pg import connect
    with connect(server_url, autocommit=True) as conn:
        try:
            conn.execute("CHECKPOINT")
        except psycopg.Error:
            pass


# ---------------------------------------------------------------------------- measurements

class CountingConnection:
    """A psycopg connection that counts the statements sent through it (`execute`,
    `cursor().execute*`), delegating everything else."""

    def __init__(self, conn):
        self._conn = conn
        self.statements: list[str] = []

    def execute(self, query, params=None, **kwargs):
        self.statements.append(str(query) if isinstance(query, str) else repr(query))
        return self._conn.execute(query, params, **kwargs)

    def cursor(self, *args, **kwargs):
        return _CountingCursor(self._conn.cursor(*args, **kwargs), self.statements)

    def __getattr__(self, name):
        return getattr(self._conn, name)


class _CountingCursor:
    def __init__(self, cursor, statements: list[str]):
        self._cursor, self._statements = cursor, statements

    def execute(self, query, params=None, **kwargs):
        self._statements.append(str(query))
        return self._cursor.execute(query, params, **kwargs)

    def executemany(self, query, params_seq, **kwargs):
        params_seq = list(params_seq)
        self._statements.extend([str(query)] * len(params_seq))
        return self._cursor.executemany(query, params_seq, **kwargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._cursor.close()

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def count_introspection_statements(url: str) -> tuple[int, int]:
    """(statements `introspect` sent, protocol query messages the server received).

    The first is counted by a proxy around the connection; the second independently, by
    libpq's protocol trace (one `Query` message per simple-protocol call, one `Parse` per
    extended-protocol statement), so a statement sent by any other path is counted too."""
    import tempfile

    from dfworx_db.introspect import introspect
    from dfworx_db.pg import connect
    with connect(url) as conn, tempfile.TemporaryFile("w+") as trace:
        proxy = CountingConnection(conn)
        conn.pgconn.trace(trace.fileno())
        try:
            introspect(proxy)
        finally:
            conn.pgconn.untrace()
        trace.seek(0)
        messages = sum(1 for line in trace if re.search(r"(^|\t)F\t\d+\t(Query|Parse)\t", line))
    return len(proxy.statements), messages


def introspection(url: str) -> Callable[[], float]:
    """A run timing `introspect(conn)` alone, on a fresh connection each time (so the
    server's catalog caches start cold, as pg_dump's do); opening it is not timed."""
    from dfworx_db.introspect import introspect
    from dfworx_db.pg import connect

    def run() -> float:
        with connect(url) as conn:
            start = time.perf_counter()
            introspect(conn)
            return time.perf_counter() - start
    return run


def run_checked(argv: list[str], ok_codes: tuple[int, ...]) -> str:
    proc = subprocess.run(argv, capture_output=True, text=True)
    if proc.returncode not in ok_codes:
        from dfworx_db.pg import redact
        raise SystemExit(redact(f"{shlex.join(argv)} exited {proc.returncode}:\n{proc.stderr[-4000:]}"))
    return proc.stdout


def find_pg_dump(explicit: str | None, server_major: int) -> str:
    if explicit:
        return explicit
    candidates = [Path(f"/usr/lib/postgresql/{server_major}/bin/pg_dump")]
    if pg_config := shutil.which("pg_config"):
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip()
        candidates.append(Path(out) / "pg_dump")
    if found := shutil.which("pg_dump"):
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file():
            version = subprocess.run([str(path), "--version"], capture_output=True, text=True).stdout
            match = re.search(r"\)\s+(\d+)", version)
            if match and int(match.group(1)) >= server_major:
                return str(path)
    raise SystemExit(f"no pg_dump of major version >= {server_major} found; pass --pg-dump")


def ensure_migra(python: str) -> Path:
    """The migra executable of the cached virtualenv, created on first use."""
    migra = MIGRA_VENV / "bin" / "migra"
    marker = MIGRA_VENV / ".requirements"
    wanted = "\n".join(MIGRA_REQUIREMENTS)
    if migra.is_file() and marker.is_file() and marker.read_text() == wanted:
        return migra
    log(f"creating the migra virtualenv in {MIGRA_VENV}")
    shutil.rmtree(MIGRA_VENV, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(MIGRA_VENV)], check=True)
    subprocess.run([str(MIGRA_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    *MIGRA_REQUIREMENTS], check=True)
    marker.write_text(wanted)
    return migra


def diff_vs_migra(dfworx: str, migra: Path | None, from_url: str, to_url: str, shadow_url: str,
                  expected: tuple[int, int] | None, repeat: int) -> tuple[Timing, Timing | None, tuple[int, int]]:
    """`dfworx-db diff FROM TO --shadow-url SERVER` and `migra --unsafe FROM TO`, each run
    once and checked (non-empty; with `expected`, that many added `note` columns and
    changed policies), then timed interleaved: (dfworx-db, migra or None, their output
    lines)."""
    diff_argv = [dfworx, "diff", from_url, to_url, "--shadow-url", shadow_url]
    out = run_checked(diff_argv, (2,))
    found = (len(re.findall(r"ADD COLUMN note\b", out)), len(re.findall(r"^ALTER POLICY ", out, re.M)))
    if not out.strip() or expected is not None and found != expected:
        raise SystemExit(f"dfworx-db diff: expected {expected} (columns, policies), found {found}:\n{out[:2000]}")
    if not migra:
        return measure(timed(lambda: run_checked(diff_argv, (2,))), repeat), None, (len(out.splitlines()), 0)
    migra_argv = [str(migra), "--unsafe", sqlalchemy_url(from_url), sqlalchemy_url(to_url)]
    mout = run_checked(migra_argv, (2,))
    mfound = (len(re.findall(r'add column "note"', mout)), len(re.findall(r"^create policy ", mout, re.M)))
    if not mout.strip() or expected is not None and mfound != expected:
        raise SystemExit(f"migra: expected {expected} (columns, policies), found {mfound}:\n{mout[:2000]}")
    diff_t, migra_t = measure_pair(timed(lambda: run_checked(diff_argv, (2,))),
                                   timed(lambda: run_checked(migra_argv, (2,))), repeat)
    return diff_t, migra_t, (len(out.splitlines()), len(mout.splitlines()))


def diff_phases(from_url: str, to_url: str, shadow_url: str) -> dict[str, float]:
    """Seconds spent in each phase of what `dfworx-db diff --shadow-url` does, in this
    process (imports already done), step by step as the command takes them: one run, for
    the breakdown only."""
    from dfworx_db.diff import diff_catalogs
    from dfworx_db.diff.reconcile import expression_differences
    from dfworx_db.introspect.narrowed import introspect_pair
    from dfworx_db.pg.shadow import canonical
    from dfworx_db.render import render_migration

    phases: dict[str, float] = {}
    start = time.perf_counter()
    current, desired = introspect_pair(from_url, to_url)
    phases["connect + read both databases (in parallel; digests, dependents, then the tables that differ)"] = \
        time.perf_counter() - start
    phases["objects whose expressions are left to Postgres (diff.sameness)"] = expression_differences(current, desired)
    start = time.perf_counter()
    with canonical(current, desired, shadow_url) as current:
        phases["shadow: create, probe schema, probes"] = time.perf_counter() - start
        start = time.perf_counter()
        changes = diff_catalogs(current, desired)
        phases["diff_catalogs"] = time.perf_counter() - start
        start = time.perf_counter()
        render_migration(changes)
        phases["render_migration"] = time.perf_counter() - start
        start = time.perf_counter()
    phases["rest of the shadow's drop (it runs during diff and render)"] = time.perf_counter() - start
    return phases


# What `dfworx-db diff` imports: the command line, then (inside the command) its stages.
DIFF_MODULES = "dfworx_db.cli, dfworx_db.diff, dfworx_db.introspect, dfworx_db.pg.shadow, dfworx_db.render"


def import_seconds(python: str, module: str, repeat: int) -> Timing:
    """Interpreter start + `import module`, in a fresh process each time (-P: the package
    installed beside `python`, not the checkout in the working folder)."""
    return measure(timed(lambda: subprocess.run([python, "-P", "-c", f"import {module}"], check=True)), repeat)


def package_versions(python: Path, names: list[str]) -> dict[str, str]:
    code = ("import json, importlib.metadata as m; "
            f"print(json.dumps({{n: m.version(n) for n in {names!r}}}))")
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def peak_rss_kib() -> int:
    """This process's peak resident set, KiB: VmHWM on Linux (getrusage's ru_maxrss would
    carry the parent's peak over fork + exec), else ru_maxrss."""
    import resource
    try:
        return int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))
    except (OSError, AttributeError):
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss // 1024 if sys.platform == "darwin" else rss


def memory_probe(from_url: str, to_url: str, shadow_url: str) -> dict:
    """Introspect both, reconcile expressions through the shadow, diff and render, as
    `dfworx-db diff` does; report peak memory. Runs in a fresh child process."""
    import tracemalloc

    from dfworx_db.diff import diff_catalogs
    from dfworx_db.introspect import introspect
    from dfworx_db.pg import connect
    from dfworx_db.pg.shadow import canonical_current
    from dfworx_db.render import render_migration

    rss_before = peak_rss_kib()
    tracemalloc.start()
    with connect(from_url) as source, connect(to_url) as target:
        current, desired = introspect(source), introspect(target)
    changes = diff_catalogs(canonical_current(current, desired, shadow_url), desired)
    sql = render_migration(changes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"tracemalloc_peak": peak, "maxrss_kib": peak_rss_kib(),
            "maxrss_after_imports_kib": rss_before, "changes": len(changes), "sql_bytes": len(sql)}


# ---------------------------------------------------------------------------- report

def machine_description() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {"nproc": str(os.cpu_count()), "memory": memory, "cpu": cpu,
            "os": f"{platform.system()} {platform.release()}", "python": platform.python_version()}


def source_revision() -> str:
    """The git commit of the dfworx_db imported, and whether its tree had local changes."""
    import dfworx_db
    root = Path(dfworx_db.__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "dfworx_db"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{root} (not a git checkout)"
    return f"{root} at commit {head}" + (" with local changes in dfworx_db/" if dirty else "")


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=1000, help="tables of the main pair (default 1000)")
    parser.add_argument("--small-tables", type=int, help="tables of the query-count database (default tables/10)")
    parser.add_argument("--scale-tables", type=int, help="tables of the scaling database (default tables×5)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions of each measurement (default 3)")
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL,
                        help=f"a server where databases can be created (default {DEFAULT_SERVER_URL})")
    parser.add_argument("--pg-dump", help="pg_dump to compare with (default: the server's major version)")
    parser.add_argument("--dfworx-db", help="the dfworx-db executable (default: a regular install of the checkout, "
                        "benchmarks/installed.py)")
    parser.add_argument("--output", type=Path, default=CACHE / "bench_diff-results.md",
                        help="where the markdown results are written (default benchmarks/.cache/bench_diff-results.md)")
    parser.add_argument("--skip-migra", action="store_true", help="do not install nor run migra")
    parser.add_argument("--skip-scale", action="store_true", help="do not build the ×5 database")
    parser.add_argument("--keep", action="store_true", help="leave the databases in place")
    parser.add_argument("--memory-probe", nargs=3, metavar=("FROM", "TO", "SHADOW"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_probe:
        print(json.dumps(memory_probe(*args.memory_probe)))
        return 0

    from dfworx_db.pg import connect, drop_database

    tables = args.tables
    small = args.small_tables or max(4, tables // 10 // 4 * 4)
    scale = args.scale_tables or tables * 5
    load_start = os.getloadavg()
    command = "python benchmarks/bench_diff.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    with connect(args.server_url, autocommit=True) as conn:
        server_version = conn.execute("SELECT version()").fetchone()[0]
        server_major = conn.info.server_version // 10000
    pg_dump = find_pg_dump(args.pg_dump, server_major)
    dfworx = args.dfworx_db or str(installed_dfworx())
    migra = None if args.skip_migra else ensure_migra(sys.executable)

    names = {"a": f"{DB_PREFIX}{tables}_a", "b": f"{DB_PREFIX}{tables}_b", "small": f"{DB_PREFIX}{small}",
             "scale": f"{DB_PREFIX}{scale}", "fa": f"{DB_PREFIX}{tables}_fn_a", "fb": f"{DB_PREFIX}{tables}_fn_b"}
    if args.skip_scale:
        del names["scale"]
    rows: list[list[str]] = []
    notes: list[str] = []
    try:
        urls, builds = {}, {}
        for key, (count, modified, function) in {
                "a": (tables, False, False), "b": (tables, True, False), "small": (small, False, False),
                "scale": (scale, False, False), "fa": (tables, False, True), "fb": (tables, True, True)}.items():
            if key in names:
                log(f"building {names[key]} ({count} tables{', modified' if modified else ''}"
                    f"{', policies call public.bench_uid()' if function else ''})")
                urls[key], builds[key] = build_database(args.server_url, names[key], count, modified=modified,
                                                        caller_function=function)
                log(f"  built in {builds[key]:.1f} s")

        # a. introspection vs pg_dump
        log("a. introspect vs pg_dump --schema-only")
        intro, dump = measure_pair(
            introspection(urls["a"]),
            timed(lambda: run_checked([pg_dump, "--schema-only", "-f", os.devnull, "-d", urls["a"]], (0,))),
            args.repeat)
        ratio_a = intro.best / dump.best
        rows.append([f"a. introspect `{names['a']}` vs `pg_dump --schema-only`", intro.cell(), dump.cell(),
                     f"{ratio_a:.2f}× ({intro.median / dump.median:.2f}×)", "introspect/pg_dump ≤ 1.0×",
                     verdict(ratio_a <= 1.0)])

        # b. dfworx-db diff (CLI) vs migra
        log("b. dfworx-db diff vs migra")
        added, altered = expected = bench1000.expected_changes(tables)
        diff_t, migra_t, lines = diff_vs_migra(dfworx, migra, urls["a"], urls["b"], args.server_url, expected,
                                               args.repeat)
        if migra_t:
            ratio_b = migra_t.best / diff_t.best
            rows.append([f"b. `dfworx-db diff A B --shadow-url SERVER` vs `migra --unsafe A B` ({tables} tables, {added} columns + {altered} "
                         "policies differ)", diff_t.cell(), migra_t.cell(),
                         f"{ratio_b:.2f}× ({migra_t.median / diff_t.median:.2f}×)", "migra/dfworx ≥ 4×",
                         verdict(ratio_b >= 4.0)])
            notes.append(f"b. both outputs verified non-empty, each with {added} added columns and {altered} "
                         f"changed policies; dfworx-db {lines[0]} lines, migra {lines[1]} lines.")
        else:
            rows.append(["b. `dfworx-db diff` (migra skipped)", diff_t.cell(), "—", "—", "migra/dfworx ≥ 4×", "—"])

        # reported, no target: the cases the narrowed read is slowest in
        for label, pair, wanted in (
                ("policies call a function of the user (`public.bench_uid()`, as Supabase's `auth.uid()`)",
                 ("fa", "fb"), expected),
                (f"{tables - small} of {tables} tables added: the {small}-table database diffed into "
                 f"the {tables}-table one", ("small", "a"), None)):
            log(f"b. (reported) {label}")
            variant_t, variant_migra, _ = diff_vs_migra(dfworx, migra, urls[pair[0]], urls[pair[1]],
                                                        args.server_url, wanted, args.repeat)
            ratio = f"{variant_migra.best / variant_t.best:.2f}× ({variant_migra.median / variant_t.median:.2f}×)" \
                if variant_migra else "—"
            rows.append([f"b. (reported) {label}", variant_t.cell(), variant_migra.cell() if variant_migra else "—",
                         ratio, "(reported)", "—"])

        # where the time of `dfworx-db diff` goes
        log("b. phases of dfworx-db diff")
        phases = diff_phases(urls["a"], urls["b"], args.server_url)
        start_up = import_seconds(str(Path(dfworx).parent / "python"), DIFF_MODULES, args.repeat)
        notes.append("b. where `dfworx-db diff` spends its time (one in-process run; interpreter start + "
                     f"`import {DIFF_MODULES}` measured apart, best of {args.repeat}): start-up and imports "
                     f"{start_up.best:.2f} s; " + "; ".join(
                         f"{k} {v:.2f} s" if isinstance(v, float) else f"{k}: {v}" for k, v in phases.items()) + ".")
        log("b. dfworx-db diff with the default (throw-away local) shadow, once")
        default_argv = [dfworx, "diff", urls["a"], urls["b"]]
        start = time.perf_counter()
        proc = subprocess.run(default_argv, capture_output=True, text=True)
        took = time.perf_counter() - start
        if proc.returncode == 2:
            notes.append(f"b. `dfworx-db diff A B` without --shadow-url (throw-away local server): {took:.2f} s, "
                         "exit 2 as expected.")
        else:
            first = (proc.stderr.strip().splitlines() or ["(no message)"])[0]
            notes.append(f"b. `dfworx-db diff A B` without --shadow-url (throw-away local server) fails: exit "
                         f"{proc.returncode} after {took:.2f} s, `{first}` — hence --shadow-url in the row above.")

        # c. statements per introspection
        log("c. introspection statement counts")
        small_count, small_msgs = count_introspection_statements(urls["small"])
        big_count, big_msgs = count_introspection_statements(urls["a"])
        rows.append([f"c. statements sent by `introspect` at {tables} vs {small} tables",
                     f"{big_count} ({big_msgs} protocol queries incl. BEGIN/ROLLBACK)",
                     f"{small_count} ({small_msgs} protocol queries)",
                     "identical" if (small_count, small_msgs) == (big_count, big_msgs) else "differ",
                     "identical counts", verdict((small_count, small_msgs) == (big_count, big_msgs))])

        # d. scaling
        if "scale" in urls:
            log(f"d. introspection at {scale} tables")
            intro_scale, intro_base = measure_pair(introspection(urls["scale"]), introspection(urls["a"]),
                                                   args.repeat)
            ratio_d = intro_scale.best / intro_base.best
            rows.append([f"d. introspect {scale} vs {tables} tables", intro_scale.cell(), intro_base.cell(),
                         f"{ratio_d:.2f}× ({intro_scale.median / intro_base.median:.2f}×)",
                         f"≤ {scale / tables * 1.1:.1f}×", verdict(ratio_d <= scale / tables * 1.1)])

        # memory
        log("memory of introspect + diff")
        probe = subprocess.run([sys.executable, __file__, "--memory-probe", urls["a"], urls["b"], args.server_url],
                               capture_output=True, text=True, check=True)
        mem = json.loads(probe.stdout.strip().splitlines()[-1])
        rows.append([f"peak memory, introspect ×2 + diff + render at {tables} tables",
                     f"{mem['tracemalloc_peak'] / 2**20:.1f} MiB Python heap (tracemalloc); "
                     f"{mem['maxrss_kib'] / 1024:.1f} MiB max RSS", "—", "—", "(reported)", "—"])
        notes.append(f"memory: max RSS after imports alone {mem['maxrss_after_imports_kib'] / 1024:.1f} MiB; "
                     f"{mem['changes']} changes rendered into {mem['sql_bytes']} bytes of SQL.")
        notes.append("builds: " + ", ".join(f"{names[k]} {builds[k]:.1f} s" for k in names) + ".")
    finally:
        if not args.keep:
            for name in names.values():
                drop_database(args.server_url, name)

    machine = machine_description()
    migra_versions = package_versions(MIGRA_VENV / "bin" / "python", ["migra", "schemainspect", "sqlbag",
                                                                     "SQLAlchemy", "psycopg2-binary"]) if migra else {}
    dfworx_version = package_versions(Path(sys.executable), ["dfworx-db", "psycopg"])
    header = [
        f"- date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {machine['nproc']} CPUs ({machine['cpu']}), {machine['memory']} RAM, {machine['os']}",
        f"- server: {server_version}",
        f"- load average (1/5/15 min) at start {' / '.join(f'{x:.2f}' for x in load_start)}, at end "
        f"{' / '.join(f'{x:.2f}' for x in os.getloadavg())} (the server and the clients share the machine)",
        f"- client: Python {machine['python']}, "
        + ", ".join(f"{k} {v}" for k, v in dfworx_version.items())
        + f"; {Path(pg_dump).name} from {Path(pg_dump).parent}"
        + ("; " + ", ".join(f"{k} {v}" for k, v in migra_versions.items()) if migra_versions else ""),
        f"- dfworx-db source: {source_revision()}",
        f"- command: `{command.strip()}` (repeat {args.repeat}; total run {time.perf_counter() - started:.0f} s)",
    ]
    table = ["| measurement | dfworx-db (best / median) | reference (best / median) | ratio best (median) "
             "| target | result |", "|---|---|---|---|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    text = "\n".join(header) + "\n\n" + "\n".join(table) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    log(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
