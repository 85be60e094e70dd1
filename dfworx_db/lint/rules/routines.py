"""Functions, views and extensions that hand the API more than the caller may have."""

from __future__ import annotations

from ...catalog import QualifiedName
from ..findings import rule
from ..schema import SchemaContext, schema_check

DEFINER_SEARCH_PATH = rule(
    "definer-search-path", "schema", "error",
    "SECURITY DEFINER function without a fixed search_path",
    """A SECURITY DEFINER function runs with its owner's rights but resolves unqualified names
    through the caller's search_path: a caller who can create a table, function or operator
    in a schema on that path makes the function use theirs, with the owner's rights
    (CVE-2018-1058; Supabase lint 0011 function_search_path_mutable).""",
    "add `SET search_path = ''` and schema-qualify every name in the body")

SEARCH_PATH_MUTABLE = rule(
    "function-search-path-mutable", "schema", "warning",
    "function without a fixed search_path",
    """Without `SET search_path`, what the function's unqualified names mean depends on the
    caller's session: the function can break, or silently use another schema's objects, when
    it runs from a trigger, a policy or another role (Supabase lint 0011).""",
    "add `SET search_path = ''` and schema-qualify every name in the body")

DEFINER_EXPOSED = rule(
    "definer-exposed", "schema", "error",
    "SECURITY DEFINER function in an exposed schema that anon or authenticated can execute",
    """PostgREST publishes every function of an exposed schema as /rpc/<name>. A SECURITY
    DEFINER function runs with its owner's rights, bypassing RLS: anyone with the anon key
    (or any signed-in user) can call it directly with arguments of their choice (Supabase
    lints 0028/0029 anon/authenticated_security_definer_function_executable).""",
    "move the function to a schema the API does not expose (e.g. `private`), or "
    "`REVOKE EXECUTE … FROM PUBLIC, anon, authenticated`; or make it SECURITY INVOKER")

VIEW_DEFINER = rule(
    "view-security-definer", "schema", "error",
    "view without security_invoker over tables with row-level security",
    """A view runs with its owner's rights unless it is created `WITH (security_invoker = true)`
    (PostgreSQL 15+): the owner is usually not subject to RLS, so the view returns every row
    of the tables it reads to anyone allowed to select from it (Supabase lint 0010
    security_definer_view).""",
    "`CREATE VIEW … WITH (security_invoker = true) AS …`")

AUTH_USERS_EXPOSED = rule(
    "auth-users-exposed", "schema", "error",
    "view in an exposed schema that reads auth.users",
    """auth.users holds every user's e-mail, phone and sign-in data. A view over it in an
    exposed schema publishes it through the Data API (Supabase lint 0002
    auth_users_exposed).""",
    "keep the columns you need in a table of your own (filled by a trigger) with RLS, or put "
    "the view in a schema the API does not expose")

EXTENSION_IN_PUBLIC = rule(
    "extension-in-public", "schema", "warning",
    "extension installed in the public schema",
    """Extensions in `public` put their functions, types and tables into the schema the API
    exposes and every role searches, and they clutter generated types. Supabase installs
    extensions in the `extensions` schema (Supabase lint 0014 extension_in_public).""",
    "`CREATE EXTENSION … WITH SCHEMA extensions`")

UNTRUSTED_LANGUAGES = frozenset({"c", "internal"})


def _search_path_fixed(config: tuple[tuple[str, str], ...]) -> bool:
    return any(name == "search_path" for name, _ in config)


@schema_check
def functions(ctx: SchemaContext) -> None:
    for function in ctx.catalog.functions:
        if function.language in UNTRUSTED_LANGUAGES:
            continue
        label = f"function {function.name}()"
        if not _search_path_fixed(function.config):
            if function.security_definer:
                ctx.report(DEFINER_SEARCH_PATH, f"{label} is SECURITY DEFINER without SET search_path", function,
                           label)
            else:
                ctx.report(SEARCH_PATH_MUTABLE, f"{label} has no SET search_path", function, label)
        # PostgREST publishes no trigger function (it cannot be called directly).
        if function.security_definer and function.name.schema in ctx.exposed and function.returns != "trigger":
            callers = ctx.executable_by_api(function.name)
            if callers:
                ctx.report(DEFINER_EXPOSED, f"{label} is SECURITY DEFINER, exposed as /rpc/{function.name.name} and "
                                            f"executable by {', '.join(callers)}", function, label)


@schema_check
def views(ctx: SchemaContext) -> None:
    for view in ctx.catalog.views:
        reads = ctx.expressions.facts(view.query, query=True).relations
        exposed = view.name.schema in ctx.exposed
        label = f"view {view.name}"
        if exposed and QualifiedName("auth", "users") in reads:
            ctx.report(AUTH_USERS_EXPOSED, f"{label} exposes auth.users through the Data API", view, label)
        protected = sorted(str(n) for n in reads if n in ctx.tables and ctx.tables[n].rls_enabled)
        if not view.materialized and not view.security_invoker and protected:
            ctx.report(VIEW_DEFINER, f"{label} reads {', '.join(protected)} with its owner's rights, bypassing "
                                     "their row-level security", view, label)


@schema_check
def extensions(ctx: SchemaContext) -> None:
    for extension in ctx.catalog.extensions:
        if (extension.schema or "public") == "public":
            ctx.report(EXTENSION_IN_PUBLIC, f"extension {extension.name} is installed in public", extension,
                       f"extension {extension.name}")
