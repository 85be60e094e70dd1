"""Catalog → YAML declarations, written as a person would write them: column shorthands
where they read well, mappings where they don't, default values and the constraint
names Postgres would choose left out, bodies and queries as block scalars.

The inverse of the loader: `load_declarations` of the written files gives back the
Catalog (names, keys and columns exactly; expressions in meaning, as Postgres judges
them). Every shorthand is parsed back with the loader's own parser before it is used,
and falls back to the mapping form when it would not read back the same."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Literal

from ..catalog import Catalog, Function, QualifiedName, Schema
from ..errors import UnsupportedError
from ..render.quoting import quote_ident
from .shorthand import ShorthandError, parse_argument
from .writer_tables import NameSimulator, table_entry, unsupported_in_table
from .yaml_text import GrantIndex, block_text, dump_yaml, parsed_type, plain_name, pretty_type, qualified_text, with_grants

Layout = Literal["schema", "table"]
LAYOUTS: tuple[Layout, ...] = ("schema", "table")

HEADER = "# Written by dfworx-db pull. Edit freely: these files are now the source of truth.\n"


@dataclass(frozen=True)
class Pulled:
    """The YAML files of a pulled Catalog (path relative to the declarations root → text),
    and what was left out because the format cannot say it (with skip_unsupported)."""

    files: dict[PurePosixPath, str]
    skipped: tuple[str, ...] = ()


def write_declarations(catalog: Catalog, *, layout: Layout = "schema", skip_unsupported: bool = False) -> Pulled:
    """The declarations of `catalog`: one file per schema (`<schema>.yaml`), or one per
    table (`<schema>/<table>.yaml`, schema-level objects in `<schema>/_schema.yaml`);
    extensions in `extensions.yaml`. Deterministic: every kind is sorted by name.

    Objects the format cannot express raise UnsupportedError naming them all, unless
    `skip_unsupported`, which leaves them out and lists them in `Pulled.skipped`."""
    unsupported = _unsupported(catalog)
    if unsupported and not skip_unsupported:
        raise UnsupportedError(
            f"the declaration format cannot express {len(unsupported)} thing{'s' if len(unsupported) != 1 else ''} "
            "of this database:\n" + "\n".join(f"  {item}" for item in unsupported)
            + "\n  hint: change them in the database, or pull with --skip-unsupported to leave them out")
    grants = GrantIndex(g for g in catalog.grants if not g.with_grant_option)
    documents: dict[PurePosixPath, dict[str, Any]] = {}

    def document(path: PurePosixPath, schema: str) -> dict[str, Any]:
        return documents.setdefault(path, {"schema": schema} if schema != "public" else {})

    schema_names = sorted({s.name for s in catalog.schemas} | _object_schemas(catalog))
    files = _FileNames(layout)
    for schema in schema_names:
        home = files.schema_file(schema)
        doc = document(home, schema)
        entry = _schema_entry(catalog, schema, grants)
        if entry is not _OMIT:
            doc.setdefault("schemas", {})[plain_name(schema)] = entry
        for section, objects, build in (
                ("enums", catalog.enums, lambda o: _enum_entry(o)),
                ("collations", catalog.collations, lambda o: _collation_entry(o)),
                ("sequences", catalog.sequences, lambda o: _sequence_entry(o, grants)),
        ):
            for obj in (o for o in objects if o.name.schema == schema):
                doc.setdefault(section, {})[plain_name(obj.name.name)] = build(obj)
        functions = [f for f in catalog.functions if f.name.schema == schema]
        for function in functions:
            key = plain_name(function.name.name)
            if sum(1 for f in functions if f.name == function.name) > 1:
                key += f"({function.identity_arguments})"
            doc.setdefault("functions", {})[key] = _function_entry(function, grants)
        for view in (v for v in catalog.views if v.name.schema == schema):
            doc.setdefault("views", {})[plain_name(view.name.name)] = _view_entry(view, grants)

    # Tables go last, in the order the loader reads them, so that the constraint names it
    # would choose are known when deciding which names can be left out.
    placed = sorted(((files.table_file(t.name), t.name.name, t) for t in catalog.tables),
                    key=lambda item: (item[0].parts, item[1]))
    names = NameSimulator()
    for path, _, table in placed:
        doc = document(path, table.name.schema)
        doc.setdefault("tables", {})[plain_name(table.name.name)] = table_entry(catalog, table, grants, names)
    if catalog.extensions:
        documents[PurePosixPath("extensions.yaml")] = {
            "extensions": {e.name: _extension_entry(e) for e in catalog.extensions}}
    # A schema with nothing to say (public, usually) gets no file, unless there is no other.
    said = {path: doc for path, doc in documents.items() if set(doc) - {"schema"}} or \
        {files.schema_file("public"): {}}
    ordered = {path: _ordered(doc) for path, doc in sorted(said.items(), key=lambda item: item[0].parts)}
    return Pulled({path: HEADER + dump_yaml(doc) for path, doc in ordered.items()}, tuple(unsupported))


_OMIT = object()
_SECTIONS = ("schema", "extensions", "schemas", "enums", "collations", "sequences", "tables", "functions", "views")


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc[key] for key in _SECTIONS if key in doc}


def _object_schemas(catalog: Catalog) -> set[str]:
    return {o.name.schema for kind in ("enums", "collations", "sequences", "tables", "functions", "views")
            for o in getattr(catalog, kind)}


class _FileNames:
    """File paths of the two layouts; names made safe for any file system (a table
    `a/b` or two tables differing only in case get distinct files)."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.taken: dict[str, str] = {}

    def _safe(self, scope: str, name: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_.$-]", "_", name).lstrip(".") or "_"
        candidate, n = base, 1
        while self.taken.setdefault(f"{scope}/{candidate.casefold()}", name) != name:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def schema_file(self, schema: str) -> PurePosixPath:
        safe = self._safe("", schema)
        return PurePosixPath(f"{safe}.yaml") if self.layout == "schema" else PurePosixPath(safe, "_schema.yaml")

    def table_file(self, table: QualifiedName) -> PurePosixPath:
        if self.layout == "schema":
            return self.schema_file(table.schema)
        return PurePosixPath(self._safe("", table.schema), self._safe(table.schema, table.name) + ".yaml")


# ---------------------------------------------------------------- schema-level objects


def _schema_entry(catalog: Catalog, name: str, grants: GrantIndex) -> Any:
    schema = next((s for s in catalog.schemas if s.name == name), None) or Schema(name=name)
    # Every database has schema public, with USAGE for PUBLIC and Postgres's comment;
    # declaring them says nothing.
    leave_out = (("public", "usage"),) if name == "public" else ()
    comment = None if name == "public" and schema.comment == "standard public schema" else schema.comment
    entry = with_grants({"comment": comment} if comment else {},
                         grants.entry("schema", QualifiedName(name, name), leave_out=leave_out))
    if name == "public" and not entry:
        return _OMIT
    return entry or None


def _extension_entry(extension) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if extension.schema:
        entry["schema"] = extension.schema
    if extension.version:
        entry["version"] = extension.version
    if extension.comment:
        entry["comment"] = extension.comment
    return entry


def _enum_entry(enum) -> Any:
    values = list(enum.values)
    return {"values": values, "comment": enum.comment} if enum.comment else values


def _collation_entry(collation) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if collation.provider != "libc":
        entry["provider"] = collation.provider
    for key in ("locale", "lc_collate", "lc_ctype"):
        if getattr(collation, key):
            entry[key] = getattr(collation, key)
    if not collation.deterministic:
        entry["deterministic"] = False
    if collation.comment:
        entry["comment"] = collation.comment
    return entry


def _sequence_entry(sequence, grants: GrantIndex) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if sequence.data_type != "bigint":
        entry["type"] = sequence.data_type
    for key, value, default in (("start", sequence.start, None), ("increment", sequence.increment, 1),
                                ("min_value", sequence.min_value, None), ("max_value", sequence.max_value, None),
                                ("cache", sequence.cache, 1), ("cycle", sequence.cycle, False)):
        if value != default:
            entry[key] = value
    if sequence.owned_by:
        table, column = sequence.owned_by
        entry["owned_by"] = f"{qualified_text(table)}.{column}"
    if sequence.comment:
        entry["comment"] = sequence.comment
    return with_grants(entry, grants.entry("sequence", sequence.name))


def _function_entry(function: Function, grants: GrantIndex) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if function.arguments:
        entry["arguments"] = [_argument(a) for a in function.arguments]
    if function.returns_table:
        entry["returns"] = {a.name: pretty_type(a.type) for a in function.returns_table}
    else:
        returns = function.returns
        entry["returns"] = "setof " + pretty_type(returns[6:]) if returns.startswith("SETOF ") else pretty_type(returns)
    if function.language != "plpgsql":
        entry["language"] = function.language
    for key, value, default in (("volatility", function.volatility, "volatile"), ("strict", function.strict, False),
                                ("security", "definer" if function.security_definer else "invoker", "invoker"),
                                ("parallel", function.parallel, "unsafe")):
        if value != default:
            entry[key] = value
    settings = dict(function.config)
    if "search_path" in settings:
        entry["search_path"] = settings.pop("search_path")
    if settings:
        entry["set"] = settings
    entry["body"] = function.body
    args = function.identity_arguments
    held = grants.held("function", function.name, arguments=args)
    with_grants(entry, grants.entry("function", function.name, arguments=args,
                                     leave_out=(("public", "execute"),)))
    if "execute" not in held.get("public", ()):
        entry["revoke_public_execute"] = True
    if function.comment:
        entry["comment"] = function.comment
    return entry


def _argument(argument) -> Any:
    mapping: dict[str, Any] = {}
    if argument.name:
        mapping["name"] = argument.name
    mapping["type"] = argument.type
    if argument.mode != "in":
        mapping["mode"] = argument.mode
    if argument.default is not None:
        mapping["default"] = argument.default
    words = [argument.mode] if argument.mode != "in" else []
    words += [quote_ident(argument.name)] if argument.name else []
    words.append(pretty_type(argument.type))
    if argument.default is not None:
        words += ["default", argument.default]
    text = " ".join(words)
    try:
        parsed = parse_argument(text)
    except ShorthandError:
        return mapping
    expected = {**mapping, "mode": argument.mode, "type": parsed_type(argument.type)}
    if "default" in expected:
        parsed["default"] = expected["default"] if "default" in parsed else None
    return text if parsed == expected else mapping


def _view_entry(view, grants: GrantIndex) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if view.materialized:
        entry["materialized"] = True
    if view.security_invoker:
        entry["security_invoker"] = True
    if view.security_barrier:
        entry["security_barrier"] = True
    entry["query"] = block_text(view.query)
    with_grants(entry, grants.entry("view", view.name))
    if view.comment:
        entry["comment"] = view.comment
    if view.column_comments:
        entry["column_comments"] = dict(view.column_comments)
    return entry


def _unsupported(catalog: Catalog) -> list[str]:
    found = [f"grant of {g.privilege} on {g.object_kind} {g.target}{f'({g.arguments})' if g.arguments is not None else ''}"
             f"{f'.{g.column}' if g.column else ''} to {g.grantee} WITH GRANT OPTION"
             for g in catalog.grants if g.with_grant_option]
    for table in catalog.tables:
        found += unsupported_in_table(table)
    tables = {t.name for t in catalog.tables}
    found += [f"index {i.name} on {i.table}: indexes are declared on tables only (not on materialized views)"
              for i in catalog.indexes if i.table not in tables]
    found += [f"trigger {t.name} on {t.table}: triggers are declared on tables only (not on views)"
              for t in catalog.triggers if t.table not in tables]
    return sorted(found)


