"""Dense sentences: a fill asks at most three blanks when its stem can be cut into two questions
that each stand alone; a cut never leaves half a 、 list or a clause ending on its preposition."""

import re
from pathlib import Path

import pytest

from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.generate.narrowing import narrow
from factquiz.generate.stems import Context

ROOT = Path(__file__).resolve().parent.parent
BLANK = "（ ）"


def bank_of(name: str, date: str):
    text = (ROOT / "tests" / "articles" / name).read_text(encoding="utf-8")
    bank, _ = generate_bank([Article(text, file=name)], GenerateOptions(seed=1, date=date))
    return bank


def fills(bank):
    return [q for q in bank.questions if q.type == "fill"]


def test_four_values_of_a_long_sentence_become_two_fills_each_with_its_subject():
    stems = {
        q.stem: [b.canonical for b in q.blanks]
        for q in fills(bank_of("education_news.txt", "2024-03-01"))
    }
    assert stems.get("截至（ ），全市共有各级各类学校（ ）所。") == ["2023年12月31日", "312"]
    # the second half takes the subject of the first ("全市"), not the date it asks
    assert stems.get("全市在校学生（ ）人，专任教师（ ）名。") == ["28.6万", "2.1万余"]


def test_a_result_split_from_its_event_names_the_event():
    stems = [q.stem for q in fills(bank_of("sports_meet.txt", "2023-11-01"))]
    # (the games the title reports is named too: "市第十七届运动会上，女子4×100米接力决赛中，…")
    assert any(
        s.endswith("女子4×100米接力决赛中，我区队以（ ）秒35的成绩获得第（ ）名。") for s in stems
    )


def test_a_list_that_cannot_be_cut_keeps_all_its_blanks():
    # "经过（ ）轮预赛" alone has no main clause; the medal list is one clause: both stay whole
    # four figures in one blank question ("经过（ ）轮预赛，来自全区（ ）个街道、（ ）个镇的（ ）支…")
    # test recitation, and 12 = 8 + 4: the gate leaves it out rather than cut it
    stems = [q.stem for q in fills(bank_of("competition_report.txt", "2024-01-01"))]
    assert not any(s.startswith("经过（ ）轮预赛") for s in stems)
    medals = [q.stem for q in fills(bank_of("sports_meet.txt", "2023-11-01")) if "金牌" in q.stem]
    # the subject comes from the sentence's opening; 第一 is in the title ("…金牌数位列第一"), so
    # that blank is written out and the counts stay asked
    # (and the games the title reports is named)
    assert medals == [
        "市第十七届运动会上，我区代表团最终以（ ）枚金牌、（ ）枚银牌、（ ）枚铜牌的成绩位列金牌榜第一名。"
    ]


@pytest.mark.parametrize(
    "name,date",
    [
        ("education_news.txt", "2024-03-01"),
        ("sports_meet.txt", "2023-11-01"),
        ("community_summary.txt", "2024-01-10"),
        ("competition_report.txt", "2024-01-01"),
        ("county_bulletin.txt", "2024-01-15"),
    ],
)
def test_no_fill_stem_ends_on_a_preposition_or_half_a_list(name, date):
    for q in fills(bank_of(name, date)):
        body = q.stem.rstrip("。")
        assert not re.search(r"(以|经过|来自|由|从)$", body), q.stem
        # "以（ ）枚金牌、（ ）枚银牌" without what the list is for
        assert not re.search(r"以[^，；]*、[^，；]*枚[^，；的]*$", body), q.stem


def test_narrowing_never_cuts_a_list_the_clause_goes_on_from():
    context = Context("我区代表团最终以", "14", "枚金牌、9枚银牌、11枚铜牌的成绩位列金牌榜第一名")
    assert narrow(context, ["9枚"]) is None


def test_narrowing_drops_the_last_counts_of_a_list_of_counts():
    context = Context("全县共有幼儿园", "58", "所、小学31所、普通中学19所")
    assert narrow(context, ["31所"]) == Context("全县共有幼儿园", "58", "所")


def test_narrowing_never_leaves_a_stem_that_only_says_when():
    # "9月23日，海盐县第六届…开幕" with 第六届 asked elsewhere once became "2024年（ ）。"
    context = Context("2024年", "9月23日", "，海盐县第六届“农民丰收节”在通元镇雪水港村开幕。")
    assert narrow(context, ["第六届"]) is None
