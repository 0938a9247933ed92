"""Kahoot spreadsheet export."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factquiz.banks import read_bank
from factquiz.interchange import export_bank
from factquiz.interchange.kahoot import FIRST_ROW, HEADER_ROW, snap_time_limit

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


def question_rows(path: Path) -> list[tuple]:
    sheet = load_workbook(path).active
    return [row for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True) if any(row)]


def test_sample_bank_matches_the_golden_rows(tmp_path):
    export_bank(read_bank(SAMPLE), "kahoot", tmp_path / "k.xlsx")
    text = (
        "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for row in question_rows(tmp_path / "k.xlsx")
        )
        + "\n"
    )
    check_golden("sample.kahoot.tsv", text)


def test_sheet_has_the_kahoot_template_layout(tmp_path):
    export_bank(read_bank(SAMPLE), "kahoot", tmp_path / "k.xlsx")
    sheet = load_workbook(tmp_path / "k.xlsx").active
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[1:] == [
        "Question - max 120 characters",
        "Answer 1 - max 75 characters",
        "Answer 2 - max 75 characters",
        "Answer 3 - max 75 characters",
        "Answer 4 - max 75 characters",
        "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
        "Correct answer(s) - choose at least one",
    ]
    assert sheet.cell(row=FIRST_ROW, column=1).value == 1
    assert sheet["B2"].value == "平湖城投：匠心营城背后的“红色密码”"


def test_judge_becomes_two_answers_and_multiple_lists_its_numbers(tmp_path):
    export_bank(read_bank(SAMPLE), "kahoot", tmp_path / "k.xlsx")
    rows = {row[1]: row for row in question_rows(tmp_path / "k.xlsx")}
    judge_true = rows["我市首条水上旅游线路——水岸交融游线于去年9月22日正式运营。"]
    judge_false = rows["城投集团党史知识竞赛共有12支代表队参加。"]
    assert judge_true[2:8] == ("正确", "错误", None, None, 30, 1)
    assert judge_false[7] == 2
    assert rows["“两湖一街区”内推出的红色项目包括哪些？"][7] == "1,2,4"


def test_types_kahoot_cannot_ask_are_reported_per_question(tmp_path):
    warnings = export_bank(read_bank(SAMPLE), "kahoot", tmp_path / "k.xlsx")
    left_out = [w for w in warnings if w.message.startswith("left out:")]
    assert [w.location.field.split("/")[1] for w in left_out] == [
        "relocation-rate",
        "tunnel-name",
        "tunnel-facts",
        "party-building",
    ]
    assert len(question_rows(tmp_path / "k.xlsx")) == 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"stem": "题" * 121}, "the question is 121 characters; Kahoot allows 120"),
        ({"options": ("甲" * 76, "乙", "丙")}, "answer 1 is 76 characters; Kahoot allows 75"),
        (
            {"options": ("甲", "乙", "丙", "丁", "戊"), "correct": (1,)},
            "Kahoot allows at most 4 answers; this question has 5",
        ),
    ],
)
def test_question_over_a_kahoot_limit_is_reported_not_cut(tmp_path, change, message):
    bank = read_bank(SAMPLE)
    first = bank.questions[0]
    too_big = replace(first, id="too-big", **change)
    warnings = export_bank(replace(bank, questions=(too_big, first)), "kahoot", tmp_path / "k.xlsx")
    assert [str(w) for w in warnings] == [f"sample_bank/too-big: left out: {message}"]
    [row] = question_rows(tmp_path / "k.xlsx")
    assert row[1] == first.stem  # the question that fits is there, whole


def test_question_of_exactly_120_characters_fits(tmp_path):
    bank = read_bank(SAMPLE)
    exact = replace(bank.questions[0], stem="题" * 120)
    assert export_bank(replace(bank, questions=(exact,)), "kahoot", tmp_path / "k.xlsx") == []


@pytest.mark.parametrize(
    ("seconds", "snapped"),
    [(1, 5), (5, 5), (25, 30), (30, 30), (45, 60), (100, 120), (240, 240), (600, 240)],
)
def test_time_limit_is_raised_to_the_next_value_kahoot_offers(seconds, snapped):
    assert snap_time_limit(seconds) == snapped


def test_text_starting_with_equals_stays_text_not_a_formula(tmp_path):
    export_bank(read_bank(HOSTILE), "kahoot", tmp_path / "k.xlsx")
    sheet = load_workbook(tmp_path / "k.xlsx").active
    cell = sheet.cell(row=FIRST_ROW, column=5)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil")', "s")
    assert sheet.cell(row=FIRST_ROW, column=2).value.startswith(
        "下列哪一项是 <script>alert('x')</script>"
    )


def test_same_bank_gives_the_same_bytes(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, "kahoot", tmp_path / "a.xlsx")
    export_bank(bank, "kahoot", tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
