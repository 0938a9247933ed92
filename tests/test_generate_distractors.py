"""Distractors for numbers and dates: same style, plausible, valid, distinct, never another true value."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from factquiz.generate.dates import date_candidates, parse_latest, parse_written_date
from factquiz.generate.distractors import (
    blank_text,
    date_choices,
    date_fill_answers,
    fill_answers,
    numeric_choices,
)
from factquiz.generate.numbers import format_number, int_to_chinese, number_candidates, parse_number
from factquiz.model import Fact


def fact(sentence, text, kind="quantity", **fields):
    start = sentence.index(text)
    return Fact(
        kind=kind, text=text, sentence=sentence, start=start, end=start + len(text), **fields
    )


def all_options(choices):
    return [choices.pick(p, random.Random(0)) for p in choices.positions()]


def test_chinese_numerals_round_trip():
    for n in (1, 2, 8, 10, 12, 20, 105, 136, 1010, 9999):
        assert parse_number(int_to_chinese(n))[0] == n


def test_distractors_keep_multiplier_and_precision():
    value, style = parse_number("2.05万")
    texts = [c.text for c in number_candidates(value, style)]
    assert texts and all(t.endswith("万") and len(t.split(".")[1]) == 3 for t in texts)  # "x.yz万"


def test_round_answers_get_round_distractors():
    value, style = parse_number("3000")
    assert {c.text for c in number_candidates(value, style)} <= {
        "1000",
        "2000",
        "4000",
        "5000",
        "6000",
        "7000",
        "8000",
    }


def test_precise_answers_get_precise_distractors():
    value, style = parse_number("591")
    texts = [c.text for c in number_candidates(value, style)]
    assert "519" in texts and "951" in texts  # transposed digits are the most tempting
    assert not any(t.endswith("0") for t in texts)


def test_percentages_stay_within_0_and_100():
    f = fact("腾房率就达到了98.5%", "98.5%", "percent", number="98.5", unit="%", value=98.5)
    choices = numeric_choices(f)
    values = [c.key[0] for c in (*choices.below, *choices.above)]
    assert values and all(0 < v <= 100 for v in values)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=99999), st.sampled_from(["户", "人次", "%", "周年", "个"])
)
def test_number_distractors_are_positive_distinct_and_never_the_answer(n, unit):
    value, style = parse_number(str(n))
    cands = number_candidates(value, style, unit=unit, percent=unit == "%")
    texts = [c.text for c in cands]
    assert len(texts) == len(set(texts))
    assert str(n) not in texts
    assert all(c.value > 0 for c in cands)
    if (
        unit == "%" and n <= 100
    ):  # a share stays a share; a growth rate of 120% may have 130% beside it
        assert all(c.value <= 100 for c in cands)


def test_distractors_keep_unit_and_qualifier():
    f = fact("最终提前80余天建成通车", "80余天", number="80", unit="天", qualifier="余", value=80)
    for options in all_options(numeric_choices(f)):
        assert all(o.endswith("余天") for o in options)
        assert "80余天" in options and len(set(options)) == 4


def test_no_distractor_equals_another_true_value_of_the_sentence():
    s = "成功转移8个工程项目的254名民工，转移安置人员270余人"
    a = fact(s, "254名", number="254", unit="名", value=254)
    b = fact(s, "270余人", number="270", unit="人", qualifier="余", value=270)
    c = fact(s, "8个", number="8", unit="个", value=8)
    choices = numeric_choices(a, [a, b, c])
    assert 270 not in [ch.key[0] for ch in (*choices.below, *choices.above)]


def test_answer_position_follows_the_requested_letter_with_sorted_options():
    f = fact("涉及农户136户", "136户", number="136", unit="户", value=136)
    choices = numeric_choices(f)
    for position in choices.positions():
        options = choices.pick(position, random.Random(1))
        assert options.index("136户") == position
        assert [int(o[:-1]) for o in options] == sorted(int(o[:-1]) for o in options)


def test_first_ordinals_get_later_ordinals():
    f = fact("拍摄首届中央监察委员会委员的纪录片", "首届", "ordinal", unit="届", value=1)
    assert numeric_choices(f).pick(0, random.Random(0)) == ("首届", "第二届", "第三届", "第四届")


def test_chinese_ordinals_stay_chinese():
    f = fact("2021年第八期“匠人学堂”", "第八期", "ordinal", number="八", unit="期", value=8)
    for options in all_options(numeric_choices(f)):
        assert all(
            o.startswith("第") and o.endswith("期") and not any(ch.isdigit() for ch in o)
            for o in options
        )


def test_fill_accepts_qualifier_variants():
    f = fact("最终提前80余天建成通车", "80余天", number="80", unit="天", qualifier="余", value=80)
    assert blank_text(f) == "80余"
    assert set(fill_answers(f)) >= {"80余", "80多", "80余天"}


def test_fill_keeps_a_leading_qualifier_in_the_stem_and_accepts_plain_numbers():
    f = fact(
        "累计接待游客近2万人次", "近2万人次", number="2万", unit="人次", qualifier="近", value=20000
    )
    assert blank_text(f) == "2万"
    assert "20000" in fill_answers(f)


def test_date_distractors_are_valid_dates_in_the_written_form():
    written = parse_written_date("2021年2月28日")
    for cand in date_candidates(written):
        w = parse_written_date(cand.text)
        assert w is not None and cand.text.startswith("2021年")


def test_date_distractors_are_not_after_the_article_date():
    written = parse_written_date("2021年12月")
    keys = [c.key for c in date_candidates(written, parse_latest("2022-01-15"))]
    assert keys and all(k <= (2022, 1, 15) for k in keys)


def test_date_options_keep_words_around_the_digits():
    for options in all_options(date_choices("2021年10月初", reference="2022")):
        assert all(o.startswith("2021年") and o.endswith("月初") for o in options)


def test_unresolved_relative_dates_keep_their_words():
    options = all_options(date_choices("去年9月22日"))[0]
    assert all(o.startswith("去年") for o in options)


def test_dates_without_a_year_use_the_given_year_for_validity():
    texts = [
        c.text
        for c in (
            *date_choices("3月29日", year=2021).below,
            *date_choices("3月29日", year=2021).above,
        )
    ]
    assert "2月29日" not in texts  # 2021 is not a leap year


def test_date_options_never_repeat_another_date_of_the_sentence():
    s = "6月30日开工，7月30日完工。"
    other = fact(s, "7月30日", "date", date="2021-07-30")
    choices = date_choices("6月30日", [other])
    assert "7月30日" not in [c.text for c in (*choices.below, *choices.above)]


def test_date_fill_accepts_iso_and_dotted_forms():
    assert {"2021年9月22日", "2021-09-22", "2021.9.22"} <= set(date_fill_answers("2021年9月22日"))


def test_format_number_refuses_fractions_in_chinese_numerals():
    _, style = parse_number("八")
    assert format_number(8.5, style) is None


def test_a_count_of_two_in_chinese_reads_liang_and_an_ordinal_reads_er():
    count = fact(
        "历时三年多完成主体工程", "三年多", number="三", unit="年", qualifier="多", value=3
    )
    texts = [c.text for c in (*numeric_choices(count).below, *numeric_choices(count).above)]
    assert "两年多" in texts and "二年多" not in texts
    ordinal = fact("举办第三届志愿服务节", "第三届", "ordinal", number="三", unit="届", value=3)
    assert "第二届" in [c.text for c in numeric_choices(ordinal).below]


def test_options_for_the_end_of_a_rise_stay_above_its_start_and_of_a_fall_below():
    from factquiz.extract import extract_facts
    from factquiz.generate.distractors import numeric_choices

    text = "居民满意度从82.6%提升至95.3%。城镇登记失业率从2.1%下降至1.9%。"
    facts = {f.text: f for f in extract_facts(text, date="2024").facts}
    rise = numeric_choices(facts["95.3%"])
    fall = numeric_choices(facts["1.9%"])
    assert rise and all(c.key[0] > 82.6 for c in (*rise.below, *rise.above))
    assert fall and all(c.key[0] < 2.1 for c in (*fall.below, *fall.above))


def _options_of(choices):
    return {c.text for c in (*choices.below, *choices.above)}


def test_no_distractor_is_another_value_the_article_states_for_the_same_kind_of_quantity():
    from factquiz.extract import extract_facts
    from factquiz.generate.distractors import stated_values

    text = "第二产业增加值251.6亿元，增长7.4%。农村居民人均可支配收入45892元，增长7.3%。"
    facts = extract_facts(text, date="2024").facts
    growth = next(f for f in facts if f.text == "7.3%")
    stated = stated_values(facts)
    assert "7.4%" in _options_of(numeric_choices(growth))  # tempting when the article is ignored
    assert "7.4%" not in _options_of(numeric_choices(growth, stated=stated))


def test_prize_ranks_stay_within_third_prize():
    rank = fact(
        "城东街道代表队获得二等奖",
        "二等奖",
        "ordinal",
        number="二",
        unit="等奖",
        value=2,
        max_value=3,
    )
    assert _options_of(numeric_choices(rank)) == {"一等奖", "三等奖"}


def test_the_high_end_of_a_range_stays_above_its_low_end():
    span = fact("春茶开采期比常年提前3—5天", "3—5天", number="5", unit="天", value=5, lower=3)
    options = _options_of(numeric_choices(span))
    assert options and all(o.startswith("3—") and int(o[2:-1]) > 3 for o in options), options


def test_years_in_a_row_are_not_offered_as_the_first_year():
    ordinal = fact(
        "连续第四年组织开展“微心愿认领”活动", "第四年", "ordinal", number="四", unit="年", value=4
    )
    options = _options_of(numeric_choices(ordinal))
    assert "第一年" not in options and {"第三年", "第五年"} <= options
