"""Order (排序题) and match (连线题) in every export, and back where the format carries them."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_fixtures.helpers import FIXTURES

from factquiz.banks import read_bank
from factquiz.errors import BankError
from factquiz.interchange import export_bank, import_bank
from factquiz.interchange.anki import build_deck
from factquiz.interchange.html import render_practice_page

BANK = read_bank(FIXTURES / "order-match.yaml")
ORDER = next(q for q in BANK.questions if q.type == "order")
MATCH = next(q for q in BANK.questions if q.type == "match")
EVENTS_IN_ORDER = ["中国共产党第一次全国代表大会", "南昌起义", "遵义会议", "七七事变"]


def in_order(q) -> list[str]:
    return [q.options[i] for i in q.sequence]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_table_round_trip_keeps_order_keys_and_pairs(tmp_path: Path, fmt: str):
    path = tmp_path / f"bank.{fmt}"
    assert export_bank(BANK, fmt, path) == []
    back = {q.id: q for q in import_bank(path).questions}
    for q in (ORDER, MATCH):
        got = back[q.id]
        assert (got.type, got.options, got.sequence, got.keys, got.pairs) == (
            q.type, q.options, q.sequence, q.keys, q.pairs,
        )  # fmt: skip


def test_a_csv_writes_the_chinese_conventions(tmp_path: Path):
    path = tmp_path / "bank.csv"
    export_bank(BANK, "csv", path)
    rows = {r["编号"]: r for r in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert (rows["events"]["题型"], rows["events"]["答案"]) == ("排序", "CBAD")
    assert rows["events"]["排序依据"] == "1935年1月 | 1927年8月1日 | 1921年7月 | 1937年7月7日"
    assert (rows["posts"]["题型"], rows["posts"]["选项A"], rows["posts"]["答案"]) == (
        "连线",
        "朱德=八路军总指挥",
        "",
    )


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["题型", "题干", "选项A", "选项B", "选项C", "答案"], *rows])
    return path


def table_problems(path: Path) -> list[str]:
    with pytest.raises(BankError) as info:
        import_bank(path)
    return [str(p) for p in info.value.problems]


def test_a_team_sheet_with_排序题_and_连线题_imports(tmp_path: Path):
    path = write_csv(
        tmp_path / "队伍.csv",
        [
            ["排序题", "按时间先后排序", "遵义会议", "南昌起义", "中共一大", "C、B、A"],
            ["连线题", "人物与职务连线", "朱德＝总指挥", "彭德怀→副总指挥", "叶挺=新四军军长", ""],
        ],
    )
    order, match = import_bank(path).questions
    assert in_order(order) == ["中共一大", "南昌起义", "遵义会议"]
    assert match.pairs == (("朱德", "总指挥"), ("彭德怀", "副总指挥"), ("叶挺", "新四军军长"))


def test_a_match_row_with_an_answer_or_a_cell_without_a_pair_names_the_column(tmp_path: Path):
    path = write_csv(
        tmp_path / "bad.csv",
        [["连线", "人物与职务连线", "朱德=总指挥", "彭德怀", "叶挺=新四军军长", "ABC"]],
    )
    assert table_problems(path) == [
        f"{path}:2: 选项B: a match pair is written left=right, like 朱德=八路军总指挥 (one pair per option cell)",
        f"{path}:2: 答案: a match question's answer is its pairs: write 左=右 in 选项A, 选项B… and leave 答案 empty",
    ]


def test_an_order_row_whose_answer_leaves_out_an_item_names_the_answer_column(tmp_path: Path):
    path = write_csv(tmp_path / "bad.csv", [["排序", "排序", "甲", "乙", "丙", "CB"]])
    assert table_problems(path) == [
        f"{path}:2: 答案: 'CB' must put every item A–C in order exactly once (A left out)"
    ]


def moodle_questions(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {
        q.findtext("name/text"): q for q in root.iter("question") if q.get("type") != "category"
    }


def test_moodle_gets_a_matching_question_with_one_subquestion_per_pair(tmp_path: Path):
    export_bank(BANK, "moodle", tmp_path / "bank.xml")
    matching = moodle_questions(tmp_path / "bank.xml")["posts"]
    assert matching.get("type") == "matching"
    pairs = [
        (sub.findtext("text"), sub.findtext("answer/text")) for sub in matching.iter("subquestion")
    ]
    assert pairs == list(MATCH.pairs)


def test_moodle_gets_an_ordering_question_with_the_items_in_the_correct_order(tmp_path: Path):
    export_bank(BANK, "moodle", tmp_path / "bank.xml")
    ordering = moodle_questions(tmp_path / "bank.xml")["events"]
    assert ordering.get("type") == "ordering"
    assert [a.findtext("text") for a in ordering.iter("answer")] == EVENTS_IN_ORDER
    assert [a.get("fraction") for a in ordering.iter("answer")] == ["1", "2", "3", "4"]
    assert (ordering.findtext("selecttype"), ordering.findtext("gradingtype")) == (
        "ALL",
        "ABSOLUTE_POSITION",
    )


def test_moodle_round_trip_keeps_the_pairs_and_the_correct_order(tmp_path: Path):
    export_bank(BANK, "moodle", tmp_path / "bank.xml")
    back = {q.id: q for q in import_bank(tmp_path / "bank.xml").questions}
    assert back["posts"].pairs == MATCH.pairs
    assert in_order(back["events"]) == EVENTS_IN_ORDER
    # Moodle does not keep the printed order: an import must not print the items in their answer
    assert back["events"].options != tuple(EVENTS_IN_ORDER)


def test_a_two_pair_match_is_left_out_of_moodle_and_gift_with_the_reason(tmp_path: Path):
    short = replace(BANK, questions=(replace(MATCH, pairs=MATCH.pairs[:2]),))
    for fmt, suffix in (("moodle", "xml"), ("gift", "gift")):
        (problem,) = export_bank(short, fmt, tmp_path / f"bank.{suffix}")
        assert "needs at least 3 pairs; this one has 2" in problem.message


def test_gift_writes_matching_and_reads_it_back(tmp_path: Path):
    problems = export_bank(BANK, "gift", tmp_path / "bank.gift")
    text = (tmp_path / "bank.gift").read_text(encoding="utf-8")
    assert "\t=朱德 -> 八路军总指挥\n" in text
    back = {q.id: q for q in import_bank(tmp_path / "bank.gift").questions}
    assert back["posts"].pairs == MATCH.pairs
    # GIFT has no ordering question: the warning says what was written and where to go instead
    assert [(p.location.field, "export --to moodle" in p.message) for p in problems] == [
        (ORDER.ref, True)
    ]


def test_kahoot_leaves_both_out_saying_its_template_has_no_puzzle_type(tmp_path: Path):
    problems = export_bank(BANK, "kahoot", tmp_path / "kahoot.xlsx")
    assert sorted(p.location.field for p in problems) == sorted([ORDER.ref, MATCH.ref])
    assert all("no puzzle type" in p.message for p in problems)


def test_anki_cards_show_the_items_and_the_answer_in_full():
    notes = {note.fields[0]: note for note in build_deck(BANK).notes}
    order = next(n for front, n in notes.items() if "排序题" in front)
    match = next(n for front, n in notes.items() if "连线题" in front)
    assert "<li>遵义会议</li>" in order.fields[0]
    assert order.fields[1].startswith("C→B→A→D：")
    shown = MATCH.laid_out()
    assert f"① 朱德</td><td>A. {shown.options[0]}" in match.fields[0]
    assert match.fields[1].startswith("①" + shown.sequence_letters[0])


def test_the_practice_page_offers_one_choice_per_place_and_per_left_item():
    page = render_practice_page(BANK)
    grading = json.loads(
        html.unescape(re.search(r'id="grading">(.*?)</script>', page, re.S).group(1))
    )
    assert grading[1] == {"type": "order", "points": 10, "sequence": [2, 1, 0, 3]}
    assert grading[2]["sequence"] == list(MATCH.laid_out().sequence)
    assert page.count('aria-label="第 ') == 4
    assert page.count("<td>① 朱德</td>") == 1


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-headless-shell")


PLAY = """<script>
(function () {
  function card(n) { return document.getElementById("q" + n); }
  function choose(n, values) {
    var selects = card(n).querySelectorAll("select");
    values.forEach(function (v, i) { selects[i].value = String(v); });
    card(n).querySelector("button.check").click();
  }
  var log = [];
  choose(2, [2, 1, 1, 3]); log.push(card(2).querySelector(".hint").textContent);
  choose(2, [2, 1, 0, 3]); log.push(card(2).dataset.right);
  choose(3, SEQUENCE_REVERSED); log.push(card(3).dataset.right);
  var out = document.createElement("pre"); out.id = "log"; out.textContent = JSON.stringify(log); document.body.appendChild(out);
})();
</script>
</body>"""


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium on this machine")
def test_the_practice_page_grades_order_and_match_in_a_real_browser(tmp_path: Path):
    page = tmp_path / "practice.html"
    export_bank(BANK, "html", page)
    wrong = list(reversed(MATCH.laid_out().sequence))
    script = PLAY.replace("SEQUENCE_REVERSED", json.dumps(wrong))
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]  # fmt: skip
    dom = subprocess.run(
        [_browser(), *flags, page.as_uri()], capture_output=True, text=True, timeout=60
    ).stdout
    log = json.loads(html.unescape(re.search(r'<pre id="log">(.*?)</pre>', dom, re.S).group(1)))
    assert log == ["每个字母只能用一次", "1", "0"]
