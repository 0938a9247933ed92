"""Import keeps what a bank can hold and names each question left out; --strict is all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.errors import BankError
from factquiz.interchange import import_bank, import_questions

runner = CliRunner()

# In the style of Moodle's own examples.gift: a few question kinds a bank has (matching among
# them), and a choice question with more answers than a bank holds (8).
GIFT = """\
// examples in the style of Moodle's GIFT documentation
::Q1:: Who's buried in Grant's tomb?{=Grant ~no one ~Napoleon ~Churchill}

::Q2:: Match the countries with their capitals. {
   =Canada -> Ottawa
   =Italy  -> Rome
   =Japan  -> Tokyo
}

::Q3:: Grant was buried in a tomb in New York City.{T}

::Q4:: Which number is prime? {=2 ~1 ~4 ~6 ~8 ~9 ~10 ~12 ~14}

::Q5:: When was Ulysses S. Grant born?{#1822:5}
"""

XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>tf</text></name>
    <questiontext format="html"><text>太阳从东方升起。</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="matching">
    <name><text>match</text></name>
    <questiontext format="html"><text>连线</text></questiontext>
    <subquestion><text>a</text><answer><text>1</text></answer></subquestion>
  </question>
</quiz>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_questions_a_bank_cannot_hold_are_left_out_with_their_line(tmp_path):
    imported = import_questions(write(tmp_path, "examples.gift", GIFT))
    assert [q.id for q in imported.bank.questions] == ["Q1", "Q2", "Q3", "Q5"]
    assert imported.bank.questions[1].type == "match"
    assert [(p.location.line, p.location.field) for p in imported.left_out] == [
        (12, "question 4"),
    ]
    assert all("2 to 8 answers" in str(w) and "left out" in str(w) for w in imported.warnings)


def test_a_moodle_xml_with_one_matching_question_imports_the_others(tmp_path):
    imported = import_questions(write(tmp_path, "q.xml", XML))
    assert [q.type for q in imported.bank.questions] == ["judge"]
    assert [p.location.line for p in imported.left_out] == [9]


def test_import_bank_is_all_or_nothing_and_lists_every_question_left_out(tmp_path):
    with pytest.raises(BankError) as info:
        import_bank(write(tmp_path, "examples.gift", GIFT))
    assert [p.location.line for p in info.value.problems] == [12]


def test_import_command_writes_the_rest_and_warns_per_question(tmp_path):
    gift, out = write(tmp_path, "examples.gift", GIFT), tmp_path / "bank.yaml"
    result = runner.invoke(app, ["import", str(gift), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {gift}:12: question 4: left out: a choice question needs 2 to 8" in result.output
    )
    assert "wrote" in result.output and "4 题（1 题未导入，见上）" in result.output
    assert len(read_bank(out)) == 4


def test_import_strict_writes_nothing_when_a_question_is_left_out(tmp_path):
    gift, out = write(tmp_path, "examples.gift", GIFT), tmp_path / "bank.yaml"
    result = runner.invoke(app, ["import", str(gift), "--strict", "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"error: {gift}:12: question 4: a choice question needs 2 to 8" in result.output
    assert not out.exists()


def test_a_table_row_with_a_bad_answer_is_left_out_and_the_others_imported(tmp_path):
    csv = write(
        tmp_path,
        "t.csv",
        "题型,题干,选项A,选项B,答案\r\n单选,一？,甲,乙,A\r\n单选,二？,甲,乙,E\r\n判断,三。,,,对\r\n",
    )
    imported = import_questions(csv)
    assert [q.stem for q in imported.bank.questions] == ["一？", "三。"]
    assert [str(w) for w in imported.warnings] == [
        f"{csv}:3: 答案: left out: answer 'E' but only 2 options A–B"
    ]


# ------------------------------------------------------------------ partial credit


def test_a_single_choice_option_worth_half_is_named_not_dropped_silently(tmp_path):
    gift = write(tmp_path, "p.gift", "::p:: 二加二？ {=四 ~%50%约等于四 ~五}\n")
    imported = import_questions(gift)
    assert imported.bank.questions[0].correct == (0,)
    assert [str(w) for w in imported.warnings] == [
        f"{gift}:1: question 1: answer '约等于四' gives 50% in the file; a bank has no partial "
        "credit, so it counts as wrong"
    ]


def test_short_answers_at_75_and_25_percent_are_reported_when_dropped(tmp_path):
    gift = write(tmp_path, "p.gift", "::s:: 首都？ {=北京 =%75%北平 =%25%燕京}\n")
    imported = import_questions(gift)
    assert imported.bank.questions[0].blanks[0].answers == ("北京",)
    assert "'北平' (75%), '燕京' (25%)" in str(imported.warnings[0])


def test_short_answer_with_only_partial_credit_is_left_out_saying_why(tmp_path):
    gift = write(tmp_path, "p.gift", "::ok:: 好 {T}\n\n::s:: 首都？ {=%75%北平 =%25%燕京}\n")
    imported = import_questions(gift)
    assert "no accepted answer at 100%" in str(imported.warnings[0])
    assert "partial credit for '北平' (75%), '燕京' (25%)" in str(imported.warnings[0])


def test_unequal_weights_of_several_right_options_are_reported(tmp_path):
    gift = write(tmp_path, "p.gift", "::m:: 选两个 {~%75%甲 ~%25%乙 ~%-100%丙}\n")
    imported = import_questions(gift)
    assert imported.bank.questions[0].correct == (0, 1)
    assert "(75%、25%)" in str(imported.warnings[0])


def test_partial_credit_in_moodle_xml_is_reported(tmp_path):
    xml = write(
        tmp_path,
        "p.xml",
        """<quiz><question type="multichoice">
<name><text>m</text></name><questiontext format="html"><text>二加二？</text></questiontext>
<single>true</single>
<answer fraction="100"><text>四</text></answer>
<answer fraction="50"><text>约四</text></answer>
<answer fraction="0"><text>五</text></answer>
</question></quiz>""",
    )
    imported = import_questions(xml)
    assert imported.bank.questions[0].correct == (0,)
    assert "'约四' gives 50%" in str(imported.warnings[0])


def test_partial_credit_inside_a_cloze_blank_is_reported(tmp_path):
    xml = write(
        tmp_path,
        "c.xml",
        """<quiz><question type="cloze"><name><text>c</text></name>
<questiontext format="html"><text><![CDATA[首都是{1:SHORTANSWER:=北京~%50%北平}，简称{1:SA:=京}]]></text>
</questiontext></question></quiz>""",
    )
    imported = import_questions(xml)
    assert [b.answers for b in imported.bank.questions[0].blanks] == [("北京",), ("京",)]
    assert [str(w).split(": ", 2)[2] for w in imported.warnings] == [
        "blank 1: answers with partial credit are not kept ('北平' (50%)): "
        "a bank accepts an answer fully or not at all"
    ]


def test_a_numerical_answer_at_half_credit_is_reported(tmp_path):
    xml = write(
        tmp_path,
        "n.xml",
        """<quiz><question type="numerical"><name><text>n</text></name>
<questiontext format="html"><text>一公斤约合几磅？</text></questiontext>
<answer fraction="100"><text>2.2</text><tolerance>0.1</tolerance></answer>
<answer fraction="50"><text>2</text><tolerance>0</tolerance></answer>
</question></quiz>""",
    )
    imported = import_questions(xml)
    assert imported.bank.questions[0].blanks[0].answers == ("2.2",)
    assert "'2' (50%)" in str(imported.warnings[0])


def test_a_gift_numerical_answer_at_half_credit_is_reported(tmp_path):
    gift = write(tmp_path, "n.gift", "::n:: 一公斤约合几磅？ {#=2.2:0.1 =%50%2:0}\n")
    imported = import_questions(gift)
    assert imported.bank.questions[0].blanks[0].answers == ("2.2",)
    assert "'2:0' (50%)" in str(imported.warnings[0])


def test_a_gift_question_that_would_fail_validate_is_left_out_not_written(tmp_path):
    gift = write(
        tmp_path,
        "v.gift",
        "::ok:: 第一行\x0b第二行 {T}\n\n::ctrl:: 坏\x01题 {T}\n\n::two:: 甲____乙____ {=x}\n",
    )
    imported = import_questions(gift)
    assert [(q.id, q.stem) for q in imported.bank.questions] == [("ok", "第一行\n第二行")]
    assert [str(w) for w in imported.warnings] == [
        f"{gift}:3: ctrl: stem: left out: contains U+0001, a control character, "
        "at character 2; replace it with a line break or delete it",
        f"{gift}:5: two: stem: left out: the question text has 2 blank marks （ ） or ____ but 1 "
        "answer(s); a bank needs one answer per blank",
    ]
