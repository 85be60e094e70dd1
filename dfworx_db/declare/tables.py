"""Tables, with their columns, constraints, indexes, RLS, policies, triggers and grants,
from their validated specs into Catalog objects."""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass, field

from ..catalog import (CheckConstraint, Column, ExclusionConstraint, ForeignKey, Grant, Index, IndexKey, Policy,
                       PrimaryKey, QualifiedName, Table, Trigger, UniqueConstraint)
from ..catalog.names import collation_name, object_name_within_limit
from .context import FileContext
from .format import (CheckSpec, ColumnSpec, ExclusionSpec, ForeignKeySpec, IndexKeySpec, IndexSpec, PolicySpec,
                     PrimaryKeySpec, RlsSpec, TableSpec, TriggerSpec, UniqueSpec)
from .shorthand import (ShorthandError, parse_column, parse_exclusion, parse_index_key, parse_partition_bound,
                        parse_partition_by)

INTEGER_TYPES = {"smallint", "integer", "bigint", "int2", "int4", "int8", "int"}
_REFERENCE = re.compile(r"^\s*(?P<table>[^()]+?)\s*(?:\((?P<columns>[^()]*)\))?\s*$")


@dataclass
class TableObjects:
    """A table and the objects declared inside it."""

    table: Table
    indexes: list[Index] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    column_formats: dict[str, str] = field(default_factory=dict)


@dataclass
class NameChooser:
    """Names for constraints declared without one, chosen as Postgres would choose them
    (so the declared Catalog names match what the server creates)."""

    used: dict[str, set[str]] = field(default_factory=dict)

    def reserve(self, schema: str, name: str) -> None:
        self.used.setdefault(schema, set()).add(name)

    def choose(self, schema: str, table: str, columns: str | None, label: str) -> str:
        name = self.peek(schema, table, columns, label)
        self.used.setdefault(schema, set()).add(name)
        return name

    def peek(self, schema: str, table: str, columns: str | None, label: str) -> str:
        """The name `choose` would return, without taking it."""
        taken = self.used.get(schema, set())
        name = object_name_within_limit(table, columns, label)
        suffix = 0
        while name in taken:
            suffix += 1
            name = object_name_within_limit(table, columns, f"{label}{suffix}")
        return name


def build_table(ctx: FileContext, key: str, spec: TableSpec, names: NameChooser) -> TableObjects:
    path = ("tables", key)
    qname = ctx.qualified(key, path, "table")
    t = qname.name
    columns: list[Column] = []
    formats: dict[str, str] = {}
    pk: PrimaryKey | None = None
    uniques: list[UniqueConstraint] = []
    fks: list[ForeignKey] = []
    checks: list[CheckConstraint] = []
    pk_columns: set[str] = set()

    for cname, raw in spec.columns.items():
        cpath = path + ("columns", cname)
        ctx.identifier(cname, cpath, "column")
        col = _column_spec(ctx, raw, cpath)
        if col is None:
            continue
        if col.format:
            formats[cname] = col.format
        _check_column_options(ctx, col, cpath)
        if col.primary_key:
            if pk is not None:
                ctx.problem(f"table {qname} has more than one primary key", cpath,
                            "declare a composite key under primary_key: [a, b]")
            else:
                pk = PrimaryKey(name=names.choose(qname.schema, t, None, "pkey"), columns=(cname,),
                                source=ctx.at(cpath))
                pk_columns.add(cname)
        if col.unique:
            uniques.append(UniqueConstraint(name=names.choose(qname.schema, t, cname, "key"),
                                            columns=(cname,), source=ctx.at(cpath)))
        if col.references:
            fk = _foreign_key(ctx, ForeignKeySpec(columns=[cname], references=col.references,
                                                  on_delete=col.on_delete or "no action",
                                                  on_update=col.on_update or "no action"),
                              cpath, qname, names)
            if fk:
                fks.append(fk)
        elif col.on_delete or col.on_update:
            ctx.problem("on_delete/on_update need a references: target", cpath)
        if col.check:
            checks.append(CheckConstraint(name=names.choose(qname.schema, t, cname, "check"),
                                          expression=ctx.expression(col.check, cpath + ("check",), "check") or "",
                                          source=ctx.at(cpath)))
        columns.append(Column(
            name=cname, type=ctx.sql_type(col.type, cpath + ("type",)),
            not_null=col.not_null or col.primary_key or col.identity is not None,
            default=ctx.expression(col.default, cpath + ("default",), "default"),
            identity=col.identity,
            generated=ctx.expression(col.generated, cpath + ("generated",), "generated expression"),
            collation=collation_name(col.collation) if col.collation else None, comment=col.comment,
            source=ctx.at(cpath)))

    if spec.primary_key is not None:
        ppath = path + ("primary_key",)
        pspec = spec.primary_key if isinstance(spec.primary_key, PrimaryKeySpec) else PrimaryKeySpec(columns=spec.primary_key)
        if pk is not None:
            ctx.problem(f"table {qname} declares its primary key twice (on a column and in primary_key)", ppath,
                        "keep one of the two")
        else:
            name = ctx.identifier(pspec.name, ppath, "constraint") if pspec.name else None
            _check_deferral(ctx, pspec, ppath)
            pk = PrimaryKey(name=name or names.choose(qname.schema, t, None, "pkey"),
                            columns=tuple(pspec.columns), deferrable=pspec.deferrable,
                            initially_deferred=pspec.initially_deferred, comment=pspec.comment, source=ctx.at(ppath))
            pk_columns.update(pspec.columns)
    if pk_columns:
        columns = [dataclasses.replace(c, not_null=True) if c.name in pk_columns else c for c in columns]

    for i, raw in enumerate(spec.unique):
        upath = path + ("unique", i)
        uspec = raw if isinstance(raw, UniqueSpec) else UniqueSpec(columns=raw)
        name = ctx.identifier(uspec.name, upath, "constraint") if uspec.name else \
            names.choose(qname.schema, t, "_".join(uspec.columns), "key")
        _check_deferral(ctx, uspec, upath)
        uniques.append(UniqueConstraint(name=name, columns=tuple(uspec.columns),
                                        nulls_not_distinct=uspec.nulls_not_distinct, deferrable=uspec.deferrable,
                                        initially_deferred=uspec.initially_deferred, comment=uspec.comment,
                                        source=ctx.at(upath)))
    for i, fspec in enumerate(spec.foreign_keys):
        fk = _foreign_key(ctx, fspec, path + ("foreign_keys", i), qname, names)
        if fk:
            fks.append(fk)
    for cname, raw in spec.checks.items():
        kpath = path + ("checks", cname)
        cspec = raw if isinstance(raw, CheckSpec) else CheckSpec(expression=raw)
        ctx.identifier(cname, kpath, "constraint")
        names.reserve(qname.schema, cname)
        expr_path = kpath if isinstance(raw, str) else kpath + ("expression",)
        checks.append(CheckConstraint(name=cname, expression=ctx.expression(cspec.expression, expr_path, "check") or "",
                                      no_inherit=cspec.no_inherit, comment=cspec.comment, source=ctx.at(kpath)))
    exclusions = [_exclusion(ctx, name, raw, path + ("exclusions", name), qname, names)
                  for name, raw in spec.exclusions.items()]

    partition_by = spec.partition_by and ctx.parsed(
        spec.partition_by, path + ("partition_by",), parse_partition_by, "partition_by",
        "write 'range (column)', 'list (column)' or 'hash (column)'")
    if (spec.partition_of is None) != (spec.partition_bound is None):
        ctx.problem("partition_of and partition_bound go together", path,
                    "a partition names its parent and its bound: for values from (…) to (…), or default")
    partition_bound = spec.partition_bound and ctx.parsed(
        spec.partition_bound, path + ("partition_bound",), parse_partition_bound, "partition_bound",
        "write \"for values from ('a') to ('b')\", 'for values in (…)', "
        "'for values with (modulus 4, remainder 0)' or 'default'")
    replica_identity, replica_index = _replica_identity(ctx, spec.replica_identity, path + ("replica_identity",))
    rls = spec.rls if isinstance(spec.rls, RlsSpec) else RlsSpec(enabled=spec.rls)
    if rls.forced and not rls.enabled:
        ctx.problem("rls is forced but not enabled", path + ("rls",), "set enabled: true or drop forced")
    table = Table(name=qname, columns=tuple(columns), primary_key=pk, unique_constraints=tuple(uniques),
                  foreign_keys=tuple(fks), checks=tuple(checks), exclusions=tuple(exclusions),
                  rls_enabled=rls.enabled, rls_forced=rls.forced,
                  unlogged=spec.unlogged, replica_identity=replica_identity, replica_identity_index=replica_index,
                  partition_by=partition_by,
                  partition_of=ctx.qualified(spec.partition_of, path + ("partition_of",), "table") if spec.partition_of else None,
                  partition_bound=partition_bound,
                  inherits=tuple(ctx.qualified(p, path + ("inherits", i), "table") for i, p in enumerate(spec.inherits)),
                  comment=spec.comment, source=ctx.at(path, key=True))
    objects = TableObjects(table, column_formats=formats)
    objects.indexes = [_index(ctx, name, ispec, path + ("indexes", name), qname)
                       for name, ispec in spec.indexes.items()]
    objects.policies = [_policy(ctx, name, pspec, path + ("policies", name), qname)
                        for name, pspec in spec.policies.items()]
    objects.triggers = [_trigger(ctx, name, tspec, path + ("triggers", name), qname)
                        for name, tspec in spec.triggers.items()]
    kind = "table"
    objects.grants = ctx.grants(spec.grants, path + ("grants",), kind, qname)
    for cname, raw in spec.columns.items():
        if isinstance(raw, ColumnSpec) and raw.grants:
            objects.grants += ctx.grants(raw.grants, path + ("columns", cname, "grants"), "column", qname,
                                         column=cname)
    return objects


def _column_spec(ctx: FileContext, raw: str | ColumnSpec, path: tuple) -> ColumnSpec | None:
    if isinstance(raw, ColumnSpec):
        return raw
    try:
        return ColumnSpec.model_validate(parse_column(raw))
    except ShorthandError as err:
        ctx.problem(f"invalid column shorthand {raw!r}: {err}", path,
                    "write 'type [not null] [default expr] [primary key] [unique] [references t(c)] [check (expr)]'",
                    offset=err.offset)
        return None


def _check_column_options(ctx: FileContext, col: ColumnSpec, path: tuple) -> None:
    if col.identity and col.default is not None:
        ctx.problem("an identity column cannot also have a default", path, "drop default or identity")
    if col.identity and col.generated:
        ctx.problem("a column cannot be both identity and generated", path, "keep one of them")
    if col.generated and col.default is not None:
        ctx.problem("a generated column cannot have a default", path, "drop the default")
    if col.identity and col.type.split("(")[0].strip().lower() not in INTEGER_TYPES:
        ctx.problem(f"an identity column must be smallint, integer or bigint, not {col.type}", path,
                    "use bigint generated always as identity")


def _foreign_key(ctx: FileContext, spec: ForeignKeySpec, path: tuple, table: QualifiedName,
                 names: NameChooser) -> ForeignKey | None:
    match = _REFERENCE.match(spec.references)
    if not match:
        ctx.problem(f"invalid reference {spec.references!r}", path, "write schema.table(column, …)")
        return None
    target = ctx.qualified(match["table"], path, "table")
    ref_columns = tuple(c.strip() for c in (match["columns"] or "").split(",") if c.strip())
    name = ctx.identifier(spec.name, path, "constraint") if spec.name else \
        names.choose(table.schema, table.name, "_".join(spec.columns), "fkey")
    _check_deferral(ctx, spec, path)
    return ForeignKey(name=name, columns=tuple(spec.columns), references=target, referenced_columns=ref_columns,
                      on_delete=spec.on_delete, on_update=spec.on_update, match_full=spec.match_full,
                      deferrable=spec.deferrable, initially_deferred=spec.initially_deferred,
                      comment=spec.comment, source=ctx.at(path))


def _exclusion(ctx: FileContext, name: str, raw: str | ExclusionSpec, path: tuple, table: QualifiedName,
               names: NameChooser) -> ExclusionConstraint:
    spec = raw if isinstance(raw, ExclusionSpec) else ExclusionSpec(definition=raw)
    ctx.identifier(name, path, "constraint")
    names.reserve(table.schema, name)
    _check_deferral(ctx, spec, path)
    definition_path = path if isinstance(raw, str) else path + ("definition",)
    definition = ctx.parsed(spec.definition, definition_path, parse_exclusion, "exclusion constraint",
                            "write what follows EXCLUDE, such as 'using gist (during with &&)', "
                            "and its deferral with deferrable: / initially_deferred:")
    return ExclusionConstraint(name=name, definition=definition, deferrable=spec.deferrable,
                               initially_deferred=spec.initially_deferred, comment=spec.comment, source=ctx.at(path))


def _replica_identity(ctx: FileContext, text: str, path: tuple) -> tuple[str, str | None]:
    """'full' → ("full", None); 'index orders_ref_key' → ("index", "orders_ref_key")."""
    word, _, index = text.strip().partition(" ")
    word, index = word.lower(), index.strip()
    if word in ("default", "full", "nothing") and not index:
        return word, None
    if word == "index" and index:
        return word, ctx.identifier(index, path, "index")
    ctx.problem(f"invalid replica_identity {text!r}", path,
                "write default, full, nothing, or index <name of a unique index of the table>")
    return "default", None


def _check_deferral(ctx: FileContext, spec: PrimaryKeySpec | UniqueSpec | ForeignKeySpec | ExclusionSpec,
                    path: tuple) -> None:
    if spec.initially_deferred and not spec.deferrable:
        ctx.problem("initially_deferred needs deferrable: true", path, "add deferrable: true")


def _index(ctx: FileContext, name: str, spec: IndexSpec, path: tuple, table: QualifiedName) -> Index:
    ctx.identifier(name, path, "index")
    keys = []
    for i, raw in enumerate(spec.columns):
        kpath = path + ("columns", i)
        if isinstance(raw, str):
            try:
                raw = IndexKeySpec.model_validate(parse_index_key(raw))
            except ShorthandError as err:
                ctx.problem(f"invalid index key {raw!r}: {err}", kpath, "write 'column [desc] [nulls last]' "
                            "or '(expression)'", offset=err.offset)
                continue
        if (raw.column is None) == (raw.expression is None):
            ctx.problem("an index key has either column or expression", kpath)
            continue
        expression = ctx.expression(raw.expression, kpath, "index expression")
        keys.append(IndexKey(column=raw.column, expression=expression, descending=raw.order == "desc",
                             nulls_first=None if raw.nulls is None else raw.nulls == "first",
                             opclass=raw.opclass, collation=collation_name(raw.collation) if raw.collation else None))
    if spec.nulls_not_distinct and not spec.unique:
        ctx.problem("nulls_not_distinct applies to unique indexes only", path, "add unique: true")
    return Index(name=QualifiedName(table.schema, name), table=table, keys=tuple(keys), unique=spec.unique,
                 method=spec.method, include=tuple(spec.include),
                 where=ctx.expression(spec.where, path + ("where",), "index predicate"),
                 nulls_not_distinct=spec.nulls_not_distinct, comment=spec.comment, source=ctx.at(path, key=True))


def _policy(ctx: FileContext, name: str, spec: PolicySpec, path: tuple, table: QualifiedName) -> Policy:
    ctx.identifier(name, path, "policy")
    if spec.command == "insert" and spec.using is not None:
        ctx.problem("an insert policy takes with_check only (Postgres rejects USING for INSERT)", path + ("using",),
                    "rename using: to with_check:")
    if spec.command in ("select", "delete") and spec.with_check is not None:
        ctx.problem(f"a {spec.command} policy takes using only (Postgres rejects WITH CHECK for it)",
                    path + ("with_check",), "rename with_check: to using:")
    if spec.using is None and spec.with_check is None:
        ctx.problem("a policy needs using or with_check", path, "add using: <expression>")
    roles = tuple(sorted({"public" if r.lower() == "public" else r for r in spec.roles}))
    for role in roles:
        ctx.identifier(role, path + ("roles",), "role")
    return Policy(name=name, table=table, command=spec.command, permissive=spec.permissive, roles=roles,
                  using=ctx.expression(spec.using, path + ("using",), "policy using"),
                  with_check=ctx.expression(spec.with_check, path + ("with_check",), "policy with_check"),
                  comment=spec.comment, source=ctx.at(path, key=True))


def _trigger(ctx: FileContext, name: str, spec: TriggerSpec, path: tuple, table: QualifiedName) -> Trigger:
    ctx.identifier(name, path, "trigger")
    events = tuple(e for e in ("insert", "update", "delete", "truncate") if e in spec.events)
    if len(events) != len(spec.events):
        ctx.problem("an event is listed twice", path + ("events",))
    if not events:
        ctx.problem("a trigger needs at least one event", path + ("events",))
    if spec.update_of and "update" not in events:
        ctx.problem("update_of needs the update event", path + ("update_of",), "add update to events")
    if "truncate" in events and spec.for_each == "row":
        ctx.problem("truncate triggers fire for each statement only", path + ("for_each",), "set for_each: statement")
    if spec.timing == "instead of":
        ctx.problem("instead of triggers belong on views, which take no triggers in this format yet", path + ("timing",))
    if spec.when and spec.for_each == "statement":
        ctx.problem("a statement trigger cannot have a WHEN condition", path + ("when",))
    return Trigger(name=name, table=table, timing=spec.timing, events=events, update_columns=tuple(spec.update_of),
                   for_each_row=spec.for_each == "row", when=ctx.expression(spec.when, path + ("when",), "trigger when"),
                   function=ctx.qualified(spec.function.removesuffix("()"), path + ("function",), "function"),
                   arguments=tuple(spec.arguments), comment=spec.comment, source=ctx.at(path, key=True))

