"""`dfworx-db lint` end to end: configuration, inline ignores, reporters, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dfworx_db.cli import cli

MIGRATION = """\
SET lock_timeout = '4s';
SET statement_timeout = '60s';
CREATE INDEX users_email_idx ON public.users (email);
ALTER TABLE public.users ADD COLUMN bio text;
"""


@pytest.fixture(autouse=True)
def _in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(tmp_path: Path, *args: str, config: str | None = None, files: dict[str, str] | None = None):
    migrations = tmp_path / "supabase" / "migrations"
    migrations.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {"20240101000000_add_index.sql": MIGRATION}).items():
        (migrations / name).write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "dfworx.yaml").write_text(config, encoding="utf-8")
    return CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)


def test_text_report_shows_the_source_line_a_caret_and_the_hint(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "supabase/migrations/20240101000000_add_index.sql:3:33: error[concurrent-index-required]" in result.output
    assert "  3 | CREATE INDEX users_email_idx ON public.users (email);" in result.output
    assert "    |                                 ^" in result.output
    assert "hint: use CREATE INDEX CONCURRENTLY" in result.output


def test_fail_on_decides_the_exit_code(tmp_path: Path) -> None:
    clean = {"20240101000000_a.sql": "CREATE TABLE public.t (id bigint PRIMARY KEY, name varchar(20));\n"
                                     "ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;\n"
                                     "CREATE POLICY p ON public.t FOR SELECT TO authenticated USING (true);\n"}
    assert run(tmp_path, files=clean).exit_code == 0  # one info finding (varchar)
    assert run(tmp_path, "--fail-on", "info", files=clean).exit_code == 1


def test_json_report(tmp_path: Path) -> None:
    result = run(tmp_path, "--format", "json")
    findings = json.loads(result.output)
    assert {"rule": "concurrent-index-required", "severity": "error", "line": 3, "column": 33}.items() <= \
        findings[0].items()


def test_github_annotations(tmp_path: Path) -> None:
    result = run(tmp_path, "--format", "github")
    assert result.output.startswith("::error file=supabase/migrations/20240101000000_add_index.sql,line=3,col=33,"
                                    "title=concurrent-index-required::index users_email_idx blocks writes")


def test_sarif_report_names_rules_and_locations(tmp_path: Path) -> None:
    log = json.loads(run(tmp_path, "--format", "sarif").output)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["concurrent-index-required"]
    location = run_["results"][0]["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "supabase/migrations/20240101000000_add_index.sql"},
                        "region": {"startLine": 3, "startColumn": 33}}


def test_configuration_disables_and_changes_severity(tmp_path: Path) -> None:
    config = "lint:\n  severity: {concurrent-index-required: warning}\n  disable: [lock-timeout-missing]\n"
    result = run(tmp_path, "--format", "json", config=config)
    assert result.exit_code == 0
    assert [(f["rule"], f["severity"]) for f in json.loads(result.output)] == [("concurrent-index-required", "warning")]


def test_configuration_excludes_paths(tmp_path: Path) -> None:
    config = ("lint:\n  exclude:\n    - path: 'supabase/migrations/2024*'\n      rules: [concurrent-index-required]\n")
    assert json.loads(run(tmp_path, "--format", "json", config=config).output) == []
    config = "lint:\n  exclude:\n    - path: 'supabase/migrations/*'\n"
    assert "no findings" in run(tmp_path, config=config).output


def test_bad_configuration_is_reported_at_its_line(tmp_path: Path) -> None:
    config = "schemas: schemas\nlint:\n  disable: [drop-tabel]\n  fail_on: fatal\n"
    result = run(tmp_path, config=config)
    assert result.exit_code == 2
    assert "dfworx.yaml:3:13: error: unknown rule 'drop-tabel'" in result.output
    assert "did you mean 'drop-table'?" in result.output
    assert "dfworx.yaml:4:12: error: fail_on must be one of info, warning, error" in result.output


def test_inline_ignore_and_unused_ignore(tmp_path: Path) -> None:
    text = MIGRATION.replace("CREATE INDEX", "-- dfworx-db: ignore concurrent-index-required, drop-table\nCREATE INDEX")
    result = run(tmp_path, "--format", "json", files={"20240101000000_add_index.sql": text})
    findings = json.loads(result.output)
    assert [(f["rule"], f["line"]) for f in findings] == [("unused-ignore", 3)]
    assert "drop-table" in findings[0]["message"]


def test_trailing_ignore_covers_its_own_line(tmp_path: Path) -> None:
    text = MIGRATION.replace("(email);", "(email);  -- dfworx-db: ignore concurrent-index-required")
    assert json.loads(run(tmp_path, "--format", "json", files={"1_a.sql": text}).output) == []


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    result = run(tmp_path, files={"1_a.sql": "SELECT 1;\nCREATE TABLE (;\n"})
    assert result.exit_code == 2
    assert "1_a.sql:2:" in result.output and "syntax error" in result.output


def test_schema_mode_points_at_the_yaml(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    (schemas / "public.yaml").write_text(
        "tables:\n  public.notes:\n    columns:\n      id: bigint primary key\n      body: text\n", encoding="utf-8")
    result = run(tmp_path, "--schema")
    assert result.exit_code == 1
    assert "schemas/public.yaml:2:3: error[rls-disabled-in-exposed-schema] public.notes" in result.output


@pytest.mark.postgres
def test_schema_mode_reads_a_live_database(tmp_path: Path, db_url: str, db) -> None:
    db.execute("CREATE TABLE public.notes (id bigint PRIMARY KEY, body text)")
    db.commit()
    result = run(tmp_path, "--schema", "--db-url", db_url, "--format", "json")
    findings = json.loads(result.output)
    assert [(f["rule"], f["object"], f["file"]) for f in findings] == \
        [("rls-disabled-in-exposed-schema", "public.notes", None)]


def test_sarif_report_validates_against_the_sarif_2_1_0_schema(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    from tests.lint.sarif_schema import sarif_schema

    schema = sarif_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    seed = Path(__file__).parents[1] / "cases" / "lint" / "seed"
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(seed.glob("*.sql"))}
    log = json.loads(run(tmp_path, "--format", "sarif", files=files).output)
    assert len(log["runs"][0]["results"]) > 10  # the seed's findings, with rules and locations
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    broken = {**log, "runs": [{**log["runs"][0], "results": [{"level": "fatal"}]}]}
    assert any(True for _ in validator.iter_errors(broken))  # the validator does reject a bad log


def test_configured_rule_ids_are_known_in_a_fresh_process(tmp_path: Path) -> None:
    """The console script reads dfworx.yaml before it imports the rules: a rule id in
    `disable` must still be recognised (a test runner that imported the rules earlier
    would hide this, hence a process of its own)."""
    import subprocess
    import sys

    migrations = tmp_path / "supabase" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "20240101000000_drop.sql").write_text(
        "SET lock_timeout = '4s';\nSET statement_timeout = '60s';\nDROP TABLE public.users;\n", encoding="utf-8")
    (tmp_path / "dfworx.yaml").write_text("lint:\n  disable: [drop-table]\n  severity: {unused-ignore: error}\n",
                                          encoding="utf-8")
    command = [sys.executable, "-c", "from dfworx_db.cli import main; main()", "lint", "--format", "json"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert (done.returncode, done.stderr, json.loads(done.stdout)) == (0, "", [])
    (tmp_path / "dfworx.yaml").write_text("lint:\n  disable: [drop-tabel]\n", encoding="utf-8")
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert "dfworx.yaml:2:13: error: unknown rule 'drop-tabel'" in done.stderr
    assert "did you mean 'drop-table'?" in done.stderr
