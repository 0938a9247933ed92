"""Questions of one bank must not give each other away.

On a printed paper every stem is read together: a stem that shows
"我市首条城市隧道——建国路隧道" gives away the fill question "我市首条城市隧道是（ ）",
and a fill stem showing "涉及农户136户" settles the judge "涉及农户316户". A
sentence with several facts is the usual cause, since each fact's stem
borrows the clauses around it.

``resolve_giveaways`` looks for every answer in every other question's
visible text, then, in this order: narrows the revealing stem (drops the
apposition's name, a tail clause, a middle clause, another item of a 、 list,
or the value at the end of the subject clause, "全年完成一般公共预算收入118.2亿元，
同比增长（ ）" → "全年一般公共预算收入同比增长（ ）"); when no narrower stem stands
alone, drops the question in the most conflicts (the weaker kind first) and
tries the narrowing again.

Short answers ("9个", "2021年") recur by chance, so they count as given away
only together with the words beside them ("成立了9个", "9个党支部").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence

from factquiz.generate.askable import Askable
from factquiz.generate.build import BLANK
from factquiz.generate.distractors import blank_span, date_fill_answers, fill_answers, is_first
from factquiz.generate.names import bare
from factquiz.generate.narrowing import shown_at
from factquiz.generate.split import split_wide
from factquiz.generate.stems import Context

_PUNCT = re.compile(r"[\s“”‘’\"'《》「」『』【】、，,。；;：:？?！!（）()—…·]")
_YEAR = re.compile(r"\d{4}年?")


@functools.lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Text as a reader compares it: full width folded, no spaces, quotes or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def _raw_cores(askable: Askable) -> tuple[str, ...]:
    """The answer as the article writes it (what a narrowed stem must not show)."""
    if askable.form == "list":
        items = askable.extra.get("items", askable.fact.items)
        return tuple(i for i in items if len(bare(i)) >= 2)  # type: ignore[union-attr]
    if askable.form in ("apposition", "person"):
        name = str(askable.extra.get("name", ""))
        return (name,) if len(bare(name)) >= 2 else ()
    return (askable.context.answer,) if askable.context else ()


def answer_keys(askable: Askable) -> tuple[str, ...]:
    """Normalised texts that give ``askable`` away when another question shows one."""
    if askable.form != "cloze":
        return tuple(normalise(c) for c in _raw_cores(askable) if normalise(c))
    context = askable.context
    if context is None:
        return ()
    core = normalise(context.answer)
    if not core:
        return ()
    if len(core) >= 4 and not _YEAR.fullmatch(core):
        return (core,)
    before, after = normalise(context.before)[-2:], normalise(context.after)[:2]
    if is_first(askable.fact) and after:
        return (core + after,)  # "首条城市": "我市首条" begins many stems about other firsts
    return tuple(k for k in (before + core, core + after) if len(k) > len(core))


def surface(askable: Askable) -> str:
    """What a reader sees of the question besides its own answer, normalised."""
    if askable.merged and askable.fill is not None:
        return normalise(askable.fill.before) + "|" + normalise(askable.fill.after)
    if askable.form == "apposition":
        return normalise(str(askable.extra.get("label", "")))
    if askable.form == "person":
        return normalise(askable.fact.text)
    context = askable.context
    if context is None:
        return ""
    return normalise(context.before) + "|" + normalise(context.after)


def shows(text: str, key: str) -> bool:
    return shown_at(text, key) >= 0


def find_conflicts(
    keys: Sequence[tuple[str, ...]], surfaces: Sequence[str], alive: Sequence[bool]
) -> dict[int, set[int]]:
    """For each question, the other questions whose answer its visible text shows.

    All surfaces are searched as one string, so each key costs one scan.
    """
    starts, parts, pos = [], [], 0
    for s in surfaces:
        starts.append(pos)
        parts.append(s)
        pos += len(s) + 1
    joined = "\x00".join(parts)
    out: dict[int, set[int]] = {}
    for i, own in enumerate(keys):
        if not alive[i]:
            continue
        for key in own:
            at = shown_at(joined, key)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                if j != i and alive[j] and "\x00" not in joined[at : at + len(key)]:
                    out.setdefault(j, set()).add(i)
                at = shown_at(joined, key, at + 1)
    return out


# --- several facts of one clause as one fill question -------------------------------

MAX_BLANKS = 4
MAX_SHOWN = 3  # blanks left in one fill after splitting (split.py)
MAX_MERGED = 90  # characters of stem around the blanks
MAX_COMPARED = 2  # blanks of a fill that blanks both ends of a stated change
# the stem's opening clause when it is only a time ("2023年", "截至2024年底", "9月22日下午"):
# it anchors everything else the stem asks, so a merged fill never blanks it
_OPENING_TIME = re.compile(
    r"^(?:截至|截止|到|自|在|于|从)?[\d\s年月日时分点号上中下午早晚凌晨底末初旬季度前后今去明以来期间"
    r"第一二三四五六七八九十〇零两]{1,16}(?=[，,：:]|$)"
    r"|^(?:截至|截止|到|自|于|在)?(?:\d{4}|[二〇一三四五六七八九零]{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"(?:上午|下午|晚上|凌晨|中午|底|末|初|以来)?"
)


_BARE_YEAR = re.compile(
    r"^(?:\d{4}|[二〇一三四五六七八九零]{4}|[\d一二三四五六七八九十]{1,2})年(?![\d一二三四五六七八九十]{1,2}月)"
)


def _opening_end(context: Context) -> int:
    """Where the stem's opening time phrase ends (0 if it opens with something else)."""
    opening = _OPENING_TIME.match(context.before + context.answer + context.after)
    return opening.end() if opening else 0


def _is_anchor(askable: Askable) -> bool:
    """Whether the question blanks its own stem's opening time phrase ("（ ）年来，…")."""
    context = askable.context
    return (
        askable.form == "cloze"
        and context is not None
        and len(context.before) < _opening_end(context)
    )


_BOTH_ENDS = re.compile(
    r"(?:从|由)[^，,；;。]*?（ ）[^，,；;。]*?"
    r"(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|缩小|回落|升|降)(?:至|到|为)[^，,；;。]*?（ ）"
)


def _blank_piece(askable: Askable) -> tuple[str, int, int, tuple[str, ...]] | None:
    """The text to find in another stem, where its blank goes inside it, and the accepted answers."""
    if askable.form == "apposition":
        name = str(askable.extra.get("name", ""))
        return (name, 0, len(name), askable.answers) if name and askable.answers else None
    context = askable.context
    if askable.form != "cloze" or context is None or askable.merged:
        return None
    core = context.answer
    if askable.fact.kind == "date":
        return core, 0, len(core), date_fill_answers(core)
    if is_first(askable.fact) or core != askable.fact.text:
        return None
    span, answers = blank_span(askable.fact), fill_answers(askable.fact)
    if span is None or not answers:
        return None
    return core, span[0], span[1], answers


def _locate(sides: dict[str, str], core: str, context: Context | None) -> tuple[str, int] | None:
    """Where the absorbed value stands in the target's stem: next to the words it has in its own
    stem first ("暨2021年第八期", not the "2021年" the stem opens with), else its only occurrence."""
    if context is not None:
        for side, text in sides.items():
            for n in (4, 2):
                after, before = context.after[:n], context.before[-n:]
                if after:
                    at = shown_at(text, core + after)
                    if at >= 0:
                        return side, at
                if before:
                    at = shown_at(text, before + core)
                    if at >= 0:
                        return side, at + len(before)
    hits = [(side, shown_at(text, core)) for side, text in sides.items()]
    hits = [(side, at) for side, at in hits if at >= 0]
    return hits[0] if len(hits) == 1 else None


def merge_fill(target: Askable, absorbed: Sequence[Askable]) -> Askable | None:
    """``target``'s fill stem with the answers of ``absorbed`` blanked too; None if one is not in it.

    "在历经（ ）个昼夜的艰苦施工后，我市首条城市隧道——（ ），最终提前（ ）天建成通车" asks
    three facts of one sentence without any of them giving the others away.
    """
    if target.form != "cloze" or not absorbed or len(absorbed) + 1 > MAX_BLANKS:
        return None
    if target.merged or not target.supports("fill"):
        return None
    context = target.fill
    assert context is not None
    sides = {"before": context.before, "after": context.after}
    spots: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {"before": [], "after": []}
    for other in absorbed:
        piece = _blank_piece(other)
        if piece is None:
            return None
        core, start, end, answers = piece
        found = _locate(sides, core, other.context)
        if found is None:
            return None
        side, at = found
        if other.form == "apposition" and side == "before" and not sides[side][:at].strip():
            return None  # "（ ）试运营以来…": a stem opening on a blank has no subject to ask about
        spots[side].append((at + start, at + end, answers))
    for side, found in spots.items():
        found.sort()
        if any(a[1] > b[0] for a, b in zip(found, found[1:], strict=False)):
            return None  # overlapping values
        text = sides[side]
        for start, end, _ in reversed(found):
            text = text[:start] + BLANK + text[end:]
        sides[side] = text
    if len(sides["before"]) + len(sides["after"]) > MAX_MERGED:
        return None
    # a full date ("截至2023年12月31日") is a fact worth its blank; a bare year or span only anchors
    opening = (
        _opening_end(context)
        if _BARE_YEAR.match(context.before + context.answer + context.after)
        else 0
    )
    if len(context.before) < opening or any(start < opening for start, _, _ in spots["before"]):
        return None  # "（ ）年，全县实现地区生产总值（ ）亿元": the blanked anchor leaves no time
    shown = sides["before"] + BLANK + sides["after"]
    if BLANK + BLANK in shown or BLANK + " " + BLANK in shown:
        return None  # "（ ）（ ）下午": two blanks side by side cannot be told apart
    if len(absorbed) + 1 > MAX_COMPARED and _BOTH_ENDS.search(shown):
        # "满意度从（ ）年的（ ）%提升至（ ）%" leaves nothing to answer from: a change with both
        # ends blanked keeps everything else it states
        return None
    blanks = (
        *(a for _, _, a in spots["before"]),
        target.answers,
        *(a for _, _, a in spots["after"]),
    )
    visible = normalise(shown)
    if any(len(normalise(a[0])) >= 2 and shows(visible, normalise(a[0])) for a in blanks if a):
        # "2021年（ ）下午，…暨（ ）第（ ）期": a blank whose answer the stem shows elsewhere
        return None
    merged = Context(sides["before"], context.answer, sides["after"])
    return Askable(
        target.fact,
        "cloze",
        target.context,
        fill=lambda: (merged, target.answers),
        extra=target.extra,
        blanks=blanks,
    )


# --- choosing what to keep -------------------------------------------------------


def _weakness(askable: Askable) -> int:
    """Which question goes first when one must: a stem's opening time, 首条 ordinals (their options are 第二条, 第三条…),
    lists (an item named elsewhere is a hint, not the answer), dates, values, then names."""
    fact = askable.fact
    if askable.merged:
        return 5  # several facts asked at once
    if _is_anchor(askable):
        return (
            2 if fact.kind == "date" else -1
        )  # the time the other stems need; a full date is a fact too
    if is_first(fact):
        return 0
    if askable.form == "list":
        return 1
    if fact.kind == "date":
        return 2
    if askable.form == "cloze":
        return 3
    return 4


def _shows_any(
    text: str, keys: Sequence[tuple[str, ...]], alive: Sequence[bool], skip: set[int]
) -> bool:
    for i, own in enumerate(keys):
        if alive[i] and i not in skip:
            for k in own:
                # `in` first: most keys are nowhere in the text, and it costs no Python call
                if k in text and shows(text, k):
                    return True
    return False


def _split_merged(
    items: list[Askable],
    alive: list[bool],
    absorbed_of: dict[int, list[int]],
    keys: list[tuple[str, ...]],
) -> None:
    """Fills of four blanks cut into two that each stand alone (see split.py), in place; the
    half without the target's blank is asked in place of the value that hosts it."""
    for j, revealed in sorted(absorbed_of.items()):
        if not alive[j] or len(items[j].blank_answers) <= MAX_SHOWN:
            continue
        pieces = [(items[i], _blank_piece(items[i])) for i in revealed]
        halves = split_wide(items[j], [(a, p[3]) for a, p in pieces if p is not None])
        if halves is None:
            continue
        at = {id(items[i].fact): i for i in revealed} | {id(items[j].fact): j}
        places = [at.get(id(h.fact)) for h in halves]
        if None in places or places[0] == places[1]:
            continue
        own = set(revealed) | {j}
        if any(_shows_any(surface(h), keys, alive, own) for h in halves):
            continue
        for h, k in zip(halves, places, strict=True):
            assert k is not None
            items[k], alive[k] = h, True
        for k in own:
            keys[k] = answer_keys(items[k]) if k in places else ()


def resolve_giveaways(
    askables: Sequence[Askable],
    replan: Callable[..., Askable | None],
) -> list[Askable]:
    """The askables, narrowed or thinned so that none shows another's answer.

    ``replan(askable, avoid, shown=())`` plans the same fact again with a stem that must
    not show the texts in ``avoid``, and (for a list) with the items in ``shown`` moved
    from its answer into its stem (None if it cannot).
    """
    items = list(askables)
    original = list(askables)
    alive = [True] * len(items)
    keys = [answer_keys(a) for a in items]
    surfaces = [surface(a) for a in items]
    cores = [_raw_cores(a) for a in items]
    avoided: list[dict[str, None]] = [{} for _ in items]  # grows only, so narrowing cannot cycle
    merged: set[int] = set()
    absorbed_of: dict[int, list[int]] = {}
    trials: dict[tuple[int, int], tuple[Askable, Askable, bool]] = {}

    def can_merge(target: Askable, other: Askable) -> bool:
        """Whether ``target``'s stem can take ``other`` as a blank; asked again each round, so kept
        (the askables are kept in the entry too, so their ids stay theirs)."""
        key = (id(target), id(other))
        if key not in trials:
            trials[key] = (target, other, merge_fill(target, [other]) is not None)
        return trials[key][2]

    for _ in range(4 * len(items) + 4):
        conflicts = find_conflicts(keys, surfaces, alive)
        if not conflicts:
            break
        changed = False
        # a list whose leading items another stem shows keeps them in its own stem and asks the rest
        for i in sorted({i for revealed in conflicts.values() for i in revealed}):
            if items[i].form != "list" or not alive[i]:
                continue
            others = [s for k, s in enumerate(surfaces) if k != i and alive[k]]
            shown = tuple(
                c for c in _raw_cores(original[i]) if any(shows(s, normalise(c)) for s in others)
            )
            new = replan(original[i], (), shown) if shown else None
            if new is not None and not _shows_any(surface(new), keys, alive, {i}):
                items[i], keys[i], surfaces[i], cores[i] = (
                    new,
                    answer_keys(new),
                    surface(new),
                    _raw_cores(new),
                )
                changed = True
        if changed:
            continue
        # the stem showing most answers first: it is the one to narrow, or to merge them into
        for j in sorted(conflicts, key=lambda j: (-len(conflicts[j]), j)):
            if (
                not alive[j]
                or j in merged
                or not conflicts[j] <= {i for i in conflicts[j] if alive[i]}
            ):
                continue
            before = len(avoided[j])
            for i in sorted(conflicts[j]):
                avoided[j].update(dict.fromkeys(cores[i]))
            if len(avoided[j]) == before:
                continue  # tried with these already
            new = replan(original[j], tuple(avoided[j]))
            if new is not None and not _shows_any(surface(new), keys, alive, {j}):
                items[j], keys[j], surfaces[j] = new, answer_keys(new), surface(new)
                changed = True
                continue
            # no narrower stem: ask the values it shows in it, as blanks of one fill question
            revealed = sorted(
                i
                for i in conflicts[j]
                if alive[i]
                and i not in merged
                and _blank_piece(items[i])
                and can_merge(items[j], items[i])  # those it can take, if not all
            )
            new = merge_fill(items[j], [items[i] for i in revealed]) if revealed else None
            if new is None or _shows_any(surface(new), keys, alive, {j, *conflicts[j]}):
                continue
            items[j], surfaces[j] = new, surface(new)
            keys[j] = tuple(k for i in (j, *revealed) for k in keys[i])
            cores[j] = tuple(c for i in (j, *revealed) for c in cores[i])
            for i in revealed:
                alive[i] = False
            merged.add(j)
            absorbed_of[j] = revealed
            changed = True
        if changed:
            continue
        degree = [0] * len(items)
        for j, revealed in conflicts.items():
            degree[j] += len(revealed)
            for i in revealed:
                degree[i] += 1
        # the weakest kind of question in a conflict goes; of those, the one in most conflicts
        worst = max(
            (i for i in range(len(items)) if alive[i] and degree[i]),
            key=lambda i: (-_weakness(items[i]), degree[i], i),
        )
        alive[worst] = False
    _split_merged(items, alive, absorbed_of, keys)
    return [a for a, keep in zip(items, alive, strict=True) if keep]
