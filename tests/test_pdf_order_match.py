"""Order (排序题) and match (连线题) on the paper and in the key, as a reader sees them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_fixtures.helpers import FIXTURES, flat, pdf_text

from factquiz.banks import all_questions, load_banks
from factquiz.render import PaperOptions, render_papers

BANK = FIXTURES / "order-match.yaml"
CIRCLED = "①②③④⑤⑥⑦⑧"


@pytest.fixture(scope="module")
def questions():
    return all_questions(load_banks([BANK]))


@pytest.fixture(scope="module")
def papers(tmp_path_factory, questions) -> Path:
    out = tmp_path_factory.mktemp("order-match")
    render_papers(questions, PaperOptions(title="党史知识竞赛", versions=["A", "B"]), out)
    return out


def printed_items(text: str, stem: str) -> dict[str, str]:
    """The lettered items printed under ``stem``: {"A": "遵义会议", …}, until the next section or question."""
    after = text[text.index(stem) + len(stem) :]
    block = re.split(r"\n(?:[一二三四五六七八九十]、|\d+\. )", after)[0]
    return dict(re.findall(r"^([A-H])．\s*(.+)$", block, flags=re.M))


def key_answer(text: str, stem: str) -> str:
    after = text[text.index(stem) :]
    return re.search(r"【答案】(\S+)", after).group(1)


def test_sections_for_order_and_match_follow_the_objective_ones(papers):
    text = pdf_text(papers / "paper-A.pdf")
    positions = [text.index(h) for h in ("一、单项选择题", "二、排序题", "三、连线题")]
    assert positions == sorted(positions)
    assert "二、排序题（本大题共1小题，每小题10分，共10分。请按正确顺序将字母写在横线上）" in flat(
        text
    )


@pytest.mark.parametrize("label", ["A", "B"])
def test_an_order_question_prints_its_items_and_a_blank_for_the_sequence(papers, label):
    text = pdf_text(papers / f"paper-{label}.pdf")
    items = printed_items(text, "将下列事件按发生时间先后排序。")
    assert sorted(items.values()) == sorted(
        ["遵义会议", "南昌起义", "中国共产党第一次全国代表大会", "七七事变"]
    )
    assert "正确顺序：＿＿＿→＿＿＿→＿＿＿→＿＿＿" in text
    assert "1921年7月" not in text  # the keys are the answer: only the key shows them


@pytest.mark.parametrize("label", ["A", "B"])
def test_the_key_gives_the_order_in_the_letters_of_its_paper(papers, label):
    stem = "将下列事件按发生时间先后排序。"
    items = printed_items(pdf_text(papers / f"paper-{label}.pdf"), stem)
    key = pdf_text(papers / f"key-{label}.pdf")
    letters = key_answer(key, stem).split("：")[0].split("→")
    assert [items[x] for x in letters] == [
        "中国共产党第一次全国代表大会",
        "南昌起义",
        "遵义会议",
        "七七事变",
    ]
    assert "中国共产党第一次全国代表大会（1921年7月）" in key.replace("\n", "")


@pytest.mark.parametrize("label", ["A", "B"])
def test_a_match_question_prints_numbered_left_items_with_brackets_and_a_shuffled_right_column(
    papers, label
):
    text = pdf_text(papers / f"paper-{label}.pdf")
    for n, name in enumerate(["朱德", "彭德怀", "叶剑英", "左权"]):
        assert re.search(rf"{CIRCLED[n]} {name}（\s+）", text)
    rights = printed_items(text, "将下列人物与其在八路军中的职务连线。")
    stem_order = ["八路军总指挥", "八路军副总指挥", "八路军参谋长", "八路军副参谋长"]
    assert sorted(rights.values()) == sorted(stem_order)
    assert [rights[x] for x in "ABCD"] != stem_order


@pytest.mark.parametrize("label", ["A", "B"])
def test_the_key_pairs_each_left_item_with_the_letter_of_its_partner_on_that_paper(papers, label):
    stem = "将下列人物与其在八路军中的职务连线。"
    rights = printed_items(pdf_text(papers / f"paper-{label}.pdf"), stem)
    key = pdf_text(papers / f"key-{label}.pdf")
    after = key[key.index(stem) :]
    letters = re.findall(r"[①②③④]([A-D])", after.split("：")[0])
    assert [rights[x] for x in letters] == [
        "八路军总指挥",
        "八路军副总指挥",
        "八路军参谋长",
        "八路军副参谋长",
    ]
    # 答案速查 has the same letters
    assert re.search(rf"\d+．{''.join(letters)}\b", key.split("一、")[0])


def test_versions_shuffle_the_right_column_differently(papers):
    stem = "将下列人物与其在八路军中的职务连线。"
    a = printed_items(pdf_text(papers / "paper-A.pdf"), stem)
    b = printed_items(pdf_text(papers / "paper-B.pdf"), stem)
    assert a != b


def test_cue_cards_show_both_columns_and_the_answer_letters_of_the_unversioned_paper(
    tmp_path, questions
):
    render_papers(questions, PaperOptions(title="党史", cards=True), tmp_path)
    cards = pdf_text(tmp_path / "cards.pdf").replace(" ", "")
    key = pdf_text(tmp_path / "key.pdf").replace(" ", "")
    assert "①朱德" in cards and "A．八路军" in cards
    answer = re.search(r"①[A-D]②[A-D]③[A-D]④[A-D]", key).group(0)
    assert "答案：" + answer in cards


def test_no_version_prints_the_items_of_an_order_question_in_their_answer_order():
    from factquiz.render.layout import plan_version

    (order,) = [q for q in load_banks([BANK])[0].questions if q.type == "order"]
    for label in [chr(ord("A") + i) for i in range(26)]:
        shown = plan_version([order], label, seed=0).questions[0]
        assert list(shown.sequence) != sorted(shown.sequence), label
