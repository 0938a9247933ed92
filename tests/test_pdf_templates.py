"""The paper's instructions (注意事项) come from templates/paper/instructions.j2, which an organiser can override."""

from __future__ import annotations

import pytest
from pdf_fixtures.helpers import ALL_TYPES, flat, pdf_text
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.render.instructions import load_instructions
from factquiz.resources import templates_dir

runner = CliRunner()

# The bundled instructions; how to answer each type is said under each section heading instead.
DEFAULT_INSTRUCTIONS = (
    "注意事项：1.本试卷共5大题12小题，满分34分，考试时间60分钟。"
    "2.答题前请在密封线内填写单位、姓名、考号，密封线内不要答题。"
)


def run(*args: object):
    return runner.invoke(app, ["pdf", *map(str, args)])


def override(tmp_path, text: str):
    folder = tmp_path / "mine"
    (folder / "paper").mkdir(parents=True)
    (folder / "paper" / "instructions.j2").write_text(text, encoding="utf-8")
    return folder


def only_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), output
    assert "Traceback" not in output
    return lines[0]


def test_bundled_template_prints_the_usual_instructions(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path, "--no-key")
    assert result.exit_code == 0, result.output
    assert DEFAULT_INSTRUCTIONS in flat(pdf_text(tmp_path / "paper.pdf"))


def test_bundled_template_without_minutes_and_with_two_types(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path, "--no-key", "--minutes", "0", "--types", "single,judge")
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "paper.pdf"))
    assert "1.本试卷共2大题6小题，满分12分。2." in text
    assert "三、" not in text and "填空题" not in text and "考试时间" not in text


def test_bundled_template_is_in_templates_folder_and_compiled_once():
    assert (templates_dir() / "paper" / "instructions.j2").is_file()
    assert load_instructions() is load_instructions()


def test_organisers_template_replaces_the_instructions(tmp_path):
    folder = override(
        tmp_path,
        "本卷{{ question_count }}题，共{{ total_points }}分，限时{{ minutes }}分钟。\n"
        "\n"
        "题型：{% for t in types %}{{ type_names[t] }}{{ '' if loop.last else '、' }}{% endfor %}。\n"
        "请用黑色签字笔作答。\n",
    )
    result = run(ALL_TYPES, "-o", tmp_path / "out", "--no-key", "--templates", folder)
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "out" / "paper.pdf"))
    assert (
        "注意事项：1.本卷12题，共34分，限时60分钟。"
        "2.题型：单项选择题、多项选择题、判断题、填空题、简答题。3.请用黑色签字笔作答。"
    ) in text
    assert "答题前请在密封线内填写" not in text


def test_a_template_that_prints_nothing_leaves_the_instructions_out(tmp_path):
    folder = override(tmp_path, "{# no instructions on our papers #}\n")
    result = run(ALL_TYPES, "-o", tmp_path / "out", "--no-key", "--templates", folder)
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "out" / "paper.pdf"))
    assert "注意事项" not in text and "一、单项选择题" in text


def test_folder_without_the_file_keeps_the_bundled_instructions(tmp_path):
    folder = tmp_path / "mine"
    (folder / "questions").mkdir(parents=True)  # a generate override only
    result = run(ALL_TYPES, "-o", tmp_path / "out", "--no-key", "--templates", folder)
    assert result.exit_code == 0, result.output
    assert DEFAULT_INSTRUCTIONS in flat(pdf_text(tmp_path / "out" / "paper.pdf"))


def test_template_reaching_python_internals_is_refused_and_no_pdf_is_written(tmp_path):
    folder = override(tmp_path, "{{ ''.__class__.__mro__ }}\n")
    out = tmp_path / "out"
    result = run(ALL_TYPES, "-o", out, "--versions", "A,B", "--templates", folder)
    assert result.exit_code == 1
    error = only_error_line(result.output)
    assert "instructions.j2" in error and "sandbox forbids" in error and "__class__" in error
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("第一条\n{% if minutes %}没有结束\n", "instructions.j2:2: template syntax error"),
        ("共{{ question_cont }}题\n", "'question_cont' is undefined"),
        ("{{ types[9] }}\n", "undefined"),
        ("{{ 1 / 0 }}\n", "ZeroDivisionError"),
    ],
)
def test_broken_template_gives_one_line_error_naming_it(tmp_path, text, message):
    folder = override(tmp_path, text)
    out = tmp_path / "out"
    result = run(ALL_TYPES, "-o", out, "--templates", folder)
    assert result.exit_code == 1
    error = only_error_line(result.output)
    assert "instructions.j2" in error and message in error, error
    assert not out.exists() or list(out.iterdir()) == []


def test_templates_folder_that_does_not_exist_is_an_error(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path / "out", "--templates", tmp_path / "nope")
    assert result.exit_code == 1
    assert "templates folder not found" in only_error_line(result.output)
