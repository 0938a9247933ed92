"""Turn an ``Askable`` into a ``Question`` of a given type, wording it from the templates."""

from __future__ import annotations

import functools
import hashlib
import random
import re
from typing import Any

from factquiz.generate.askable import Askable
from factquiz.generate.distractors import fact_number
from factquiz.generate.templates import Templates
from factquiz.model import Blank, Fact, Question

BLANK = "（ ）"
# tag by kind of fact when the article has no sections (数据 numbers, 时间 dates, 人物 people, 名称 names)
KIND_TAGS = {
    "quantity": "数据",
    "percent": "数据",
    "ordinal": "数据",
    "date": "时间",
    "person": "人物",
    "apposition": "名称",
    "enumeration": "名称",
    "name": "名称",
}


def fact_digest(fact: Fact) -> str:
    """A short hash of where the fact is stated: stable across runs, so regenerating gives small diffs."""
    return _digest(fact.article, fact.kind, fact.sentence, fact.start, fact.text)


# asked for each question's letter, its random choices and its id
@functools.lru_cache(maxsize=16384)
def _digest(article: int, kind: str, sentence: str, start: int, text: str) -> str:
    key = f"{article}|{kind}|{sentence}|{start}|{text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def question_id(askable: Askable) -> str:
    """Readable and stable: the answer as a slug plus a content hash ("591个昼夜-3fa2c1")."""
    answer = askable.answer if askable.form != "list" else askable.fact.items[0]
    slug = answer.replace("%", "pct").replace("％", "pct")
    slug = re.sub(r"[^\w.]+", "", slug)[:16].strip(".") or askable.fact.kind
    return f"{slug}-{fact_digest(askable.fact)[:6]}"


@functools.lru_cache(maxsize=1024)  # one heading tags every question under it
def section_tag(section: str) -> str:
    """A short tag from a heading: "发展之基——点燃“红色引擎”…" → "发展之基"; "【精彩回放】" → "精彩回放"."""
    head = re.split(r"—{1,2}|——|[：:，,]", section.strip("【】[] "), maxsplit=1)[0].strip(
        "【】“”\"' "
    )
    return head[:12]


def tags_for(fact: Fact) -> tuple[str, ...]:
    tags = [section_tag(fact.section)] if fact.section else []
    kind = KIND_TAGS.get(fact.kind, "")
    if kind and kind not in tags:
        tags.append(kind)
    return tuple(t for t in tags if t)


def difficulty_for(askable: Askable, qtype: str) -> int:
    """1 easy … 3 hard: recognising is easier than recalling; precise numbers are harder than round ones."""
    level = {"judge": 1, "single": 2, "multiple": 2, "short": 2, "fill": 2}[qtype]
    if askable.form in ("apposition", "person"):
        return max(1, level - (0 if qtype in ("fill", "short") else 1))
    parsed = fact_number(askable.fact)
    if parsed is not None:
        digits = re.sub(r"\D", "", f"{parsed[0]:.6f}".rstrip("0").rstrip("."))
        if len(digits.strip("0")) >= 3 and qtype != "judge":
            level += 1
    return min(3, level)


def _variables(askable: Askable, qtype: str, context: Any = None) -> dict[str, Any]:
    """Everything a stem template may use; always the same keys (templates run with StrictUndefined)."""
    fact = askable.fact
    ctx = context or askable.context
    extra = askable.extra
    return {
        "type": qtype,
        "form": askable.form,
        "kind": fact.kind,
        "before": ctx.before if ctx else "",
        "after": ctx.after if ctx else "",
        "blank": BLANK,
        "answer": askable.answer,
        "ask": ctx.answer if ctx and qtype == "short" else "",
        "shown": askable.answer,
        "statement": askable.filled,
        "truth": True,
        "filled": askable.filled,
        "label": extra.get("label", fact.label),
        "name": extra.get("name", ""),
        "org": extra.get("org", ""),
        "post": extra.get("post", ""),
        "items": extra.get("items", fact.items),
        "category": fact.category,
        "unit": fact.unit,
        "qualifier": fact.qualifier,
        "section": fact.section,
        "source": fact.sentence,
    }


def build_question(
    askable: Askable,
    qtype: str,
    templates: Templates,
    rng: random.Random,
    *,
    position: int = 0,
    truth: bool = True,
) -> Question:
    """One question of type ``qtype``; ``position`` places a single-choice answer, ``truth`` sets a judge."""
    fact = askable.fact
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    blanks: tuple[Blank, ...] = ()
    reference = ""
    judged: bool | None = None
    variables = _variables(askable, qtype)
    if qtype in ("single", "judge") and askable.choices is not None:
        variables["answer"] = askable.choices.answer.text  # a person's post, not their name
    if qtype == "single":
        assert askable.choices is not None
        options = askable.choices.pick(position, rng)
        correct = (options.index(askable.choices.answer.text),)
    elif qtype == "multiple":
        assert askable.choices is not None
        items = list(askable.extra["items"])  # type: ignore[arg-type]
        wrong = 2 if len(items) in (2, 4) else 1
        pool = sorted(askable.choices.below, key=lambda c: (c.tier, c.text))
        distractors = (
            [c.text for c in pool[:wrong]]
            if len(pool) <= wrong
            else [c.text for c in rng.sample(pool, wrong)]
        )
        options_list = items + distractors
        rng.shuffle(options_list)
        options = tuple(options_list)
        correct = tuple(sorted(options.index(i) for i in items))
    elif qtype == "judge":
        assert askable.choices is not None
        judged = truth
        shown = askable.choices.answer.text
        if not truth:
            wrong_choice = askable.choices.one(rng)
            assert wrong_choice is not None
            shown = wrong_choice.text
        ctx = askable.context
        statement = ctx.before + shown + ctx.after if ctx else askable.filled
        variables.update(shown=shown, statement=statement, truth=truth)
    elif qtype == "fill":
        variables = _variables(askable, qtype, askable.fill)
        blanks = tuple(Blank(a) for a in askable.blank_answers)
    elif qtype == "short":
        variables = _variables(askable, qtype, askable.ask)
        reference = askable.answer
    stem = templates.render(f"{qtype}.j2", **variables)
    explanation = tidy_explanation(
        templates.render(
            "explanation.j2",
            **{**variables, "type": qtype, "truth": truth if qtype == "judge" else True},
        ),
        [b.canonical for b in blanks],
    )
    return Question(
        id=question_id(askable),
        type=qtype,
        stem=stem,
        options=options,
        correct=correct,
        truth=judged,
        blanks=blanks,
        reference=reference,
        explanation=explanation,
        source=fact.sentence,
        tags=tags_for(fact),
        difficulty=difficulty_for(askable, qtype),
        generated=True,
    )


_DOUBLED_UNIT = re.compile(r"(\d)([\u4e00-\u9fff%％‰]{1,4})\2(?![\u4e00-\u9fff])|(\d)([%％‰])\4")
_DOUBLED_NAME = re.compile(r"(“[^“”]{1,24}”|《[^《》]{1,24}》)\1")


def tidy_explanation(text: str, answers: list[str] | None = None) -> str:
    """One clean sentence: a unit written twice where answer and stem meet ("3938公顷公顷",
    "2.2%%"), a name repeated where a kept list head meets its items, and blanks left in it
    filled with the answers in order."""
    text = _DOUBLED_UNIT.sub(
        lambda m: (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), text
    )
    text = _DOUBLED_NAME.sub(r"\1", text)
    for answer in answers or ():
        if BLANK not in text:
            break
        text = text.replace(BLANK, answer, 1)
    return text
