"""Relative dates in stems: with the article's date known, a stem names the year.

A stem is read far from the article and often long after it, so "今年以来" must
read "2024年以来" — including the time phrase a stem carries from the opening of
its segment — and the carried phrase must not repeat the stem's own time
("去年以来，2023年以来，…"). Comparisons with the year before (比上年, 上年末) are
not dates and stay. Without a date the words stay as written.
"""

import re
from pathlib import Path

import pytest

from factquiz.generate import Article, GenerateOptions, generate_bank

ARTICLES = Path(__file__).parent / "articles"
RELATIVE_YEAR = re.compile(r"今年|去年|前年")


def _stems(name: str, date: str = "") -> list[str]:
    path = ARTICLES / name
    made, _ = generate_bank(
        [Article(path.read_text(encoding="utf-8"), file=path.name)],
        GenerateOptions(seed=1, date=date, allow_empty=True),
    )
    return [q.stem for q in made.questions]


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_no_stem_keeps_a_relative_year_when_the_date_is_known(name):
    wrong = [s for s in _stems(name, "2024-12-01") if RELATIVE_YEAR.search(s)]
    assert not wrong, wrong


def test_a_carried_opening_is_rewritten_and_not_repeated():
    stems = _stems("newspaper_page.txt", "2024-12-01")
    assert any(s.startswith("2023年以来，街道已累计完成老旧小区改造（ ）") for s in stems), stems
    assert not [s for s in stems if s.count("以来") > 1], stems


def test_a_carried_opening_names_the_year_of_the_article():
    stems = _stems("hospital_news.txt", "2024-12-01")
    assert "2024年以来，全市已有（ ）基层卫生院完成标准化改造。" in stems, stems


def test_a_comparison_with_the_year_before_stays_as_written():
    stems = _stems("hospital_news.txt", "2024-12-01")
    assert any("比上年" in s for s in stems), stems


def test_without_a_date_the_relative_words_stay():
    stems = _stems("hospital_news.txt")
    assert "今年以来，全市已有（ ）基层卫生院完成标准化改造。" in stems, stems


def test_without_a_date_a_carried_opening_is_not_repeated():
    stems = _stems("newspaper_page.txt")
    assert any(s.startswith("去年以来，街道已累计完成老旧小区改造（ ）") for s in stems), stems
    assert not [s for s in stems if s.count("以来") > 1], stems
