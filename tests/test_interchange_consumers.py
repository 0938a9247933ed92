"""Exports read by the tools that really consume them, and the smaller things those tools showed.

gift-pegjs (npm) is looked for under .ci/node, where .ci/run installs it; anki
(PyPI, the library of Anki itself) when it is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factquiz.banks import read_bank
from factquiz.interchange import export_bank
from factquiz.interchange.anki import build_deck, deck_name
from factquiz.interchange.gift import render_gift
from factquiz.interchange.html import render_practice_page
from factquiz.interchange.kahoot import kahoot_rows
from factquiz.interchange.textfmt import LEFT_OUT
from factquiz.model import Bank, Question

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "question_banks" / "sample-team.yaml"
GIFT_PEGJS = ROOT / ".ci" / "node" / "node_modules" / "gift-pegjs"

PERCENT_OPTION = Question(
    id="discount", type="single", stem="打几折？", options=("%50%的折扣", "不打折"), correct=(0,)
)
ANGLE_TAG = Question(id="tagged", type="judge", stem="对吗？", truth=True, tags=("<重点>", "普通"))


def gift_pegjs(text: str) -> list[dict]:
    script = (
        "const p = require(process.argv[1]); let s = '';"
        "process.stdin.on('data', d => s += d);"
        "process.stdin.on('end', () => console.log(JSON.stringify(p.parse(s))));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(GIFT_PEGJS)],
        input=text, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [q for q in json.loads(result.stdout) if q["type"] != "Category"]


needs_gift_pegjs = pytest.mark.skipif(
    shutil.which("node") is None or not GIFT_PEGJS.is_dir(),
    reason="gift-pegjs is not installed (npm install --prefix .ci/node gift-pegjs, as .ci/run does)",
)


@needs_gift_pegjs
def test_gift_pegjs_reads_every_exported_question_with_its_type_and_answers():
    bank = read_bank(SAMPLE)
    text, problems = render_gift(bank)
    parsed = gift_pegjs(text)
    left_out = {p.location.field for p in problems if p.rule == LEFT_OUT}
    kept = [q for q in bank.questions if q.ref not in left_out]
    assert [q["title"] for q in parsed] == [q.id for q in kept]
    kinds = {
        "single": "MC",
        "multiple": "MC",
        "judge": "TF",
        "fill": ("Short", "Numerical"),
        "short": "Essay",
        "match": "Matching",
        "order": "MC",  # GIFT has no ordering question: a single choice of sequences
    }
    for q, read in zip(kept, parsed, strict=True):
        assert read["type"] in kinds[q.type], (q.id, read["type"])
        if q.type == "single":
            assert [c["isCorrect"] for c in read["choices"]] == [
                i in q.correct for i in range(len(q.options))
            ]
        if q.type == "multiple":
            assert [c["weight"] > 0 for c in read["choices"]] == [
                i in q.correct for i in range(len(q.options))
            ]
        if q.type == "match":
            pairs = [(m["subquestion"]["text"], m["subanswer"]) for m in read["matchPairs"]]
            assert pairs == list(q.pairs)
        if q.type == "order":
            right = [c["text"]["text"] for c in read["choices"] if c["isCorrect"]]
            assert right == ["".join("①②③④⑤⑥⑦⑧"[i] for i in q.sequence)]


@needs_gift_pegjs
def test_gift_pegjs_reads_a_right_option_starting_with_a_percent_as_right_not_as_a_weight():
    text, _ = render_gift(Bank(title="t", questions=(PERCENT_OPTION,)))
    (read,) = gift_pegjs(text)
    first = read["choices"][0]
    assert (first["isCorrect"], first["weight"]) == (True, None)
    assert "%50%" in first["text"]["text"].replace("&#37;", "%")


def test_a_tag_with_angle_brackets_is_kept_readable_in_gift_and_reported():
    text, problems = render_gift(Bank(title="t", questions=(ANGLE_TAG,)))
    assert "[tag:＜重点＞]" in text and "[tag:普通]" in text
    assert [str(p) for p in problems] == [
        "tagged: tag '<重点>' written as '＜重点＞': Moodle drops tags with < or >"
    ]
    assert all(p.rule != LEFT_OUT for p in problems)


def test_a_double_colon_in_the_title_does_not_make_an_anki_sub_deck():
    assert deck_name("党史::第一轮") == "党史：：第一轮"
    deck = build_deck(Bank(title="党史::第一轮", questions=(ANGLE_TAG,)))
    assert "::" not in deck.name


def test_kahoot_export_warns_that_several_answer_questions_are_scored_differently():
    multiple = Question(
        id="two", type="multiple", stem="哪两个？", options=("甲", "乙", "丙"), correct=(0, 1)
    )
    rows, problems = kahoot_rows(Bank(title="t", questions=(multiple, ANGLE_TAG)))
    assert len(rows) == 2
    assert [p.location.field for p in problems] == ["two"]
    assert "any one of the correct answers" in problems[0].message
    assert problems[0].rule != LEFT_OUT


def test_export_command_counts_only_questions_left_out(tmp_path):
    from typer.testing import CliRunner

    from factquiz.cli import app

    result = CliRunner().invoke(
        app, ["export", str(SAMPLE), "--to", "kahoot", "-o", str(tmp_path / "k.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert "Kahoot scores a several-answer question differently" in result.output
    bank = read_bank(SAMPLE)
    kept = sum(q.type in ("single", "multiple", "judge") for q in bank.questions)
    assert f"{kept} 题" in result.output


@pytest.mark.parametrize("fmt", ["xlsx", "kahoot", "moodle", "html", "csv", "gift", "anki"])
def test_a_control_character_in_a_bank_built_in_code_never_crashes_an_export(tmp_path, fmt):
    q = Question(
        id="vt", type="single", stem="第一行\x0b第二行\x01", options=("甲\x0c", "乙"), correct=(0,)
    )
    export_bank(Bank(title="t\x0b", questions=(q,)), fmt, tmp_path / f"out.{fmt}")
    assert (tmp_path / f"out.{fmt}").stat().st_size > 0


def test_no_raw_control_byte_reaches_the_html_page():
    q = Question(
        id="vt", type="judge", stem="第一行\x0b第二行\x01", truth=True, explanation="解\x07析"
    )
    page = render_practice_page(Bank(title="t", questions=(q,)))
    assert not any(ch in page for ch in "\x0b\x01\x07")
    assert "第一行\n第二行" in page


def import_into_anki(apkg: Path, folder: Path):
    """A new collection of Anki itself in ``folder`` with ``apkg`` imported; close it after use."""
    collection_module = pytest.importorskip(
        "anki.collection", reason="the anki library is not installed (pip install anki)"
    )
    col = collection_module.Collection(str(folder / "collection.anki2"))
    col.import_anki_package(
        collection_module.ImportAnkiPackageRequest(
            package_path=str(apkg), options=collection_module.ImportAnkiPackageOptions()
        )
    )
    return col


def test_anki_itself_imports_the_deck_whole_under_one_deck_named_as_the_bank(tmp_path):
    from dataclasses import replace

    bank = replace(read_bank(SAMPLE), title="党史::第一轮")
    export_bank(bank, "anki", tmp_path / "deck.apkg")
    col = import_into_anki(tmp_path / "deck.apkg", tmp_path)
    try:
        names = sorted(d.name for d in col.decks.all_names_and_ids())
        assert names == ["Default", "党史：：第一轮"]
        assert col.note_count() == len(bank)
    finally:
        col.close()
