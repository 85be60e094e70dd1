"""The declaration format: pydantic models that are the one source of truth for the YAML
files. The loader validates every file against `DeclarationFile`, and `schema-json` prints
the JSON Schema generated from the same models, so editors complete and check the YAML
exactly as the loader does."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

# Names of the union branches below; they appear in pydantic's error locations and are
# dropped from the path before an error is mapped back to a YAML line.
SHORT, FULL = "short", "full"


def _shape(value: Any) -> str:
    return FULL if isinstance(value, dict) else SHORT


def short_or_full(short: Any, full: Any, description: str) -> Any:
    """A value written either as a one-line shorthand or as a mapping."""
    return Annotated[
        Union[Annotated[short, Tag(SHORT)], Annotated[full, Tag(FULL)]],
        Discriminator(_shape),
        Field(description=description),
    ]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Privilege = Annotated[str, Field(description="A privilege such as select, insert, usage, execute, or 'all'.")]
PrivilegeList = Annotated[
    Union[Annotated[str, Tag(SHORT)], Annotated[list[Privilege], Tag(FULL)]],
    Discriminator(lambda v: SHORT if isinstance(v, str) else FULL),
]
Grants = Annotated[
    dict[str, PrivilegeList],
    Field(description="Role name (or 'public') → privileges: a list, a comma-separated string, or 'all'."),
]
Comment = Annotated[str | None, Field(description="COMMENT ON the object.")]


class ExtensionSpec(Spec):
    schema_: str | None = Field(None, alias="schema", description="WITH SCHEMA; Supabase installs most in 'extensions'.")
    version: str | None = Field(None, description="A pinned version; omitted means the server's default.")
    comment: Comment = None


class SchemaSpec(Spec):
    comment: Comment = None
    grants: Grants = Field(default_factory=dict)


class EnumSpec(Spec):
    values: list[str] = Field(description="Labels in sort order.")
    comment: Comment = None


class ColumnSpec(Spec):
    type: str = Field(description="Any Postgres type: uuid, varchar(255), timestamptz, public.my_enum, text[] …")
    not_null: bool = Field(False, description="NOT NULL. A primary key column is NOT NULL anyway.")
    default: str | None = Field(None, description="DEFAULT, an SQL expression: now(), 'draft', gen_random_uuid().")
    primary_key: bool = Field(False, description="A single-column primary key.")
    unique: bool = Field(False, description="A single-column UNIQUE constraint.")
    references: str | None = Field(None, description="A foreign key: schema.table(column).")
    on_delete: Literal["no action", "restrict", "cascade", "set null", "set default"] | None = None
    on_update: Literal["no action", "restrict", "cascade", "set null", "set default"] | None = None
    check: str | None = Field(None, description="A CHECK expression on this column.")
    identity: Literal["always", "by default"] | None = Field(None, description="GENERATED … AS IDENTITY.")
    generated: str | None = Field(None, description="GENERATED ALWAYS AS (expression) STORED.")
    collation: str | None = None
    comment: Comment = None
    grants: Grants = Field(default_factory=dict, description="Column privileges: select, insert, update, references.")
    format: Literal["email", "uri", "uuid"] | None = Field(None, description="A value format for generated models (email → EmailStr).")
    renamed_from: str | None = Field(None, description="The column's previous name, so a plan renames instead of dropping.")


class PrimaryKeySpec(Spec):
    name: str | None = None
    columns: list[str]
    deferrable: bool = False
    initially_deferred: bool = False
    comment: Comment = None


class UniqueSpec(Spec):
    name: str | None = None
    columns: list[str]
    nulls_not_distinct: bool = False
    deferrable: bool = False
    initially_deferred: bool = False
    comment: Comment = None


class ForeignKeySpec(Spec):
    name: str | None = None
    columns: list[str]
    references: str = Field(description="schema.table(column, …); the columns default to the target's primary key.")
    on_delete: Literal["no action", "restrict", "cascade", "set null", "set default"] = "no action"
    on_update: Literal["no action", "restrict", "cascade", "set null", "set default"] = "no action"
    match_full: bool = False
    deferrable: bool = False
    initially_deferred: bool = False
    comment: Comment = None


class CheckSpec(Spec):
    expression: str
    no_inherit: bool = False
    comment: Comment = None


class ExclusionSpec(Spec):
    definition: str = Field(description="What follows EXCLUDE: 'using gist (room with =, during with &&) where (not cancelled)'.")
    deferrable: bool = False
    initially_deferred: bool = False
    comment: Comment = None


class IndexKeySpec(Spec):
    column: str | None = None
    expression: str | None = None
    order: Literal["asc", "desc"] = "asc"
    nulls: Literal["first", "last"] | None = None
    opclass: str | None = None
    collation: str | None = None


IndexKey = short_or_full(str, IndexKeySpec, "A column ('created_at desc nulls last'), an expression in parentheses ('(lower(email))'), or a mapping.")


class IndexSpec(Spec):
    columns: list[IndexKey] = Field(description="The index keys, in order.")
    unique: bool = False
    method: Literal["btree", "hash", "gist", "gin", "spgist", "brin"] = "btree"
    include: list[str] = Field(default_factory=list, description="INCLUDE columns of a covering index.")
    where: str | None = Field(None, description="The predicate of a partial index.")
    nulls_not_distinct: bool = False
    comment: Comment = None


class RlsSpec(Spec):
    enabled: bool = True
    forced: bool = False


class PolicySpec(Spec):
    command: Literal["all", "select", "insert", "update", "delete"] = "all"
    permissive: bool = Field(True, description="false makes the policy RESTRICTIVE.")
    roles: list[str] = Field(default_factory=lambda: ["public"], description="TO roles; default public.")
    using: str | None = Field(None, description="USING expression: which existing rows are visible or affected.")
    with_check: str | None = Field(None, description="WITH CHECK expression: which new rows are allowed.")
    comment: Comment = None


class TriggerSpec(Spec):
    timing: Literal["before", "after", "instead of"]
    events: list[Literal["insert", "update", "delete", "truncate"]]
    update_of: list[str] = Field(default_factory=list, description="UPDATE OF these columns only.")
    for_each: Literal["row", "statement"] = "row"
    when: str | None = Field(None, description="WHEN condition (may use OLD and NEW).")
    function: str = Field(description="The trigger function, schema.name.")
    arguments: list[str] = Field(default_factory=list, description="String arguments passed to the function.")
    comment: Comment = None


Column = short_or_full(str, ColumnSpec, "A column: shorthand SQL ('varchar(255) not null unique') or a mapping.")
Check = short_or_full(str, CheckSpec, "A CHECK constraint: an expression, or a mapping.")
Exclusion = short_or_full(str, ExclusionSpec, "An EXCLUDE constraint: what follows EXCLUDE, or a mapping.")
PrimaryKey = short_or_full(list[str], PrimaryKeySpec, "Primary key columns, or a mapping with a name.")
Unique = short_or_full(list[str], UniqueSpec, "Unique columns, or a mapping with options.")
Rls = short_or_full(bool, RlsSpec, "true enables row-level security; a mapping can force it.")


class TableSpec(Spec):
    comment: Comment = None
    columns: dict[str, Column] = Field(default_factory=dict, description="Columns by name, in order.")
    primary_key: PrimaryKey | None = None
    unique: list[Unique] = Field(default_factory=list)
    foreign_keys: list[ForeignKeySpec] = Field(default_factory=list)
    checks: dict[str, Check] = Field(default_factory=dict, description="Named CHECK constraints.")
    exclusions: dict[str, Exclusion] = Field(default_factory=dict, description="Named EXCLUDE constraints.")
    indexes: dict[str, IndexSpec] = Field(default_factory=dict, description="Indexes by name.")
    rls: Rls = False
    policies: dict[str, PolicySpec] = Field(default_factory=dict, description="RLS policies by name.")
    grants: Grants = Field(default_factory=dict)
    triggers: dict[str, TriggerSpec] = Field(default_factory=dict)
    unlogged: bool = Field(False, description="UNLOGGED: not written to the WAL, emptied after a crash.")
    replica_identity: str = Field("default", description="REPLICA IDENTITY: default, full (Supabase Realtime's old records), nothing, or 'index <unique index>'.")
    partition_by: str | None = Field(None, description="PARTITION BY clause: 'range (logdate)', 'list (region)', 'hash (id)'.")
    partition_of: str | None = Field(None, description="The partitioned parent table of this partition.")
    partition_bound: str | None = Field(None, description="With partition_of: \"for values from ('2024-01-01') to ('2025-01-01')\", or 'default'.")
    inherits: list[str] = Field(default_factory=list, description="INHERITS parent tables.")
    renamed_from: str | None = Field(None, description="The table's previous name, so a plan renames instead of dropping.")
    type_name: str | None = Field(None, description="A name for the row type in generated code (e.g. User).")


class ArgumentSpec(Spec):
    name: str | None = None
    type: str
    mode: Literal["in", "out", "inout", "variadic"] = "in"
    default: str | None = None


Argument = short_or_full(str, ArgumentSpec, "An argument: 'name type [default expr]', or a mapping.")


class FunctionSpec(Spec):
    arguments: list[Argument] = Field(default_factory=list)
    returns: str | dict[str, str] = Field(description="A type, 'setof type', 'trigger', 'void', or a mapping column → type for RETURNS TABLE.")
    language: str = "plpgsql"
    body: str
    volatility: Literal["volatile", "stable", "immutable"] = "volatile"
    strict: bool = False
    security: Literal["invoker", "definer"] = "invoker"
    parallel: Literal["unsafe", "restricted", "safe"] = "unsafe"
    search_path: str | list[str] | None = Field(None, description="SET search_path; '' (empty) is the safest for SECURITY DEFINER.")
    set: dict[str, str] = Field(default_factory=dict, description="Other SET parameters.")
    grants: Grants = Field(default_factory=dict, description="EXECUTE grants, e.g. {authenticated: execute}.")
    revoke_public_execute: bool = Field(False, description="Revoke the EXECUTE privilege Postgres grants to PUBLIC by default.")
    comment: Comment = None


class ViewSpec(Spec):
    query: str
    materialized: bool = Field(False, description="A MATERIALIZED VIEW (created WITH DATA).")
    security_invoker: bool = False
    security_barrier: bool = False
    grants: Grants = Field(default_factory=dict)
    comment: Comment = None
    column_comments: dict[str, str] = Field(default_factory=dict)


class SequenceSpec(Spec):
    type: Literal["smallint", "integer", "bigint"] = "bigint"
    start: int | None = None
    increment: int = 1
    min_value: int | None = None
    max_value: int | None = None
    cache: int = 1
    cycle: bool = False
    owned_by: str | None = Field(None, description="schema.table.column: the sequence is dropped with the column.")
    grants: Grants = Field(default_factory=dict, description="usage, select, update.")
    comment: Comment = None


class CollationSpec(Spec):
    provider: Literal["libc", "icu", "builtin"] = "libc"
    locale: str | None = Field(None, description="The locale (for libc: both LC_COLLATE and LC_CTYPE).")
    lc_collate: str | None = None
    lc_ctype: str | None = None
    deterministic: bool = True
    comment: Comment = None


Extension = Annotated[ExtensionSpec | None, Field(description="An extension; an empty value takes the defaults.")]
Enum = short_or_full(list[str], EnumSpec, "Enum labels, or a mapping with a comment.")
SchemaEntry = Annotated[SchemaSpec | None, Field(description="A schema; an empty value declares it bare.")]


class DeclarationFile(Spec):
    """One YAML file under the declarations root. All files are merged."""

    schema_: str = Field("public", alias="schema", description="The schema of unqualified names in this file.")
    extensions: dict[str, Extension] = Field(default_factory=dict)
    schemas: dict[str, SchemaEntry] = Field(default_factory=dict)
    enums: dict[str, Enum] = Field(default_factory=dict)
    collations: dict[str, CollationSpec] = Field(default_factory=dict)
    sequences: dict[str, SequenceSpec] = Field(default_factory=dict)
    tables: dict[str, TableSpec] = Field(default_factory=dict)
    functions: dict[str, FunctionSpec] = Field(default_factory=dict, description="Functions by schema.name (add '(types)' to tell overloads apart).")
    views: dict[str, ViewSpec] = Field(default_factory=dict)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one declaration file."""
    schema = DeclarationFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dfworx-db declarations"
    return schema
