"""Coverage against hand annotations: at least 90% of the checkable numeric and date facts
of each annotated article are extracted with the right value, unit and qualifier."""

import math
from pathlib import Path

import pytest
import yaml

from factquiz.extract import extract_facts

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = sorted((ROOT / "tests" / "articles").glob("*annotation.yaml"))


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = (ROOT / data["article"]).read_text(encoding="utf-8")
    return data, extract_facts(text, date=str(data["date"]))


def matches(expected, fact):
    kind = expected["kind"]
    if fact.kind != kind or expected["text"] not in fact.text:
        return False
    if kind == "date":
        return fact.date == expected["date"]
    lower = expected.get("lower")  # the low end of a range ("3—5天": lower 3, value 5)
    return (
        fact.value is not None
        and math.isclose(fact.value, expected["value"])
        and fact.unit == expected["unit"]
        and fact.qualifier == expected.get("qualifier", "")
        and (fact.lower is None if lower is None else math.isclose(fact.lower or 0, lower))
    )


def missed(data, result):
    """Annotated facts with no extracted fact to match, each extracted fact used once."""
    unused = list(result.facts)
    misses = []
    for expected in data["facts"]:
        hit = next((f for f in unused if matches(expected, f)), None)
        if hit is None:
            misses.append(expected)
        else:
            unused.remove(hit)
    return misses


def test_there_are_annotations_for_the_seed_and_other_articles():
    names = {p.name for p in ANNOTATIONS}
    assert "seed_annotation.yaml" in names and len(names) >= 2


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_at_least_nine_in_ten_annotated_facts_are_extracted_right(path):
    data, result = load(path)
    misses = missed(data, result)
    found = 1 - len(misses) / len(data["facts"])
    assert found >= 0.9, f"{found:.0%} found; missed: {misses}"


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_no_number_is_extracted_that_the_annotation_does_not_know(path):
    """Precision: every extracted count, percentage or ordinal with digits is an annotated one."""
    data, result = load(path)
    known = [e["text"] for e in data["facts"]]
    extra = [
        f.text
        for f in result.facts
        if f.kind in ("quantity", "percent", "ordinal")
        and not any(k in f.text or f.text in k for k in known)
    ]
    assert extra == []
