"""gen types on the bench1000 schema: TypeScript and Python from a live database.

Builds bench1000 (benchmarks/bench1000.py, 1,000 tables in four schemas) and times, in
one process and interleaved with the peer, generating both languages from it:
reading the database (introspection plus the codegen queries) and writing each
language. The peer is `pg_dump --schema-only` on the same database: the floor for
reading a schema out of Postgres, in the same run on the same machine. The end-to-end
command (`dfworx-db gen types --lang … --db-url …`, process start included) is timed too.

    python benchmarks/bench_gen.py [--tables 1000] [--repeat 5] [--server-url URL]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_diff import (DB_PREFIX, DEFAULT_SERVER_URL, Timing, build_database, find_pg_dump, fmt_s,  # noqa: E402
                        log, measure_pair, timed)

import bench1000  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    args = parser.parse_args(argv)

    from dfworx_db.codegen.generate import model_from_database
    from dfworx_db.codegen.python import write_python
    from dfworx_db.codegen.settings import TypesSettings
    from dfworx_db.codegen.typescript import write_typescript
    from dfworx_db.pg import connect, drop_database

    with connect(args.server_url, autocommit=True) as conn:
        server = conn.execute("SELECT version()").fetchone()[0]
        major = conn.info.server_version // 10000
    pg_dump = find_pg_dump(None, major)
    name = f"{DB_PREFIX}{args.tables}_gen"
    log(f"building {name} ({args.tables} tables)")
    url, _ = build_database(args.server_url, name, args.tables)
    settings = TypesSettings(schemas=bench1000.SCHEMAS)
    outputs: dict[str, int] = {}

    def both() -> None:
        model = model_from_database(url, settings)
        outputs["typescript"] = len(write_typescript(model))
        outputs["python"] = len(write_python(model))

    phases: dict[str, float] = {}

    def phased() -> None:
        start = time.perf_counter()
        model = model_from_database(url, settings)
        read = time.perf_counter()
        write_typescript(model)
        ts = time.perf_counter()
        write_python(model)
        phases.update(read=read - start, typescript=ts - read, python=time.perf_counter() - ts)

    dump = [pg_dump, "--schema-only", "--dbname", url, "--file", os.devnull]
    ours, peer = measure_pair(timed(both), timed(lambda: subprocess.run(dump, check=True)), args.repeat)
    phased()
    cli = str(Path(sys.executable).parent / "dfworx-db")
    schemas = [a for s in bench1000.SCHEMAS for a in ("--schema", s)]
    folder = tempfile.mkdtemp(prefix="bench-gen-")
    commands = {lang: [cli, "gen", "types", "--lang", lang, "--db-url", url, *schemas] for lang in ("typescript", "python")}
    commands["typescript --lang python --out DIR"] = [cli, "gen", "types", "--lang", "typescript", "--lang", "python",
                                                      "--out", folder, "--db-url", url, *schemas]
    end_to_end = {lang: Timing([timed(lambda c=c: subprocess.run(c, check=True, stdout=subprocess.DEVNULL,
                                                                 stderr=subprocess.DEVNULL))()
                                for _ in range(args.repeat)]) for lang, c in commands.items()}
    shutil.rmtree(folder)
    if not args.keep:
        drop_database(args.server_url, name)

    print(f"Server: {server.split(',')[0]}; {args.tables} tables; best / median of {args.repeat} runs; "
          f"load average {os.getloadavg()[0]:.2f}.\n")
    print("| measurement | time |\n|---|---|")
    print(f"| gen types, both languages, in process (read + TypeScript + Python) | {ours.cell()} |")
    print(f"| peer: pg_dump --schema-only | {peer.cell()} |")
    print(f"| ratio dfworx-db / pg_dump (best) | {ours.best / peer.best:.2f}× |")
    print(f"| phases of one run: read the database / write TypeScript / write Python | "
          f"{fmt_s(phases['read'])} / {fmt_s(phases['typescript'])} / {fmt_s(phases['python'])} |")
    for lang, timing in end_to_end.items():
        print(f"| `dfworx-db gen types --lang {lang} --db-url …` (process start included) | {timing.cell()} |")
    print(f"\nOutput: TypeScript {outputs['typescript'] // 1024} KiB, Python {outputs['python'] // 1024} KiB.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
