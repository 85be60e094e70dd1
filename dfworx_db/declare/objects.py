"""Schemas, extensions, enums, functions and views, from validated specs to Catalog objects."""

from __future__ import annotations

from dataclasses import replace

from ..catalog import (Argument, Collation, EnumType, Extension, Function, Grant, QualifiedName, Schema,
                       Sequence, View)
from ..catalog.builtin import public_schema, public_usage
from ..expressions import expression_error
from .context import FileContext
from .format import (ArgumentSpec, CollationSpec, EnumSpec, ExtensionSpec, FunctionSpec, SchemaSpec, SequenceSpec,
                     ViewSpec)
from .shorthand import ShorthandError, parse_argument, parse_returns


def build_schema(ctx: FileContext, name: str, spec: SchemaSpec | None) -> tuple[Schema, list[Grant]]:
    path = ("schemas", name)
    ctx.identifier(name, path, "schema")
    spec = spec or SchemaSpec()
    schema = Schema(name=name, comment=spec.comment, source=ctx.at(path, key=True))
    if name == "public" and spec.comment is None:
        schema = replace(schema, comment=public_schema().comment)
    grants = ctx.grants(spec.grants, path + ("grants",), "schema", QualifiedName(name, name))
    if name == "public" and not any(g.grantee == "public" for g in grants):
        grants.append(public_usage(ctx.at(path, key=True)))
    return schema, grants


def build_extension(ctx: FileContext, name: str, spec: ExtensionSpec | None) -> Extension:
    path = ("extensions", name)
    ctx.identifier(name, path, "extension")
    spec = spec or ExtensionSpec()
    return Extension(name=name, schema=spec.schema_, version=spec.version, comment=spec.comment,
                     source=ctx.at(path, key=True))


def build_enum(ctx: FileContext, key: str, spec: EnumSpec | list[str]) -> EnumType:
    path = ("enums", key)
    spec = spec if isinstance(spec, EnumSpec) else EnumSpec(values=spec)
    values_path = path if isinstance(spec, list) else path + ("values",)
    if not spec.values:
        ctx.problem("an enum needs at least one value", values_path)
    seen: set[str] = set()
    for i, value in enumerate(spec.values):
        if value in seen:
            ctx.problem(f"the enum value {value!r} is listed twice", values_path + (i,))
        seen.add(value)
        if len(value.encode()) > 63:
            ctx.problem(f"the enum value {value!r} is longer than 63 bytes", values_path + (i,))
    return EnumType(name=ctx.qualified(key, path, "enum"), values=tuple(spec.values), comment=spec.comment,
                    source=ctx.at(path, key=True))


def build_function(ctx: FileContext, key: str, spec: FunctionSpec) -> tuple[Function, list[Grant]]:
    path = ("functions", key)
    name = ctx.qualified(key.split("(", 1)[0], path, "function")
    arguments = []
    for i, raw in enumerate(spec.arguments):
        apath = path + ("arguments", i)
        if isinstance(raw, str):
            try:
                raw = ArgumentSpec.model_validate(parse_argument(raw))
            except ShorthandError as err:
                ctx.problem(f"invalid argument {raw!r}: {err}", apath, "write 'name type [default expr]'",
                            offset=err.offset)
                continue
        arguments.append(Argument(name=raw.name, type=ctx.sql_type(raw.type, apath), mode=raw.mode,
                                  default=ctx.expression(raw.default, apath, "argument default")))
    returns_table: tuple[Argument, ...] = ()
    if isinstance(spec.returns, dict):
        returns = ""
        returns_table = tuple(Argument(name=ctx.identifier(col, path + ("returns", col), "column"),
                                       type=ctx.sql_type(typ, path + ("returns", col)), mode="table")
                              for col, typ in spec.returns.items())
        if not returns_table:
            ctx.problem("RETURNS TABLE needs at least one column", path + ("returns",))
    else:
        try:
            returns = parse_returns(spec.returns)
        except ShorthandError as err:
            ctx.problem(f"invalid return type {spec.returns!r}: {err}", path + ("returns",), offset=err.offset)
            returns = spec.returns
    config: list[tuple[str, str]] = []
    if spec.search_path is not None:
        entries = spec.search_path if isinstance(spec.search_path, list) else \
            [p.strip() for p in spec.search_path.split(",") if p.strip()]
        config.append(("search_path", ", ".join(entries)))
    for setting, value in sorted(spec.set.items()):
        if setting.lower() == "search_path":
            ctx.problem("declare search_path with the search_path: key", path + ("set", setting), key=True)
            continue
        config.append((setting.lower(), value))
    if returns.lower() == "trigger" and arguments:
        ctx.problem("a trigger function takes no declared arguments (it reads TG_ARGV)", path + ("arguments",))
    if not spec.body.strip():
        ctx.problem("the function body is empty", path + ("body",))
    function = Function(name=name, arguments=tuple(arguments), returns=returns, returns_table=returns_table,
                        language=spec.language.lower(), body=spec.body, volatility=spec.volatility,
                        strict=spec.strict, security_definer=spec.security == "definer", parallel=spec.parallel,
                        config=tuple(config), comment=spec.comment, source=ctx.at(path, key=True))
    grants = ctx.grants(spec.grants, path + ("grants",), "function", name,
                        arguments=function.identity_arguments)
    if not spec.revoke_public_execute and not any(g.grantee == "public" for g in grants):
        # Postgres grants EXECUTE to PUBLIC on every new function; the Catalog states the
        # real privileges, so the implicit grant is part of the declared state.
        grants.append(Grant(object_kind="function", target=name, privilege="execute", grantee="public",
                            arguments=function.identity_arguments, source=ctx.at(path, key=True)))
    return function, grants


def build_view(ctx: FileContext, key: str, spec: ViewSpec) -> tuple[View, list[Grant]]:
    path = ("views", key)
    name = ctx.qualified(key, path, "view")
    query = spec.query.strip().rstrip(";").strip()
    error = expression_error(query, query=True)
    if error:
        ctx.problem(f"the view query is not valid SQL: {error.message}", path + ("query",), offset=error.offset)
    elif not query.lower().startswith(("select", "with", "values", "(", "table")):
        ctx.problem("a view query must be a SELECT (or WITH … SELECT, VALUES, TABLE)", path + ("query",))
    if spec.materialized and (spec.security_invoker or spec.security_barrier):
        ctx.problem("a materialized view takes neither security_invoker nor security_barrier", path)
    view = View(name=name, query=query, materialized=spec.materialized, security_invoker=spec.security_invoker,
                security_barrier=spec.security_barrier, comment=spec.comment,
                column_comments=tuple(sorted(spec.column_comments.items())), source=ctx.at(path, key=True))
    return view, ctx.grants(spec.grants, path + ("grants",), "view", name)


def build_sequence(ctx: FileContext, key: str, spec: SequenceSpec) -> tuple[Sequence, list[Grant]]:
    path = ("sequences", key)
    name = ctx.qualified(key, path, "sequence")
    owned_by = None
    if spec.owned_by:
        table, _, column = spec.owned_by.rpartition(".")
        if not table or not column:
            ctx.problem(f"owned_by {spec.owned_by!r} must be schema.table.column", path + ("owned_by",))
        else:
            owned_by = (ctx.qualified(table, path + ("owned_by",), "table"), column)
    if spec.increment == 0:
        ctx.problem("a sequence's increment cannot be 0", path + ("increment",))
    sequence = Sequence(name=name, data_type=spec.type, start=spec.start, increment=spec.increment,
                        min_value=spec.min_value, max_value=spec.max_value, cache=spec.cache, cycle=spec.cycle,
                        owned_by=owned_by, comment=spec.comment, source=ctx.at(path, key=True))
    return sequence, ctx.grants(spec.grants, path + ("grants",), "sequence", name)


def build_collation(ctx: FileContext, key: str, spec: CollationSpec) -> Collation:
    path = ("collations", key)
    if not spec.locale and not (spec.lc_collate and spec.lc_ctype):
        ctx.problem("a collation needs locale, or lc_collate and lc_ctype", path)
    return Collation(name=ctx.qualified(key, path, "collation"), provider=spec.provider, locale=spec.locale,
                     lc_collate=spec.lc_collate, lc_ctype=spec.lc_ctype, deterministic=spec.deterministic,
                     comment=spec.comment, source=ctx.at(path, key=True))
