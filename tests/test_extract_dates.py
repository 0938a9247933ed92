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
        ("9月28日，社区老年食堂正式启用。", "2023-12-20", "9月28日", "--09-28", ""),
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
