"""dfworx-db gen types on the command line: output files, --check both ways, settings."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dfworx_db.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str):
    return CliRunner().invoke(cli, ["gen", "types", str(ROOT / "schemas"), *args], catch_exceptions=False)


def test_check_passes_on_a_current_file_and_fails_on_a_stale_or_missing_one(tmp_path):
    out = tmp_path / "database.ts"
    assert _run("--lang", "typescript", "--out", str(out)).exit_code == 0
    assert _run("--lang", "typescript", "--out", str(out), "--check").exit_code == 0
    out.write_text(out.read_text().replace("email: string", "email: number", 1))
    stale = _run("--lang", "typescript", "--out", str(out), "--check")
    assert stale.exit_code == 1 and "out of date" in stale.output
    assert "email: number" in out.read_text()  # --check writes nothing
    missing = _run("--lang", "python", "--out", str(tmp_path / "models.py"), "--check")
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_output_is_deterministic_and_limited_to_the_chosen_schemas(tmp_path):
    first = _run("--lang", "python", "--schema", "public").output
    assert first == _run("--lang", "python", "--schema", "public").output
    assert "class User(BaseModel)" in first and "AppWeb" not in first


def test_a_bad_types_section_is_a_located_error(tmp_path, monkeypatch):
    (tmp_path / "dfworx.yaml").write_text("schemas: schemas\ntypes:\n  models:\n    UserCreate: {table: public.users, "
                                          "kind: create, columns: [email]}\n")
    monkeypatch.chdir(tmp_path)
    result = _run("--lang", "python")
    assert result.exit_code == 2
    assert "dfworx.yaml" in result.output and "kind must be row, insert or update" in result.output


def test_both_languages_from_one_read_into_a_folder(tmp_path):
    out = tmp_path / "generated"
    assert _run("--lang", "typescript", "--lang", "python", "--out", str(out)).exit_code == 0
    assert (out / "database.ts").read_text() == _run("--lang", "typescript").output
    assert (out / "models.py").read_text() == _run("--lang", "python").output
    assert _run("--lang", "typescript", "--lang", "python", "--out", str(out), "--check").exit_code == 0
    no_folder = CliRunner().invoke(cli, ["gen", "types", str(ROOT / "schemas"), "--lang", "typescript",
                                         "--lang", "python"])
    assert no_folder.exit_code == 2 and "give --out FOLDER" in no_folder.output
