"""Order (排序题) and match (连线题) through Moodle XML and GIFT: --order-as, round trips, other readers.

gift-pegjs (npm, under .ci/node where .ci/run installs it) and the anki library
read what we write when they are installed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_fixtures.helpers import FIXTURES
from test_interchange_consumers import gift_pegjs, import_into_anki, needs_gift_pegjs
from test_interchange_moodle import check_golden
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.errors import UsageError
from factquiz.interchange import export_bank, import_bank, import_questions
from factquiz.interchange.gift import render_gift
from factquiz.interchange.moodle import render_moodle_xml
from factquiz.interchange.order_choice import as_sequence_choice
from factquiz.interchange.textfmt import LEFT_OUT
from factquiz.model import Question

runner = CliRunner()
FILE = FIXTURES / "order-match.yaml"
BANK = read_bank(FILE)
ORDER = next(q for q in BANK.questions if q.type == "order")
MATCH = next(q for q in BANK.questions if q.type == "match")
EVENTS_IN_ORDER = ["中国共产党第一次全国代表大会", "南昌起义", "遵义会议", "七七事变"]
FIVE = Question(
    id="five", type="order", stem="排序。", options=("甲", "乙", "丙", "丁", "戊"),
    sequence=(4, 2, 0, 1, 3),
)  # fmt: skip
TWO = Question(id="two", type="order", stem="排序。", options=("甲", "乙"), sequence=(1, 0))


def in_order(q: Question) -> list[str]:
    return [q.options[i] for i in q.sequence]


def content(q: Question) -> tuple:
    """What a user checks of a question after a round trip (an order question by its order)."""
    order = in_order(q) if q.type == "order" else None
    return (q.id, q.type, q.stem, q.explanation, q.points, q.tags, q.pairs, order)


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("order-match.moodle.xml", lambda: render_moodle_xml(BANK)[0]),
        ("order-match.moodle-multichoice.xml", lambda: render_moodle_xml(BANK, "multichoice")[0]),
        ("order-match.gift", lambda: render_gift(BANK)[0]),
    ],
)
def test_order_and_match_exports_match_the_golden_files(name, render):
    check_golden(name, render())


# ── the sequence choice ──────────────────────────────────────────────────


def test_the_sequence_choice_numbers_the_items_and_has_one_right_sequence():
    choice = as_sequence_choice(ORDER)
    assert choice.type == "single"
    assert choice.stem.splitlines() == [ORDER.stem] + [
        f"{n} {item}" for n, item in zip("①②③④", ORDER.options, strict=False)
    ]
    assert len(choice.options) == len(set(choice.options)) == 4
    assert choice.correct_options() == ("③②①④",)  # CBAD


def test_the_wrong_sequences_are_near_misses_first_and_the_same_every_time():
    choice = as_sequence_choice(FIVE)
    wrong = [o for i, o in enumerate(choice.options) if i not in choice.correct]
    right = "⑤③①②④"
    swaps = {right[:i] + right[i + 1] + right[i] + right[i + 2 :] for i in range(4)}
    # two neighbours swapped twice, then the reverse
    assert len(swaps & set(wrong)) == 2 and right[::-1] in wrong
    assert as_sequence_choice(FIVE) == choice


def test_two_items_give_two_sequences():
    assert sorted(as_sequence_choice(TWO).options) == ["①②", "②①"]


# ── Moodle XML ───────────────────────────────────────────────────────────


def moodle_types(path: Path) -> dict[str, str]:
    root = ET.parse(path).getroot()
    return {q.findtext("name/text"): q.get("type") for q in root.iter("question")}


def test_moodle_writes_order_as_a_multichoice_of_sequences_when_asked(tmp_path: Path):
    path = tmp_path / "bank.xml"
    problems = export_bank(BANK, "moodle", path, order_as="multichoice")
    assert moodle_types(path)["events"] == "multichoice"
    (warning,) = problems
    assert warning.location.field == ORDER.ref and warning.rule != LEFT_OUT
    assert "single choice of sequences" in warning.message
    back = {q.id: q for q in import_bank(path).questions}["events"]
    assert (back.type, back.correct_options()) == ("single", ("③②①④",))


def test_moodle_leaves_order_out_with_omit(tmp_path: Path):
    path = tmp_path / "bank.xml"
    (problem,) = export_bank(BANK, "moodle", path, order_as="omit")
    assert (problem.location.field, problem.rule) == (ORDER.ref, LEFT_OUT)
    assert "events" not in moodle_types(path)


def test_moodle_round_trip_gives_the_same_order_and_match_questions(tmp_path: Path):
    path = tmp_path / "bank.xml"
    assert export_bank(BANK, "moodle", path) == []
    back = {q.id: q for q in import_bank(path).questions}
    for q in (ORDER, MATCH, FIVE, TWO):
        if q.id in back:
            assert content(back[q.id]) == content(q)
    # keys: Moodle's ordering type keeps no text per item, so they do not come back
    assert back["events"].keys == ()


def test_moodle_round_trip_of_five_and_two_items(tmp_path: Path):
    path = tmp_path / "bank.xml"
    export_bank(replace(BANK, questions=(FIVE, TWO)), "moodle", path)
    back = {q.id: q for q in import_bank(path).questions}
    assert [in_order(back["five"]), in_order(back["two"])] == [in_order(FIVE), in_order(TWO)]


def test_moodle_ordering_is_read_in_the_order_of_its_answers_as_moodle_reads_it(tmp_path: Path):
    # Moodle's import ignores the fraction of an ordering answer: the elements' order is the answer
    path = tmp_path / "bank.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><quiz><question type="ordering">'
        "<name><text>o</text></name><questiontext><text>排序</text></questiontext>"
        '<answer fraction="3"><text>甲</text></answer><answer fraction="1"><text>乙</text></answer>'
        '<answer fraction="2"><text>丙</text></answer></question></quiz>',
        encoding="utf-8",
    )
    (q,) = import_bank(path).questions
    assert in_order(q) == ["甲", "乙", "丙"]


# ── GIFT ─────────────────────────────────────────────────────────────────


def test_gift_writes_order_as_a_single_choice_of_sequences_and_says_so(tmp_path: Path):
    path = tmp_path / "bank.gift"
    (warning,) = export_bank(BANK, "gift", path)
    assert warning.location.field == ORDER.ref and warning.rule != LEFT_OUT
    assert "GIFT has no ordering question" in warning.message
    text = path.read_text(encoding="utf-8")
    assert "::events::将下列事件按发生时间先后排序。\\n① 遵义会议\\n② 南昌起义" in text
    assert "\t=③②①④\n" in text


def test_gift_leaves_order_out_with_omit(tmp_path: Path):
    path = tmp_path / "bank.gift"
    (problem,) = export_bank(BANK, "gift", path, order_as="omit")
    assert (problem.location.field, problem.rule) == (ORDER.ref, LEFT_OUT)
    assert "::events::" not in path.read_text(encoding="utf-8")


def test_gift_writes_the_ordering_types_own_syntax_when_asked_and_reads_it_back(tmp_path: Path):
    path = tmp_path / "bank.gift"
    (warning,) = export_bank(BANK, "gift", path, order_as="ordering")
    assert warning.location.field == ORDER.ref
    assert "only a Moodle with the ordering type" in warning.message
    text = path.read_text(encoding="utf-8")
    items = "\n".join(EVENTS_IN_ORDER)
    assert f"{{>4 ALL VERTICAL ABSOLUTE_POSITION SHOW none\n{items}\n####" in text
    back = {q.id: q for q in import_bank(path).questions}
    assert content(back["events"]) == content(ORDER)


def test_gift_ordering_falls_back_to_the_choice_for_an_item_it_cannot_carry(tmp_path: Path):
    awkward = replace(ORDER, options=("遵义会议", "南昌起义 8:1", "中共一大", "七七事变"))
    (warning,) = export_bank(
        replace(BANK, questions=(awkward,)), "gift", tmp_path / "b.gift", order_as="ordering"
    )
    assert (
        "an item holds ':'" in warning.message and "single choice of sequences" in warning.message
    )
    assert import_bank(tmp_path / "b.gift").questions[0].type == "single"


def test_gift_reads_an_ordering_question_as_moodle_exports_it(tmp_path: Path):
    path = tmp_path / "moodle.gift"
    path.write_text(
        "::排序::[html]<p>按时间先后排序</p>{>3 ALL VERTICAL ABSOLUTE_POSITION SHOW none\n"
        "<p>中共一大</p>\n南昌起义\n遵义会议\n}\n\n::短::排序{>2\n甲\n}\n",
        encoding="utf-8",
    )
    imported = import_questions(path)
    (q,) = imported.bank.questions
    assert (q.type, q.stem, in_order(q)) == (
        "order",
        "按时间先后排序",
        ["中共一大", "南昌起义", "遵义会议"],
    )
    (problem,) = imported.left_out
    assert (
        "needs 2 to 8 items, one a line, found 1" in problem.message and problem.location.line == 7
    )


def test_order_as_is_refused_for_a_format_without_a_choice(tmp_path: Path):
    with pytest.raises(UsageError, match="--order-as is for the moodle and gift exports, not csv"):
        export_bank(BANK, "csv", tmp_path / "bank.csv", order_as="multichoice")


def test_gift_round_trip_keeps_the_match_question_and_the_order_as_a_choice(tmp_path: Path):
    path = tmp_path / "bank.gift"
    export_bank(BANK, "gift", path)
    back = {q.id: q for q in import_bank(path).questions}
    assert content(back["posts"]) == content(MATCH)
    choice = back["events"]
    assert (choice.type, choice.stem, choice.correct_options()) == (
        "single",
        as_sequence_choice(ORDER).stem,
        ("③②①④",),
    )


AWKWARD_PAIRS = (("a=b", "x~y"), ("{1}", "c#d"), ("<b>粗</b>", "e: f"), ("反\\斜", "百%50%"))


def test_gift_round_trip_keeps_pairs_with_gift_specials(tmp_path: Path):
    path = tmp_path / "bank.gift"
    bank = replace(BANK, questions=(replace(MATCH, pairs=AWKWARD_PAIRS),))
    assert export_bank(bank, "gift", path) == []
    assert import_bank(path).questions[0].pairs == AWKWARD_PAIRS


@needs_gift_pegjs
def test_gift_pegjs_reads_the_matching_pairs_and_the_right_sequence():
    text, _ = render_gift(BANK)
    parsed = {q["title"]: q for q in gift_pegjs(text)}
    pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in parsed["posts"]["matchPairs"]]
    assert (parsed["posts"]["type"], pairs) == ("Matching", list(MATCH.pairs))
    events = parsed["events"]
    assert events["type"] == "MC"
    assert [c["text"]["text"] for c in events["choices"] if c["isCorrect"]] == ["③②①④"]
    assert len(events["choices"]) == 4


@needs_gift_pegjs
def test_gift_pegjs_reads_left_items_with_gift_specials_as_written():
    # gift-pegjs 1.0.2 leaves its own placeholder (x&&126;y) for an escaped special on the
    # right side, where Moodle unescapes it (escapedchar_post); the left side it reads right
    pairs = tuple((left, f"右{i}") for i, (left, _) in enumerate(AWKWARD_PAIRS))
    bank = replace(BANK, questions=(replace(MATCH, pairs=pairs),))
    (parsed,) = gift_pegjs(render_gift(bank)[0])
    read = [(p["subquestion"]["text"], p["subanswer"]) for p in parsed["matchPairs"]]
    assert read[:2] + read[3:] == list(pairs[:2] + pairs[3:])
    assert parsed["stem"]["format"] == "html"  # "<b>" made the question HTML, so read[2] is markup
    assert read[2] == ("&lt;b&gt;粗&lt;/b&gt;", "右2")


# ── the command line ─────────────────────────────────────────────────────


def export_order_as(order_as: str, out: Path):
    return runner.invoke(
        app, ["export", str(FILE), "--to", "moodle", "--order-as", order_as, "-o", str(out)]
    )


def test_export_command_takes_order_as(tmp_path: Path):
    out = tmp_path / "bank.xml"
    result = export_order_as("multichoice", out)
    assert result.exit_code == 0, result.output
    assert (
        "warning: order-match/events: --order-as multichoice: written as a single choice"
        in result.output
    )
    assert f"wrote {out}: 3 题" in result.output
    assert moodle_types(out)["events"] == "multichoice"


def test_export_command_refuses_an_unknown_order_as_in_one_line(tmp_path: Path):
    out = tmp_path / "bank.xml"
    result = export_order_as("drag", out)
    assert result.exit_code == 2, result.output
    assert (
        "--order-as 'drag' for moodle: choose one of ordering, multichoice, omit" in result.output
    )
    assert "Traceback" not in result.output and not out.exists()


def test_export_help_says_what_gift_does_with_order_questions():
    result = runner.invoke(app, ["export", "--help"], terminal_width=200)
    assert result.exit_code == 0
    help_text = " ".join(result.output.split())
    assert (
        "GIFT has no ordering question, so it is written as a single choice of sequences"
        in help_text
    )
    assert "--order-as" in help_text


# ── Anki and Kahoot ──────────────────────────────────────────────────────


def test_anki_itself_shows_the_full_answer_of_order_and_match_cards(tmp_path: Path):
    export_bank(BANK, "anki", tmp_path / "deck.apkg")
    col = import_into_anki(tmp_path / "deck.apkg", tmp_path)
    try:
        answers = [col.get_card(cid).answer() for cid in col.find_cards("")]
    finally:
        col.close()
    order = next(a for a in answers if "排序题" in a)
    match = next(a for a in answers if "连线题" in a)
    assert "C→B→A→D：中国共产党第一次全国代表大会（1921年7月） → 南昌起义（1927年8月1日）" in order
    assert (
        "朱德—八路军总指挥；彭德怀—八路军副总指挥；叶剑英—八路军参谋长；左权—八路军副参谋长"
        in match
    )
    shown = MATCH.laid_out()
    assert "①" + shown.sequence_letters[0] in match


def test_kahoot_leaves_order_and_match_out_and_writes_the_rest(tmp_path: Path):
    problems = export_bank(BANK, "kahoot", tmp_path / "kahoot.xlsx")
    assert sorted((p.location.field, p.rule) for p in problems) == sorted(
        [(ORDER.ref, LEFT_OUT), (MATCH.ref, LEFT_OUT)]
    )
    assert all("no puzzle type" in p.message and "puzzle" in p.message for p in problems)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "kahoot.xlsx").active
    stems = [row[1] for row in sheet.iter_rows(min_row=9, values_only=True) if row[1]]
    assert stems == ["中国共产党第一次全国代表大会在（ ）召开。"]
