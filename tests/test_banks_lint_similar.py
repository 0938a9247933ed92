"""Near-duplicate search: finds what an exact search finds, across banks, the same in every process."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path

from factquiz.banks import load_banks
from factquiz.banks.lint import format_finding, lint_banks, lint_paths
from factquiz.banks.similar import (
    NEAR_THRESHOLD,
    bigrams,
    fact_text,
    find_similar,
    jaccard,
    near_pairs,
)
from factquiz.banks.textnorm import appears_in
from factquiz.model import Bank, Blank, Question

BANKS = Path(__file__).resolve().parent.parent / "question_banks"


def fill(qid: str, stem: str, answer: str, line: int = 1, bank: str = "t") -> Question:
    return Question(id=qid, type="fill", stem=stem, blanks=(Blank((answer,)),),
                    explanation="解析。", line=line, bank=bank)  # fmt: skip


def exact(texts: list[str]) -> set[tuple[int, int]]:
    sets = [bigrams(t) for t in texts]
    return {
        (i, j)
        for i, j in combinations(range(len(texts)), 2)
        if jaccard(sets[i], sets[j]) >= NEAR_THRESHOLD
    }


def both_ends_texts(count: int, seed: int = 7) -> list[str]:
    """Pairs sharing a long middle but differing at both ends, among many alike questions."""
    rng = random.Random(seed)
    starts = ["请问", "据悉", "另外", "去年", "今年", "目前", "此前", "据称"]
    ends = ["对吗", "多少", "几户", "请答", "共计", "若干"]
    texts = []
    for i in range(count):
        n = rng.randint(100, 99999)
        middle = f"钱家村第{i}期搬迁项目历时{n % 900 + 100}天涉及农户{n}户腾房率达到{n % 90 + 10}"
        a, b = rng.sample(starts, 2)
        c, d = rng.sample(ends, 2)
        texts += [a + middle + c, b + middle + d]
    return texts


def test_pairs_differing_at_both_ends_are_found():
    # Sorting by text forwards or backwards never puts these pairs side by side,
    # which is how the sorted-neighbourhood search used to miss them.
    texts = both_ends_texts(150)
    truth = exact(texts)
    assert len(truth) >= 100
    found = {(i, j) for i, j, _ in near_pairs(texts).pairs}
    assert found <= truth  # every reported pair is verified
    assert len(found & truth) >= 0.95 * len(truth)


def test_a_template_made_bank_loses_no_more_than_5_percent_of_pairs():
    rng = random.Random(3)
    places = ["建国路隧道", "金平湖广场"]
    texts = sorted(
        {
            f"第{i}题{rng.choice(places)}项目在{2000 + i % 23}年涉及{rng.randint(2, 50)}户"
            f"这一数字在{rng.choice(places)}也被提及"
            for i in range(900)
        }
    )
    truth = exact(texts)
    found = {(i, j) for i, j, _ in near_pairs(texts).pairs}
    assert len(truth) >= 50
    assert found <= truth
    assert len(found & truth) >= 0.95 * len(truth)


def test_the_same_fact_asked_in_other_words_in_another_bank_is_found():
    team = Question(id="typhoon", type="judge", truth=True, explanation="解析。", line=5, bank="team",
                    stem="防御台风“烟花”和“灿都”期间，城投集团成立党员冲锋队，成功转移8个工程项目的254名民工。")  # fmt: skip
    generated = Question(id="8个", type="fill", explanation="解析。", line=9, bank="gen",
                         stem="防御台风“烟花”和“灿都”期间，成立党员冲锋队，成功转移（ ）个工程项目的（ ）名民工。",
                         blanks=(Blank(("8",)), Blank(("254",))))  # fmt: skip
    other = fill("270余人", "防御台风“烟花”和“灿都”期间，转移安置人员（ ）。", "270余人", 14, "gen")
    banks = [
        Bank(title="队", questions=(team,), name="team", path="team.yaml"),
        Bank(title="生成", questions=(generated, other), name="gen", path="gen.yaml"),
    ]
    # (the subjectless stems are reported too, by FQ115; this test is about the repeat)
    lines = [format_finding(f) for f in lint_banks(banks, ignore=("FQ115",))]
    assert lines == [
        "gen.yaml:9: [FQ105] 84% like team/typhoon (team.yaml:5); remove one or make them ask different things"
    ]


def test_a_judge_statement_repeats_the_choice_question_it_answers():
    judge = Question(id="j", type="judge", stem="当湖街道钱家村搬迁项目涉及农户136户。", truth=True,
                     explanation="解析。", line=3, bank="t")  # fmt: skip
    single = Question(id="s", type="single", stem="当湖街道钱家村搬迁项目涉及农户（ ）户。",
                      options=("163", "98", "136", "316"), correct=(2,), explanation="解析。", line=8,
                      bank="t")  # fmt: skip
    assert fact_text(judge) == fact_text(single)
    lines = [format_finding(f) for f in lint_banks([Bank(title="t", questions=(judge, single), name="t", path="t.yaml")])]  # fmt: skip
    assert lines == [
        "t.yaml:8: [FQ105] 99% like t/j (t.yaml:3); remove one or make them ask different things"
    ]


def test_same_stem_with_different_answers_asks_different_facts():
    a = fill("a", "钱家村搬迁项目涉及农户（ ）户。", "136")
    b = fill("b", "钱家村搬迁项目腾房率达到了（ ）。", "98.5%")
    assert find_similar([a, b]) == []


def test_the_bundled_banks_have_no_errors_and_their_repeats_ask_the_same_fact():
    report = lint_paths([BANKS])
    assert report.errors == 0, [format_finding(f) for f in report.findings]
    questions = {q.ref: q for b in load_banks([BANKS]) for q in b.questions}
    repeats = [f for f in report.findings if f.rule in ("FQ104", "FQ105")]
    for finding in repeats:
        first_ref = finding.message.split(" like ")[-1].split(" (")[0]
        first, later = questions[first_ref], questions[finding.location.field]
        # The same fact: an answer of one question is stated in the other, once answered.
        assert any(
            appears_in(answer, fact_text(other))
            for q, other in ((first, later), (later, first))
            for answer in answers_of(q)
        ), finding.message


def answers_of(q: Question) -> list[str]:
    return list(q.correct_options()) + [b.canonical for b in q.blanks]


def test_hundreds_of_alike_questions_stay_bounded_and_say_so():
    # A template-made bank: a long stem that only a short number changes.
    stem = "当湖街道钱家村搬迁项目涉及农户136户，仅用10天时间，腾房率就达到了98.5%，群众满意度高，第{}组"
    questions = [
        Question(
            id=f"q{i}",
            type="judge",
            stem=stem.format(i),
            truth=True,
            explanation="解析。",
            line=i + 1,
        )
        for i in range(400)
    ]
    findings = lint_banks([Bank(title="t", questions=tuple(questions), name="t", path="t.yaml")])
    crowd = [f for f in findings if f.location.line is None and f.rule == "FQ105"]
    assert len(crowd) == 1
    assert "questions are so alike" in crowd[0].message
    repeats = [f for f in findings if f.rule == "FQ105" and f.location.line is not None]
    assert len(repeats) >= 390  # each is still matched with an alike neighbour


def test_lint_json_is_the_same_in_processes_with_different_string_hashing(tmp_path: Path):
    body = "".join(
        f"  - {{id: q{i}, type: fill, stem: {stem}, answer: ['{i}'], explanation: 解析}}\n"
        for i, stem in enumerate(
            f"{start}钱家村第{k}期搬迁项目涉及农户（ ）户{end}"
            for k in range(40)
            for start, end in (("请问", "对吗"), ("据报道", "是多少"))
        )
    )
    (tmp_path / "a.yaml").write_text("format: factquiz/1\ntitle: 甲\nquestions:\n" + body, encoding="utf-8")  # fmt: skip
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "factquiz", "lint", str(tmp_path), "--format", "json"],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["warnings"] >= 8
