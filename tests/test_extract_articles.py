"""Whole articles, including the ones that are not news: never an exception, warnings instead."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.extract import extract_facts

ARTICLES = Path(__file__).parent / "articles"


def read(name):
    return (ARTICLES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\x00\x01binary\x00"])
def test_empty_or_binary_text_gives_no_facts_and_a_warning(text):
    result = extract_facts(text)
    assert result.facts == () and result.warnings


def test_english_text_gives_no_facts_and_says_it_wants_chinese():
    result = extract_facts(read("english.txt"), date="2022-01-15")
    assert result.facts == ()
    assert any("Chinese" in w for w in result.warnings)


def test_text_with_no_numbers_gives_no_facts_and_a_warning():
    result = extract_facts(read("no_numbers.txt"), date="2022-01-15")
    assert [f for f in result.facts if f.kind in ("quantity", "percent", "date", "ordinal")] == []
    assert result.warnings


def test_a_statistics_bulletin_gives_amounts_in_yi_yuan_and_percentage_points():
    facts = extract_facts(read("statistics_bulletin.txt"), date="2024-03-08").facts
    by_text = {f.text: f for f in facts}
    assert (by_text["1306.8亿元"].value, by_text["1306.8亿元"].unit) == (1306.8, "亿元")
    assert (by_text["0.4个百分点"].kind, by_text["0.4个百分点"].unit) == ("percent", "个百分点")
    assert by_text["71.36万人"].value == 713600
    assert by_text["1306.8亿元"].section == "一、综合"


def test_a_construction_report_resolves_yesterday_and_this_year():
    facts = extract_facts(read("construction_progress.txt"), date="2022-06-10").facts
    dates = {f.text: (f.date, f.resolved) for f in facts if f.kind == "date"}
    assert dates["昨天"] == ("2022-06-09", "2022年6月9日")
    assert dates["今年11月底"] == ("2022-11", "2022年11月底")
    assert dates["2021年6月"] == ("2021-06", "")


def test_a_competition_report_finds_teams_rounds_and_the_host():
    result = extract_facts(read("competition_report.txt"), date="2023-11-24")
    texts = [(f.kind, f.text) for f in result.facts]
    assert (
        ("ordinal", "第二届") in texts
        and ("quantity", "12支") in texts
        and ("quantity", "2.3万余人次") in texts
    )
    person = next(f for f in result.facts if f.kind == "person" and f.subject == "王立新")
    assert person.category == "局长"


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_every_test_article_keeps_offsets_and_is_deterministic(name):
    text = read(name)
    first, second = extract_facts(text, date="2023-06-01"), extract_facts(text, date="2023-06-01")
    assert first == second
    for f in first.facts:
        assert f.sentence[f.start : f.end] == f.text
        assert first.text[f.sentence_start : f.sentence_start + len(f.sentence)] == f.sentence


def test_a_large_text_is_read_in_one_go():
    text = read("community_summary.txt") * 200
    result = extract_facts(text, date="2023-12-20")
    assert len(result.facts) > 200 * 20


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "０１２3.,%％年月日第首个名万亿余近约“”《》（）——、，。；：！？\n \u3000去今上平湖村幼儿园书记张"
            )
        ),
        max_size=120,
    )
)
def test_any_text_gives_a_result_with_true_offsets(text):
    result = extract_facts(text, date="2022-01-15")
    for f in result.facts:
        assert f.sentence[f.start : f.end] == f.text
        assert result.text[f.sentence_start : f.sentence_start + len(f.sentence)] == f.sentence
