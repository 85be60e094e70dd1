"""Which functions PostgREST can call and how it resolves overloads, as Supabase's type
generator models them: the rules decide which variants appear under Functions, which
become computed fields of a relation's Row, and which return an error type instead."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Routine, TypeModel
from .pgtypes import PgType

# A single unnamed argument is callable only with a request body PostgREST can pass whole.
_BODY_TYPES = {"json", "jsonb", "text", "xml", "bytea"}


@dataclass(frozen=True)
class Variant:
    routine: Routine
    error: str | None = None  # PostgREST's complaint, generated as the Returns type


def row_relation(model: TypeModel, type_: PgType):
    """The table or view whose row type `type_` is (not an array of it), else None."""
    if type_.user is None or type_.array_depth:
        return None
    return model.relation(type_.user)


def callable_routines(model: TypeModel, schema: str) -> dict[str, list[Variant]]:
    """The functions of `schema` by name, each with its callable overloads."""
    grouped: dict[str, list[Routine]] = {}
    for routine in model.routines:
        if routine.name.schema == schema and _callable(model, routine):
            grouped.setdefault(routine.name.name, []).append(routine)
    return {name: _resolve_overloads(model, routines) for name, routines in sorted(grouped.items())}


def computed_fields(model: TypeModel, relation_name) -> list[Routine]:
    """Functions taking the relation's row as their one unnamed argument: PostgREST
    selects them like columns (computed fields)."""
    found = []
    for routine in model.routines:
        if routine.name.schema != relation_name.schema or len(routine.parameters) != 1:
            continue
        parameter = routine.parameters[0]
        if parameter.name == "" and parameter.type.user == relation_name and not parameter.type.array_depth:
            found.append(routine)
    return sorted(found, key=lambda r: r.name.name)


def _callable(model: TypeModel, routine: Routine) -> bool:
    unnamed = [p for p in routine.parameters if p.name == ""]
    if not unnamed:
        return True
    if len(routine.parameters) != 1:
        return False
    only = unnamed[0].type
    return (only.builtin in _BODY_TYPES and not only.array_depth) or row_relation(model, only) is not None


def _resolve_overloads(model: TypeModel, routines: list[Routine]) -> list[Variant]:
    variants = []
    for routine in routines:
        if _scalar_on_row(model, routine):
            variants.append(Variant(routine, f"the function {routine.name} with parameter or with a single unnamed "
                                             "json/jsonb parameter, but no matches were found in the schema cache"))
            continue
        # Called with all its arguments named, would another overload match the call too?
        # (One taking a row is called on that relation, so it has no rival.)
        names = {p.name for p in routine.parameters}
        rivals = [] if _on_row(model, routine) else [
            r for r in routines if r is not routine and not _on_row(model, r) and _accepts(r, names)]
        if rivals:
            ordered = sorted((routine, *rivals), key=lambda r: (len(r.parameters), _describe(r)))
            listed = ", ".join(_describe(r) for r in ordered)
            variants.append(Variant(routine, f"Could not choose the best candidate function between: {listed}. Try "
                                             "renaming the parameters or the function itself in the database so "
                                             "function overloading can be resolved"))
        else:
            variants.append(Variant(routine))
    return variants


def _on_row(model: TypeModel, routine: Routine) -> bool:
    parameters = routine.parameters
    return len(parameters) == 1 and parameters[0].name == "" and row_relation(model, parameters[0].type) is not None


def _scalar_on_row(model: TypeModel, routine: Routine) -> bool:
    if not _on_row(model, routine):
        return False
    returns = routine.returns
    if routine.columns or returns is None:
        return False
    is_row = returns.user is not None and not returns.array_depth and (
        model.relation(returns.user) is not None or model.composite(returns.user) is not None)
    return not is_row and not routine.set_returning


def _accepts(routine: Routine, names: set[str]) -> bool:
    required = {p.name for p in routine.parameters if not p.has_default}
    return required <= names <= {p.name for p in routine.parameters}


def _describe(routine: Routine) -> str:
    arguments = ", ".join(f"{p.name} => {p.type.label}" for p in routine.parameters)
    return f"{routine.name}({arguments})"
