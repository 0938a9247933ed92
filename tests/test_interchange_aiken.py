"""Aiken export and import."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from factquiz.banks import read_bank
from factquiz.errors import BankError
from factquiz.interchange import export_bank, import_bank
from factquiz.interchange.aiken import render_aiken

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "sample_bank.yaml"
HOSTILE = GOLDEN / "hostile_bank.yaml"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTQUIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; look at it, then regenerate with FACTQUIZ_UPDATE_GOLDEN=1"
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "quiz.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_bank_matches_the_golden_file():
    text, _ = render_aiken(read_bank(SAMPLE))
    check_golden("sample.aiken.txt", text)


def test_other_types_are_reported_one_by_one_and_single_choice_still_written(tmp_path):
    warnings = export_bank(read_bank(SAMPLE), "aiken", tmp_path / "out.txt")
    assert len(warnings) == 8
    assert all("left out: Aiken holds only single-choice questions" in str(w) for w in warnings)
    assert "sample_bank/water-route" in str(warnings[2]) and "judge" in str(warnings[2])
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").count("ANSWER:") == 1


def test_round_trip_keeps_stem_options_and_answer(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, "aiken", tmp_path / "out.txt")
    [back] = import_bank(tmp_path / "out.txt").questions
    original = bank.questions[0]
    assert (back.type, back.stem, back.options, back.correct) == (
        "single",
        original.stem,
        original.options,
        original.correct,
    )


def test_hostile_text_is_kept_literally(tmp_path):
    bank = read_bank(HOSTILE)
    warnings = export_bank(bank, "aiken", tmp_path / "out.txt")
    assert len(warnings) == 5
    [back] = import_bank(tmp_path / "out.txt").questions
    assert back.stem == bank.questions[0].stem
    assert back.options == bank.questions[0].options


def test_text_that_aiken_cannot_hold_is_reported(tmp_path):
    bank = read_bank(SAMPLE)
    first = bank.questions[0]
    two_lines = replace(first, id="two-lines", stem="第一行\n第二行")
    looks_like_option = replace(first, id="option-like", stem="A. 这句话像一个选项")
    warnings = export_bank(
        replace(bank, questions=(two_lines, looks_like_option, first)),
        "aiken",
        tmp_path / "out.txt",
    )
    assert ["line break" in str(warnings[0]), "misread" in str(warnings[1])] == [True, True]
    assert len(import_bank(tmp_path / "out.txt").questions) == 1


def test_reads_lenient_labels_and_several_line_questions(tmp_path):
    text = "平湖城投的全称是\n什么？\nA、平湖市城市发展投资（集团）有限公司\nB) 平湖城投银行\nC．平湖建设局\nANSWER：a\n\n第二题\nA. 甲\nB. 乙\nANSWER: B\n"
    first, second = import_bank(write(tmp_path, text)).questions
    assert first.stem == "平湖城投的全称是\n什么？"
    assert first.options == ("平湖市城市发展投资（集团）有限公司", "平湖城投银行", "平湖建设局")
    assert first.correct == (0,)
    assert (second.id, second.correct, second.line) == ("q2", (1,), 8)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("问题一\nA. 甲\nB. 乙\n\n问题二\nA. 丙\nB. 丁\nANSWER: A\n", 1, "has no 'ANSWER: X' line"),
        ("问题\nA. 甲\nB. 乙\nANSWER: C\n", 4, "only options A–B"),
        ("问题\nA. 甲\nC. 乙\nANSWER: A\n", 3, "option C where B was expected"),
        ("A. 甲\nB. 乙\nANSWER: A\n", 1, "option line before any question text"),
        ("问题\nA. 甲\nANSWER: A\n", 3, "needs at least 2"),
        ("问题\nA. 甲\nB. 乙\nANSWER: AB\n", 4, "one option letter"),
        ("ANSWER: A\n", 1, "without a question"),
    ],
)
def test_bad_aiken_names_the_line(tmp_path, text, line, message):
    with pytest.raises(BankError) as caught:
        import_bank(write(tmp_path, text))
    problem = caught.value.problems[0]
    assert problem.location.line == line
    assert message in problem.message


def test_missing_answer_at_the_end_of_the_file_is_reported(tmp_path):
    with pytest.raises(BankError) as caught:
        import_bank(write(tmp_path, "问题一\nA. 甲\nB. 乙\nANSWER: A\n\n问题二\nA. 丙\nB. 丁\n"))
    [problem] = caught.value.problems
    assert problem.location.line == 6 and "has no 'ANSWER: X' line" in problem.message
