"""A fill of four blanks split into two questions that each stand alone.

When several values of one sentence give each other away, they are asked as one fill
question; with four blanks too little of the sentence is left to answer from. Such a stem is
cut at a clause boundary into two fills of at most three blanks each, never inside a 、 list
("（ ）枚金牌、（ ）枚银牌" stays together), never leaving a first half that is only an
adverbial ("经过（ ）轮预赛", "在……举行的第（ ）届“邻里节”上") or ends on a preposition, and
never starting the second half with a word that points back ("并", "其中", "比"). When no cut
gives two halves that stand alone the four-blank fill stays: coverage matters more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factquiz.generate.askable import Askable
from factquiz.generate.build import BLANK
from factquiz.generate.narrowing import _OWN_SUBJECT, MIN_NARROW, _scope, _split_clauses
from factquiz.generate.stems import _ADVERBIAL_END, _DEPENDENT, Context

MAX_SHOWN = 3  # blanks a fill asks at once after splitting
_TRAILING = "，,；;：: "
# a clause that only sets the scene for the next one: "经过（ ）轮预赛", "在……上", "随着……"
_SCENE = re.compile(r"^(经过|经|在|于|随着|通过|为了|自|从|由|截至|截止|当|对于|按照|根据|依托)")
_SCENE_END = re.compile(r"(上|中|下|里|内|以来|之际|期间)$")
# a half ending on a preposition or a verb whose object went: "最终以", "来自", "由"
_DANGLING = re.compile(
    r"(以|经过|来自|由|从|自|在|于|对|向|把|将|被|与|和|及|等|的|为|是|达|达到)$"
)


def _stands_alone_first(text: str, clauses: Sequence[str]) -> bool:
    last = clauses[-1].strip()
    if _ADVERBIAL_END.search(last) or _DANGLING.search(last):
        return False
    # a half made only of scene-setting clauses has no main clause
    return not all(_SCENE.match(c.strip()) or _SCENE_END.search(c.strip()) for c in clauses)


# "女子4×100米接力决赛于……举行": the event the second half's result belongs to
_EVENT = re.compile(r"^([^，,；;（）]{2,20}?)(?:于|在)[^，,；;]*?(?:举行|举办|开幕|开赛|进行)$")


def _stands_alone_second(text: str) -> bool:
    # "参与居民超过（ ）人次" counts the people of something the first half names
    return not (_DEPENDENT.match(text) or _DANGLING.search(text) or _OWN_SUBJECT.match(text))


def _carried(first_clauses: Sequence[str], second: str) -> str:
    """The subject the second half takes from the first: its scope ("全市", "全县") or the event
    it happened at ("女子4×100米接力决赛中，"), when that shows no blank."""
    for clause in first_clauses:
        clause = clause.strip()
        event = _EVENT.match(clause)
        if event and BLANK not in event.group(1):
            return event.group(1) + "中，"
        scope = _scope(clause)
        if scope and BLANK not in scope:
            return "" if second.startswith(scope) else scope
    return ""


def _half(
    text: str, owners: Sequence[tuple[Askable, tuple[str, ...]]], target: Askable
) -> Askable | None:
    """One half as a fill of its own, hosted by the target if its blank is here, else by the
    first named value (a cloze fact) in it."""
    hosts = [k for k, (a, _) in enumerate(owners) if a is target] or [
        k for k, (a, _) in enumerate(owners) if a.form == "cloze" and a.context is not None
    ]
    if not hosts:
        return None
    k = hosts[0]
    host = owners[k][0]
    at = -1
    for _ in range(k + 1):
        at = text.find(BLANK, at + 1)
    before, after = text[:at], text[at + len(BLANK) :]
    answer = host.context.answer if host.context is not None else host.answer
    context = Context(before, answer, after)
    answers = tuple(a for _, a in owners)
    own = owners[k][1]
    return Askable(
        host.fact,
        "cloze",
        context,
        fill=lambda: (context, own),
        extra=host.extra,
        blanks=answers,
    )


def split_wide(
    target: Askable, absorbed: Sequence[tuple[Askable, tuple[str, ...]]]
) -> tuple[Askable, Askable] | None:
    """``target``'s merged fill (with ``absorbed``: each value's askable and accepted answers) as
    two fills of at most three blanks, or None when no cut leaves two halves that stand alone."""
    context = target.fill
    if context is None or len(target.blank_answers) <= MAX_SHOWN:
        return None
    blanks = target.blank_answers
    at_target = context.before.count(BLANK)
    owners: list[tuple[Askable, tuple[str, ...]]] = []
    pool = list(absorbed)
    for k, answers in enumerate(blanks):
        if k == at_target:
            owners.append((target, answers))
            continue
        found = next((n for n, (_, a) in enumerate(pool) if a == answers), None)
        if found is None:
            return None
        owners.append((pool.pop(found)[0], answers))
    shown = context.before + BLANK + context.after
    clauses = _split_clauses(shown)
    best: tuple[int, int] | None = None
    for m in range(1, len(clauses)):
        first = "".join(p + s for p, s in clauses[:m]).rstrip(_TRAILING)
        second = "".join(p + s for p, s in clauses[m:]).lstrip(_TRAILING).rstrip(_TRAILING)
        na, nb = first.count(BLANK), second.count(BLANK)
        if not (1 <= na <= MAX_SHOWN and 1 <= nb <= MAX_SHOWN):
            continue
        if any(
            t.startswith(BLANK) or len(t.replace(BLANK, "")) < MIN_NARROW for t in (first, second)
        ):
            continue
        if not _stands_alone_first(first, [p for p, _ in clauses[:m]]):
            continue
        if not _stands_alone_second(second):
            continue
        score = max(na, nb)
        if best is None or score < best[0]:
            best = (score, m)
    if best is None:
        return None
    m = best[1]
    first = "".join(p + s for p, s in clauses[:m]).rstrip(_TRAILING)
    second = "".join(p + s for p, s in clauses[m:]).lstrip(_TRAILING).rstrip(_TRAILING)
    na = first.count(BLANK)
    second = _carried([p for p, _ in clauses[:m]], second) + second
    a, b = _half(first, owners[:na], target), _half(second, owners[na:], target)
    if a is None or b is None:
        return None
    return a, b
