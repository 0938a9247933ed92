"""Lint rules for order (排序题) and match (连线题) questions."""

from __future__ import annotations

import textwrap

from factquiz.banks import parse_bank
from factquiz.banks.lint import lint_banks

HEAD = "format: factquiz/1\ntitle: 党史题库\nquestions:\n"


def findings(question: str) -> list[tuple[str, str]]:
    text = HEAD + textwrap.indent(textwrap.dedent(question).strip() + "\n", "  ")
    bank = parse_bank(text, "dangshi.yaml")
    return [(f.rule, f.message) for f in lint_banks([bank], ignore=["FQ112"])]


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
  stem: 将下列人物与其在八路军中的职务连线。
  pairs:
    - [朱德, 八路军总指挥]
    - [彭德怀, 八路军副总指挥]
    - [叶剑英, 八路军参谋长]
"""


def test_a_good_order_and_a_good_match_question_have_no_findings():
    assert findings(ORDER) == []
    assert findings(MATCH) == []


def test_two_left_items_alike_or_two_lefts_sharing_a_right_item_are_errors():
    text = MATCH.replace("[叶剑英, 八路军参谋长]", "[朱 德, 八路军总指挥]")
    assert findings(text) == [
        ("FQ121", "“朱德”和“朱 德”对应同一个右项“八路军总指挥”：右列各项必须不同，否则答案不唯一"),
        ("FQ121", "左列①和③相同（“朱 德”）：连线的各项必须不同"),
    ]


def test_two_order_items_alike_are_an_error():
    text = ORDER.replace("七七事变]", "遵义会议]")
    assert ("FQ121", "选项A和D相同（“遵义会议”）：排序的各项必须不同") in findings(text)


def test_keys_that_are_the_same_at_the_precision_written_are_an_error():
    text = ORDER.replace("1937年7月7日]", "1927年]").replace("answer: CBAD", "answer: CDBA")
    assert findings(text) == [
        (
            "FQ122",
            "B（1927年8月1日）和D（1927年）按写出的精度分不出先后：写到能分出先后的月或日，或换一项",
        )
    ]


def test_keys_that_disagree_with_the_answer_are_an_error():
    text = ORDER.replace("answer: CBAD", "answer: BCAD")
    assert findings(text) == [
        ("FQ123", "排序依据给出的顺序是 CBAD，答案却是 BCAD：核对答案或排序依据")
    ]


def test_a_stem_asking_from_the_latest_expects_the_keys_descending():
    text = ORDER.replace("先后排序", "由近及远排序")
    assert findings(text) == [
        ("FQ123", "排序依据给出的顺序是 DABC，答案却是 CBAD：核对答案或排序依据")
    ]
    assert findings(text.replace("answer: CBAD", "answer: DABC")) == []


def test_items_printed_in_their_answer_order_give_it_away():
    text = ORDER.replace(
        "[遵义会议, 南昌起义, 中共一大, 七七事变]", "[中共一大, 南昌起义, 遵义会议, 七七事变]"
    )
    text = text.replace("answer: CBAD", "answer: ABCD").replace(
        "[1935年1月, 1927年8月1日, 1921年7月,", "[1921年7月, 1927年8月1日, 1935年1月,"
    )
    assert findings(text) == [("FQ125", "各项已按正确顺序排列（答案 ABCD）：打乱选项的顺序")]


def test_too_few_or_too_many_items_and_pairs_are_warnings():
    two_pairs = MATCH.replace("    - [叶剑英, 八路军参谋长]\n", "")
    assert findings(two_pairs) == [("FQ124", "连线题有2对：3–6对最合适")]
    six = (
        ORDER.replace("七七事变]", "七七事变, 百团大战, 皖南事变]")
        .replace("answer: CBAD", "answer: CBADEF")
        .replace("1937年7月7日]", "1937年7月7日, 1940年8月20日, 1941年1月]")
    )
    assert findings(six) == [("FQ124", "排序题有6项：3–5项最合适")]


def test_order_and_match_stems_are_instructions_not_asked_for_a_subject():
    assert not any(rule == "FQ115" for rule, _ in findings(ORDER + MATCH))


def test_two_match_questions_with_the_same_stem_but_other_pairs_are_not_duplicates():
    other = (
        MATCH.replace("id: posts", "id: posts-2")
        .replace("[朱德, 八路军总指挥]", "[叶挺, 新四军军长]")
        .replace("[彭德怀, 八路军副总指挥]", "[项英, 新四军副军长]")
        .replace("[叶剑英, 八路军参谋长]", "[张云逸, 新四军参谋长]")
    )
    assert not any(rule in ("FQ104", "FQ105") for rule, _ in findings(MATCH + other))
