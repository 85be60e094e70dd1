"""Row-level security: tables the API can read without it, and policies that recurse, run
per row, overlap, allow everything or trust what the user can write."""

from __future__ import annotations

from ...catalog import Policy, QualifiedName
from ..findings import rule
from ..nodes import Facts, is_true
from ..schema import SchemaContext, schema_check

RLS_DISABLED = rule(
    "rls-disabled-in-exposed-schema", "schema", "error",
    "table in a schema the Data API exposes, without row-level security",
    """Supabase's Data API (PostgREST) serves every table of an exposed schema to anyone holding
    the anon key, which ships inside every client. Without RLS, whatever the table's grants
    allow is allowed to everybody (Supabase lint 0013 rls_disabled_in_public).""",
    "`ALTER TABLE … ENABLE ROW LEVEL SECURITY` and add policies (or move the table to a schema "
    "the API does not expose)")

POLICY_WITHOUT_RLS = rule(
    "policy-without-rls", "schema", "error",
    "policies on a table whose row-level security is disabled",
    """Policies do nothing until RLS is enabled on their table: the table looks protected in the
    migration and is open in the database (Supabase lint 0007 policy_exists_rls_disabled).""",
    "`ALTER TABLE … ENABLE ROW LEVEL SECURITY`")

RLS_WITHOUT_POLICY = rule(
    "rls-without-policy", "schema", "info",
    "row-level security enabled with no policy",
    """With RLS enabled and no policy, every role except the owner and service_role sees no
    rows and can write none. Sometimes intended (a table only the service uses), often a
    forgotten policy (Supabase lint 0008 rls_enabled_no_policy).""",
    "add the policies the API roles need, or ignore the finding for service-only tables")

POLICY_RECURSION = rule(
    "policy-recursion", "schema", "error",
    "policy that reads its own table (infinite recursion, SQLSTATE 42P17)",
    """A policy's sub-select of a table with RLS is itself filtered by that table's policies. A
    policy on T that selects from T (directly, or through another table whose policy selects
    from T) makes every query on T fail with "infinite recursion detected in policy for
    relation" at query time: CREATE POLICY accepts it.""",
    "move the lookup into a SECURITY DEFINER function with `SET search_path = ''` in a schema "
    "the API does not expose, and call it from the policy: `(select private.user_org_ids())`")

AUTH_PER_ROW = rule(
    "auth-call-per-row", "schema", "warning",
    "auth.uid() / auth.jwt() / current_setting() called per row in a policy",
    """Written bare, auth.uid() is called for every row the query scans. Wrapped in a
    sub-select, `(select auth.uid())`, Postgres runs it once per statement (an InitPlan); on
    large tables this is the difference between milliseconds and seconds (Supabase lint 0003
    auth_rls_initplan).""",
    "write `(select auth.uid())` instead of `auth.uid()`")

MULTIPLE_PERMISSIVE = rule(
    "multiple-permissive-policies", "schema", "warning",
    "several permissive policies for the same role and command",
    """Permissive policies are OR-ed: Postgres evaluates every one of them for every row. Two
    policies for the same role and command cost twice, and the combined rule is harder to read
    than one policy (Supabase lint 0006 multiple_permissive_policies).""",
    "merge them into one policy per role and command (`using (a or b)`), or make one RESTRICTIVE")

ALWAYS_TRUE = rule(
    "permissive-write-policy", "schema", "error",
    "INSERT/UPDATE/DELETE policy whose USING or WITH CHECK is always true",
    """A write policy that is `true` lets every role it names insert, change or delete any row:
    row-level security is switched off for writes (Supabase lint 0024 rls_policy_always_true).""",
    "compare the row with the caller, e.g. `with check (user_id = (select auth.uid()))`")

USER_METADATA = rule(
    "policy-reads-user-metadata", "schema", "error",
    "policy that trusts user_metadata from the JWT",
    """`user_metadata` (raw_user_meta_data) is written by the user through supabase.auth.updateUser():
    a policy that reads a role, tenant or flag from it lets users grant themselves access
    (Supabase lint 0015 rls_references_user_metadata).""",
    "read authorization data from `app_metadata` (only the service can write it) or from a table")

AUTH_FUNCTIONS = frozenset({"auth.uid", "auth.jwt", "auth.role", "auth.email", "current_setting"})
WRITE_COMMANDS = ("insert", "update", "delete", "all")
COMMANDS = ("select", "insert", "update", "delete")


def _facts(policy: Policy, ctx: SchemaContext) -> list[Facts]:
    return [ctx.expressions.facts(policy.using), ctx.expressions.facts(policy.with_check)]


def _label(policy: Policy) -> str:
    return f'policy "{policy.name}" on {policy.table}'


@schema_check
def row_level_security(ctx: SchemaContext) -> None:
    for table in ctx.catalog.tables:
        policies = ctx.policies.get(table.name, [])
        if table.partition_of is not None:
            continue  # a partition is reached through its parent, whose RLS applies
        if not table.rls_enabled and policies:
            ctx.report(POLICY_WITHOUT_RLS, f"{table.name} has {len(policies)} polic{'y' if len(policies) == 1 else 'ies'} "
                                           "but row-level security is disabled", table, str(table.name))
        elif not table.rls_enabled and table.name.schema in ctx.exposed:
            ctx.report(RLS_DISABLED, f"{table.name} is in the exposed schema {table.name.schema} without "
                                     "row-level security", table, str(table.name))
        elif table.rls_enabled and not policies:
            ctx.report(RLS_WITHOUT_POLICY, f"{table.name} has row-level security but no policy", table,
                       str(table.name))


def _reads(policy: Policy, ctx: SchemaContext) -> set[QualifiedName]:
    return {name for facts in _facts(policy, ctx) for name in facts.relations}


@schema_check
def recursion(ctx: SchemaContext) -> None:
    """A policy recurses when its table is reachable from the tables it reads, following
    the reads of the policies of tables whose RLS is enabled."""
    protected = {name for name, table in ctx.tables.items() if table.rls_enabled}
    edges = {name: set() for name in protected}
    reads = []  # (policy, protected tables it reads): a list, hashing whole policies is slow
    for policy in ctx.catalog.policies:
        reads.append((policy, _reads(policy, ctx) & protected))
        if policy.table in edges:
            edges[policy.table] |= reads[-1][1]
    for policy, targets in reads:
        if policy.table not in protected:
            continue
        path = _path(targets, policy.table, edges)
        if path is not None:
            through = "" if path == [policy.table] else f" through {' → '.join(str(p) for p in path[:-1])}"
            ctx.report(POLICY_RECURSION, f"{_label(policy)} selects from {policy.table}{through}: every query on "
                                         "it fails with infinite recursion (42P17)", policy, _label(policy))


def _path(starts: set[QualifiedName], goal: QualifiedName, edges: dict) -> list[QualifiedName] | None:
    """A shortest chain of tables from one of `starts` to `goal` (breadth first)."""
    frontier = [[s] for s in sorted(starts)]
    seen = set(starts)
    while frontier:
        next_frontier = []
        for path in frontier:
            if path[-1] == goal:
                return path
            for target in sorted(edges.get(path[-1], ())):
                if target not in seen:
                    seen.add(target)
                    next_frontier.append([*path, target])
        frontier = next_frontier
    return None


@schema_check
def per_row_calls(ctx: SchemaContext) -> None:
    for policy in ctx.catalog.policies:
        calls = sorted({name for facts in _facts(policy, ctx) for name in facts.per_row_calls} & AUTH_FUNCTIONS)
        if calls:
            ctx.report(AUTH_PER_ROW, f"{_label(policy)} calls {', '.join(c + '()' for c in calls)} for every row",
                       policy, _label(policy))


@schema_check
def permissive_overlap(ctx: SchemaContext) -> None:
    for table, policies in ctx.policies.items():
        permissive = [p for p in policies if p.permissive]
        roles = sorted({r for p in permissive for r in p.roles})
        for command in COMMANDS:
            for role in roles:
                applying = [p for p in permissive if p.command in (command, "all")
                            and (role in p.roles or "public" in p.roles)]
                if len(applying) > 1:
                    names = ", ".join(f'"{p.name}"' for p in applying)
                    ctx.report(MULTIPLE_PERMISSIVE, f"{table}: {len(applying)} permissive {command.upper()} policies "
                                                    f"apply to {role}: {names}", applying[-1], str(table))


@schema_check
def always_true(ctx: SchemaContext) -> None:
    for policy in ctx.catalog.policies:
        if not policy.permissive or policy.command not in WRITE_COMMANDS or set(policy.roles) <= {"service_role"}:
            continue
        trees = [ctx.expressions.expression(policy.using) if policy.command != "insert" else None,
                 ctx.expressions.expression(policy.with_check) if policy.command != "delete" else None]
        if any(is_true(tree) for tree in trees):
            ctx.report(ALWAYS_TRUE, f"{_label(policy)} lets {', '.join(policy.roles)} {policy.command} any row",
                       policy, _label(policy))


@schema_check
def user_metadata(ctx: SchemaContext) -> None:
    for policy in ctx.catalog.policies:
        words = {word for facts in _facts(policy, ctx) for word in facts.strings}
        if {"user_metadata", "raw_user_meta_data"} & words:
            ctx.report(USER_METADATA, f"{_label(policy)} reads user_metadata, which users can change themselves",
                       policy, _label(policy))
