"""Dates: full, partial and relative, resolved against the article's date or left with a warning."""

import pytest

from factquiz.extract import extract_facts


def dates(text, date=None):
    result = extract_facts(text, date=date)
    return [f for f in result.facts if f.kind == "date"], result.warnings


@pytest.mark.parametrize(
    "sentence, reference, text, iso, resolved",
    [
        (
            "水岸交融游线于去年9月22日正式运营。",
            "2022-01-15",
            "去年9月22日",
            "2021-09-22",
            "2021年9月22日",
        ),
        (
            "水岸交融游线于去年9月22日正式运营。",
            "2022",
            "去年9月22日",
            "2021-09-22",
            "2021年9月22日",
        ),
        (
            "项目自去年10月初开工以来进展顺利。",
            "2022-01-15",
            "去年10月初",
            "2021-10",
            "2021年10月初",
        ),
        ("前年城投集团成立了项目部。", "2022-01-15", "前年", "2020", "2020年"),
        ("今年11月底前完成主体工程。", "2024-03-08", "今年11月底", "2024-11", "2024年11月底"),
        ("上月共接待游客2万人次。", "2022-01-15", "上月", "2021-12", "2021年12月"),
        ("昨天上午大桥合龙。", "2024-03-01", "昨天", "2024-02-29", "2024年2月29日"),
        ("工程于2021年3月18日开工建设。", None, "2021年3月18日", "2021-03-18", ""),
        ("工程于2021年6月开工建设。", None, "2021年6月", "2021-06", ""),
        ("2021年是中国共产党成立100周年。", None, "2021年", "2021", ""),
        ("9月28日，社区老年食堂正式启用。", "2023-12-20", "9月28日", "2023-09-28", "2023年9月28日"),
        # a month after the article's date, told in the past tense, is last year's
        ("12月份工业增加值环比增长1.6%。", "2024-03-12", "12月份", "2023-12", "2023年12月份"),
        # unless the sentence looks ahead
        ("主体工程预计12月底完工。", "2024-03-12", "12月底", "2024-12", "2024年12月底"),
        # with only a year for the article, a month and day keep no year
        ("9月28日，社区老年食堂正式启用。", "2023", "9月28日", "--09-28", ""),
        ("二〇二三年，全县生产总值增长6.8%。", None, "二〇二三年", "2023", ""),
        ("二〇二四年一月十六日召开大会。", None, "二〇二四年一月十六日", "2024-01-16", ""),
    ],
)
def test_dates_are_found_and_resolved(sentence, reference, text, iso, resolved):
    found, warnings = dates(sentence, reference)
    assert [(f.text, f.date, f.resolved) for f in found] == [(text, iso, resolved)]
    assert warnings == ()


def test_relative_dates_without_an_article_date_keep_their_words_and_warn_once():
    found, warnings = dates("去年9月22日开通游线。今年又新增3条。去年以来成效明显。")
    assert [(f.text, f.date, f.resolved) for f in found] == [
        ("去年9月22日", "", ""),
        ("今年", "", ""),
        ("去年", "", ""),
    ]
    assert len(warnings) == 1 and "--date" in warnings[0]


def test_last_year_in_a_comparison_is_not_a_date():
    found, _ = dates("地区生产总值比上年增长7.1%。", "2024-03-08")
    assert found == []


def test_the_end_of_a_range_of_months_is_not_a_date():
    found, _ = dates("1至10月，全市累计投入教育经费58.7亿元。", "2023")
    assert found == []


def test_impossible_dates_are_ignored():
    found, _ = dates("会议定于2月30日召开。", "2022")
    assert found == []


def test_a_count_of_months_is_not_a_date():
    found, _ = dates("经过近8个月的改造。", "2022")
    assert found == []


def test_a_bad_article_date_is_reported_not_raised():
    result = extract_facts("去年完成12项。", date="15/01/2022")
    assert any("15/01/2022" in w for w in result.warnings)


def test_a_month_and_day_take_the_year_written_earlier_in_their_sentence():
    found, _ = dates("工程于2021年3月开工，9月22日竣工。", "2024-01-10")
    assert [(f.text, f.date) for f in found] == [
        ("2021年3月", "2021-03"),
        ("9月22日", "2021-09-22"),
    ]


def test_a_day_without_a_month_takes_the_month_in_force():
    found, _ = dates("6月19日8时起持续降雨。20日下午3时，水位涨至5.82米。", "2024-06-22")
    assert [(f.text, f.date, f.resolved) for f in found] == [
        ("6月19日", "2024-06-19", "2024年6月19日"),
        ("20日", "2024-06-20", "2024年6月20日"),
    ]


def test_a_day_later_than_the_article_date_with_no_month_named_is_last_month():
    found, _ = dates("20日，县里召开防汛会议。", "2024-07-05")
    assert [(f.text, f.date) for f in found] == [("20日", "2024-06-20")]


@pytest.mark.parametrize("sentence", ["申请在30日内办结。", "每5日巡查一次。", "近3日气温偏高。"])
def test_days_as_a_span_are_not_dates(sentence):
    assert dates(sentence, "2024-06-22")[0] == []
