"""Time and subject a stem needs from outside its own clause.

A statistics bulletin states the time and subject once ("2023年，全县实现地区生产总值
856.3亿元…。其中，第一产业增加值21.4亿元"), and a segment often opens with the
circumstance of what follows ("防御台风“烟花”和“灿都”期间，成立…，转移安置人员270余人").
Cut out alone, "第一产业增加值（ ）" or "转移安置人员（ ）" does not say whose or when.
``scope_prefix`` finds what to carry: the opening circumstance of the fact's own
segment, else the leading time phrase and subject of its sentence or of the
sentence before it in the same section ("2023年，全县第一产业增加值（ ）").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from factquiz.generate.stems import _ADVERBIAL_END, _MARKERS, absolute_span
from factquiz.model import Fact

MAX_STEM = 80  # characters: a carried scope must not make the stem hard to read aloud

_TIME = re.compile(
    r"^(\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|(?:去|今|前|明)年(?:\d{1,2}月)?|全年|上半年|下半年|年末|截至年末)"
)
# a whole place: "全县", "本市"
_WHOLE_PLACE = r"全[县市区镇省乡村]|本[县市区镇]"
# a subject the sentence opens with: a whole place or a named actor followed by its verb
_SUBJECT = re.compile(
    rf"^({_WHOLE_PLACE}|[\u4e00-\u9fff“”]{{2,10}}?"
    r"(?=累计|共有|共|已|先后|现有|拥有|新增|开展|组织|举办|完成|实现|成立|进一步|不断|持续|以|将))"
)
# words a stem's own opening shows it has its time or subject
_HAS_TIME = re.compile(r"\d{4}年|全年|今年|去年|上半年|下半年|年末|期间|以来")
_HAS_SUBJECT = re.compile(
    rf"^({_WHOLE_PLACE}|[\u4e00-\u9fff]{{0,8}}(集团|公司|社区|街道|医院|学校|政府|村|镇|县|市))"
)
_PRONOUN = re.compile(r"^(其|该|此|这|我们|他们)")
# a whole place ("全县") scopes any figure after it; an actor ("社区“四点半课堂”") only a clause
# that has no subject of its own
_PLACE = re.compile(rf"^({_WHOLE_PLACE})$")
# a clause naming what its figure measures has its own subject: "居民满意度从…", "失业率为…"
_OWN_SUBJECT = re.compile(
    r"^[\u4e00-\u9fff“”]{1,12}?(率|度|量|额|值|数|人口|面积|收入|规模|比例|比重|水平|指数|总值|产值)"
    r"(?=从|由|比|较|同比|环比|为|达到|达|是|增长|增加|提升|提高|下降|降低|上升|保持|突破|超过|（|$)"
)


def _opening(sentence: str) -> str:
    text = sentence.strip()
    for _ in range(2):
        text = _MARKERS.sub("", text, count=1).lstrip("，, ")
    return text


@functools.lru_cache(maxsize=4096)  # each sentence is asked for by each of its facts and the next
def sentence_scope(sentence: str) -> tuple[str, str]:
    """(time, subject) a sentence opens with: "2023年", "全县"."""
    text = _opening(sentence)
    time = ""
    m = _TIME.match(text)
    if m:
        # a relative year ("今年城投集团…") may not be the time of the next sentence's figures
        time = m.group(1) if m.group(1)[0].isdigit() else ""
        text = text[m.end() :].lstrip("，, ")
    subject = ""
    m = _SUBJECT.match(text)
    if m and not _PRONOUN.match(m.group(1)) and "“" not in m.group(1)[-1:]:
        subject = m.group(1)
        from factquiz.generate.gate import _PREDICATE

        if _PREDICATE.match(subject):
            subject = ""  # "随着中国台北队名(将…)": an adverbial, not a subject
    return time, subject


def segment_opening(fact: Fact, facts: Sequence[Fact] = ()) -> str:
    """The circumstance the fact's segment opens with ("防御台风“烟花”和“灿都”期间"), or "".

    ``facts``: the facts of the sentence, whose relative dates are made absolute in
    the returned text ("去年以来" → "2023年以来") as they are in the stem it goes before.
    """
    sentence = fact.sentence
    start = max(sentence.rfind(ch, 0, fact.start) for ch in "；;。") + 1
    first = re.split(r"[，,]", sentence[start : fact.start], maxsplit=1)
    if len(first) < 2:
        return ""  # the fact is in the opening clause itself
    clause = _opening(first[0])
    if re.search(r"\d", clause) or not _ADVERBIAL_END.search(clause) or len(clause) > 20:
        return ""
    # _opening only strips from the front: the clause ends where the written one does
    end = start + len(first[0].rstrip())
    return absolute_span(sentence, end - len(clause), end, facts)


def scope_prefix(
    fact: Fact,
    before: str,
    length: int,
    own: tuple[str, str],
    previous: tuple[str, str],
    facts: Sequence[Fact] = (),
) -> tuple[str, ...]:
    """What may go before a stem whose ``before`` lacks its time or subject, best first.

    ``own``/``previous``: (time, subject) of the fact's sentence and of the one before it;
    ``facts``: the facts of the fact's sentence (their relative dates are rewritten).
    """
    head = before.lstrip()
    circumstance = segment_opening(fact, facts)
    # a time the stem already opens with ("2023年以来，街道…") is not said twice
    repeats_time = bool(_TIME.match(circumstance)) and bool(_HAS_TIME.search(head[:12]))
    if (
        circumstance
        and circumstance not in head
        and not repeats_time
        and length + len(circumstance) + 1 <= MAX_STEM
    ):
        return (circumstance + "，",)
    if own[0] or own[1]:
        return ()  # the sentence says its own time and subject; build_context kept what it needs
    time, subject = previous
    if _HAS_TIME.search(head[:12]):
        time = ""
    if _HAS_SUBJECT.match(head) or _PRONOUN.match(head):
        subject = ""
    if subject and not _PLACE.match(subject) and _OWN_SUBJECT.match(head):
        subject = ""
    if time and not subject:
        time = ""  # a year alone before "正风肃纪检查（ ）" says less than it seems to
    prefix = (time + "，" if time else "") + subject
    if not prefix or prefix in head or length + len(prefix) > MAX_STEM:
        return ()
    return (prefix, subject) if time and subject else (prefix,)
