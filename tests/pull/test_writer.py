"""The declaration writer without a database: what it writes reads back, through the
loader, as the Catalog it was given; names and forms are those a person would write."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

import pytest
import yaml

from dfworx_db.catalog import (Catalog, CheckConstraint, Column, ExclusionConstraint, Grant, PrimaryKey, QualifiedName,
                              Table, UniqueConstraint)
from dfworx_db.declare import load_catalog
from dfworx_db.declare.writer import write_declarations
from dfworx_db.declare.writer_tables import column_default
from dfworx_db.declare.yaml_text import dump_yaml
from dfworx_db.errors import UnsupportedError
from dfworx_db.introspect import compare_catalogs, format_differences

ROOT = Path(__file__).parents[2]
SOURCES = {"dfworx": ROOT / "schemas", "every_kind": ROOT / "tests" / "cases" / "render" / "every_kind" / "schemas"}


def written_and_loaded(catalog: Catalog, folder: Path, **options) -> Catalog:
    for path, text in write_declarations(catalog, **options).files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    return load_catalog(folder)


def without_literal_casts(catalog: Catalog) -> Catalog:
    """What the writer changes on purpose: `'{}'::jsonb` on a jsonb column is `'{}'`."""
    return dataclasses.replace(catalog, tables=tuple(
        dataclasses.replace(t, columns=tuple(dataclasses.replace(c, default=column_default(c)) for c in t.columns))
        for t in catalog.tables))


@pytest.mark.parametrize("layout", ["schema", "table"])
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_declarations_read_back_as_the_catalog_they_came_from(source, layout, tmp_path):
    catalog = load_catalog(SOURCES[source])
    again = written_and_loaded(catalog, tmp_path, layout=layout)
    expected = without_literal_casts(catalog)
    assert again == expected, format_differences(compare_catalogs(again, expected))


def test_output_is_deterministic():
    catalog = load_catalog(SOURCES["dfworx"])
    assert write_declarations(catalog).files == write_declarations(catalog).files


def _table(name: str, columns: tuple[Column, ...], **parts) -> Table:
    return Table(name=QualifiedName("public", name), columns=columns, **parts)


def test_names_postgres_would_choose_are_left_out_and_other_names_kept(tmp_path):
    # Postgres named b's unique on x b_x_key1, since a's check had taken b_x_key; the
    # loader chooses the same, so the name is left out. b_y_key2 is nobody's default.
    a = _table("a", (Column(name="x", type="integer"),),
               checks=(CheckConstraint(name="b_x_key", expression="(x > 0)"),
                       CheckConstraint(name="a_x_check", expression="(x < 10)")))
    b = _table("b", (Column(name="x", type="integer"), Column(name="y", type="text")),
               unique_constraints=(UniqueConstraint(name="b_x_key1", columns=("x",)),
                                   UniqueConstraint(name="b_y_key2", columns=("y",)),
                                   UniqueConstraint(name="b_pair", columns=("x", "y"))))
    catalog = Catalog.build(tables=[a, b])
    text = write_declarations(catalog).files[PurePosixPath("public.yaml")]
    assert "x: integer check (x < 10)\n" in text  # a_x_check: Postgres's own name, inline
    assert "b_x_key: x > 0\n" in text  # a check under another name keeps it
    assert "x: integer unique\n" in text
    assert "y: text\n" in text
    assert "- name: b_y_key2\n        columns: [y]\n" in text
    assert "- name: b_pair\n        columns: [x, y]\n" in text
    again = written_and_loaded(catalog, tmp_path)
    assert [(t.name, sorted(t.constraint_names)) for t in again.tables] == \
        [(t.name, sorted(t.constraint_names)) for t in catalog.tables]


def test_exclusion_constraints_and_deferrable_keys_are_written_in_their_shortest_form(tmp_path):
    columns = (Column(name="id", type="integer", not_null=True), Column(name="during", type="tstzrange"))
    table = _table("bookings", columns, primary_key=PrimaryKey(name="bookings_pkey", columns=("id",), deferrable=True),
                   exclusions=(ExclusionConstraint(name="bookings_during_excl", definition="USING gist (during WITH &&)"),
                               ExclusionConstraint(name="bookings_late",
                                                   definition="USING gist (during WITH &&) WHERE ((id > 10))",
                                                   deferrable=True, initially_deferred=True, comment="Late ones.")))
    catalog = Catalog.build(tables=[table])
    text = write_declarations(catalog).files[PurePosixPath("public.yaml")]
    assert "    primary_key:\n      columns: [id]\n      deferrable: true\n" in text
    assert "      bookings_during_excl: USING gist (during WITH &&)\n" in text
    assert ("      bookings_late:\n        definition: USING gist (during WITH &&) WHERE ((id > 10))\n"
            "        deferrable: true\n        initially_deferred: true\n        comment: Late ones.\n") in text
    assert written_and_loaded(catalog, tmp_path).tables == catalog.tables


def test_columns_use_shorthands_that_read_well_and_mappings_for_the_rest():
    table = _table("t", (
        Column(name="id", type="uuid", not_null=True, default="gen_random_uuid()"),
        Column(name="status", type="character varying(20)", not_null=True, default="'new'::character varying"),
        Column(name="Odd Name", type="timestamp with time zone", comment="When."),
        Column(name="n", type="bigint", not_null=True, identity="always"),
    ))
    from dfworx_db.catalog import PrimaryKey
    table = dataclasses.replace(table, primary_key=PrimaryKey(name="t_pkey", columns=("id",)))
    text = write_declarations(Catalog.build(tables=[table])).files[PurePosixPath("public.yaml")]
    assert "id: uuid primary key default gen_random_uuid()\n" in text
    assert "status: varchar(20) not null default 'new'\n" in text
    assert "Odd Name:\n        type: timestamptz\n        comment: When.\n" in text
    assert "n: bigint generated always as identity\n" in text


def test_bodies_are_block_scalars_that_keep_every_character():
    for body in ("begin\n  return new;\nend;\n", "\nbegin\nend;\n", "\n\nselect 1", "select 1\n\n", " x\n y"):
        text = dump_yaml({"functions": {"f": {"returns": "trigger", "body": body}}})
        assert yaml.safe_load(text)["functions"]["f"]["body"] == body
    assert "body: |\n      begin\n" in dump_yaml({"functions": {"f": {"body": "begin\nend;\n"}}})
    assert dump_yaml({"default": "'draft'"}) == "default: \"'draft'\"\n"


def test_what_the_format_cannot_say_is_refused_by_name_or_left_out():
    table = _table("t", (Column(name="x", type="integer"),))
    grant = Grant(object_kind="table", target=table.name, privilege="select", grantee="reporting",
                  with_grant_option=True)
    catalog = Catalog.build(tables=[table], grants=[grant])
    with pytest.raises(UnsupportedError, match="grant of select on table public.t to reporting WITH GRANT OPTION"):
        write_declarations(catalog)
    pulled = write_declarations(catalog, skip_unsupported=True)
    assert pulled.skipped == ("grant of select on table public.t to reporting WITH GRANT OPTION",)
    assert "grants" not in pulled.files[PurePosixPath("public.yaml")]
