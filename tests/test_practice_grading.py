"""Marking typed answers in practice mode."""

from __future__ import annotations

import pytest

from factquiz.banks import parse_bank
from factquiz.host.grading import check_answer

BANK = parse_bank(
    """\
format: factquiz/1
title: t
questions:
  - {id: s, type: single, stem: 隧道历经（ ）个昼夜, options: ["519", "591", "600"], answer: B}
  - {id: m, type: multiple, stem: 幼儿园有, options: [甲, 乙, 丙, 丁], answer: AC}
  - {id: j, type: judge, stem: 共有10支代表队, answer: true}
  - id: f
    type: fill
    stem: 腾房率达到了（ ）%。
    answer: [{accept: ["98.5"], tolerance: 0.1}]
  - {id: f2, type: fill, stem: 我市首条城市隧道是（ ）隧道，历经（ ）个昼夜, answer: [[建国路, 建国路隧道], ["591"]]}
""",
    "t.yaml",
)
Q = {q.id: q for q in BANK.questions}


@pytest.mark.parametrize("reply", ["B", "b", " Ｂ "])
def test_single_accepts_the_letter_in_any_case_or_width(reply):
    assert check_answer(Q["s"], reply).correct is True


def test_single_letter_beyond_the_options_asks_again():
    verdict = check_answer(Q["s"], "D")
    assert verdict.correct is None and "A–C" in verdict.hint


@pytest.mark.parametrize(
    "reply, correct", [("AC", True), ("c a", True), ("A,C", True), ("A", False), ("ABC", False)]
)
def test_multiple_needs_exactly_the_right_set(reply, correct):
    assert check_answer(Q["m"], reply).correct is correct


@pytest.mark.parametrize(
    "reply, correct", [("对", True), ("T", True), ("正确", True), ("错", False), ("F", False)]
)
def test_judge_accepts_chinese_and_letters(reply, correct):
    assert check_answer(Q["j"], reply).correct is correct


def test_judge_nonsense_asks_again():
    assert check_answer(Q["j"], "也许").correct is None


@pytest.mark.parametrize(
    "reply, correct", [("98.5", True), ("98.45", True), ("98.5%", True), ("97", False)]
)
def test_fill_number_within_tolerance(reply, correct):
    assert check_answer(Q["f"], reply).correct is correct


@pytest.mark.parametrize(
    "reply, correct", [("建国路 591", True), ("建国路隧道；五百九十一", True), ("建国 591", False)]
)
def test_fill_several_blanks_with_variants_and_chinese_numerals(reply, correct):
    assert check_answer(Q["f2"], reply).correct is correct


def test_fill_with_the_wrong_number_of_blanks_asks_again():
    verdict = check_answer(Q["f2"], "建国路")
    assert verdict.correct is None and "2 个空" in verdict.hint
