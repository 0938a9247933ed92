"""Moodle XML export and import."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factquiz.banks import read_bank, save_bank
from factquiz.errors import BankError, InputError
from factquiz.interchange import export_bank, import_bank
from factquiz.interchange.moodle import render_moodle_xml
from factquiz.interchange.textfmt import multiple_choice_grades
from factquiz.model import Bank, Blank, Question

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "sample_bank.yaml"
HOSTILE = GOLDEN / "hostile_bank.yaml"

# question_bank::fraction_options_full() in Moodle: the only grades its importer accepts
MOODLE_FRACTIONS = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
                    0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]  # fmt: skip
ALLOWED = MOODLE_FRACTIONS + [-f for f in MOODLE_FRACTIONS]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTQUIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; look at it, then regenerate with FACTQUIZ_UPDATE_GOLDEN=1"
    )


def moodle_accepts(percent: str) -> bool:
    """Moodle's match_grade_options in 'error' mode: within 0.00001 of an allowed fraction."""
    return any(abs(float(percent) / 100 - f) < 0.00001 for f in ALLOWED)


def questions_of(xml_text: str) -> list[ET.Element]:
    return [q for q in ET.fromstring(xml_text).findall("question") if q.get("type") != "category"]


def test_sample_bank_matches_the_golden_file():
    text, problems = render_moodle_xml(read_bank(SAMPLE))
    assert problems == []
    check_golden("sample.moodle.xml", text)


def test_every_question_type_maps_to_its_moodle_type():
    root = ET.fromstring(render_moodle_xml(read_bank(SAMPLE))[0])
    types = [q.get("type") for q in root.findall("question")]
    assert types == ["category", "multichoice", "multichoice", "multichoice", "truefalse", "truefalse",
                     "numerical", "shortanswer", "cloze", "essay"]  # fmt: skip
    category = root.find("question/category/text").text
    assert category == "$course$/top/平湖城投：匠心营城背后的“红色密码”"


def test_multiple_choice_grades_are_values_moodle_accepts_and_add_up_to_100():
    for q in questions_of(render_moodle_xml(read_bank(SAMPLE))[0]):
        if q.findtext("single") == "false":
            grades = [a.get("fraction") for a in q.findall("answer")]
            assert all(moodle_accepts(g) for g in grades), grades
            positive = sum(float(g) for g in grades if float(g) > 0)
            assert round(positive / 100, 2) == 1.0  # Moodle's own check on several-answer questions


@given(
    st.integers(2, 8).flatmap(
        lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), min_size=1))
    )
)
def test_any_split_of_right_options_gives_grades_moodle_accepts(case):
    n, correct = case
    grades = multiple_choice_grades(n, correct)
    assert all(moodle_accepts(g) for g in grades)
    assert round(sum(float(g) for g in grades if float(g) > 0) / 100, 2) == 1.0
    wrong = [float(g) for g in grades if float(g) < 0]
    assert not wrong or round(sum(wrong) / 100, 2) == -1.0  # ticking every option scores 0


def test_fill_blank_keeps_every_accepted_variant_at_full_marks():
    q = next(
        q
        for q in questions_of(render_moodle_xml(read_bank(SAMPLE))[0])
        if q.findtext("name/text") == "tunnel-name"
    )
    assert [(a.get("fraction"), a.findtext("text")) for a in q.findall("answer")] == [
        ("100", "建国路"),
        ("100", "建国路隧道"),
    ]


def test_numeric_blank_becomes_numerical_with_its_tolerance():
    q = next(
        q
        for q in questions_of(render_moodle_xml(read_bank(SAMPLE))[0])
        if q.get("type") == "numerical"
    )
    answer = q.find("answer")
    assert (answer.findtext("text"), answer.findtext("tolerance")) == ("98.5", "0.1")


def test_several_blanks_become_one_cloze_code_each():
    q = next(
        q for q in questions_of(render_moodle_xml(read_bank(SAMPLE))[0]) if q.get("type") == "cloze"
    )
    assert (
        q.findtext("questiontext/text")
        == "建国路隧道历经{1:SHORTANSWER:=591}个昼夜施工，提前{1:SHORTANSWER:=80余}天建成通车。"
    )


def test_round_trip_keeps_every_field_moodle_carries(tmp_path):
    bank = read_bank(SAMPLE)
    assert export_bank(bank, "moodle", tmp_path / "bank.xml") == []
    back = import_bank(tmp_path / "bank.xml")
    assert back.title == bank.title
    assert len(back.questions) == len(bank.questions)
    for before, after in zip(bank.questions, back.questions, strict=True):
        for field in (
            "id",
            "type",
            "stem",
            "options",
            "correct",
            "truth",
            "blanks",
            "reference",
            "explanation",
            "tags",
            "shuffle",
        ):
            assert getattr(after, field) == getattr(before, field), (before.id, field)
        # a cloze question's grade is the number of its blanks in Moodle
        if before.id != "tunnel-facts":
            assert after.points == before.points, before.id


def test_hostile_text_stays_text_and_survives_the_round_trip(tmp_path):
    bank = read_bank(HOSTILE)
    export_bank(bank, "moodle", tmp_path / "hostile.xml")
    raw = (tmp_path / "hostile.xml").read_text(encoding="utf-8")
    root = ET.fromstring(raw)  # well-formed despite ]]> and </script> in the text
    stem_html = root.find("question[@type='multichoice']/questiontext/text").text
    assert "<script>" not in stem_html and "&lt;script&gt;" in stem_html
    back = import_bank(tmp_path / "hostile.xml")
    assert back.title == bank.title
    for before, after in zip(bank.questions, back.questions, strict=True):
        for field in (
            "stem",
            "options",
            "correct",
            "truth",
            "blanks",
            "reference",
            "explanation",
            "tags",
        ):
            assert getattr(after, field) == getattr(before, field), (before.id, field)


def test_asterisk_in_an_accepted_answer_is_not_a_moodle_wildcard():
    text, _ = render_moodle_xml(read_bank(HOSTILE))
    fill = next(q for q in questions_of(text) if q.findtext("name/text") == "fill-specials")
    assert [a.findtext("text") for a in fill.findall("answer")][-1] == "a\\*b"


def test_cdata_terminator_in_text_is_split_safely():
    from factquiz.interchange.moodle import cdata

    text = "a]]>b"
    wrapped = cdata(text)
    assert ET.fromstring(f"<t>{wrapped}</t>").text == text


def test_control_characters_xml_cannot_hold_are_dropped_not_fatal(tmp_path):
    bank = read_bank(SAMPLE)
    odd = replace(bank.questions[0], stem="控制字符\x01\x0b在这里")
    text, _ = render_moodle_xml(replace(bank, questions=(odd,)))
    assert questions_of(text)[0].findtext("questiontext/text") == "控制字符在这里"


def test_cloze_whose_stem_lacks_blank_marks_is_reported_and_the_rest_exported(tmp_path):
    bank = read_bank(SAMPLE)
    odd = replace(bank.questions[7], stem="没有空位的题干")
    warnings = export_bank(
        replace(bank, questions=(bank.questions[0], odd)), "moodle", tmp_path / "out.xml"
    )
    assert len(warnings) == 1 and "tunnel-facts" in str(warnings[0]) and "cloze" in str(warnings[0])
    assert len(questions_of((tmp_path / "out.xml").read_text(encoding="utf-8"))) == 1


def test_imported_bank_saves_as_yaml_the_loader_accepts(tmp_path):
    export_bank(read_bank(SAMPLE), "moodle", tmp_path / "bank.xml")
    save_bank(import_bank(tmp_path / "bank.xml"), tmp_path / "bank.yaml")
    assert len(read_bank(tmp_path / "bank.yaml").questions) == 9


MOODLE_STYLE = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category><text>$course$/top/默认/党史题库</text></category>
  </question>
  <question type="description">
    <name><text>说明</text></name>
    <questiontext format="html"><text>只是说明</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>Q 1: 隧道</text></name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr">建国路隧道历经<strong>多少</strong>个昼夜？</p><p>&nbsp;第二段&amp;</p>]]></text>
    </questiontext>
    <defaultgrade>1.0000000</defaultgrade>
    <single>true</single>
    <shuffleanswers>0</shuffleanswers>
    <answer fraction="0" format="html"><text><![CDATA[<p>519</p>]]></text></answer>
    <answer fraction="100" format="html"><text><![CDATA[<p>591</p>]]></text></answer>
    <answer fraction="50" format="html"><text>600</text></answer>
  </question>
  <question type="shortanswer">
    <name><text>Q 1: 隧道</text></name>
    <questiontext format="moodle_auto_format"><text>第一行
第二行</text></questiontext>
    <answer fraction="100"><text>建国路</text></answer>
    <answer fraction="50"><text>建国</text></answer>
  </question>
</quiz>
"""


def test_reads_a_file_written_the_way_moodle_writes_it(tmp_path):
    path = tmp_path / "moodle.xml"
    path.write_text(MOODLE_STYLE, encoding="utf-8")
    bank = import_bank(path)
    assert bank.title == "党史题库"
    first, second = bank.questions
    assert first.stem == "建国路隧道历经多少个昼夜？\n第二段&"
    assert (first.type, first.options, first.correct, first.points, first.shuffle) == (
        "single",
        ("519", "591", "600"),
        (1,),
        1,
        False,
    )
    assert first.id == "Q-1-隧道" and second.id == "Q-1-隧道-2"  # names made into unique ids
    assert second.stem == "第一行\n第二行"
    assert second.blanks == (Blank(("建国路",)),)  # a 50% answer is not a right answer


def test_malformed_xml_names_the_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<quiz>\n  <question type="essay">\n  </questio>\n</quiz>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        import_bank(path)
    assert caught.value.location.line == 4
    assert "not well-formed XML" in caught.value.message


def test_unsupported_type_is_an_error_naming_its_line_and_type(tmp_path):
    path = tmp_path / "calculated.xml"
    path.write_text(
        '<quiz>\n<question type="truefalse"><name><text>a</text></name>'
        '<questiontext format="html"><text>对吗</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>\n'
        '<question type="calculated">\n<name><text>m</text></name></question>\n</quiz>\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        import_bank(path)
    [problem] = caught.value.problems
    assert problem.location.line == 3
    assert problem.location.field == "question[2] (calculated)"
    assert "cannot be imported" in problem.message


def test_multichoice_without_a_right_answer_is_reported(tmp_path):
    path = tmp_path / "none.xml"
    path.write_text(
        '<quiz>\n  <question type="multichoice">\n    <questiontext><text>哪个</text></questiontext>\n'
        '    <single>false</single>\n    <answer fraction="0"><text>甲</text></answer>\n'
        '    <answer fraction="-50"><text>乙</text></answer>\n  </question>\n</quiz>\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError) as caught:
        import_bank(path)
    assert caught.value.problems[0].location.line == 2
    assert "no answer with a positive fraction" in caught.value.problems[0].message


def test_file_that_is_not_a_moodle_quiz_says_so(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(InputError, match="expected <quiz>"):
        import_bank(path)


def test_short_answers_are_written_in_cdata_so_moodle_keeps_the_spaces_between_symbols():
    # Moodle's XML reader drops whitespace between entities: "&lt; &gt;" would be stored "<>"
    q = Question(id="lt", type="fill", stem="小于号和大于号是（ ）", blanks=(Blank(("< >",)),))
    text, _ = render_moodle_xml(Bank(title="t", questions=(q,)))
    assert "<text><![CDATA[< >]]></text>" in text
    assert "&lt; &gt;" not in text
