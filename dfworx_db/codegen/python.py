"""Pydantic v2 models: per table and view a `Row` model, and per table an `Insert` model
(required = NOT NULL without a default) and an `Update` model (all optional), with the
constraints the schema states (lengths, enums and IN-lists as Literal, simple regular
expressions, JSON shapes, e-mail formats), rendered through templates/python/models.py.j2."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from pglast import ast

from ..errors import DeclarationError, Problem
from .checks import ColumnRules, TableRules, parse_expression, read_checks
from .model import Field, Relation, TypeModel
from .pgtypes import PgType

# The type map: a built-in type's pg_type name → (annotation, import it needs).
PYTHON_TYPES: dict[str, tuple[str, str | None]] = {
    "bool": ("bool", None),
    **dict.fromkeys(("int2", "int4", "int8"), ("int", None)),
    **dict.fromkeys(("float4", "float8"), ("float", None)),
    "numeric": ("Decimal", "from decimal import Decimal"),
    **dict.fromkeys(("text", "varchar", "bpchar", "citext", "name", "char", "inet", "cidr", "macaddr", "money",
                     "tsvector", "xml", "bit", "varbit"), ("str", None)),
    "uuid": ("UUID", "from uuid import UUID"),
    "timestamptz": ("AwareDatetime", "from pydantic import AwareDatetime"),
    "timestamp": ("datetime", "from datetime import datetime"),
    "date": ("date", "from datetime import date"),
    **dict.fromkeys(("time", "timetz"), ("time", "from datetime import time")),
    "interval": ("timedelta", "from datetime import timedelta"),
    **dict.fromkeys(("json", "jsonb"), ("JsonValue", "from pydantic import JsonValue")),
    "bytea": ("bytes", None),
}
# Range of each integer type: Postgres rejects the rest ("integer out of range").
_INTEGER_BOUNDS = {"int2": 2**15, "int4": 2**31, "int8": 2**63}
_FORMATS = {"email": ("EmailStr", "from pydantic import EmailStr"), "uri": ("AnyUrl", "from pydantic import AnyUrl"),
            "uuid": ("UUID", "from uuid import UUID")}


def pascal(*parts: str) -> str:
    return "".join(word[:1].upper() + word[1:] for part in parts for word in part.replace("-", "_").split("_") if word)


@dataclass(frozen=True)
class ModelSpec:
    """A named subset model (types.models in dfworx.yaml), e.g. the seed's UserCreate."""

    name: str
    relation: str  # schema.table
    kind: str  # row | insert | update
    columns: tuple[str, ...]


class PythonWriter:
    def __init__(self, model: TypeModel):
        self.model = model
        self.imports: set[str] = {"from typing import Annotated, Literal, TypeVar",
                                  "from pydantic import AfterValidator, BaseModel, ConfigDict, Field"}
        self.enum_aliases: dict = {}

    def base_name(self, relation: Relation) -> str:
        if relation.type_name:
            return relation.type_name
        parts = (relation.name.name,) if relation.name.schema == "public" else (relation.name.schema, relation.name.name)
        return pascal(*parts)

    def row_class(self, relation: Relation) -> str:
        return relation.type_name or self.base_name(relation) + "Row"

    def annotation(self, field: Field, rules: ColumnRules | None, kind: str = "insert") -> str:
        """The type of a non-null value of `field`, with its constraints. A declared
        format (email, uri) is what the API accepts, not what the database guarantees,
        so Row models, which validate what the database returns, leave it out."""
        element = field.type.element
        constraints: list[str] = []
        if rules and rules.choices and not field.type.array_depth:
            base = "Literal[" + ", ".join(json.dumps(c) for c in rules.choices) + "]"
        elif field.format in _FORMATS and not field.type.array_depth and kind != "row":
            base, module = _FORMATS[field.format]
            self.imports.add(module)
        else:
            base = self._element(element)
        if not field.type.array_depth and not (rules and rules.choices):
            if element.builtin in ("varchar", "bpchar") and element.modifiers:
                constraints.append(f"max_length={element.modifiers[0]}")
            if rules:
                if rules.min_length is not None:
                    constraints.append(f"min_length={rules.min_length}")
                if rules.max_length is not None and not any(c.startswith("max_length") for c in constraints):
                    constraints.append(f"max_length={rules.max_length}")
                elif rules.max_length is not None:
                    current = element.modifiers[0]
                    constraints = [c for c in constraints if not c.startswith("max_length")]
                    constraints.append(f"max_length={min(current, rules.max_length)}")
                if rules.pattern:
                    constraints.append(f"pattern={rules.pattern!r}")
                if rules.json_kind == "object":
                    base = "dict[str, JsonValue]"
                elif rules.json_kind == "array":
                    base = "list[JsonValue]"
            if element.builtin in _INTEGER_BOUNDS:
                bound = _INTEGER_BOUNDS[element.builtin]
                constraints += [f"ge={-bound}", f"le={bound - 1}"]
            if element.builtin == "numeric" and element.modifiers:
                precision, scale = (list(element.modifiers) + [0])[:2]
                constraints += [f"max_digits={precision}", f"decimal_places={scale}"]
        if constraints:
            base = f"Annotated[{base}, Field({', '.join(constraints)})]"
        for _ in range(field.type.array_depth):
            base = f"list[{base} | None]"  # Postgres arrays may hold NULL elements
        return base

    def _element(self, type_: PgType) -> str:
        if type_.builtin:
            annotation, module = PYTHON_TYPES.get(type_.builtin, ("JsonValue", "from pydantic import JsonValue"))
            if module:
                self.imports.add(module)
            return annotation
        enum = self.model.enum(type_.user) if type_.user else None
        if enum is not None:
            alias = pascal(enum.name.schema, enum.name.name) if enum.name.schema != "public" else pascal(enum.name.name)
            self.enum_aliases[alias] = "Literal[" + ", ".join(json.dumps(v) for v in enum.values) + "]"
            return alias
        # Composite and row types arrive as JSON objects through PostgREST.
        self.imports.add("from pydantic import JsonValue")
        return "dict[str, JsonValue]"

    def fields(self, relation: Relation, kind: str, rules: TableRules, only: tuple[str, ...] | None = None) -> list[str]:
        lines = []
        for field in sorted(relation.fields, key=lambda f: f.name):
            if only is not None and field.name not in only:
                continue
            if kind != "row" and (field.generated or field.identity == "always" or not field.updatable):
                continue  # Postgres refuses a value for them
            annotation = self.annotation(field, rules.columns.get(field.name), kind)
            lines.append(f"{field.name}: {self._declared(field, annotation, kind)}")
        return lines

    def _declared(self, field: Field, annotation: str, kind: str) -> str:
        if kind == "row":
            return f"{annotation} | None" if field.nullable else annotation
        if field.nullable:
            return f"{annotation} | None = None"
        optional = kind == "update" or field.has_default or field.identity is not None
        if not optional:
            return annotation
        literal = _literal_default(field.default) if kind == "insert" else None
        if literal is not None and _literal_fits(literal, annotation):
            return f"{annotation} = {literal}"
        return f"Annotated[{annotation} | None, NotNull] = None"


def _literal_default(default: str | None) -> str | None:
    """A default that is a plain string, integer or boolean constant, as Python source."""
    node = parse_expression(default) if default is not None else None
    while isinstance(node, ast.TypeCast):
        node = node.arg
    if not isinstance(node, ast.A_Const) or node.isnull:
        return None
    value = node.val
    if isinstance(value, ast.Boolean):
        return repr(bool(value.boolval))
    if isinstance(value, ast.Integer):
        return repr(value.ival)
    if isinstance(value, ast.String):
        return repr(value.sval)
    return None


def _literal_fits(literal: str, annotation: str) -> bool:
    if literal in ("True", "False"):
        return annotation == "bool"
    if literal.lstrip("-").isdigit():
        return annotation.startswith(("int", "Annotated[int"))
    return annotation.startswith(("str", "Annotated[str", "Literal["))


def write_python(model: TypeModel, *, models: tuple[ModelSpec, ...] = ()) -> str:
    """The Python module for `model`, deterministic for a given model."""
    from .templates import render_template

    writer = PythonWriter(model)
    classes, names = [], {}
    for relation in model.relations:
        rules = _rules(relation.checks)
        base = writer.base_name(relation)
        kinds = [("row", writer.row_class(relation))]
        if relation.kind == "table" or (relation.kind == "view" and relation.updatable):
            kinds += [("insert", base + "Insert"), ("update", base + "Update")]
        for kind, name in kinds:
            _claim(names, name, relation)
            classes.append({"name": name, "kind": kind, "relation": str(relation.name),
                            "fields": writer.fields(relation, kind, rules), "unmodelled": rules.unmodelled})
    for spec in models:
        relation = next((r for r in model.relations if str(r.name) == spec.relation), None)
        if relation is None:
            raise DeclarationError([Problem(f"types.models.{spec.name} names {spec.relation}, which is not generated",
                                            hint="write schema.table of a table in the generated schemas")])
        missing = sorted(set(spec.columns) - {f.name for f in relation.fields})
        if missing:
            raise DeclarationError([Problem(f"types.models.{spec.name}: {spec.relation} has no column "
                                            + ", ".join(missing), hint="list columns of that table")])
        _claim(names, spec.name, relation)
        rules = _rules(relation.checks)
        classes.append({"name": spec.name, "kind": spec.kind, "relation": spec.relation,
                        "fields": writer.fields(relation, spec.kind, rules, spec.columns), "unmodelled": rules.unmodelled})
    return render_template("python/models.py.j2", classes=classes, imports=_imports(writer.imports),
                           enums=sorted(writer.enum_aliases.items()))


@lru_cache(maxsize=4096)
def _rules(checks: tuple[str, ...]) -> TableRules:
    return read_checks(checks)


def _claim(names: dict, name: str, relation: Relation) -> None:
    if name in names:
        raise DeclarationError([Problem(f"two generated Python models are named {name} ({names[name]} and "
                                        f"{relation.name})",
                                        hint="rename the model in types.models, or set another type_name")])
    names[name] = relation.name


def _imports(lines: set[str]) -> list[str]:
    merged: dict[str, set[str]] = {}
    plain = []
    for line in lines:
        if line.startswith("from "):
            module, names = line[5:].split(" import ")
            merged.setdefault(module, set()).update(n.strip() for n in names.split(","))
        else:
            plain.append(line)
    stdlib = sorted(m for m in merged if m != "pydantic")
    ordered = [f"from {m} import {', '.join(sorted(merged[m]))}" for m in stdlib]
    if "pydantic" in merged:
        ordered.append("")
        ordered.append(f"from pydantic import {', '.join(sorted(merged['pydantic']))}")
    return sorted(plain) + ordered
