"""`factquiz export` and `factquiz import` for Moodle XML, GIFT, Aiken, Kahoot, Anki and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.errors import InputError
from factquiz.interchange import export_bank

runner = CliRunner()
SAMPLE = Path(__file__).parent / "golden" / "sample_bank.yaml"


@pytest.mark.parametrize(
    ("fmt", "name", "written"),
    [
        ("moodle", "bank.xml", 9),
        ("gift", "bank.gift", 8),
        ("aiken", "bank.txt", 1),
        ("kahoot", "kahoot.xlsx", 5),
        ("anki", "bank.apkg", 9),
        ("html", "practice.html", 9),
    ],
)
def test_export_writes_the_file_and_counts_what_it_wrote(tmp_path, fmt, name, written):
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", fmt, "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / name}: {written} 题" in result.output
    assert (tmp_path / name).stat().st_size > 0


def test_questions_left_out_are_listed_as_warnings(tmp_path):
    result = runner.invoke(
        app, ["export", str(SAMPLE), "--to", "aiken", "-o", str(tmp_path / "a.txt")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "warning: sample_bank/water-route: left out: Aiken holds only single-choice questions"
        in result.output
    )
    assert "1 题（8 题未导出，见上）" in result.output


def test_unknown_format_lists_the_formats_that_exist(tmp_path):
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "qti", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2, result.output
    assert "unknown export format 'qti'" in result.output
    for fmt in ("moodle", "gift", "aiken", "kahoot", "anki", "html"):
        assert fmt in result.output
    assert not (tmp_path / "x").exists()


def test_output_inside_a_file_is_an_error_and_writes_nothing(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["export", str(SAMPLE), "--to", "moodle", "-o", str(blocker / "bank.xml")]
    )
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_output_that_is_a_folder_is_an_error(tmp_path):
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "gift", "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "is a folder" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["moodle", "gift", "aiken", "kahoot", "anki", "html"])
def test_failed_write_keeps_the_old_file_and_leaves_no_partial_file(tmp_path, monkeypatch, fmt):
    target = tmp_path / "out"
    target.write_bytes(b"old export")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("factquiz.files.os.replace", refuse)
    with pytest.raises(InputError, match="No space left on device"):
        export_bank(read_bank(SAMPLE), fmt, target)
    assert target.read_bytes() == b"old export"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_import_round_trip_through_the_command_line(tmp_path):
    runner.invoke(app, ["export", str(SAMPLE), "--to", "moodle", "-o", str(tmp_path / "bank.xml")])
    result = runner.invoke(
        app, ["import", str(tmp_path / "bank.xml"), "-o", str(tmp_path / "back.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "9 题" in result.output
    assert [q.id for q in read_bank(tmp_path / "back.yaml").questions] == [
        q.id for q in read_bank(SAMPLE).questions
    ]


def test_import_of_a_txt_file_reads_aiken(tmp_path):
    (tmp_path / "quiz.txt").write_text("问题\nA. 甲\nB. 乙\nANSWER: B\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(tmp_path / "quiz.txt"), "-o", str(tmp_path / "q.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert read_bank(tmp_path / "q.yaml").questions[0].correct == (1,)


def test_import_strict_refuses_the_file_naming_file_line_and_question(tmp_path):
    bad = tmp_path / "bad.gift"
    bad.write_text("::a:: 好 {T}\n\n::b:: 坏 {~甲 ~乙}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--strict", "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1, result.output
    assert f"error: {bad}:3: question 2: no answer is right" in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_import_keeps_what_it_can_and_warns_per_question_left_out(tmp_path):
    bad = tmp_path / "bad.gift"
    bad.write_text("::a:: 好 {T}\n\n::b:: 坏 {~甲 ~乙}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert f"warning: {bad}:3: question 2: left out: no answer is right" in result.output
    assert "1 题（1 题未导入，见上）" in result.output
    assert [q.id for q in read_bank(tmp_path / "out.yaml").questions] == ["a"]


def test_import_of_a_file_with_no_usable_question_is_an_error(tmp_path):
    bad = tmp_path / "bad.gift"
    bad.write_text("::b:: 坏 {~甲 ~乙}\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1, result.output
    assert f"error: {bad}:1: question 1: no answer is right" in result.output
    assert not (tmp_path / "out.yaml").exists()


def test_import_format_that_does_not_exist_lists_those_that_do(tmp_path):
    (tmp_path / "q.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(tmp_path / "q.txt"), "--from", "kahoot", "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 2, result.output
    assert "unknown import format 'kahoot'" in result.output and "gift" in result.output
