"""`factquiz pdf`: the command, host material, and errors a user can act on."""

from __future__ import annotations

import pytest
from pdf_fixtures.helpers import ALL_TYPES, flat, one_of_each, page_texts, pdf_text
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.render import PaperOptions, render_papers
from factquiz.render.cards import round_of

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["pdf", *map(str, args)])


def pdfs(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_pdf_command_writes_versions_keys_cards_and_scoresheet(tmp_path):
    result = run(
        ALL_TYPES,
        "-o",
        tmp_path,
        "--versions",
        "A,B",
        "--seed",
        "3",
        "--cards",
        "--scoresheet",
        "一队,二队,三队",
    )
    assert result.exit_code == 0, result.output
    assert pdfs(tmp_path) == [
        "cards.pdf",
        "key-A.pdf",
        "key-B.pdf",
        "paper-A.pdf",
        "paper-B.pdf",
        "scoresheet.pdf",
    ]
    assert "ok: 12 题，2 个版本，6 个 PDF" in result.output
    for path in tmp_path.iterdir():
        assert "\x00" not in pdf_text(path), path.name  # every character has a glyph
    assert "平湖城投：匠心营城背后的“红色密码”" in pdf_text(
        tmp_path / "paper-A.pdf"
    )  # title defaults to the bank's


def test_title_subtitle_minutes_and_selection_options(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path, "--title", "党史知识竞赛", "--subtitle", "初赛试卷",
                 "--minutes", "45", "--types", "single,judge", "--count", "3", "--seed", "1", "--no-key")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pdfs(tmp_path) == ["paper.pdf"]
    text = pdf_text(tmp_path / "paper.pdf")
    assert "党史知识竞赛" in text and "初赛试卷" in text and "考试时间45分钟" in text
    assert "本试卷共" in text and "3小题" in text
    assert "填空题（" not in text and "多项选择题（" not in text


def test_versions_as_a_count(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path, "--versions", "3", "--key-only")
    assert result.exit_code == 0, result.output
    assert pdfs(tmp_path) == ["key-A.pdf", "key-B.pdf", "key-C.pdf"]


def test_combined_flag(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path, "--versions", "A,B", "--combined")
    assert result.exit_code == 0, result.output
    assert pdfs(tmp_path) == ["keys.pdf", "papers.pdf"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--font", "/no/such/font.ttf"], "font file not found"),
        (["--count", "50"], "asked for 50 questions but only 12 match"),
        (["--versions", "A,甲"], "unknown version label '甲'"),
        (["--no-key", "--key-only"], "leave nothing to print"),
    ],
)
def test_bad_options_give_one_line_error_and_no_pdf(tmp_path, args, message):
    out = tmp_path / "out"
    result = run(ALL_TYPES, "-o", out, *args)
    assert result.exit_code != 0
    errors = [line for line in result.output.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error:") and message in errors[0], (
        result.output
    )
    assert "Traceback" not in result.output
    assert pdfs(out) == []


def test_unreadable_bank_is_an_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01binary")
    result = run(bad, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "bad.yaml" in result.output and "error:" in result.output
    assert pdfs(tmp_path / "out") == []


def test_output_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(ALL_TYPES, "-o", blocker / "out")
    assert result.exit_code == 1 and "error:" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_failure_while_rendering_leaves_no_partial_pdf(tmp_path, monkeypatch):
    import factquiz.render.papers as papers_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(papers_module, "key_flowables", broken)
    with pytest.raises(RuntimeError):
        render_papers(one_of_each(), PaperOptions(title="中断", paper=False), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_cue_cards_one_question_per_half_page_with_answer_points_and_round(tmp_path):
    questions = one_of_each()
    render_papers(
        questions, PaperOptions(title="题卡", paper=False, key=False, cards=True), tmp_path
    )
    pages = page_texts(tmp_path / "cards.pdf")
    assert len(pages) == 3  # five cards, two per page
    first = pages[0]
    assert "第 1 题" in first and "第 2 题" in first and "第 3 题" not in first
    assert "答案：B．591" in first and "10 分" in first and "单项选择题" in first
    assert "解析：历经591个昼夜。" in first and "出处：在历经591个昼夜的艰苦施工后" in first
    assert flat(first).index(flat(questions[0].stem)) < flat(first).index(
        flat(questions[1].stem)
    )  # reading order
    assert flat(questions[4].stem) in flat(pages[2])


def test_round_comes_from_a_round_tag_else_the_type():
    q = one_of_each()[0]
    assert round_of(q, ("必答题", "抢答题")) == "单项选择题"
    from dataclasses import replace

    assert round_of(replace(q, tags=("党史", "抢答题")), ("必答题", "抢答题")) == "抢答题"


def test_scoresheet_has_a_row_per_team_and_a_column_per_round(tmp_path):
    teams = ("一队", "二队", "工程建设管理部代表队")
    result = run(
        ALL_TYPES,
        "-o",
        tmp_path,
        "--no-key",
        "--scoresheet",
        ",".join(teams),
        "--rounds",
        "必答题,抢答题,风险题",
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "scoresheet.pdf")
    for word in (*teams, "必答题", "抢答题", "风险题", "总分", "名次", "计分表", "记分员"):
        assert word in flat(text), word
    assert "加时赛" not in text


def test_bad_scoresheet_is_refused_before_any_pdf_is_written(tmp_path):
    result = run(ALL_TYPES, "-o", tmp_path / "out", "--scoresheet", " , ,")
    assert result.exit_code == 2 and "--scoresheet needs team names" in result.output
    assert pdfs(tmp_path / "out") == []
