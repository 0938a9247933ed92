"""What each fact can become: its stem context, options, fill answers and 抢答 wording.

``plan_fact`` looks at one fact with the other facts of its sentence and
returns an ``Askable`` that knows which question types it supports. Facts
that make no fair question (a bare "去年", a number whose stem would state
it twice, a list without enough same-kind distractors) return None.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from factquiz.generate.dates import parse_written_date
from factquiz.generate.distractors import (
    NUMERIC_KINDS,
    Choice,
    Choices,
    StatedValues,
    blank_span,
    date_choices,
    date_fill_answers,
    fact_number,
    fill_answers,
    is_first,
    number_span,
    numeric_choices,
)
from factquiz.generate.names import apposition_name, bare, name_choices, similar
from factquiz.generate.narrowing import narrow
from factquiz.generate.stems import MIN_CONTEXT, Context, build_context, display_text
from factquiz.model import Fact

VALUE_KINDS = (*NUMERIC_KINDS, "date")


class Askable:
    """A fact and everything needed to ask about it in each question type.

    Options, fill answers and the 抢答 wording are worked out only when the
    planner asks for a type that needs them (most facts become one type).
    """

    def __init__(
        self,
        fact: Fact,
        form: str,  # cloze | apposition | person | list
        context: Context | None = None,  # the clause around the fact
        *,
        choices: Callable[[], Choices | None] | Choices | None = None,  # single choice and judge
        fill: Callable[[], tuple[Context | None, tuple[str, ...]]]
        | None = None,  # blank context, accepted answers
        ask: Callable[[], Context | None]
        | None = None,  # 抢答 prompt: the question word in place of the answer
        answers: tuple[str, ...] = (),  # accepted fill answers of named things
        extra: dict[str, object] | None = None,  # label, name, org, post, items…
        blanks: tuple[tuple[str, ...], ...] = (),  # a fill of several blanks: answers in stem order
    ):
        self.fact = fact
        self.form = form
        self.context = context
        self._choices = choices
        self._fill = fill
        self._ask = ask
        self._answers = answers
        self.extra = extra or {}
        self._blanks = blanks

    @functools.cached_property
    def choices(self) -> Choices | None:
        return self._choices() if callable(self._choices) else self._choices

    @functools.cached_property
    def _fill_parts(self) -> tuple[Context | None, tuple[str, ...]]:
        return self._fill() if self._fill is not None else (None, self._answers)

    @property
    def fill(self) -> Context | None:
        return self._fill_parts[0]

    @property
    def answers(self) -> tuple[str, ...]:
        return self._fill_parts[1]

    @property
    def merged(self) -> bool:
        """Whether this is one fill of several facts (known without working out the fill)."""
        return len(self._blanks) > 1

    @property
    def blank_answers(self) -> tuple[tuple[str, ...], ...]:
        """Accepted answers of each fill blank, in stem order (one blank unless merged)."""
        return self._blanks or (self.answers,)

    @functools.cached_property
    def ask(self) -> Context | None:
        return self._ask() if self._ask is not None else None

    @property
    def answer(self) -> str:
        if self.form == "list":
            return "、".join(self.extra.get("items", self.fact.items))  # type: ignore[arg-type]
        if self.form in ("apposition", "person"):
            return str(self.extra.get("name", ""))
        return self.context.answer if self.context else display_text(self.fact)

    @property
    def filled(self) -> str:
        """The statement with the right answer in place (for explanations)."""
        if self.form == "apposition":
            return f"{self.extra['label']}是{self.extra['name']}"
        if self.form == "person":
            return f"{self.extra['org']}{self.extra['post']}是{self.extra['name']}"
        return self.context.filled if self.context else self.fact.sentence

    def candidate_types(self) -> list[str]:
        """Types this kind of fact can take, in the order the planner prefers them (not yet checked)."""
        if self._blanks:
            return ["fill"]  # several facts of one clause blanked together
        return ["multiple"] if self.form == "list" else ["single", "judge", "fill", "short"]

    def supports(self, qtype: str) -> bool:
        """Whether this fact makes a fair question of ``qtype`` (works out what that needs)."""
        if qtype == "multiple" or self.form == "list":
            return qtype == "multiple" and self.form == "list" and self.choices is not None
        if qtype == "single":
            return self.choices is not None and bool(self.choices.positions())
        if qtype == "judge":
            return self.choices is not None and bool(self.choices.below or self.choices.above)
        if qtype == "fill":
            return bool(self.answers) and (self.fill is not None or self.form != "cloze")
        if qtype == "short":
            return self.ask is not None or self.form in ("apposition", "person")
        return False

    def types(self) -> list[str]:
        """Question types this fact supports, in the order the planner prefers them."""
        return [t for t in self.candidate_types() if self.supports(t)]


def fact_key(fact: Fact) -> tuple[object, ...] | None:
    """Facts that would make the same question: one value stated twice ("80余天" in two sentences).

    None for kinds whose key needs the planned question (names, people, lists).
    """
    if fact.kind == "date":
        return ("date", display_text(fact))  # "2021年10月" and "2021年10月初" are different facts
    if fact.kind in VALUE_KINDS:
        return (fact.kind, fact.text)
    return None


def dedupe_key(askable: Askable) -> tuple[object, ...]:
    f = askable.fact
    if askable.form == "list":
        return ("list", tuple(sorted(f.items)))  # all items, also when some are shown in the stem
    if askable.form in ("apposition", "person"):
        return (askable.form, askable.extra.get("name"), askable.extra.get("label", ""))
    return fact_key(f) or (f.kind, f.text)


def plan_fact(
    fact: Fact,
    siblings: Sequence[Fact],
    names: Sequence[tuple[str, str]],
    reference: str = "",
    avoid: tuple[str, ...] = (),
    shown: tuple[str, ...] = (),
    stated: StatedValues | None = None,
    stems: StemMemo | None = None,
) -> Askable | None:
    """How ``fact`` can be asked; None when it makes no fair question.

    ``stated``: the article's numeric values by kind (``stated_values``), none of them a distractor.

    ``avoid``: answers of other questions the stem must not show (None when it cannot do without them).
    ``shown``: items of a list that other stems show (they move out of its answer into its stem).
    ``stems``: un-narrowed stem contexts kept across plans of the same facts (``StemMemo``).
    """
    if fact.kind in VALUE_KINDS:
        return _plan_value(fact, siblings, reference, avoid, stated, stems)
    if avoid or shown:
        # a name question's stem is its label; only list stems can be narrowed
        if fact.kind != "enumeration":
            return None
        return _plan_list(fact, siblings, names, avoid, shown, stems)
    if fact.kind == "apposition":
        return _plan_apposition(fact, names)
    if fact.kind == "person":
        return _plan_person(fact)
    if fact.kind == "enumeration":
        return _plan_list(fact, siblings, names, stems=stems)
    return None


class StemMemo:
    """Stem contexts already built for one article's facts.

    Resolving giveaways plans a fact again with more values to avoid; the
    stem it narrows is the same each time, so it is built once. Keyed by the
    fact's identity: one memo serves one ``Planner.plan`` call, where each
    fact has one list of siblings and stays alive.
    """

    def __init__(self) -> None:
        self._built: dict[tuple[int, str, int, bool], tuple[Fact, Context | None]] = {}

    def context(
        self, fact: Fact, siblings: Sequence[Fact], core: str, min_context: int, tail: bool
    ) -> Context | None:
        key = (id(fact), core, min_context, tail)
        found = self._built.get(key)
        if found is None or found[0] is not fact:
            found = (
                fact,
                build_context(fact, siblings, core=core, min_context=min_context, tail=tail),
            )
            self._built[key] = found
        return found[1]


def _context(
    stems: StemMemo | None,
    fact: Fact,
    siblings: Sequence[Fact],
    core: str,
    min_context: int = MIN_CONTEXT,
    tail: bool = True,
) -> Context | None:
    if stems is None:
        return build_context(fact, siblings, core=core, min_context=min_context, tail=tail)
    return stems.context(fact, siblings, core, min_context, tail)


def _narrowed(context: Context | None, avoid: tuple[str, ...]) -> Context | None:
    return narrow(context, avoid) if context is not None and avoid else context


def _plan_value(
    fact: Fact,
    siblings: Sequence[Fact],
    reference: str,
    avoid: tuple[str, ...] = (),
    stated: StatedValues | None = None,
    stems: StemMemo | None = None,
) -> Askable | None:
    if not re.search(r"\d|[一二两三四五六七八九十百千首]", fact.text):
        return None  # "去年", "今年" alone: context for other facts, not a fact the article states
    if fact.kind == "date":
        return _plan_date(fact, siblings, reference, avoid, stems)
    if fact_number(fact) is None and not is_first(fact):
        return None
    if _one_of_ranks(fact, siblings):
        return None
    context = _narrowed(_context(stems, fact, siblings, fact.text), avoid)
    if context is None:
        return None
    return Askable(
        fact,
        "cloze",
        context,
        choices=lambda: numeric_choices(fact, siblings, stated),
        fill=lambda: _fill(fact, context),
        ask=lambda: _ask(fact, context),
    )


def _one_of_ranks(fact: Fact, siblings: Sequence[Fact]) -> bool:
    """ "一等奖12项、二等奖27项、三等奖41项": ranks followed by their counts name the categories
    counted; asking which rank comes third has no fair distractors (the others are stated) and
    says nothing. "城东街道代表队…获得一等奖" is a fact about a team and stays askable."""
    if fact.kind != "ordinal" or fact.max_value is None:
        return False
    counted = any(o.kind == "quantity" and o.start == fact.end for o in siblings)
    return counted or bool(
        re.match(r"\d|[一二两三四五六七八九十百千]", fact.sentence[fact.end : fact.end + 1])
    )


def stated_date(fact: Fact) -> str:
    """The part of a date the article states in digits: "9月22日" of "去年9月22日" (resolved "2021年9月22日").

    A question asks only that part and shows the resolved year in the stem
    ("于2021年（ ）正式运营"), so the answer is what the source sentence says.
    """
    shown = display_text(fact)
    if not fact.resolved or fact.resolved == fact.text:
        return shown
    n = 0
    while n < min(len(shown), len(fact.text)) and shown[-1 - n] == fact.text[-1 - n]:
        n += 1
    common = shown[len(shown) - n :]
    m = re.search(r"\d", common)
    return common[m.start() :] if m else ""


def _plan_date(
    fact: Fact,
    siblings: Sequence[Fact],
    reference: str,
    avoid: tuple[str, ...] = (),
    stems: StemMemo | None = None,
) -> Askable | None:
    shown = display_text(fact)
    written = parse_written_date(shown)
    stated = stated_date(fact)
    if written is None or not stated or parse_written_date(stated) is None:
        return None
    contexts = []
    for tail in (True, False):
        context = _context(stems, fact, siblings, shown, tail=tail)
        if context is not None and stated != shown:
            context = Context(
                context.before + shown[: len(shown) - len(stated)], stated, context.after
            )
        contexts.append(_narrowed(context, avoid))
    context, ask_context = contexts
    if context is None:
        return None
    year = written.year if stated != shown else None
    return Askable(
        fact,
        "cloze",
        context,
        choices=lambda: date_choices(stated, siblings, reference, year),
        fill=lambda: _fill(fact, context),
        ask=lambda: _ask(fact, ask_context or context),
    )


def _fill(fact: Fact, context: Context) -> tuple[Context | None, tuple[str, ...]]:
    """Split the context around the fill blank: the unit and a leading qualifier stay in the stem."""
    if fact.kind == "date":
        written = parse_written_date(context.answer)
        if written and written.year and not written.month:
            # "（ ）年是中国共产党成立100周年": blank the digits, keep 年
            y = str(written.year)
            i = context.answer.index(y)
            return Context(
                context.before + context.answer[:i], y, context.answer[i + len(y) :] + context.after
            ), (y,)
        return Context(context.before, context.answer, context.after), date_fill_answers(
            context.answer
        )
    if is_first(fact):
        return None, ()
    span = blank_span(fact)
    answers = fill_answers(fact)
    if span is None or not answers:
        return None, ()
    text = fact.text
    return Context(
        context.before + text[: span[0]], text[span[0] : span[1]], text[span[1] :] + context.after
    ), answers


def _ask(fact: Fact, context: Context) -> Context | None:
    """The 抢答 prompt: "涉及农户多少户", "于哪一天", "第几期"."""
    if fact.kind == "date":
        written = parse_written_date(context.answer)
        if written is None:
            return None
        word = (
            "哪一天"
            if written.day
            else "哪一年"
            if not written.month
            else "何时"
            if written.year
            else "哪个月"
        )
        return replace(context, answer=word)
    if fact.kind == "ordinal":
        if is_first(fact):
            word = "第几" + fact.text[fact.text.index("首") + 1 :]
            return replace(context, answer=context.answer.replace(fact.text, word))
        span = number_span(fact)
        if span is None:
            return None
        return replace(context, answer=fact.text[: span[0]] + "几" + fact.text[span[1] :])
    # the whole span gives way to the question word, qualifiers included: "接待游客近2万人次" → "接待游客多少人次"
    parsed = fact_number(fact)
    scale = parsed[1].multiplier if parsed else ""  # type: ignore[attr-defined]
    if fact.unit in ("%", "％"):
        word = "百分之多少"
    elif scale and parsed and parsed[0] / parsed[1].scale < 10000:  # type: ignore[attr-defined]
        word = "多少" + scale + fact.unit  # "0.3万人" is asked as 多少万人
    else:
        word = "多少" + fact.unit
    # a spoken question ends with what it asks: "共设置互通立交多少座？", not "…多少座、上下匝道12对？"
    after = re.split(r"[、，,；;]", context.after, maxsplit=1)[0]
    return replace(context, answer=word, after=after)


def _plan_apposition(fact: Fact, names: Sequence[tuple[str, str]]) -> Askable | None:
    label, name = fact.label, apposition_name(fact)
    if not label or not name or len(label) < 4:
        return None
    choices = name_choices(name, fact.category, names, avoid=fact.sentence.replace(fact.text, ""))
    extra: dict[str, object] = {"label": label, "name": name}
    answers = tuple(dict.fromkeys((name, bare(name))))
    return Askable(fact, "apposition", choices=choices, answers=answers, extra=extra)


_HEADS = "书记|董事长|总经理|经理|主任|局长|处长|科长|部长|主席|院长|校长|所长|站长|镇长|县长|市长|区长|乡长|会长|秘书长|队长|组长|总工程师|总监|行长|馆长|社长|总编辑"
# a post one person holds at a time: "who is the 总经理" has one answer, "who is a 委员" has many
_UNIQUE_POST = re.compile(rf"(?<!副)({_HEADS})$")


def _plan_person(fact: Fact) -> Askable | None:
    """ "市城投集团党委副书记、副董事长、总经理吴骏跃": ask who holds the posts, or which posts they hold."""
    name = str(getattr(fact, "subject", "") or "")
    post = fact.category
    text = fact.text
    if not name:
        # the name follows the posts: take what is left after the last post word
        m = re.search(rf"({_HEADS}|委员)([\u4e00-\u9fff]{{2,3}})$", text)
        if not m:
            return None
        name = m.group(2)
    if not text.endswith(name):
        return None
    title = text[: -len(name)]
    org = title[: title.rindex(post)] if post and post in title else ""
    if not post:
        post = title[len(org) :]
    if not org or not post or len(org) < 2 or post not in title:
        return None
    parts = [p for p in re.split(r"[、，,]", post) if p]
    if not any(_UNIQUE_POST.search(p) for p in parts):
        return None  # 委员, 代表, 成员: many people hold it, so "who is …" has no single answer
    extra: dict[str, object] = {"name": name, "org": org, "post": post, "label": title}
    return Askable(fact, "person", choices=lambda: post_choices(post), answers=(name,), extra=extra)


def _toggle_deputy(post: str) -> str:
    """副董事长 ↔ 董事长, 党委副书记 ↔ 党委书记, 居委会主任 → 居委会副主任, 总经理 → 副总经理."""
    if "副" in post:
        return post.replace("副", "", 1)
    m = re.search(rf"({_HEADS})$", post)
    cut = m.start() if m else 0
    return post[:cut] + "副" + post[cut:]


def post_choices(post: str) -> Choices | None:
    """Wrong post lists for "吴骏跃担任的职务是（ ）": each has at least one post changed (正 ↔ 副),
    so none is partly right in a way a quizmaster would have to argue about."""
    parts = [p for p in re.split(r"[、，,]", post) if p]
    if not parts or len(parts) > 4:
        return None
    wrong: list[Choice] = []
    n = len(parts)
    # flip one post, then two, … — in a fixed order so the bank is reproducible
    masks = sorted(range(1, 2**n), key=lambda m: (bin(m).count("1"), m))
    for mask in masks:
        changed = [_toggle_deputy(p) if mask >> i & 1 else p for i, p in enumerate(parts)]
        text = "、".join(changed)
        if text != post and all(c.text != text for c in wrong):
            wrong.append(Choice(text, (), len(wrong)))
    if len(wrong) < 3:
        return None
    return Choices(Choice("、".join(parts)), tuple(wrong), (), ordered=False)


def _plan_list(
    fact: Fact,
    siblings: Sequence[Fact],
    names: Sequence[tuple[str, str]],
    avoid: tuple[str, ...] = (),
    shown: tuple[str, ...] = (),
    stems: StemMemo | None = None,
) -> Askable | None:
    """A list ("百花艺术幼儿园、红庙头幼儿园") as a multiple choice: its items plus names of the same kind.

    ``shown``: items another stem shows. When they lead the list they stay in this stem and the
    rest are asked ("依托“匠人学堂”（ ）等平台"), so the other stem gives nothing away.
    """
    items = [i for i in fact.items if i]
    lead = 0
    while lead < len(items) and items[lead] in shown:
        lead += 1
    if any(i in shown for i in items[lead:]):
        return None  # a shown item inside the list: the stem cannot keep it and blank the rest
    kept_text = ""
    if lead:
        cut = fact.text.find(items[lead - 1])
        if cut < 0:
            return None
        kept_text = fact.text[: cut + len(items[lead - 1])]
        items = items[lead:]
    if not 2 <= len(items) <= 4:
        return None
    # the list itself becomes the blank, so the stem needs its context without it
    context = _context(stems, fact, siblings, items[0], min_context=MIN_CONTEXT + len(fact.text))
    context = _narrowed(context, avoid)
    if context is None:
        return None
    if kept_text:
        context = Context(context.before + kept_text, context.answer, context.after)
    wrong_needed = 2 if len(items) in (2, 4) else 1
    pool = [(n, c) for n, c in names if n not in fact.items and bare(n) not in fact.sentence]
    picked = [
        c.text for c in (name_choices(items[0], fact.category, pool, need=0) or _NO_CHOICES).below
    ]
    picked = [n for n in picked if not any(similar(n, i, fact.category) for i in items)]
    if len(picked) < wrong_needed and len(items) >= 3 and all(i.startswith("“") for i in items):
        # a list of quoted names (platforms, campaigns) rarely has same-kind names elsewhere; other
        # quoted names of the article serve, unless they end like an item (讲堂 beside 学堂)
        for name, category in pool:
            if not name.startswith("“") or name in picked or len(bare(name)) > 6:
                continue
            if category == fact.category or any(ch in category for ch in _LEARNING):
                continue  # a “云党课” may pass for a learning platform: only clearly other kinds of thing
            if any(similar(name, i) or bare(name)[-1] == bare(i)[-1] for i in items):
                continue
            picked.append(name)
    if len(picked) < wrong_needed:
        return None
    wrong = tuple(Choice(n, (), k) for k, n in enumerate(picked))
    return Askable(
        fact,
        "list",
        context,
        choices=Choices(Choice(items[0]), wrong, (), ordered=False),
        extra={"items": tuple(items), "shown": shown},
    )


_NO_CHOICES = Choices(Choice(""), ())
_LEARNING = "学课讲堂教"  # kinds of thing close to platforms, courses and classes


def with_stems(askable: Askable, change: Callable[[Context], Context]) -> Askable:
    """The same question with ``change`` applied to every stem of it: the cloze, the fill and
    the 抢答 prompt (each worked out only when asked for, as in the original)."""

    def apply(context: Context | None) -> Context | None:
        return change(context) if context is not None else None

    def fill() -> tuple[Context | None, tuple[str, ...]]:
        context, answers = askable._fill_parts
        return apply(context), answers

    return Askable(
        askable.fact,
        askable.form,
        apply(askable.context),
        choices=askable._choices,
        fill=fill,
        ask=lambda: apply(askable.ask),
        answers=askable._answers,
        extra=askable.extra,
        blanks=askable._blanks,
    )


def _lead_length(before: str) -> int:
    """How much of ``before`` is its opening time phrase ("2021年，" of "2021年，新选拔…")."""
    from factquiz.generate.gate import strip_lead

    head = strip_lead(before)
    return len(before) - len(head) if head and before.endswith(head) else 0


def with_prefix(askable: Askable, prefix: str, after_time: bool = False) -> Askable:
    """The same question with ``prefix`` (a carried time or subject) before every stem of it;
    with ``after_time`` it goes after the stem's opening time phrase ("2021年，城投集团新选拔…")."""

    def front(context: Context) -> Context:
        before = context.before
        cut = _lead_length(before) if after_time else 0
        return replace(context, before=before[:cut] + prefix + before[cut:])

    return with_stems(askable, front)


def with_replaced(askable: Askable, old: str, new: str) -> Askable:
    """The same question with the first ``old`` before its blank read as ``new`` in every stem
    ("该工程" → "城南快速路二期工程")."""

    def swap(context: Context) -> Context:
        if old not in context.before:
            return context
        return replace(context, before=context.before.replace(old, new, 1))

    return with_stems(askable, swap)


def with_lead(askable: Askable, lead: str) -> Askable:
    """The same question with its opening time phrase replaced by ``lead`` (unchanged when the
    stem does not open with one)."""

    def swap(context: Context) -> Context:
        cut = _lead_length(context.before)
        if not cut:
            return context
        return replace(context, before=lead + context.before[cut:])

    return with_stems(askable, swap)


def with_extra(askable: Askable, **extra: object) -> Askable:
    """The same question with some of its ``extra`` (label, org, post…) changed."""
    return Askable(
        askable.fact,
        askable.form,
        askable.context,
        choices=askable._choices,
        fill=askable._fill,
        ask=askable._ask,
        answers=askable._answers,
        extra={**askable.extra, **extra},
        blanks=askable._blanks,
    )
