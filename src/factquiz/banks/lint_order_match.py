"""Lint rules for order (排序题) and match (连线题) questions.

A match question needs every left item and every right item to differ, or two
answers are right; an order question needs its items to differ and their keys
(dates, values) to differ at the precision written, or no single order is right;
and the keys, when they are dates or numbers, must agree with the answer. The
counts a quiz can fairly ask (3–5 items to order, 3–6 pairs) are warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factquiz.banks.textnorm import normalise
from factquiz.model import CIRCLED, Question, letter

MIN_ORDER, MAX_ORDER = 3, 5
MIN_PAIRS, MAX_PAIRS = 3, 6

RULE_REASONS = {
    "FQ121": ("error", "two items or two pairs that read the same make more than one answer right"),
    "FQ122": ("error", "items whose keys are the same at the precision written have no one order"),
    "FQ123": ("error", "keys that say another order than the answer mean the answer is wrong"),
    "FQ124": ("warning", "three to five items make a fair ordering question, three to six pairs a fair matching one"),
    "FQ125": ("warning", "items already printed in the right order give the answer away"),
}  # fmt: skip

# 1921年7月23日, 1927年8月, 1935年; or a plain number (a value to sort by)
_DATE = re.compile(r"^(?:公元)?(\d{3,4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?")
# stems asking for the latest (or largest) first
_DESCENDING = re.compile(
    r"由近及远|从近到远|由晚到早|从晚到早|由后到先|倒序|由大到小|从大到小|由多到少|从多到少|降序"
)


def _key_value(key: str) -> tuple[float, ...] | None:
    """ "1927年8月1日" → (1927, 8, 1); "1921年" → (1921,); "98.5" → (98.5,); None otherwise."""
    text = key.strip()
    if m := _DATE.match(text):
        return tuple(float(g) for g in m.groups() if g is not None)
    if m := _NUMBER.match(text):
        return (float(m.group(0)),)
    return None


def _compare(a: tuple[float, ...], b: tuple[float, ...]) -> int:
    """-1, 0 or 1, comparing two keys at the coarser precision of the two."""
    depth = min(len(a), len(b))
    return (a[:depth] > b[:depth]) - (a[:depth] < b[:depth])


def _quote(text: str) -> str:
    return f"“{text if len(text) <= 16 else text[:15] + '…'}”"


def _repeats(texts: Iterable[str]) -> list[tuple[int, int]]:
    """(first, again) positions of texts that read the same (width, spaces and punctuation ignored)."""
    seen: dict[str, int] = {}
    out = []
    for i, text in enumerate(texts):
        key = normalise(text)
        if key in seen:
            out.append((seen[key], i))
        else:
            seen[key] = i
    return out


def _order_findings(q: Question) -> Iterable[tuple[str, str]]:
    for first, again in _repeats(q.options):
        yield (
            "FQ121",
            f"选项{letter(first)}和{letter(again)}相同（{_quote(q.options[again])}）：排序的各项必须不同",
        )
    if not MIN_ORDER <= len(q.options) <= MAX_ORDER:
        yield "FQ124", f"排序题有{len(q.options)}项：{MIN_ORDER}–{MAX_ORDER}项最合适"
    if len(q.options) > 1 and list(q.sequence) == sorted(q.sequence):
        yield "FQ125", f"各项已按正确顺序排列（答案 {q.sequence_letters}）：打乱选项的顺序"
    if len(q.keys) != len(q.options):
        return
    for first, again in _repeats(q.keys):
        yield (
            "FQ122",
            f"{letter(first)}和{letter(again)}的排序依据都是{_quote(q.keys[first])}：无法排出唯一顺序",
        )
        return
    values = [_key_value(k) for k in q.keys]
    if any(v is None for v in values):
        return
    known = [v for v in values if v is not None]
    for i in range(len(known)):
        for j in range(i + 1, len(known)):
            if _compare(known[i], known[j]) == 0:
                yield (
                    "FQ122",
                    (
                        f"{letter(i)}（{q.keys[i]}）和{letter(j)}（{q.keys[j]}）按写出的精度分不出先后："
                        "写到能分出先后的月或日，或换一项"
                    ),
                )
                return
    descending = bool(_DESCENDING.search(q.stem))
    by_keys = sorted(range(len(known)), key=lambda i: known[i], reverse=descending)
    if tuple(by_keys) != q.sequence:
        yield (
            "FQ123",
            (
                f"排序依据给出的顺序是 {''.join(letter(i) for i in by_keys)}，答案却是 {q.sequence_letters}："
                "核对答案或排序依据"
            ),
        )


def _match_findings(q: Question) -> Iterable[tuple[str, str]]:
    lefts = [left for left, _ in q.pairs]
    rights = [right for _, right in q.pairs]
    for first, again in _repeats(lefts):
        yield (
            "FQ121",
            f"左列{CIRCLED[first]}和{CIRCLED[again]}相同（{_quote(lefts[again])}）：连线的各项必须不同",
        )
    for first, again in _repeats(rights):
        yield (
            "FQ121",
            (
                f"{_quote(lefts[first])}和{_quote(lefts[again])}对应同一个右项{_quote(rights[again])}："
                "右列各项必须不同，否则答案不唯一"
            ),
        )
    if not MIN_PAIRS <= len(q.pairs) <= MAX_PAIRS:
        yield "FQ124", f"连线题有{len(q.pairs)}对：{MIN_PAIRS}–{MAX_PAIRS}对最合适"


def order_match_findings(q: Question) -> Iterable[tuple[str, str]]:
    """(rule, message) for one order or match question; nothing for other types."""
    if q.type == "order":
        yield from _order_findings(q)
    elif q.type == "match":
        yield from _match_findings(q)
