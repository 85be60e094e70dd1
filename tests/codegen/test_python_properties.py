"""Property tests: the generated Insert/Update models against a real Postgres holding the
DFWorX schema. What a model accepts, Postgres accepts (for the constraints the model
states); what Postgres rejects for length, enum/IN-list or NOT NULL, the model rejects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql
from pydantic import BaseModel, ValidationError

from dfworx_db.codegen.generate import model_from_declarations
from dfworx_db.codegen.python import write_python
from dfworx_db.codegen.settings import TypesSettings
from dfworx_db.declare import load_declarations
from dfworx_db.pg import apply_baseline, connect
from dfworx_db.pg.shadow import execute_catalog
from pg_fixtures import fresh_database

from .test_python_models import load_module

ROOT = Path(__file__).resolve().parents[2]
ORG, OTHER_ORG = "0000000a-0000-0000-0000-000000000000", "0000000b-0000-0000-0000-000000000000"
USER = "000000a1-0000-0000-0000-000000000000"
# What the models state: value too long (22001), check violated (23514: lengths, IN-lists,
# patterns), NOT NULL (23502), a value the type does not accept (22P02).
MODELLED = {"22001", "23514", "23502", "22P02"}
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=300)
short_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=8)


@pytest.fixture(scope="module")
def database(pg_server_url: str) -> Iterator[psycopg.Connection]:
    with fresh_database(pg_server_url) as url:
        with connect(url, autocommit=True) as conn:
            apply_baseline(conn)
        execute_catalog(url, load_declarations(ROOT / "schemas").catalog)
        with connect(url, autocommit=True) as conn:
            conn.execute("insert into public.organizations (organization_id, name, slug) values (%s, 'A', 'a'),"
                         " (%s, 'B', 'b')", (ORG, OTHER_ORG))
            conn.execute("insert into public.users (user_id, organization_id, email, name) "
                         "values (%s, %s, 'a1@example.com', 'A One')", (USER, ORG))
            yield conn


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    source = write_python(model_from_declarations(ROOT / "schemas", TypesSettings()))
    return load_module(source, tmp_path_factory.mktemp("models"), "dfworx_property_models")


def _postgres_verdict(conn: psycopg.Connection, statement: sql.Composable, payload: dict[str, Any]) -> str | None:
    """None when Postgres accepts the write, else its SQLSTATE; nothing is kept."""
    from psycopg.types.json import Jsonb
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(statement, {"payload": Jsonb(payload)})
    except psycopg.Error as err:
        return err.sqlstate
    return None


def _insert(table: str, payload: dict[str, Any]) -> sql.Composable:
    schema, name = table.split(".")
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in payload)
    relation = sql.Identifier(schema, name)
    return sql.SQL("insert into {rel} ({cols}) select {cols} from jsonb_populate_record(null::{rel}, %(payload)s)"
                   ).format(rel=relation, cols=columns)


def _update(table: str, payload: dict[str, Any], where: str) -> sql.Composable:
    schema, name = table.split(".")
    relation = sql.Identifier(schema, name)
    columns = sql.SQL(", ").join(sql.Identifier(c) for c in payload)
    return sql.SQL("update {rel} set ({cols}) = (select {cols} from jsonb_populate_record(null::{rel}, %(payload)s)) "
                   "where user_id = {who}").format(rel=relation, cols=columns, who=sql.Literal(where))


def _check(model: type[BaseModel], conn: psycopg.Connection, payload: dict[str, Any], build) -> None:
    try:
        accepted = model.model_validate(payload).model_dump(mode="json", exclude_unset=True)
    except ValidationError:
        accepted = None
    if accepted is not None:
        verdict = _postgres_verdict(conn, build(accepted), accepted)
        assert verdict is None or verdict not in MODELLED, f"the model accepted what Postgres rejects ({verdict})"
    if payload:
        verdict = _postgres_verdict(conn, build(payload), payload)
        if verdict in MODELLED:
            assert accepted is None, f"Postgres rejects ({verdict}) what the model accepted: {payload!r}"


# Mostly complete rows, so a single bad value is what decides; posts and profiles below
# also leave required columns out.
users = st.fixed_dictionaries({"organization_id": st.just(ORG)}, optional={
    "email": st.one_of(st.emails().filter(lambda e: len(e) < 300), text, st.none()),
    "name": st.one_of(text, st.sampled_from(["", "A"]), st.none()),
    "avatar_url": st.one_of(text, st.none()),
    "role": st.one_of(st.sampled_from(["user", "moderator", "admin"]), short_text, st.none()),
    "is_active": st.one_of(st.booleans(), st.none()),
})


@PROPERTY
@given(payload=users)
def test_users_insert_model_agrees_with_postgres(database, models, payload):
    _check(models.UserInsert, database, payload, lambda p: _insert("public.users", p))


posts = st.fixed_dictionaries({}, optional={
    "organization_id": st.just(ORG),
    "user_id": st.just(USER),
    "title": st.one_of(text, st.sampled_from(["", "T"]), st.none()),
    "content": st.one_of(text, st.none()),
    "status": st.one_of(st.sampled_from(["draft", "published", "archived"]), short_text, st.none()),
    "metadata": st.one_of(st.dictionaries(short_text, st.integers() | short_text, max_size=3), st.none()),
})


@PROPERTY
@given(payload=posts)
def test_posts_insert_model_agrees_with_postgres(database, models, payload):
    _check(models.AppWebPostsInsert, database, payload, lambda p: _insert("app_web.posts", p))


profiles = st.fixed_dictionaries({}, optional={
    "bio": st.one_of(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                             min_size=990, max_size=1010), short_text, st.none()),
    "website": st.one_of(text, st.none()),
    "social_links": st.one_of(st.dictionaries(short_text, short_text, max_size=3), st.lists(short_text, max_size=2),
                              st.none()),
})


@PROPERTY
@given(payload=profiles)
def test_profiles_update_model_agrees_with_postgres(database, models, payload):
    _check(models.WebProfileUpdate, database, payload, lambda p: _update("app_web.profiles", p, USER))
