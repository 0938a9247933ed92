"""Lint rules on how a stem reads, for any bank (generated or hand-written).

The same checks the generator's quality gate applies (``factquiz.generate.gate``), worded as
findings: a stem that does not say whose figure it asks, a stem that is only a time, two
identical stems with different answers, an answer that the bank's title shows, an explanation
with a unit written twice or a blank left in it, a long exact figure to recall in a blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factquiz.banks.textnorm import BLANK_MARK
from factquiz.generate.build import tidy_explanation
from factquiz.generate.gate import (
    content_chars,
    has_subject,
    significant_digits,
    vague_subject,
)
from factquiz.model import Bank, Question

RULE_REASONS = {
    "FQ115": (
        "warning",
        "a stem that does not say whose figure or which event it asks cannot be answered alone",
    ),
    "FQ116": ("warning", "a stem that is only a time asks nothing"),
    "FQ117": ("error", "two identical stems with different answers: one of them is marked wrong"),
    "FQ118": (
        "warning",
        "the bank's title is printed above every question: an answer in it is given away",
    ),
    "FQ119": (
        "warning",
        "an explanation is read out as the answer: a doubled unit or an empty blank reads broken",
    ),
    "FQ120": (
        "warning",
        "nobody should have to recall a figure of five or more significant digits in a blank",
    ),
}


def _answers(q: Question) -> list[str]:
    if q.type in ("single", "multiple"):
        return list(q.correct_options())
    if q.type == "fill":
        return [b.canonical for b in q.blanks]
    if q.type == "short":
        return [q.reference]
    return []


def _answer_key(q: Question) -> str:
    if q.type == "judge":
        return str(q.truth)
    return "|".join(_answers(q))


def stem_findings(bank: Bank) -> Iterable[tuple[str, Question, str]]:
    """(rule, question, message) for every stem finding of one bank."""
    seen: dict[str, Question] = {}
    for q in bank.questions:
        stem = BLANK_MARK.sub("（ ）", q.stem)
        # an order or match stem is an instruction (将下列事件排序), its subject is in its items
        if q.type not in ("judge", "order", "match") and (
            vague_subject(stem) or not has_subject(stem, ())
        ):
            yield "FQ115", q, "题干没有主语：写明是谁、哪里或哪一年的数字/事件"
        if content_chars(stem) < 4:
            yield "FQ116", q, "题干除时间外几乎没有内容：写明发生了什么"
        key = re.sub(r"\s+", "", stem).rstrip("。？?")
        earlier = seen.get(key)
        if (
            earlier is not None
            and earlier.type == q.type
            and _answer_key(earlier) != _answer_key(q)
        ):
            yield "FQ117", q, f"与 {earlier.ref} 题干相同但答案不同：补上区分两题的主语或时间"
        seen.setdefault(key, q)
        title = bank.title or ""
        for answer in _answers(q):
            plain = answer.strip("“”《》 ")
            if len(plain) >= 2 and not plain.isdigit() and plain in title:
                yield "FQ118", q, f"答案“{plain}”出现在题库标题中：改写标题或换一道题"
                break
        # broken as the generator's own tidying would mend it, or with a blank left in it
        if q.explanation and (
            tidy_explanation(q.explanation) != q.explanation or BLANK_MARK.search(q.explanation)
        ):
            yield "FQ119", q, "解析里有重复的单位或未填的空：写成一句完整的话"
        if q.type in ("fill", "short") and any(significant_digits(a) >= 5 for a in _answers(q)):
            yield "FQ120", q, "答案是五位以上有效数字的精确数：改为选择题，或按文章的约数提问"
