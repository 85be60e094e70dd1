"""TypeScript for supabase-js: the `Database` type `supabase gen types typescript` writes
(Tables, Views, Functions, Enums, CompositeTypes per schema, and the Tables<> /
TablesInsert<> / TablesUpdate<> / Enums<> / CompositeTypes<> helpers), rendered through
templates/typescript/database.ts.j2."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass


from .model import Field, Relation, Routine, TypeModel
from .pgtypes import PgType
from .postgrest import Variant, callable_routines, computed_fields, row_relation
from .templates import render_template

# The type map: a built-in type's pg_type name → its TypeScript type (others: unknown).
TYPESCRIPT_TYPES: dict[str, str] = {
    "bool": "boolean",
    **dict.fromkeys(("int2", "int4", "int8", "float4", "float8", "numeric"), "number"),
    **dict.fromkeys(("bytea", "bpchar", "varchar", "date", "text", "citext", "time", "timetz", "timestamp",
                     "timestamptz", "uuid", "vector", "interval", "name"), "string"),
    **dict.fromkeys(("json", "jsonb"), "Json"),
    "void": "undefined",
    "record": "Record<string, unknown>",
}

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def key(name: str) -> str:
    """An object key: bare when it is an identifier, else a JSON string."""
    return name if _IDENTIFIER.match(name) else json.dumps(name)


def _path(*parts: str) -> str:
    return "Database" + "".join(f"[{json.dumps(p)}]" for p in parts)


@dataclass(frozen=True)
class TypeScriptWriter:
    model: TypeModel
    postgrest_version: str = "13"

    def type_of(self, type_: PgType) -> str:
        """The TypeScript type of a value of `type_` (arrays of it included)."""
        base = self._element(type_.element)
        if not type_.array_depth:
            return base
        wrapped = f"({base})" if " " in base else base
        return wrapped + "[]" * type_.array_depth

    def _element(self, type_: PgType) -> str:
        if type_.builtin:
            return TYPESCRIPT_TYPES.get(type_.builtin, "unknown")
        name = type_.user
        if name is None or name.schema not in self.model.schemas:
            return "unknown"
        if self.model.enum(name):
            return _path(name.schema, "Enums", name.name)
        if self.model.composite(name):
            return _path(name.schema, "CompositeTypes", name.name)
        relation = self.model.relation(name)
        if relation and relation.kind != "materialized view":  # Supabase leaves those unknown
            return _path(name.schema, "Tables" if relation.is_table else "Views", name.name, "Row")
        return "unknown"

    def _nullable(self, field: Field) -> str:
        return self.type_of(field.type) + (" | null" if field.nullable else "")

    def _row_object(self, relation: Relation) -> str:
        return "{ " + "; ".join(f"{key(f.name)}: {self._nullable(f)}" for f in _sorted(relation.fields)) + " }"

    def relation_block(self, relation: Relation) -> dict:
        fields = _sorted(relation.fields)
        row = [f"{key(f.name)}: {self._nullable(f)}" for f in fields]
        row += [f"{key(r.name.name)}: {self._computed(r)} | null" for r in computed_fields(self.model, relation.name)]
        block: dict = {"key": key(relation.name.name), "row": row, "insert": None, "update": None,
                       "relationships": [self._relationship(r) for r in relation.relationships]}
        if relation.is_table:
            block["insert"] = [self._insert(f) for f in fields]
            block["update"] = [self._update(f) for f in fields]
        elif relation.kind == "view" and relation.updatable:
            writable = [f"{key(f.name)}?: {self.type_of(f.type)} | null" if f.updatable else f"{key(f.name)}?: never"
                        for f in fields]
            block["insert"] = block["update"] = writable
        return block

    def _insert(self, field: Field) -> str:
        if field.identity == "always":
            return f"{key(field.name)}?: never"
        optional = field.nullable or field.identity is not None or field.has_default or field.generated
        return f"{key(field.name)}{'?' if optional else ''}: {self._nullable(field)}"

    def _update(self, field: Field) -> str:
        if field.identity == "always":
            return f"{key(field.name)}?: never"
        return f"{key(field.name)}?: {self._nullable(field)}"

    @staticmethod
    def _relationship(r) -> str:
        return (f"{{ foreignKeyName: {json.dumps(r.foreign_key)}; columns: {json.dumps(list(r.columns))}; "
                f"isOneToOne: {'true' if r.one_to_one else 'false'}; referencedRelation: {json.dumps(r.referenced)}; "
                f"referencedColumns: {json.dumps(list(r.referenced_columns))} }}")

    def _computed(self, routine: Routine) -> str:
        returns = routine.returns
        if routine.columns or returns is None:
            return self._columns_object(routine)
        relation = row_relation(self.model, returns)
        if relation is not None:
            return self._row_object(relation)
        return self.type_of(returns)

    def _columns_object(self, routine: Routine) -> str:
        return "{ " + "; ".join(f"{key(n)}: {self.type_of(t)}" for n, t in routine.columns) + " }"

    def function_variant(self, variant: Variant) -> dict:
        routine = variant.routine
        params = sorted(routine.parameters, key=lambda p: p.name)
        args = ("{ " + "; ".join(f"{key(p.name) if p.name else json.dumps('')}{'?' if p.has_default else ''}: "
                                 f"{self.type_of(p.type)}" for p in params) + " }") if params else "never"
        setof = None
        if variant.error:
            returns = f"{{ error: true }} & {json.dumps(variant.error)}"
        elif routine.columns or routine.returns is None:
            returns = self._columns_object(routine) + ("[]" if routine.set_returning else "")
        else:
            returns, setof = self._returns(routine, routine.returns)
        return {"args": args, "returns": returns, "setof": setof}

    def _returns(self, routine: Routine, returns: PgType) -> tuple[str, dict | None]:
        relation = row_relation(self.model, returns)
        composite = self.model.composite(returns.user) if returns.user and not returns.array_depth else None
        if relation is None and composite is None:
            return self.type_of(returns) + ("[]" if routine.set_returning else ""), None
        one = not routine.set_returning or (relation is not None and routine.rows == 1)
        shape = self._row_object(relation) if relation is not None else self.type_of(returns)
        source = row_relation(self.model, routine.parameters[0].type) if len(routine.parameters) == 1 else None
        setof = {"from": source.name.name if source else "*", "to": returns.user.name if returns.user else "",
                 "isOneToOne": one, "isSetofReturn": routine.set_returning}
        return shape + ("" if one else "[]"), setof

    def schema_block(self, schema: str) -> dict:
        relations = [r for r in self.model.relations if r.name.schema == schema]
        functions = {name: [self.function_variant(v) for v in variants]
                     for name, variants in callable_routines(self.model, schema).items()}
        return {
            "key": key(schema),
            "tables": [self.relation_block(r) for r in relations if r.is_table],
            "views": [self.relation_block(r) for r in relations if not r.is_table],
            "functions": [{"key": key(n), "variants": v} for n, v in functions.items()],
            "enums": [{"key": key(e.name.name), "values": " | ".join(json.dumps(v) for v in e.values),
                       "array": ", ".join(json.dumps(v) for v in e.values)}
                      for e in sorted(self.model.enums, key=lambda e: e.name.name) if e.name.schema == schema],
            "composites": [{"key": key(c.name.name),
                            "attributes": [f"{key(n)}: {self.type_of(t)} | null" for n, t in c.attributes]}
                           for c in self.model.composites if c.name.schema == schema],
        }

    def aliases(self) -> list[dict]:
        found = []
        for relation in self.model.relations:
            if relation.type_name:
                section = "Tables" if relation.is_table else "Views"
                found.append({"name": relation.type_name,
                              "path": _path(relation.name.schema, section, relation.name.name),
                              "writable": relation.is_table})
        return sorted(found, key=lambda a: a["name"])


def _sorted(fields) -> list[Field]:
    return sorted(fields, key=lambda f: f.name)


def write_typescript(model: TypeModel, *, postgrest_version: str = "13") -> str:
    """The TypeScript module for `model`, deterministic for a given model."""
    writer = TypeScriptWriter(model, postgrest_version)
    default_schema = "public" if "public" in model.schemas else (model.schemas[0] if model.schemas else "public")
    return render_template("typescript/database.ts.j2", schemas=[writer.schema_block(s) for s in model.schemas],
                           aliases=writer.aliases(), postgrest_version=postgrest_version,
                           default_schema=json.dumps(default_schema))



