"""Moodle cloze (multianswer) export, checked against Moodle's own cloze grammar, not our reader.

``moodle_grammar`` is that grammar in Python; ``moodle_cloze.php`` is the same in
PHP (PCRE, ``html_entity_decode``), run with php-cli when it is installed (CI
installs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from moodle_grammar import cloze_grade, extract_cloze

from factquiz.banks import parse_bank, save_bank
from factquiz.interchange import import_bank
from factquiz.interchange.moodle import export_bank, render_moodle_xml
from factquiz.model import Bank, Blank, Question

PHP_GRAMMAR = Path(__file__).parent / "moodle_cloze.php"
# Answers a Moodle teacher reported as marked wrong, and the characters around them.
AWKWARD = ["1/2", "a~b", '"引号"', "C:\\路径\\", "R&", "R&amp;", "x}", "#1", "%50%", "=3",
           "a\\}b", "&lt;", "<b>", "a\\", "{1:SA:=x}", "50%"]  # fmt: skip


def cloze_question(*answers: str) -> Question:
    stem = "（ ）".join(["第一空"] + ["后"] * len(answers))
    return Question(id="c", type="fill", stem=stem, blanks=tuple(Blank((a,)) for a in answers))


def questiontext(q: Question) -> str:
    text, problems = render_moodle_xml(Bank(title="t", questions=(q,)))
    assert problems == []
    element = ET.fromstring(text).find("question[@type='cloze']/questiontext/text")
    return element.text


@pytest.mark.parametrize("answer", AWKWARD)
def test_moodle_stores_each_cloze_answer_exactly_as_written(answer):
    _, subquestions = extract_cloze(questiontext(cloze_question(answer, "二")))
    assert [[a for _, a in s.answers] for s in subquestions] == [[answer], ["二"]]


@pytest.mark.parametrize("answer", AWKWARD)
def test_a_student_typing_the_answer_is_marked_right_by_moodle(answer):
    assert cloze_grade(questiontext(cloze_question(answer, "二")), [answer, "二"]) == [1.0, 1.0]


def test_an_asterisk_in_a_cloze_answer_is_literal_not_a_wildcard():
    text = questiontext(cloze_question("a*b", "二"))
    assert cloze_grade(text, ["a*b", "二"]) == [1.0, 1.0]
    assert cloze_grade(text, ["aXXb", "二"]) == [0.0, 1.0]


def test_a_cloze_code_written_in_the_stem_is_not_one_more_blank():
    q = Question(
        id="c",
        type="fill",
        stem="Moodle 的写法 {1:SHORTANSWER:=x} 不是空：（ ）和（ ）",
        blanks=(Blank(("甲",)), Blank(("乙",))),
    )
    text, subquestions = extract_cloze(questiontext(q))
    assert [[a for _, a in s.answers] for s in subquestions] == [["甲"], ["乙"]]
    assert "{#3}" not in text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
            min_size=1,
            max_size=12,
        ).filter(lambda t: t.strip() == t and t.strip()),
        min_size=2,
        max_size=3,
    )
)
def test_any_answer_text_is_graded_right_by_moodles_cloze_parser(answers):
    assert cloze_grade(questiontext(cloze_question(*answers)), answers) == [1.0] * len(answers)


def test_our_reader_reads_a_backslash_moodle_keeps_as_moodle_does(tmp_path):
    # Moodle stores "1\/2" for {1:SHORTANSWER:=1\/2}; reading it as "1/2" would hide that
    xml = tmp_path / "q.xml"
    xml.write_text(
        '<quiz><question type="cloze"><name><text>c</text></name><questiontext format="html">'
        "<text><![CDATA[一（{1:SHORTANSWER:=1\\/2}）二（{1:SHORTANSWER:=x\\}y}）]]></text>"
        "</questiontext></question></quiz>",
        encoding="utf-8",
    )
    bank = import_bank(xml)
    assert [b.answers for b in bank.questions[0].blanks] == [("1\\/2",), ("x}y",)]


def test_awkward_cloze_answers_round_trip_through_our_reader(tmp_path):
    q = cloze_question(*AWKWARD)
    path = tmp_path / "c.xml"
    export_bank(Bank(title="t", questions=(q,)), path)
    assert [b.answers[0] for b in import_bank(path).questions[0].blanks] == AWKWARD


@pytest.mark.skipif(
    shutil.which("php") is None, reason="php-cli is not installed (apt-get install php-cli)"
)
def test_moodles_cloze_grammar_in_php_stores_and_grades_the_answers_as_written():
    cases = [
        {"text": questiontext(cloze_question(a, "二")), "responses": [a, "二"]} for a in AWKWARD
    ]
    result = subprocess.run(
        ["php", str(PHP_GRAMMAR)],
        input=json.dumps(cases, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    read = json.loads(result.stdout)
    assert [[b[0]["answer"] for b in r["blanks"]] for r in read] == [[a, "二"] for a in AWKWARD]
    assert [r["grades"] for r in read] == [[1.0, 1.0]] * len(AWKWARD)


def test_a_bank_with_a_cloze_question_still_saves_and_loads(tmp_path):
    # the answers above are ordinary bank text: the YAML side needs nothing special
    bank = Bank(title="t", questions=(cloze_question(*AWKWARD),))
    save_bank(bank, tmp_path / "b.yaml")
    loaded = parse_bank((tmp_path / "b.yaml").read_text(encoding="utf-8"))
    assert [b.answers[0] for b in loaded.questions[0].blanks] == AWKWARD
