"""Saving banks and selecting questions: same input, same bytes; selection errors say how many match."""

from __future__ import annotations

from pathlib import Path

import pytest

from factquiz.banks import Selection, dump_bank, parse_bank, read_bank, save_bank, select_questions
from factquiz.errors import InputError, SelectionError

SAMPLE = Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"


def test_saved_bank_reads_back_equal_and_byte_stable(tmp_path: Path):
    bank = read_bank(SAMPLE)
    out = tmp_path / "copy.yaml"
    save_bank(bank, out)
    again = read_bank(out, name=bank.name)
    assert again == bank
    assert dump_bank(again) == out.read_text(encoding="utf-8")


def test_saved_bank_is_compact_flow_style():
    text = dump_bank(read_bank(SAMPLE))
    assert "defaults: {points: 10, time_limit: 30, difficulty: 2}" in text
    assert "- {accept: ['98.5'], tolerance: 0.1}" in text
    assert "answer: [生产力, 竞争力, 凝聚力]" in text


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "bank.yaml"
    target.write_text("old", encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("factquiz.files.os.replace", disk_full)
    with pytest.raises(
        InputError,
        match="cannot write the bank: No space left on device; the old file is unchanged",
    ):
        save_bank(read_bank(SAMPLE), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["bank.yaml"]


def test_selection_is_reproducible_and_filters():
    questions = read_bank(SAMPLE).questions
    pick = Selection(types=("single", "judge"), count=5, seed=7, shuffle=True)
    first = [q.id for q in select_questions(questions, pick)]
    assert first == [q.id for q in select_questions(questions, pick)]
    assert len(first) == 5 and all(
        q.type in ("single", "judge") for q in select_questions(questions, pick)
    )


def test_asking_for_more_than_match_says_how_many():
    with pytest.raises(SelectionError, match="asked for 9 questions but only 4 match"):
        select_questions(read_bank(SAMPLE).questions, Selection(types=("judge",), count=9))


def test_parse_of_a_dump_is_stable_for_numbers_and_quotes():
    text = "format: factquiz/1\ntitle: t\nquestions:\n  - {id: a, type: single, stem: s, options: ['010', '0.10'], answer: A}\n"
    bank = parse_bank(text, "t.yaml")
    assert parse_bank(dump_bank(bank), "t.yaml") == bank


def test_shuffle_false_on_a_judge_question_survives_save_and_load():
    # found by the property test: `shuffle` was only written for choice questions
    from factquiz.banks import dump_bank, parse_bank

    text = (
        "format: factquiz/1\ntitle: t\nquestions:\n"
        "  - {id: j, type: judge, stem: 判断, answer: true, shuffle: false}\n"
    )
    bank = parse_bank(text, "b.yaml")
    assert parse_bank(dump_bank(bank), "b.yaml") == bank
