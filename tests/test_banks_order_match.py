"""Order (排序题) and match (连线题) questions in the bank format: load, check, save, schema."""

from __future__ import annotations

import textwrap

import pytest

from factquiz.banks import dump_bank, parse_bank
from factquiz.errors import BankError

HEAD = "format: factquiz/1\ntitle: 党史题库\nquestions:\n"

ORDER = """
- id: events
  type: order
  stem: 将下列事件按发生时间先后排序。
  options: [遵义会议, 南昌起义, 中共一大, 七七事变]
  answer: CBAD
  keys: [1935年1月, 1927年8月1日, 1921年7月, 1937年7月7日]
"""

MATCH = """
- id: posts
  type: match
  stem: 将下列人物与其职务连线。
  pairs:
    - [朱德, 八路军总指挥]
    - [彭德怀, 八路军副总指挥]
    - [叶挺, 新四军军长]
"""


def bank_text(questions: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(questions).strip("\n"), "  ") + "\n"


def problems_of(text: str) -> list[str]:
    with pytest.raises(BankError) as info:
        parse_bank(text, "bank.yaml")
    return [str(p) for p in info.value.problems]


def test_an_order_answer_is_the_items_letters_in_order():
    q = parse_bank(bank_text(ORDER), "dangshi.yaml").questions[0]
    assert q.type_name == "排序题"
    assert q.sequence == (2, 1, 0, 3)
    assert [q.options[i] for i in q.sequence] == ["中共一大", "南昌起义", "遵义会议", "七七事变"]
    assert q.keys[2] == "1921年7月"
    assert q.answer_text() == "CBAD"


@pytest.mark.parametrize("written", ["C,B,A,D", "C→B→A→D", "C-B-A-D", "cbad", "[C, B, A, D]"])
def test_an_order_answer_may_be_written_with_separators(written: str):
    q = parse_bank(bank_text(ORDER.replace("answer: CBAD", f"answer: {written}")), "b.yaml")
    assert q.questions[0].sequence == (2, 1, 0, 3)


def test_an_order_answer_that_repeats_or_leaves_out_an_item_says_which():
    text = bank_text(ORDER.replace("answer: CBAD", "answer: CBAC"))
    assert problems_of(text) == [
        "bank.yaml:8: answer: 'CBAC' must put every item A–D in order exactly once (C repeated; D left out)"
    ]


def test_an_order_answer_beyond_the_items_is_named():
    text = bank_text(ORDER.replace("answer: CBAD", "answer: CBADE"))
    assert problems_of(text) == [
        "bank.yaml:8: answer: 'CBADE' must put every item A–D in order exactly once (E beyond the 4 items A–D)"
    ]


def test_order_keys_must_match_the_items_one_for_one():
    text = bank_text(ORDER.replace("1937年7月7日]", "]"))
    assert problems_of(text) == [
        "bank.yaml:9: keys: has 3 keys for 4 items; give one key per item, in the order of options"
    ]


def test_an_order_question_without_an_answer_says_how_to_write_one():
    text = bank_text(ORDER.replace("  answer: CBAD\n", ""))
    assert problems_of(text) == [
        "bank.yaml:4: answer: missing; give the letters of the items in the correct order, e.g. BADC"
    ]


def test_match_pairs_load_in_stem_order_and_read_as_pairs():
    q = parse_bank(bank_text(MATCH), "dangshi.yaml").questions[0]
    assert q.type_name == "连线题"
    assert q.pairs[0] == ("朱德", "八路军总指挥")
    assert q.answer_text() == "朱德—八路军总指挥；彭德怀—八路军副总指挥；叶挺—新四军军长"


def test_a_shuffled_right_column_gives_the_letter_for_each_left_item():
    q = parse_bank(bank_text(MATCH), "dangshi.yaml").questions[0]
    order = q.match_order(seed=7)
    assert sorted(order) == [0, 1, 2] and order != (0, 1, 2)
    assert order == q.match_order(seed=7)
    printed = q.right_items(order)
    answer = q.match_answer(order)
    # each left item's letter points at its own right item in the printed column
    assert [printed["ABC".index(ch)] for ch in answer] == [right for _, right in q.pairs]


def test_the_right_column_is_never_left_in_stem_order():
    q = parse_bank(bank_text(MATCH), "dangshi.yaml").questions[0]
    assert all(q.match_order(seed) != (0, 1, 2) for seed in range(50))


def test_a_pair_that_is_not_two_texts_is_named_with_its_line():
    text = bank_text(MATCH.replace("[叶挺, 新四军军长]", "[叶挺]"))
    assert problems_of(text) == [
        "bank.yaml:10: pairs[3]: has 1 entries; write [left, right] with two non-empty texts, like [朱德, 八路军总指挥]"
    ]


def test_a_match_question_takes_no_options_or_answer():
    text = bank_text(MATCH.replace("  pairs:", "  options: [a, b]\n  answer: A\n  pairs:"))
    assert problems_of(text) == [
        "bank.yaml:7: options: a match question has no options (a match question lists them in 'pairs'); remove them or change the type",
        "bank.yaml:8: answer: a match question's answer is its pairs; remove 'answer' and write 'pairs: [[左, 右], …]'",
    ]


def test_a_match_question_without_pairs_says_what_to_write():
    text = bank_text("- {id: m, type: match, stem: 连线}")
    assert problems_of(text) == [
        "bank.yaml:4: pairs: missing; a match question needs 2 to 8 pairs like [[朱德, 八路军总指挥], …]"
    ]


def test_pairs_and_keys_on_other_types_are_refused():
    text = bank_text("- {id: j, type: judge, stem: 判断, answer: true, pairs: [[a, b]], keys: [x]}")
    assert problems_of(text) == [
        "bank.yaml:4: keys: only an order question has keys; remove them from this judge question",
        "bank.yaml:4: pairs: only a match question has pairs; remove them from this judge question or change its type to match",
    ]


def test_order_and_match_save_in_the_written_form_and_read_back_equal():
    bank = parse_bank(bank_text(ORDER + MATCH), "dangshi.yaml")
    text = dump_bank(bank)
    assert (
        "    answer: CBAD\n    keys: [1935年1月, 1927年8月1日, 1921年7月, 1937年7月7日]\n" in text
    )
    assert "    pairs:\n      - [朱德, 八路军总指挥]\n" in text
    assert parse_bank(text, "dangshi.yaml") == bank


def test_reordering_the_items_keeps_the_answer_and_keys_with_them():
    q = parse_bank(bank_text(ORDER), "dangshi.yaml").questions[0]
    moved = q.with_options_order([3, 2, 1, 0])
    assert [moved.options[i] for i in moved.sequence] == [q.options[i] for i in q.sequence]
    assert dict(zip(moved.options, moved.keys, strict=True)) == dict(
        zip(q.options, q.keys, strict=True)
    )


def test_a_laid_out_match_question_holds_its_right_column_and_answer_letters():
    q = parse_bank(bank_text(MATCH), "dangshi.yaml").questions[0]
    shown = q.laid_out(seed=3)
    assert shown.options == q.right_items(q.match_order(3))
    assert shown.sequence_letters == q.match_answer(q.match_order(3))
    assert shown.laid_out(seed=99) == shown  # laying out twice changes nothing
