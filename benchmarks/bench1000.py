"""The "bench1000" schema of the diff-engine benchmark, as deterministic SQL.

`schema_sql(tables)` is the original; `schema_sql(tables, modified=True)` is the copy
that 1 in 50 tables differs from: table i (0-based, counted across all schemas) gains a
column when i % 50 == 0 and its policy changes its USING expression when i % 50 == 25.
Nothing is random: the same arguments always give byte-identical SQL.

Every table has
  - a primary key, alternately `uuid default gen_random_uuid()` and
    `bigint generated always as identity`;
  - 9 more columns of mixed types (uuid, bigint, text, numeric, varchar, timestamptz,
    jsonb, boolean) and a CHECK constraint;
  - a foreign key `parent_id` to the previous table of the same schema (the first table
    of a schema references itself);
  - two indexes: a plain one on the foreign key, and a partial, covering one with a
    DESC key: `(created_at DESC) INCLUDE (name, amount) WHERE is_active`;
  - row-level security enabled and one policy for `bench_reader`, comparing a column to
    the caller's id read from `current_setting('request.jwt.claim.sub', true)`;
  - SELECT, INSERT granted to the role `bench_reader`;
  - a BEFORE UPDATE trigger calling the shared function `public.bench_touch()`.

The tables are spread evenly over four schemas (bench_a … bench_d: 250 each at 1,000).

Run as a script to print the SQL:
    python benchmarks/bench1000.py [--tables 1000] [--modified]
"""

from __future__ import annotations

import argparse
import sys

SCHEMAS = ("bench_a", "bench_b", "bench_c", "bench_d")
ROLE = "bench_reader"
CHANGE_EVERY = 50
NEW_COLUMN_AT = 0      # i % 50 == 0: the modified copy adds a column
NEW_POLICY_AT = 25     # i % 50 == 25: the modified copy changes the policy's USING

ROLE_SQL = f"""\
DO $role$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{ROLE}') THEN
    CREATE ROLE {ROLE} NOLOGIN;
  END IF;
END
$role$;
"""

FUNCTION_SQL = """\
CREATE FUNCTION public.bench_touch() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$;
"""

CALLER = "NULLIF(current_setting('request.jwt.claim.sub', true), '')::uuid"
# The variant whose policies call a function of the user, as Supabase's auth.uid().
CALLER_FUNCTION = "public.bench_uid()"
CALLER_FUNCTION_SQL = f"""\
CREATE FUNCTION public.bench_uid() RETURNS uuid LANGUAGE sql STABLE AS $fn$ SELECT {CALLER} $fn$;
"""


def layout(tables: int) -> list[tuple[str, int]]:
    """(schema, index within the schema) of every table, in global order."""
    if tables < len(SCHEMAS) or tables % len(SCHEMAS):
        raise ValueError(f"--tables must be a positive multiple of {len(SCHEMAS)}, not {tables}")
    per_schema = tables // len(SCHEMAS)
    return [(schema, k) for schema in SCHEMAS for k in range(per_schema)]


def table_name(k: int) -> str:
    return f"t{k:05d}"


def pk_is_uuid(k: int) -> bool:
    return k % 2 == 0


def pk_type(k: int) -> str:
    return "uuid" if pk_is_uuid(k) else "bigint"


def table_sql(schema: str, k: int, i: int, *, modified: bool, caller_function: bool = False) -> str:
    """The statements of table k of `schema` (i: its position across all schemas)."""
    name = table_name(k)
    qname = f"{schema}.{name}"
    parent = k - 1 if k else k
    pk = ("id uuid DEFAULT gen_random_uuid() PRIMARY KEY" if pk_is_uuid(k)
          else "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
    extra = ",\n  note text" if modified and i % CHANGE_EVERY == NEW_COLUMN_AT else ""
    caller = CALLER_FUNCTION if caller_function else CALLER
    using = f"owner_id = {caller}"
    if modified and i % CHANGE_EVERY == NEW_POLICY_AT:
        using = f"(owner_id = {caller}) AND is_active"
    return f"""\
CREATE TABLE {qname} (
  {pk},
  parent_id {pk_type(parent)} REFERENCES {schema}.{table_name(parent)} (id) ON DELETE CASCADE,
  owner_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) > 0),
  amount numeric(12,2) NOT NULL DEFAULT 0,
  status varchar(20) NOT NULL DEFAULT 'new',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  payload jsonb,
  is_active boolean NOT NULL DEFAULT true{extra}
);
CREATE INDEX {name}_parent_idx ON {qname} (parent_id);
CREATE INDEX {name}_recent_active_idx ON {qname} (created_at DESC) INCLUDE (name, amount) WHERE is_active;
ALTER TABLE {qname} ENABLE ROW LEVEL SECURITY;
CREATE POLICY {name}_owner_read ON {qname} FOR SELECT TO {ROLE} USING ({using});
GRANT SELECT, INSERT ON {qname} TO {ROLE};
CREATE TRIGGER {name}_touch BEFORE UPDATE ON {qname} FOR EACH ROW EXECUTE FUNCTION public.bench_touch();
"""


def preamble_sql(caller_function: bool = False) -> str:
    """The role (cluster-wide, created only if missing), the schemas and the shared functions."""
    schemas = "".join(f"CREATE SCHEMA {s};\nGRANT USAGE ON SCHEMA {s} TO {ROLE};\n" for s in SCHEMAS)
    return ROLE_SQL + schemas + FUNCTION_SQL + (CALLER_FUNCTION_SQL if caller_function else "")


def table_batches(tables: int, *, modified: bool = False, caller_function: bool = False,
                  batch: int = 250) -> list[str]:
    """The table statements cut into scripts of at most `batch` tables, in order (each
    one can run in its own transaction; see `schema_batches`)."""
    statements = [table_sql(schema, k, i, modified=modified, caller_function=caller_function)
                  for i, (schema, k) in enumerate(layout(tables))]
    return ["".join(statements[j:j + batch]) for j in range(0, len(statements), batch)]


def schema_batches(tables: int, *, modified: bool = False, caller_function: bool = False,
                   batch: int = 250) -> list[str]:
    """The whole schema as scripts to run one transaction each: the preamble first. With
    `caller_function`, the policies call `public.bench_uid()` instead of reading the
    setting themselves.

    Why batches: every relation created in a transaction stays locked until it commits,
    and one table here is 6 relations (heap, toast table, toast index, primary key, two
    indexes); the shared lock table holds about max_locks_per_transaction × max_connections
    entries (64 × 100 by default), so 5,000 tables in one transaction fail with "out of
    shared memory". Batches of 250 are also faster than one transaction at 1,000 tables
    (4.6 s against 8.9 s here): DDL slows down as its transaction grows.
    """
    return [preamble_sql(caller_function)] + table_batches(tables, modified=modified,
                                                           caller_function=caller_function, batch=batch)


def schema_sql(tables: int = 1000, *, modified: bool = False, caller_function: bool = False) -> str:
    """The whole schema as one script."""
    return "".join(schema_batches(tables, modified=modified, caller_function=caller_function))


def expected_changes(tables: int) -> tuple[int, int]:
    """(columns added, policies changed) between the original and the modified copy."""
    positions = range(tables)
    return (sum(1 for i in positions if i % CHANGE_EVERY == NEW_COLUMN_AT),
            sum(1 for i in positions if i % CHANGE_EVERY == NEW_POLICY_AT))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print the bench1000 schema SQL.")
    parser.add_argument("--tables", type=int, default=1000, help="number of tables (multiple of 4)")
    parser.add_argument("--modified", action="store_true", help="the modified copy")
    parser.add_argument("--caller-function", action="store_true",
                        help="policies call public.bench_uid() (as Supabase's auth.uid())")
    args = parser.parse_args(argv)
    sys.stdout.write(schema_sql(args.tables, modified=args.modified, caller_function=args.caller_function))


if __name__ == "__main__":
    main()
