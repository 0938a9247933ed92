"""The command shell: exit codes, one-line errors, help with examples, start-up without heavy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from factquiz.cli import app

runner = CliRunner()
BANKS = Path(__file__).resolve().parent.parent / "question_banks"


def test_validate_clean_banks_exits_0():
    result = runner.invoke(app, ["validate", str(BANKS)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_validate_bank_with_errors_exits_1_and_lists_them(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: factquiz/1\ntitle: t\nquestions:\n"
        "  - {id: a, type: single, stem: s, options: [一, 二, 三, 四], answer: E}\n"
        "  - {id: b, type: judge, stem: s, anwser: true}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}:4: answer: answer 'E' but only 4 options A–D" in result.output
    assert f"error: {bad}:5: anwser: unknown field; did you mean 'answer'?" in result.output
    assert "Traceback" not in result.output


def test_validate_usage_errors_exit_2():
    assert runner.invoke(app, ["validate"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(BANKS), "--no-such-option"]).exit_code == 2


def test_missing_path_is_one_line_error_without_traceback(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_folder_without_banks_is_an_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "no banks (*.yaml, *.yml) in this folder" in result.output


def test_every_command_has_help_with_an_example():
    from factquiz.cli import app as the_app

    for command in the_app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in (command.callback.__doc__ or ""), name


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from factquiz.cli import app; "
        "heavy = [m for m in ('reportlab', 'openpyxl', 'textual', 'genanki', 'cn2an', 'rich.table') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
