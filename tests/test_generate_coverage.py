"""Most of an article's checkable numeric and date facts each become a question with the right
answer, measured against the hand annotations in tests/articles/ (written from the articles, not
from our output).

Recall is a floor, not the aim: the quality gate leaves out facts that make no question a
quizmaster would use (首届 and 第一种 need no knowledge, a clause without a subject cannot be
answered, four figures in one blank question test recitation), so the bar is 80%, and what is asked is read in benchmarks/quality/."""

import re
from pathlib import Path

import pytest
import yaml

from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.model import Question

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = sorted((ROOT / "tests" / "articles").glob("*_annotation.yaml"))
_RELATIVE = re.compile(r"^(去年|今年|前年|明年|上月|本月|下月|上年)")


def stated(text: str) -> str:
    """What a question about the fact must show: "去年9月22日" is asked as 2021年（9月22日）."""
    return _RELATIVE.sub("", text).strip()


def answered(q: Question) -> str:
    """The text that states the question's right answer in place, as the player must give it."""
    if q.type == "single":
        return q.correct_options()[0]
    if q.type == "fill":  # every blank filled in: a fill may ask several values of one clause
        stem = q.stem
        for blank in q.blanks:
            stem = stem.replace("（ ）", blank.canonical, 1)
        return stem
    if q.type == "short":
        return q.reference
    if q.type == "judge":
        return q.explanation
    return ""


def covers(q: Question, text: str) -> bool:
    key = stated(text)
    if text not in q.source or not key:
        return False
    if q.type == "judge":
        # a true statement shows the value; a false one must name the right value in its explanation
        return key in q.explanation and ((key in q.stem) == bool(q.truth))
    return key in answered(q)


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=[p.stem for p in ANNOTATIONS])
def test_most_annotated_facts_become_questions_with_the_right_answer(annotation):
    spec = yaml.safe_load(annotation.read_text(encoding="utf-8"))
    text = (ROOT / spec["article"]).read_text(encoding="utf-8")
    bank, _ = generate_bank(
        [Article(text, file=spec["article"])], GenerateOptions(seed=1, date=str(spec["date"]))
    )
    facts = [f["text"] for f in spec["facts"]]
    missing = [t for t in facts if not any(covers(q, t) for q in bank.questions)]
    share = 1 - len(missing) / len(facts)
    assert share >= 0.8, f"{share:.0%} covered; no question for {missing}"


def test_coverage_check_rejects_a_question_with_the_wrong_answer():
    q = Question(
        id="x",
        type="single",
        stem="涉及农户（ ）。",
        options=("136户", "163户"),
        correct=(1,),
        source="涉及农户136户。",
    )
    assert not covers(q, "136户")
