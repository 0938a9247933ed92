"""Marking a learner's typed answer against a question (practice mode).

Lenient where people type differently (full-width letters, 对/错/T/F, "A C"
or "a,c", 五百九十一 for 591, 98.5% within a blank's tolerance), strict about
what the answer is. A reply that is not an answer at all (a letter beyond the
options, "maybe" for a judge question) asks again instead of counting wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from factquiz.banks.loader import parse_judge
from factquiz.model import CIRCLED, Blank, Question, letter

_SEPARATORS = re.compile(r"[\s,，、;；/|]+")


@dataclass(frozen=True)
class Verdict:
    """``correct`` is None when the reply is not a usable answer (``hint`` says what to type)."""

    correct: bool | None
    given: str = ""
    hint: str = ""


def normalise(text: str) -> str:
    """Full-width → half-width, case and spaces ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def how_to_answer(question: Question) -> str:
    if question.type == "single":
        return f"输入一个字母 A–{letter(len(question.options) - 1)}"
    if question.type == "multiple":
        return "输入所有正确选项的字母，如 AC"
    if question.type == "judge":
        return "输入 对 或 错，也可 T / F"  # shown inside "（…）": no brackets within brackets
    if question.type == "order":
        return f"按正确顺序输入全部 {len(question.options)} 个字母，如 {_example(question)}"
    if question.type == "match":
        return f"依次输入{CIRCLED[0]}到{CIRCLED[len(question.pairs) - 1]}各项对应的字母，如 {_example(question)}"
    if question.type == "fill":
        many = len(question.blanks)
        return "填写答案" if many == 1 else f"依次填写 {many} 个空，用空格或；分隔"
    return "先作答（可在纸上），回车后看参考答案并自评"


def check_answer(question: Question, reply: str) -> Verdict:
    """Mark ``reply``; short questions are self-marked elsewhere (always None here)."""
    text = reply.strip()
    if not text:
        return Verdict(None, hint=how_to_answer(question))
    if question.type in ("single", "multiple"):
        return _choice(question, text)
    if question.type == "judge":
        truth = parse_judge(unicodedata.normalize("NFKC", text))
        if truth is None:
            return Verdict(None, hint=how_to_answer(question))
        return Verdict(truth == question.truth, "对" if truth else "错")
    if question.type == "fill":
        return _fill(question, text)
    if question.type in ("order", "match"):
        return _sequence(question.laid_out(), text)
    return Verdict(None, hint=how_to_answer(question))


def _example(question: Question) -> str:
    """Letters in a wrong order, so the hint never shows the answer: "DCBA"."""
    count = len(question.options) or len(question.pairs)
    example = "".join(letter(i) for i in reversed(range(count)))
    answer = question.laid_out().sequence_letters
    return example if example != answer else example[1:] + example[0]


def _sequence(question: Question, text: str) -> Verdict:
    """An order or match reply: every letter once, in the order asked.

    "CBAD", "C→B→A→D", "C,B,A,D"; for match also numbered, in any order: "①C ②B ③A", "2-B 1-C 3-A".
    """
    plain = unicodedata.normalize("NFKC", text).upper()  # NFKC turns ① into 1
    letters = sequence_letters(plain, len(question.options))
    valid = {letter(i) for i in range(len(question.options))}
    if letters is None or len(letters) != len(question.options) or set(letters) != valid:
        return Verdict(None, hint=how_to_answer(question))
    return Verdict(letters == question.sequence_letters, letters)


def sequence_letters(text: str, count: int) -> str | None:
    """Letters typed for an order or match question, in answer order; None when not letters."""
    numbered = re.findall(r"([1-8])\s*[-:：.、)）]?\s*([A-H])", text)
    rest = re.sub(r"([1-8])\s*[-:：.、)）]?\s*([A-H])", "", text)
    if numbered and not re.sub(r"[\s,，、;；/|]+", "", rest):
        by_number = {int(n): x for n, x in numbered}
        if sorted(by_number) != list(range(1, count + 1)) or len(numbered) != count:
            return None
        return "".join(by_number[n] for n in range(1, count + 1))
    letters = re.sub(r"[\s,，、;；/|\-—–→>＞]+", "", text)
    return letters if re.fullmatch(r"[A-H]+", letters) else None


def _choice(question: Question, text: str) -> Verdict:
    letters = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    valid = {letter(i) for i in range(len(question.options))}
    if not letters or not set(letters) <= valid or len(set(letters)) != len(letters):
        return Verdict(None, hint=how_to_answer(question))
    if question.type == "single" and len(letters) != 1:
        return Verdict(None, hint="单项选择题只选一个字母")
    given = "".join(sorted(letters))
    return Verdict(given == question.answer_letters, given)


def _fill(question: Question, text: str) -> Verdict:
    blanks = question.blanks
    parts = [text] if len(blanks) == 1 else [p for p in _SEPARATORS.split(text) if p]
    if len(parts) != len(blanks):
        return Verdict(
            None,
            hint=f"本题有 {len(blanks)} 个空，收到 {len(parts)} 个答案；{how_to_answer(question)}",
        )
    correct = all(_blank_matches(blank, part) for blank, part in zip(blanks, parts, strict=True))
    return Verdict(correct, "；".join(parts))


def _number(text: str) -> float | None:
    """ "98.5" / "98.5%" / "1,200" / "五百九十一" → a number; None when it is not one."""
    plain = unicodedata.normalize("NFKC", text).strip().rstrip("%％").replace(",", "")
    try:
        return float(plain)
    except ValueError:
        pass
    if not re.fullmatch(r"[零〇一二两三四五六七八九十百千万亿点负]+", plain):
        return None
    try:
        import cn2an  # Chinese numerals: 五百九十一 → 591

        return float(cn2an.cn2an(plain, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _blank_matches(blank: Blank, given: str) -> bool:
    wanted = normalise(given)
    if any(normalise(answer) == wanted for answer in blank.answers):
        return True
    number = _number(given)
    if number is None:
        return False
    tolerance = blank.tolerance or 0.0
    for answer in blank.answers:
        target = _number(answer)
        if target is not None and abs(number - target) <= tolerance + 1e-9:
            return True
    return False
