"""Matching and ordering questions as Moodle's XML importer stores them, not as our reader does.

``moodle_xml_import.php`` walks the XML the way qformat_xml (Moodle's
question/format/xml) and the ordering type's import_from_xml do, on PHP's own
expat; it runs with php-cli and its xml extension (CI installs both).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_fixtures.helpers import FIXTURES

from factquiz.banks import read_bank
from factquiz.interchange.moodle import render_moodle_xml
from factquiz.interchange.textfmt import text_to_html
from factquiz.model import Bank

PHP_READER = Path(__file__).parent / "moodle_xml_import.php"
BANK = read_bank(FIXTURES / "order-match.yaml")
ORDER = next(q for q in BANK.questions if q.type == "order")
MATCH = next(q for q in BANK.questions if q.type == "match")
# sides that Moodle's reader or HTML would change if written carelessly
AWKWARD_PAIRS = (("<b>粗体</b> & 符号", "< >"), ("a  b", "&amp;"), ("甲]]>乙", " 前后空格 "))


def _php_has_xml() -> bool:
    if shutil.which("php") is None:
        return False
    probe = subprocess.run(["php", "-r", "exit(function_exists('xml_parser_create') ? 0 : 1);"])
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _php_has_xml(),
    reason="php-cli with its xml extension is not installed (apt-get install php-cli php-xml)",
)


def moodle_stores(bank: Bank, **options) -> dict[str, dict]:
    text, _ = render_moodle_xml(bank, **options)
    result = subprocess.run(
        ["php", str(PHP_READER)], input=text, capture_output=True, text=True, check=True
    )
    return {q["name"]: q for q in json.loads(result.stdout)}


def test_moodle_stores_each_pair_of_a_matching_question_as_written():
    stored = moodle_stores(BANK)["posts"]
    assert stored["qtype"] == "matching"
    assert [(s["text"], s["answer"]) for s in stored["subquestions"]] == list(MATCH.pairs)
    assert {s["format"] for s in stored["subquestions"]} == {"html"}
    assert (stored["shuffleanswers"], stored["shownumcorrect"]) == (1, True)


def test_moodle_keeps_the_spaces_and_symbols_of_matching_answers():
    bank = replace(BANK, questions=(replace(MATCH, pairs=AWKWARD_PAIRS),))
    stored = moodle_stores(bank)["posts"]
    assert [s["answer"] for s in stored["subquestions"]] == [r.strip() for _, r in AWKWARD_PAIRS]
    assert [s["text"] for s in stored["subquestions"]] == [
        text_to_html(left) for left, _ in AWKWARD_PAIRS
    ]


def test_moodle_stores_the_ordering_items_in_the_correct_order():
    stored = moodle_stores(BANK)["events"]
    assert stored["qtype"] == "ordering"
    assert [item["text"] for item in stored["items"]] == [ORDER.options[i] for i in ORDER.sequence]
    assert {item["format"] for item in stored["items"]} == {"html"}


def test_moodle_shows_every_item_grades_each_place_and_shows_the_number_right():
    stored = moodle_stores(BANK)["events"]
    assert {k: stored[k] for k in ("layouttype", "selecttype", "gradingtype", "showgrading")} == {
        "layouttype": "VERTICAL",
        "selecttype": "ALL",
        "gradingtype": "ABSOLUTE_POSITION",
        "showgrading": "SHOW",
    }
    # selectcount is the number of items, so no version of the type shows a subset
    assert stored["selectcount"] == len(ORDER.options)
    assert stored["shownumcorrect"] == 1


def test_moodle_reads_the_sequence_choice_as_a_single_choice_with_one_right_sequence():
    stored = moodle_stores(BANK, order_as="multichoice")["events"]
    assert (stored["qtype"], stored["single"]) == ("multichoice", 1)
    right = [a["text"] for a in stored["answers"] if a["fraction"] == 1]
    assert right == ["③②①④"]
    assert all(
        item in stored["questiontext"] for item in ("① 遵义会议", "③ 中国共产党第一次全国代表大会")
    )
