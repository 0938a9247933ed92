"""extract_facts: the contract the generator codes against."""

from factquiz.extract import ExtractResult, extract_facts
from factquiz.resources import banks_dir

SEED = (banks_dir() / "sources" / "pinghu-chengtou.txt").read_text(encoding="utf-8")


def test_every_fact_points_at_its_text_in_its_sentence():
    result = extract_facts(SEED, date="2022-01-15")
    assert result.facts
    for f in result.facts:
        assert f.sentence[f.start : f.end] == f.text
        assert result.text[f.sentence_start : f.sentence_start + len(f.sentence)] == f.sentence


def test_facts_come_in_article_order():
    facts = extract_facts(SEED, date="2022").facts
    keys = [(f.sentence_start, f.start) for f in facts]
    assert keys == sorted(keys)


def test_same_text_gives_the_same_result():
    assert extract_facts(SEED, "2022-01-15") == extract_facts(SEED, "2022-01-15")


def test_empty_text_gives_no_facts_and_a_warning():
    result = extract_facts("")
    assert isinstance(result, ExtractResult)
    assert result.facts == () and result.warnings


def test_article_index_is_stored_in_every_fact():
    assert {f.article for f in extract_facts(SEED, article=3).facts} == {3}
