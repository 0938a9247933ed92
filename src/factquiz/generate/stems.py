"""Cut a fact out of its sentence with enough context to stand alone.

A stem is read aloud or printed far from the article, so it must carry its
own context: the clause that states the fact, plus neighbouring clauses when
that clause is too short or starts mid-thought ("仅用10天时间"). Relative
dates in it are made absolute when the article's date is known ("去年" →
"2021年"), discourse markers that point at the article ("同时，", "据悉，")
are dropped, and a clause that repeats the answer is never added, so the
stem does not give its own answer away.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from factquiz.model import Fact

SEGMENT_ENDS = "。！？!?；;…"
CLAUSE_ENDS = "，,：:"
OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}
CLOSERS = {v: k for k, v in OPENERS.items()}

MIN_CONTEXT = 18  # characters: shorter clauses ("仅用10天时间") borrow a neighbour
MAX_CONTEXT = 72  # characters of stem before the blank is added
MIN_SEGMENT = (
    8  # characters besides the fact: a shorter semicolon segment takes the one before along
)
MIN_BEFORE_TAIL = (
    12  # a stem this long ends at its fact rather than run on ("…总值（ ），按可比价格计算")
)

_TIME = r"(\d{4}年(\d{1,2}月)?(\d{1,2}日)?|全年|今年|去年|当年|上半年|下半年)?"
# Clauses starting with these continue a thought begun in the previous clause.
_DEPENDENT = re.compile(
    _TIME
    + r"(仅|就|共|累计|并|还|又|已|其中|分别|均|再|即|且|而|也|都|从而|进而|该|此|这|占|比|较|同比|环比|使|让|其|于)"
)
# Clauses that are a bare predicate and can follow a named subject directly.
_TOPIC_OK = re.compile(_TIME + r"(于|共|已|累计|仅|并|还|又|均|再|先后|新增|完成|成功)")
# What follows a subject that is the whole subject: a verb, a preposition or a time word.
_AFTER_TOPIC = re.compile(
    r"(自|于|在|已|共|将|是|被|把|从|通过|以|为|获|荣|成|今年|去年|全年|累计|先后|持续|不断|坚持|始终|，)"
)
# Adverbial clauses (time, purpose, circumstance) need the main clause that follows them.
_ADVERBIAL_START = re.compile(r"(在|为了?|经过|历经|随着|通过|自|从|根据|按照|截至|截止)")
_ADVERBIAL_END = re.compile(r"(后|之后|时|之时|前|之前|以来|期间|之际|过程中|下午|上午|晚上|当天)$")
# Openers that point back into the article; a stem read alone is better without them.
_MARKERS = re.compile(
    r"^(同时|此外|另外|与此同时|据悉|据了解|据介绍|据统计|另据|记者了解到|本报讯|初步核算|其中|值得一提的是|尤其是|而且|并且|此次|另一方面|总之|因此)[，,、]?"
)
_SPACE_BY_DIGIT = re.compile(
    r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=\d)|(?<=[\d%])[ \t\u3000]+(?=[\u4e00-\u9fff])"
)
_TRAILING = "，,。；;：:…！？!? \t"


@dataclass(frozen=True)
class Context:
    """A fact cut out of its trimmed clause: ``before + answer + after`` reads as the article does."""

    before: str
    answer: str  # the fact as the stem shows it (absolute date when known)
    after: str

    @property
    def filled(self) -> str:
        return self.before + self.answer + self.after


def display_text(fact: Fact) -> str:
    """The fact as a stem or option shows it: dates made absolute when the extractor resolved them."""
    return fact.resolved or fact.text


def _rewrite(
    sentence: str, target: Fact, others: Sequence[Fact]
) -> tuple[str, int, int, list[tuple[int, int, str]]]:
    """The sentence with other facts' relative dates made absolute; the target's new offsets; the edits."""
    shown = display_text(target)
    edits: list[tuple[int, int, str]] = [(target.start, target.end, shown)]
    dates = [f for f in others if f.kind == "date" and f.resolved and f.resolved != f.text]
    if not dates and sentence[target.start : target.end] == shown and target.end <= len(sentence):
        return sentence, target.start, target.end, edits  # nothing to rewrite (most sentences)
    for f in sorted(dates, key=lambda f: (f.start, -f.end)):
        if any(f.start < e and s < f.end for s, e, _ in edits):
            continue  # overlaps the target or an earlier edit
        edits.append((f.start, f.end, f.resolved))
    out, pos, start, end = [], 0, 0, 0
    for s, e, new in sorted(edits):
        out.append(sentence[pos:s])
        here = sum(len(p) for p in out)
        if s == target.start and e == target.end:
            start, end = here, here + len(new)
        out.append(new)
        pos = e
    out.append(sentence[pos:])
    return "".join(out), start, end, sorted(edits)


def absolute_span(sentence: str, start: int, end: int, facts: Sequence[Fact]) -> str:
    """``sentence[start:end]`` with the relative dates of ``facts`` inside it made absolute.

    Text carried into a stem from elsewhere in the sentence ("去年以来" opening a
    segment) must read as the stem itself does ("2023年以来"); without an article
    date the facts are unresolved and the words stay as written.
    """
    out, pos = [], start
    for f in sorted(facts, key=lambda f: (f.start, -f.end)):
        if f.kind != "date" or not f.resolved or f.resolved == f.text:
            continue
        if f.start < pos or f.end > end:
            continue  # outside the span, or overlapping a date already rewritten
        out += [sentence[pos : f.start], f.resolved]
        pos = f.end
    out.append(sentence[pos:end])
    return "".join(out)


def _moved(offset: int, edits: list[tuple[int, int, str]]) -> int:
    """Where an offset of the original sentence lands after the edits."""
    return offset + sum(len(new) - (e - s) for s, e, new in edits if e <= offset)


def _topic(
    text: str,
    clauses: tuple[_Clause, ...],
    segment: int,
    names: Sequence[Fact],
    edits: list[tuple[int, int, str]],
) -> tuple[int, str]:
    """The named subject a segment opens with ("“金平湖广场”项目自…"): its clause index and text.

    A stem cut from later in the segment can lean on it instead of on the
    clauses in between: "“金平湖广场”项目于2021年先行实施区域约（ ）平方米…".
    """
    first = next(
        (
            i
            for i, c in enumerate(clauses)
            if c.segment == segment and not _MARKERS.fullmatch(text[c.start : c.end].strip())
        ),
        None,
    )
    if first is None:
        return -1, ""
    begin = clauses[first].start
    while begin < clauses[first].end and text[begin] in " \t":
        begin += 1
    for f in names:
        if f.kind != "name":
            continue
        start, end = _moved(f.start, edits), _moved(f.end, edits)
        if start == begin and end <= clauses[first].end:
            topic = text[start:end]
            if f.category and text[end:].startswith(f.category):
                topic += f.category  # "“金平湖广场”" + "项目"
            if not _AFTER_TOPIC.match(text[start + len(topic) :]):
                continue  # "当湖街道钱家村搬迁项目…": the name only begins a longer subject
            return first, topic
    return -1, ""


class _Clause(NamedTuple):  # a named tuple: made by the thousand, and cheaper than a dataclass
    start: int
    end: int  # excludes the separator
    segment: int


_RUN = SEGMENT_ENDS + CLAUSE_ENDS + "”’"
_SPECIAL = re.compile(
    "[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + SEGMENT_ENDS + CLAUSE_ENDS) + "]"
)


@functools.lru_cache(maxsize=4096)
def split_clauses(text: str, respect_quotes: bool = True) -> tuple[_Clause, ...]:
    """Clauses split at ，；。 outside quotes and brackets; clauses in one segment share its number.

    Cached: every fact of a sentence asks for the same split, often twice.
    """
    clauses: list[_Clause] = []
    stack: list[str] = []
    start, segment = 0, 0
    # only quotes, brackets and separators matter: jump from one to the next
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < start:
            continue  # inside a run of separators already consumed
        ch = text[i]
        if ch in OPENERS and (respect_quotes or ch == "《"):
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS:
            pass  # a stray closing mark: ignore rather than break the sentence
        elif not stack and (ch in SEGMENT_ENDS or ch in CLAUSE_ENDS):
            j = i
            while j + 1 < len(text) and text[j + 1] in _RUN:
                j += 1
            if i > start:
                clauses.append(_Clause(start, i, segment))
            if ch in SEGMENT_ENDS or j > i and any(c in SEGMENT_ENDS for c in text[i + 1 : j + 1]):
                segment += 1
            start = j + 1
    if start < len(text) and text[start:].strip():
        clauses.append(_Clause(start, len(text), segment))
    return tuple(clauses)


def _length(text: str, clauses: tuple[_Clause, ...], lo: int, hi: int) -> int:
    return clauses[hi].end - clauses[lo].start


def build_context(
    fact: Fact,
    others: Sequence[Fact] = (),
    *,
    core: str = "",
    min_context: int = MIN_CONTEXT,
    max_context: int = MAX_CONTEXT,
    tail: bool = True,
) -> Context | None:
    """The fact in enough of its sentence to stand alone; None when no such stem exists.

    ``others`` are the other facts of the sentence (their relative dates are
    rewritten); ``core`` is what would give the answer away if it appeared
    again (defaults to the fact's display text); ``tail`` allows clauses
    after the fact (a 抢答 prompt reads better when it ends at the fact).
    """
    text, t_start, t_end, edits = _rewrite(
        fact.sentence, fact, [f for f in others if f is not fact]
    )
    core = core or display_text(fact)
    for respect_quotes in (True, False):
        clauses = split_clauses(text, respect_quotes)
        inside = [
            i
            for i, c in enumerate(clauses)
            if c.start <= t_start < c.end or (c.start < t_end <= c.end)
        ]
        if not inside:
            return None
        lo, hi = inside[0], inside[-1]
        if _length(text, clauses, lo, hi) <= max_context * 1.5:
            break
    else:
        return None
    if _length(text, clauses, lo, hi) > max_context * 1.5:
        return None

    def gives_away(i: int) -> bool:
        c = clauses[i]
        return core in text[c.start : c.end]

    def is_marker(i: int) -> bool:
        c = clauses[i]
        return bool(_MARKERS.fullmatch(text[c.start : c.end].strip()))

    segment = clauses[lo].segment
    first_fact_clause = lo
    # segments number the clauses in order: the segment's last clause is the one before the next segment
    last = lo
    while last + 1 < len(clauses) and clauses[last + 1].segment == segment:
        last += 1
    clause_text = text[clauses[hi].start : clauses[hi].end].strip()
    adverbial = (
        _ADVERBIAL_START.match(clause_text)
        or _ADVERBIAL_END.search(clause_text)
        or (fact.kind == "date" and clauses[hi].start + 2 >= t_start)
    )
    if adverbial and hi < last:
        # "在历经591个昼夜的艰苦施工后" says nothing alone: take the segment to its end
        if _length(text, clauses, lo, last) <= max_context and not any(
            gives_away(i) for i in range(hi + 1, last + 1)
        ):
            hi = last
        elif _length(text, clauses, lo, hi) < min_context:
            return None
    # a predicate clause ("于去年先行实施…") takes the subject the segment opens with, if it names one
    prefix = ""
    opening_clause = text[clauses[lo].start : clauses[lo].end].lstrip()
    if _TOPIC_OK.match(opening_clause) and clauses[lo].start < t_start:
        where, topic = _topic(text, clauses, segment, others, edits)
        if 0 <= where < lo and topic and topic not in text[clauses[lo].start : clauses[hi].end]:
            prefix = topic
    # borrow earlier clauses while the stem is too short or starts mid-thought
    while not prefix and lo > 0 and clauses[lo - 1].segment == segment:
        first = text[clauses[lo].start : clauses[lo].end].lstrip()
        needs = _length(text, clauses, lo, hi) < min_context or (
            _DEPENDENT.match(first) and clauses[lo].start < t_start
        )
        if not needs or is_marker(lo - 1) or gives_away(lo - 1):
            break
        if _length(text, clauses, lo - 1, hi) > max_context:
            break
        lo -= 1
    # and later ones while it is still too short
    while tail and hi + 1 < len(clauses) and clauses[hi + 1].segment == segment:
        if _length(text, clauses, lo, hi) >= MIN_BEFORE_TAIL + (
            min_context - MIN_CONTEXT
        ) or gives_away(hi + 1):
            break
        if _length(text, clauses, lo, hi + 1) > max_context:
            break
        hi += 1
    # a borrowed adverbial opening ("在历经591个昼夜的艰苦施工后，…") needs its main clause too
    opening = text[clauses[lo].start : clauses[lo].end].strip()
    own = text[clauses[first_fact_clause].start : clauses[hi].end]
    # the fact's own clause has no verb of its own: a name ("我市首条城市隧道——建国路隧道") or a stub
    verbless = "——" in own or len(own.strip()) < 10
    if (
        lo < first_fact_clause
        and hi < last
        and verbless
        and (_ADVERBIAL_START.match(opening) or _ADVERBIAL_END.search(opening))
    ):
        if _length(text, clauses, lo, last) > max_context or any(
            gives_away(i) for i in range(hi + 1, last + 1)
        ):
            return None
        hi = last
    # a bare segment after a semicolon ("…存款余额3215.6亿元；贷款余额2987.3亿元") shares the
    # subject of the segment before it: take that segment along when the stem is this short
    if (
        not prefix
        and _length(text, clauses, lo, hi) - (t_end - t_start) < MIN_SEGMENT
        and lo > 0
        and clauses[lo - 1].segment == segment - 1
    ):
        first_of_previous = min(i for i, c in enumerate(clauses) if c.segment == segment - 1)
        if _length(text, clauses, first_of_previous, hi) <= max_context and not any(
            gives_away(i) for i in range(first_of_previous, lo)
        ):
            lo = first_of_previous
    start, end = clauses[lo].start, clauses[hi].end
    before, after = text[start:t_start], text[t_end:end]
    if prefix:
        before = prefix + before.lstrip()
    if core in before or core in after:
        return None  # the clause states the answer twice; no fair stem
    if fact.kind == "date" and after.endswith("以来") and "自" in before:
        # "项目自（ ）开工以来" says no more than "项目于（ ）开工", which reads as a whole sentence
        cut = before.rindex("自")
        before, after = before[:cut] + "于" + before[cut + 1 :], after[: -len("以来")]
    before = _MARKERS.sub("", before.lstrip(), count=1) if len(before) > 4 else before.lstrip()
    before = before.lstrip(_TRAILING)
    after = after.rstrip(_TRAILING)
    # spaces next to the blank are PDF noise too ("车位 363个")
    context = Context(
        _tidy(before).rstrip(" \t\u3000"), display_text(fact), _tidy(after).lstrip(" \t\u3000")
    )
    return context if balanced(context.filled) else None


def _tidy(text: str) -> str:
    """Drop spaces that PDF extraction leaves between Chinese and digits ("车位 363个")."""
    return _SPACE_BY_DIGIT.sub("", text)


_MARKS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")


def balanced(text: str) -> bool:
    """Whether quotes and brackets in ``text`` open and close in pairs."""
    stack: list[str] = []
    for ch in _MARKS.findall(text):  # only the marks matter: no Python step per character
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif ch in CLOSERS:
            if not stack or stack.pop() != ch:
                return False
    return not stack
