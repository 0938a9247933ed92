"""One best question per fact, a good mix of types, answers spread evenly over A–D.

The planner walks the facts in article order. Each fact gets the question
type the bank is shortest of, among the types the fact supports (so a bank
is roughly 45% single choice, 20% judge, 20% fill, 15% 抢答, plus multiple
choice where the article lists things). A single-choice answer goes to the
letter used least so far, among the positions its distractors allow; a
judge question is true or false, whichever the bank has fewer of. Ties are
broken by a random generator seeded from ``--seed`` and the fact, so the
same article and seed always give the same bank.
"""

from __future__ import annotations

import functools
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from factquiz.extract.sentences import Sentence
from factquiz.generate.actors import (
    ArticleActors,
    ArticleScope,
    antecedent,
    article_scope,
    find_actors,
    home_places,
    recover_subject,
    same_paragraph,
    scoped_stem_prefix,
    with_home_place,
)
from factquiz.generate.askable import (
    Askable,
    StemMemo,
    dedupe_key,
    fact_key,
    plan_fact,
    with_extra,
    with_lead,
    with_prefix,
    with_replaced,
    with_stems,
)
from factquiz.generate.build import BLANK, build_question, fact_digest
from factquiz.generate.distractors import is_first, stated_values
from factquiz.generate.gate import (
    Dropped,
    duplicates,
    fill_in,
    has_subject,
    list_gives_count,
    listed_before,
    review_stem,
    significant_digits,
    strip_lead,
    subject_missing,
    sum_gives_away,
    title_giveaway_blanks,
    title_gives_away,
    vague_subject,
)
from factquiz.generate.giveaway import answer_keys, resolve_giveaways, shows, surface
from factquiz.generate.named import named_questions
from factquiz.generate.names import names_in
from factquiz.generate.scope import scope_prefix, sentence_scope
from factquiz.generate.stems import Context
from factquiz.generate.templates import Templates
from factquiz.model import BANK_TYPES, Fact, Question

TYPE_SHARE = {"single": 0.45, "judge": 0.2, "fill": 0.2, "short": 0.15, "multiple": 0.1}


def _sentence_key(fact: Fact) -> tuple[int, int, str]:
    """The sentence a fact is stated in; facts with the same key are siblings."""
    return (fact.article, fact.sentence_start, fact.sentence)


class Planner:
    """Keeps the counts that balance types, letters and true/false across a whole bank."""

    def __init__(self, templates: Templates, seed: int = 0, types: Sequence[str] | None = None):
        self.templates = templates
        self.seed = seed
        self.types = tuple(t for t in BANK_TYPES if not types or t in types)
        self.type_counts: Counter[str] = Counter()
        self.letter_counts: Counter[int] = Counter()
        self.truth_counts: Counter[bool] = Counter()
        self.ids: set[str] = set()
        planned = [t for t in self.types if t in TYPE_SHARE]
        total = sum(TYPE_SHARE[t] for t in planned) or 1.0
        self.shares = {t: TYPE_SHARE[t] / total for t in planned}
        self.made = 0
        self.dropped: list[Dropped] = []  # candidates the quality gate left out, with why
        self.actors = ArticleActors(())

    def plan(
        self,
        facts: Sequence[Fact],
        reference: str = "",
        sentences: Sequence[Sentence] = (),
        title: str = "",
    ) -> list[Askable]:
        """The askable facts of one article, in order, each value asked once, none giving another away."""
        by_sentence: dict[tuple[int, int, str], list[Fact]] = {}
        for f in facts:
            by_sentence.setdefault(_sentence_key(f), []).append(f)
        names = names_in(facts)
        stated = stated_values(facts)
        out: list[Askable] = []
        seen: set[tuple[object, ...]] = set()
        stems = StemMemo()
        for f in sorted(facts, key=lambda f: (f.article, f.sentence_start, f.start, -f.end)):
            early = fact_key(f)
            if early is not None and early in seen:
                continue  # asked already; skip the work of planning it again
            askable = plan_fact(
                f,
                by_sentence[_sentence_key(f)],
                names,
                reference,
                stated=stated,
                stems=stems,
            )
            if askable is None or not any(t in self.types for t in askable.candidate_types()):
                continue
            key = dedupe_key(askable)
            if key in seen:
                continue
            seen.add(key)
            out.append(askable)

        def replan(
            askable: Askable, avoid: tuple[str, ...], shown: tuple[str, ...] = ()
        ) -> Askable | None:
            f = askable.fact
            siblings = by_sentence[_sentence_key(f)]
            return plan_fact(
                f, siblings, names, reference, avoid=avoid, shown=shown, stated=stated, stems=stems
            )

        # on a printed paper every stem is read: none may show another question's answer
        resolved = resolve_giveaways(out, replan)
        carried = _carry_scope(resolved, by_sentence, sentences)
        text = "\n".join(s.text for s in sentences)
        actors = find_actors(text, facts, sentences)
        opening = " ".join(s.text for s in sentences[:3])
        scope = article_scope(title, opening)
        homes = home_places(title, text, scope)
        place = scope.place
        if actors.main and not _BULLETIN.search(title + opening[:200]):
            # an article about one actor (a company) gives its subject, not the city's "全市"
            actors = ArticleActors(actors.names, actors.main, "")
        if place:
            # the place the title names is an actor of every stem it opens (新华社区, not 新…)
            actors = ArticleActors((place, *actors.names), actors.main, actors.place)
        self.actors = actors
        given = _give_subjects(carried, sentences, actors, title, scope, homes)
        return self._gate(given, actors)

    def _gate(self, askables: list[Askable], actors: ArticleActors) -> list[Askable]:
        """The askables whose stem a quizmaster would use; the others go to ``self.dropped``."""
        kept = []
        for askable in askables:
            reasons = review_askable(askable, actors)
            if reasons:
                self._drop(askable, stem_of(askable), askable.answer, "", reasons)
            else:
                kept.append(askable)
        return kept

    def _drop(
        self, askable: Askable, stem: str, answer: str, qtype: str, reasons: tuple[str, ...]
    ) -> None:
        f = askable.fact
        self.dropped.append(Dropped(f.article, f.sentence, stem, answer, qtype, reasons))

    def questions(
        self,
        facts: Sequence[Fact],
        reference: str = "",
        sentences: Sequence[Sentence] = (),
        title: str = "",
        paper_title: str = "",
    ) -> list[Question]:
        """One question for each askable fact of one article (``sentences``: all of its sentences,
        so a stem can take its time and subject from the sentence before; ``title``: the
        article's headline, ``paper_title``: the bank's title when another is given; an answer
        either shows is left out)."""
        planned = [(a, self._choose_type(a)) for a in self.plan(facts, reference, sentences, title)]
        # letters go first to the single choices with the fewest possible places (首届 can only
        # be A), so the free ones can even out the bank
        positions: dict[int, int] = {}
        singles = [k for k, (a, t) in enumerate(planned) if t == "single"]
        for k in sorted(singles, key=lambda k: len(planned[k][0].choices.positions())):  # type: ignore[union-attr]
            askable = planned[k][0]
            rng = random.Random(f"{self.seed}:{fact_digest(askable.fact)}:letter")
            positions[k] = self._least_used(askable.choices.positions(), self.letter_counts, rng)  # type: ignore[union-attr]
            self.letter_counts[positions[k]] += 1
        built = [
            (a, self._build(a, t, positions.get(k, 0)))
            for k, (a, t) in enumerate(planned)
            if t is not None
        ]
        # the same stem twice (two facts of one sentence worded alike) is asked once
        repeated = duplicates([q for _, q in built])
        made = []
        for k, (askable, question) in enumerate(built):
            reasons = ("duplicate",) if k in repeated else ()
            if question.type == "fill" and len(question.blanks) > 1:
                # a blank the title or common sense gives is written out, the others still asked
                given = set(
                    title_giveaway_blanks(question, title)
                    + title_giveaway_blanks(question, paper_title)
                    + _first_blanks(question)
                )
                if given and len(given) < len(question.blanks):
                    question = fill_in(question, sorted(given))
            if askable.form in ("cloze", "list"):
                reasons += review_stem(question.stem, self.actors.names)
            if question.type == "fill" and _first_blanks(question):
                reasons += ("trivial",)
            if title_gives_away(question, title) or title_gives_away(question, paper_title):
                reasons += ("title-giveaway",)
            if sum_gives_away(question):
                reasons += ("sum-giveaway",)
            if question.type == "fill" and len(question.blanks) >= 4:
                reasons += ("too-many-blanks",)
            if _complements(question, made):
                reasons += ("complement",)
            if reasons:
                self._drop(askable, question.stem, question.answer_text(), question.type, reasons)
            else:
                made.append(question)
        # which event, who held the post, which came first, who goes with what
        named = named_questions(
            sentences, self.seed, self.types, title or paper_title, self.templates
        )
        shown = " ".join(q.stem for q in made)
        for question in named:
            if question.type == "single" and question.correct_options()[0] in shown:
                continue  # another stem names the answer
            if question.type == "match":
                question = _unshown_pairs(question, [q.stem for q in made])
                if question is None:
                    continue
            made.append(self._unique(question))
        return made

    def question(self, askable: Askable) -> Question | None:
        """The question the bank needs most that this fact supports; None if it supports none asked for."""
        qtype = self._choose_type(askable)
        if qtype is None:
            return None
        position = 0
        if qtype == "single":
            assert askable.choices is not None
            rng = random.Random(f"{self.seed}:{fact_digest(askable.fact)}:letter")
            position = self._least_used(askable.choices.positions(), self.letter_counts, rng)
            self.letter_counts[position] += 1
        return self._build(askable, qtype, position)

    def _choose_type(self, askable: Askable) -> str | None:
        qtype = next(
            (t for t in self._ranked_types(askable) if askable.supports(t) and _fair(askable, t)),
            None,
        )
        if qtype is not None:
            self.type_counts[qtype] += 1
            self.made += 1
        return qtype

    def _build(self, askable: Askable, qtype: str, position: int) -> Question:
        rng = random.Random(f"{self.seed}:{fact_digest(askable.fact)}")
        truth = True
        if qtype == "judge":
            truth = self._least_used([True, False], self.truth_counts, rng)
            self.truth_counts[truth] += 1
        question = build_question(
            askable, qtype, self.templates, rng, position=position, truth=truth
        )
        return self._unique(question)

    def _ranked_types(self, askable: Askable) -> list[str]:
        """The fact's types, the one furthest below its share first; the fact's own preference breaks ties."""
        feasible = [t for t in askable.candidate_types() if t in self.types]
        if len(feasible) == 1:
            return feasible
        done = self.made + 1
        counts = self.type_counts
        return sorted(
            feasible, key=lambda t: (counts[t] - self.shares[t] * done, feasible.index(t))
        )

    @staticmethod
    def _least_used(choices: Iterable, counts: Counter, rng: random.Random):  # type: ignore[type-arg]
        choices = list(choices)
        low = min(counts[c] for c in choices)
        return rng.choice([c for c in choices if counts[c] == low])

    def _unique(self, question: Question) -> Question:
        from dataclasses import replace

        qid, n = question.id, 2
        while qid in self.ids:
            qid, n = f"{question.id}-{n}", n + 1
        self.ids.add(qid)
        return replace(question, id=qid) if qid != question.id else question


def _carry_scope(
    askables: list[Askable],
    by_sentence: dict[tuple[int, int, str], list[Fact]],
    sentences: Sequence[Sentence],
) -> list[Askable]:
    """Stems that lack their time or subject take them from their segment or the sentence before;
    a carried phrase that would show another question's answer is left out."""
    index = {s.start: k for k, s in enumerate(sentences)}
    out = list(askables)
    keys = [answer_keys(a) for a in out]
    for k, askable in enumerate(askables):
        context = askable.fill if askable.merged else askable.context
        if askable.form != "cloze" or context is None:
            continue
        f = askable.fact
        own = sentence_scope(f.sentence)
        previous = ("", "")
        at = index.get(f.sentence_start)
        if at:
            prev = sentences[at - 1]
            here = sentences[at]
            # a new paragraph may have a new actor: carry only within the paragraph
            if prev.marker == here.marker and same_paragraph(prev, here):
                previous = sentence_scope(prev.text)
        siblings = by_sentence[_sentence_key(f)]
        for prefix in scope_prefix(f, context.before, len(context.filled), own, previous, siblings):
            candidate = with_prefix(askable, prefix)
            # only the new stem can show something new: look for every answer in it alone
            shown = surface(candidate)
            if not any(
                key in shown and shows(shown, key)
                for i, own_keys in enumerate(keys)
                if i != k
                for key in own_keys
            ):
                out[k] = candidate
                break
    return out


def stem_of(askable: Askable) -> str:
    """The stem as a cloze reads it ("…（ ）…"), for the gate's checks and the report."""
    context = askable.context
    if askable.form in ("apposition", "person") or context is None:
        return askable.filled
    return f"{context.before}{BLANK}{context.after}"


def _fair(askable: Askable, qtype: str) -> bool:
    """A long exact figure (339.58亿元, 15736人) is not something to recall in a blank or aloud;
    it may still be recognised among well-separated options."""
    if qtype in ("fill", "short") and askable.form == "cloze":
        return significant_digits(askable.answer) < 5
    return True


_FIRST_TIMES = "次枪个批条家座所颗种"
_COMPOUND_AFTER = {"集": "团", "个": "人", "名": "单", "届": "时"}


_GENERIC_ORG = re.compile(r"^(?:我校|本校|该校|学校|社区|集团|公司|医院|街道|学院|单位|村|镇)")


def review_askable(askable: Askable, actors: ArticleActors) -> tuple[str, ...]:
    """Why this candidate would not be used unedited (``gate.REASONS`` keys); () when it would."""
    if askable.form == "person" and _GENERIC_ORG.match(str(askable.extra.get("org", ""))):
        return ("no-subject",)  # "学校团委书记是谁": which school?
    if askable.form not in ("cloze", "list"):
        return ()
    f = askable.fact
    stem = stem_of(askable)
    reasons = list(review_stem(stem, actors.names))
    if is_first(f) or (f.kind == "ordinal" and f.value == 1 and f.unit[:1] in _FIRST_TIMES):
        reasons.append("trivial")  # 首次, 第一枪: a rank (第一名) or a term (第一届) is a fact
    if f.kind == "quantity" and list_gives_count(stem, askable.answer, f.value):
        reasons.append("list-giveaway")
    if f.kind == "quantity" and f.text.startswith("一") and (f.value or 0) <= 1:
        reasons.append("trivial")  # 一度, 一举: words, not figures a contestant recalls
    if f.kind == "quantity" and stem.startswith(BLANK) and f.category != "时刻":
        reasons.append("no-subject")  # "（ ）总体实力相当": the count is the subject
    if f.kind == "quantity" and listed_before(stem, f.value):
        reasons.append("list-giveaway")  # "聂海胜、刘伯明、汤洪波（ ）名航天员"
    if f.kind in ("quantity", "percent") and significant_digits(askable.answer) >= 5:
        # 356687万元, 250495人: reviewers on unseen bulletins called every such figure trivia,
        # in a blank or among options alike
        reasons.append("long-exact")
    follower = f.sentence[f.end : f.end + 1]
    if f.unit and _COMPOUND_AFTER.get(f.unit[-1:]) == follower:
        reasons.append("broken-answer")
    return tuple(reasons)


_BULLETIN = re.compile(r"公报|政府工作报告|工作报告|工作总结|统计|年鉴")
# a stem opening with how a figure changed lacks the figure's name, not an actor
_MEASURE_CONTINUES = re.compile(r"(?:比上年|同比|环比|同口径|较上年|增长|下降|增加|减少|占)")


def _give_subjects(
    askables: list[Askable],
    sentences: Sequence[Sentence],
    actors: ArticleActors,
    title: str,
    scope: ArticleScope,
    homes: dict[str, str],
) -> list[Askable]:
    """A stem that opens with its verb ("深入结对村、社区走访群众（ ）") takes the subject of its
    sentence, of the sentence before, or of the article ("城投集团深入结对村…")."""
    index = {s.start: k for k, s in enumerate(sentences)}
    event = title_event(title)
    out = []
    for askable in askables:
        if homes:
            askable = with_stems(askable, functools.partial(_home_context, homes=homes))
        stem = stem_of(askable)
        if askable.form == "cloze" and vague_subject(stem):
            phrase, named = antecedent(
                strip_lead(stem), askable.fact, sentences, index, actors, title
            )
            if phrase and named not in stem:
                askable = with_replaced(askable, phrase, named)
                stem = stem_of(askable)
        measure_missing = _MEASURE_CONTINUES.match(strip_lead(stem))
        if (
            askable.form == "cloze"
            and not stem.startswith(BLANK)
            and not measure_missing
            and subject_missing(stem, actors.names)
        ):
            subject = recover_subject(askable.fact, sentences, index, actors)
            if subject and subject not in stem:
                candidate = with_prefix(askable, subject, after_time=True)
                if has_subject(stem_of(candidate), actors.names):
                    askable = candidate
        if askable.form == "cloze" and scope.place:
            askable = _with_scope(askable, scope)
        if askable.form == "cloze" and event:
            askable = _with_event(askable, event)
        if askable.form == "person":
            askable = _with_named_org(askable, actors.main or scope.place)
        out.append(askable)
    return out


def _home_context(context: Context, homes: dict[str, str]) -> Context:
    """ "我市首条城市隧道" reads "平湖市首条城市隧道" when the article says which city."""
    before, after = (with_home_place(part, homes) for part in (context.before, context.after))
    return replace(context, before=before, after=after)


def _with_named_org(askable: Askable, named: str) -> Askable:
    """ "学校团委书记" in 讲治中学's news is 讲治中学团委书记."""
    org = str(askable.extra.get("org", ""))
    m = _GENERIC_ORG.match(org)
    if not m or not named:
        return askable
    generic = m.group(0)
    school = generic in ("学校", "我校", "本校", "该校")
    if not (named.endswith(generic) or school and named.endswith(("中学", "小学", "大学", "学校"))):
        return askable
    return with_extra(askable, org=named + org[len(generic) :])


_EVENT_WORDS = r"亚运会|全运会|运动会|奥运会|冬奥会|世界杯|亚洲杯|锦标赛|省运会|残运会|苏迪曼杯|汤姆斯杯|职代会|职工代表大会"
_TITLE_EVENT = re.compile(
    rf"((?:第[一二三四五六七八九十]+届|\d{{4}}年?)?[\u4e00-\u9fff]{{0,8}}?(?:{_EVENT_WORDS}))"
)
_ANY_EVENT = re.compile(_EVENT_WORDS + r"|本届|上届|这届")


def title_event(title: str) -> str:
    """The games or meeting the article reports ("(杭州亚运会)中国代表团201金…" → 杭州亚运会)."""
    m = _TITLE_EVENT.search(re.sub(r"[\s()（）]", " ", title or ""))
    return m.group(1).strip() if m else ""


def _with_event(askable: Askable, event: str) -> Askable:
    """ "中国台北代表团获得（ ）金牌" in a report of the 杭州亚运会 says which games."""
    stem = stem_of(askable)
    if stem.startswith(BLANK) or _ANY_EVENT.search(stem) or event in stem:
        return askable
    if re.search(r"(?:19|20)\d{2}年", stem):
        return askable  # a dated stem may be about another year's event
    return with_prefix(askable, f"{event}上，", after_time=True)


def _with_scope(askable: Askable, scope: ArticleScope) -> Askable:
    """A bulletin's figure names the place and year it is of ("2019年，长顺县第三产业增加值…")."""
    stem = stem_of(askable)
    if stem.startswith(BLANK) or askable.context is None:
        return askable
    before = askable.context.before
    head = strip_lead(before)
    lead = before[: len(before) - len(head)] if head and before.endswith(head) else ""
    if lead.rstrip("，, ") in ("全年", "今年"):
        # "全年" is the year the prefix names
        askable, stem, lead = with_lead(askable, ""), stem[len(lead) :], ""
    old, new = scoped_stem_prefix(head or before, scope, stem)
    if not new:
        return askable
    end = lead.rstrip("，, ")
    if end in ("年末", "年底") and new.startswith(f"{scope.year}年，"):
        # "年末" + "2019年，长顺县" reads "2019年末，长顺县…"
        askable, lead = with_lead(askable, ""), ""
        new = f"{scope.year}{end}，{new[len(scope.year) + 2 :]}"
    if old:
        return with_replaced(askable, old, new)
    return with_prefix(askable, new, after_time=bool(lead))


def _first_blanks(question: Question) -> list[int]:
    """ "打响了…第（ ）枪" → 一: blanks after 第 whose answer is one need no knowledge."""
    parts = question.stem.split(BLANK)
    return [
        k
        for k, b in enumerate(question.blanks)
        if k + 1 < len(parts)
        and parts[k].endswith("第")
        and b.canonical in ("一", "1", "首")
        and parts[k + 1][:1] in _FIRST_TIMES
    ]


def _unshown_pairs(question: Question, stems: Sequence[str]) -> Question | None:
    """A matching question without the pairs another stem states ("朱德、彭德怀任正、副总指挥"
    beside 朱德—八路军总指挥); None when fewer than three are left."""
    from dataclasses import replace

    def stated(name: str, post: str) -> bool:
        tail = post[-3:]
        return any(name in stem and tail in stem for stem in stems)

    pairs = tuple((a, b) for a, b in question.pairs if not stated(a, b))
    if len(pairs) < 3:
        return None
    if pairs == question.pairs:
        return question
    explanation = "；".join(f"{a}任{b}" for a, b in pairs) + "。"
    return replace(question, pairs=pairs, explanation=explanation)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)[%％]")


def _complements(question: Question, made: Sequence[Question]) -> bool:
    """Two shares of one whole (男性53%, 女性47%; 90% by the state, 10% by residents): the second
    answers itself from the first."""
    own = _PERCENT.findall(question.answer_text() + "".join(question.correct_options()))
    if not own:
        return False
    value = float(own[0])
    for other in made:
        if other.source != question.source:
            continue
        theirs = _PERCENT.findall(other.answer_text() + "".join(other.correct_options()))
        if theirs and abs(float(theirs[0]) + value - 100) < 1e-6:
            return True
    return False
