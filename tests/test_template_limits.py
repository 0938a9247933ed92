"""A team's or organiser's template that recurses, loops without end or repeats a string into
gigabytes stops with a located error naming the template, never a RecursionError or a hang."""

import pytest
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.generate.templates import Templates, TemplateError

RECURSIVE = "{% macro loop(n) %}{{ loop(n + 1) }}{% endmacro %}{{ loop(0) }}"
NESTED = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x"
REPEATED = "{{ 'x' * 1000000000 }}"


@pytest.mark.parametrize(
    "source", [RECURSIVE, NESTED, REPEATED], ids=["recursion", "loops", "repeat"]
)
def test_a_stem_template_past_its_bounds_is_a_template_error(tmp_path, source):
    (tmp_path / "single.j2").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Templates(tmp_path).render("single.j2")
    assert "single.j2" in str(caught.value.location.file)
    assert "模板" in caught.value.message


def test_a_template_within_its_bounds_still_loops(tmp_path):
    (tmp_path / "single.j2").write_text(
        "{% for i in range(3) %}{{ i }}{% endfor %}", encoding="utf-8"
    )
    assert Templates(tmp_path).render("single.j2") == "012"


def test_generate_with_a_recursive_template_fails_in_one_line(tmp_path, seed_article):
    team = tmp_path / "team"
    team.mkdir()
    (team / "single.j2").write_text(RECURSIVE, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["generate", str(seed_article), "-o", str(tmp_path / "b.yaml"), "--templates", str(team)],
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "single.j2" in result.output and "递归" in result.output
    assert not (tmp_path / "b.yaml").exists()


def test_paper_instructions_that_loop_forever_fail_in_one_line(tmp_path, root):
    folder = tmp_path / "paper-templates"
    (folder / "paper").mkdir(parents=True)
    (folder / "paper" / "instructions.j2").write_text(NESTED, encoding="utf-8")
    bank = root / "question_banks" / "sample-team.yaml"
    result = CliRunner().invoke(
        app, ["pdf", str(bank), "-o", str(tmp_path / "out"), "--templates", str(folder)]
    )
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert "循环" in result.output
