"""The generated Pydantic models: mypy --strict accepts them, every row of a populated
DFWorX database validates with its Row model, and the seed's API models are expressible."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from pydantic import ValidationError

from dfworx_db.codegen.generate import model_from_database, model_from_declarations
from dfworx_db.codegen.python import ModelSpec, write_python
from dfworx_db.codegen.settings import TypesSettings
from dfworx_db.declare import load_declarations
from dfworx_db.pg.shadow import execute_catalog

ROOT = Path(__file__).resolve().parents[2]
SEED_MODELS = (ModelSpec("UserCreate", "public.users", "insert", ("organization_id", "email", "name", "role")),)


def load_module(source: str, folder: Path, name: str = "dfworx_models"):
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    source = write_python(model_from_declarations(ROOT / "schemas", TypesSettings()), models=SEED_MODELS)
    return load_module(source, tmp_path_factory.mktemp("models"))


def test_generated_module_passes_mypy_strict(tmp_path):
    source = write_python(model_from_declarations(ROOT / "schemas", TypesSettings()), models=SEED_MODELS)
    (tmp_path / "models.py").write_text(source, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "models.py"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_create_validates_like_the_seeds_model(models):
    org = uuid.uuid4()
    made = models.UserCreate(organization_id=org, email="ann@example.com", name="Ann")
    assert made.role == "user"
    assert made.model_dump(mode="json", exclude_unset=True) == {"organization_id": str(org), "email": "ann@example.com",
                                                                "name": "Ann"}
    for bad in ({"email": "not-an-address"}, {"name": ""}, {"name": "x" * 256}, {"role": "root"}, {"role": None}):
        with pytest.raises(ValidationError):
            models.UserCreate(**{"organization_id": org, "email": "ann@example.com", "name": "Ann", **bad})


def test_web_profile_update_validates_like_the_seeds_model(models):
    update = models.WebProfileUpdate(bio="x" * 1000, website=None, social_links={"x": "https://x.test"})
    assert update.model_dump(exclude_unset=True) == {"bio": "x" * 1000, "website": None,
                                                     "social_links": {"x": "https://x.test"}}
    for bad in ({"bio": "x" * 1001}, {"website": "w" * 256}, {"social_links": ["not", "an", "object"]},
                {"social_links": None}, {"unknown_column": 1}):
        with pytest.raises(ValidationError):
            models.WebProfileUpdate(**bad)


def test_every_row_of_a_populated_dfworx_database_validates(supabase_db_url, supabase_db, tmp_path):
    declarations = load_declarations(ROOT / "schemas")
    execute_catalog(supabase_db_url, declarations.catalog)
    supabase_db.execute((Path(__file__).parent / "dfworx_rows.sql").read_text(encoding="utf-8"))
    type_model = model_from_database(supabase_db_url, TypesSettings(), schemas_dir=ROOT / "schemas")
    module = load_module(write_python(type_model), tmp_path, "dfworx_live_models")
    from dfworx_db.codegen.python import PythonWriter
    writer = PythonWriter(type_model)
    validated = 0
    for relation in type_model.relations:
        row_model = getattr(module, writer.row_class(relation))
        rows = supabase_db.execute(f'select to_jsonb(t)::text from "{relation.name.schema}"."{relation.name.name}" t')
        texts = [r[0] for r in rows.fetchall()]
        assert texts, f"{relation.name} has no rows to validate"
        for text in texts:
            row_model.model_validate_json(text)
            validated += 1
    assert validated >= 2 * len(type_model.relations) - 2
