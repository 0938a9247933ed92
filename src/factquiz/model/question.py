"""Questions and banks: the contract between loaders, generators and renderers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

FORMAT = "factquiz/1"

# single (单项选择题) | multiple (多项选择题) | judge (判断题) | fill (填空题) | short (简答题):
# the types generation plans for (generate/planner.py has a share for each)
QUESTION_TYPES = ("single", "multiple", "judge", "fill", "short")
# Every type a bank may hold: the above, and order (排序题: put the items in order) and
# match (连线题: pair each left item with a right one). They join QUESTION_TYPES once
# the planner plans for them.
BANK_TYPES = (*QUESTION_TYPES, "order", "match")
# The order of sections on a Chinese paper (and of types in a summary): objective questions
# first, 简答题 last.
PAPER_ORDER = ("single", "multiple", "judge", "fill", "order", "match", "short")

TYPE_NAMES = {
    "single": "单项选择题",
    "multiple": "多项选择题",
    "judge": "判断题",
    "fill": "填空题",
    "short": "简答题",
    "order": "排序题",
    "match": "连线题",
}

LETTERS = "ABCDEFGH"
# The left items of a match question, in stem order; the right items are lettered.
CIRCLED = "①②③④⑤⑥⑦⑧"


def letter(index: int) -> str:
    """0 → "A", 1 → "B", …"""
    return LETTERS[index]


def letters_to_indices(letters: str) -> tuple[int, ...]:
    """ "ACD" → (0, 2, 3). Assumes letters were validated."""
    return tuple(sorted({LETTERS.index(c) for c in letters.upper()}))


@dataclass(frozen=True)
class Blank:
    """One blank of a fill question: accepted answers (first is canonical), optional numeric tolerance."""

    answers: tuple[str, ...]
    tolerance: float | None = None  # set when the blank is a number: |given − answer| ≤ tolerance

    @property
    def canonical(self) -> str:
        return self.answers[0] if self.answers else ""


@dataclass(frozen=True)
class Question:
    """One question in a bank, with its answer in the form its type needs.

    - single / multiple: ``options`` and ``correct`` (indices into options)
    - judge: ``truth``
    - fill: ``blanks``, one per （ ）/ ____ in the stem
    - short: ``reference`` (the model answer a host reads out)
    - order: ``options`` (the items as printed, A B C …) and ``sequence``
      (the correct order as indices into options: answer BADC → (1, 0, 3, 2));
      optional ``keys``, aligned with options, say what orders each item
      (its date or value, "1927年8月1日") for the key and the explanation
    - match: ``pairs`` (left, right) in stem order; a paper or export prints
      the right column shuffled (``match_order``), so the answer is the
      letter of the right item for each left item in turn ("BCA")
    """

    id: str
    type: str
    stem: str
    options: tuple[str, ...] = ()
    correct: tuple[int, ...] = ()
    truth: bool | None = None
    blanks: tuple[Blank, ...] = ()
    reference: str = ""
    sequence: tuple[int, ...] = ()  # order: the correct order, indices into options
    keys: tuple[str, ...] = ()  # order: what orders each option (a date, a value), or ()
    pairs: tuple[tuple[str, str], ...] = ()  # match: (left, right) in stem order
    explanation: str = ""
    source: str = ""  # the sentence of the article a generated question comes from
    tags: tuple[str, ...] = ()
    difficulty: int = 2  # 1 easy … 3 hard
    points: int | float = 10
    time_limit: int = 30  # seconds
    shuffle: bool = True  # False keeps option order (e.g. "以上都对")
    bank: str = ""  # namespace: the name of the bank it was loaded from
    line: int | None = field(default=None, compare=False)  # line in its YAML file, for messages
    generated: bool = False  # made by `factquiz generate` (its answer should be in `source`)

    @property
    def ref(self) -> str:
        """The id namespaced by bank ("pinghu/tunnel-days"); unique across loaded banks."""
        return f"{self.bank}/{self.id}" if self.bank else self.id

    @property
    def answer_letters(self) -> str:
        """ "B" or "ACD" for choice questions, "" otherwise."""
        return "".join(letter(i) for i in self.correct)

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, self.type)

    @property
    def sequence_letters(self) -> str:
        """ "BADC" for an order question: the options' letters in the correct order."""
        return "".join(letter(i) for i in self.sequence)

    def answer_text(self) -> str:
        """The answer as a person reads it.

        "B", "ACD", "正确"/"错误", "591；80余", the reference; "BADC" for order;
        for match the pairs themselves, "朱德—八路军总指挥；彭德怀—八路军副总指挥"
        (the letters depend on how a paper shuffled the right column: see
        ``match_answer``).
        """
        if self.type in ("single", "multiple"):
            return self.answer_letters
        if self.type == "judge":
            return "正确" if self.truth else "错误"
        if self.type == "fill":
            return "；".join(b.canonical for b in self.blanks)
        if self.type == "order":
            return self.sequence_letters
        if self.type == "match":
            return "；".join(f"{left}—{right}" for left, right in self.pairs)
        return self.reference

    def answer_in_full(self) -> str:
        """The answer with what its letters stand for, as a key or a host reads it out.

        order: "C→B→A：中共一大（1921年7月）→ 南昌起义（1927年8月1日）→ 遵义会议（1935年1月）";
        match (as laid out): "①C ②A ③B：朱德—八路军总指挥；…"; other types: ``answer_text()``.
        """
        if self.type == "order":
            items = [
                self.options[i] + (f"（{self.keys[i]}）" if self.keys else "")
                for i in self.sequence
            ]
            return f"{'→'.join(letter(i) for i in self.sequence)}：{' → '.join(items)}"
        if self.type == "match":
            shown = self.laid_out()
            letters = " ".join(f"{CIRCLED[i]}{letter(k)}" for i, k in enumerate(shown.sequence))
            return f"{letters}：{self.answer_text()}"
        return self.answer_text()

    def match_order(self, seed: int | str = 0) -> tuple[int, ...]:
        """How the right column of a match question is printed: new item k is pair order[k]'s right.

        Deterministic for a seed and the question's ref, and never the
        stem order itself (that would line every answer up with its item).
        """
        n = len(self.pairs)
        order = list(range(n))
        random.Random(f"{seed}:{self.ref}").shuffle(order)
        if n > 1 and order == sorted(order):
            order = order[1:] + order[:1]
        return tuple(order)

    def match_answer(self, order: tuple[int, ...] | list[int]) -> str:
        """The letters to write after each left item when the right column is in ``order``: "BCA"."""
        return "".join(letter(order.index(i)) for i in range(len(self.pairs)))

    def with_right_column(self, order: tuple[int, ...] | list[int]) -> Question:
        """A match question laid out for print: ``options`` are the right column in ``order``
        and ``sequence`` gives, for each left item, the index of its right item (so
        ``sequence_letters`` is the answer, "BCA"). Papers and exports use this form;
        a bank never stores it.
        """
        sequence = tuple(list(order).index(i) for i in range(len(self.pairs)))
        return replace(self, options=self.right_items(order), sequence=sequence)

    def laid_out(self, seed: int | str = 0) -> Question:
        """The question as shown: a match question gets its right column shuffled by ``seed``
        (``with_right_column``); any other question, or one already laid out, is itself.

        The host console, cue cards and an unversioned paper with the same seed agree.
        """
        if self.type != "match" or self.options:
            return self
        return self.with_right_column(self.match_order(seed))

    def right_items(self, order: tuple[int, ...] | list[int]) -> tuple[str, ...]:
        """The right column of a match question as printed in ``order``."""
        return tuple(self.pairs[i][1] for i in order)

    def correct_options(self) -> tuple[str, ...]:
        return tuple(self.options[i] for i in self.correct if i < len(self.options))

    def with_options_order(self, order: list[int]) -> Question:
        """A copy with options permuted: new option k is old option order[k]."""
        options = tuple(self.options[i] for i in order)
        correct = tuple(sorted(order.index(i) for i in self.correct))
        sequence = tuple(order.index(i) for i in self.sequence)
        keys = tuple(self.keys[i] for i in order) if self.keys else ()
        return replace(self, options=options, correct=correct, sequence=sequence, keys=keys)


@dataclass(frozen=True)
class Source:
    """An article a bank was made from."""

    title: str = ""
    date: str = ""  # ISO date or year: "2022-01-15", "2022-01", "2022"
    file: str = ""
    url: str = ""


@dataclass(frozen=True)
class Defaults:
    points: int | float = 10
    time_limit: int = 30
    difficulty: int = 2


@dataclass(frozen=True)
class Bank:
    """A question bank: one YAML file (or one imported table)."""

    title: str
    questions: tuple[Question, ...] = ()
    name: str = ""  # namespace for ids, from the file name
    language: str = "zh-CN"
    sources: tuple[Source, ...] = ()
    defaults: Defaults = field(default_factory=Defaults)
    generator: dict | None = None  # options `factquiz generate` was run with, if generated
    path: str = field(default="", compare=False)

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def total_points(self) -> float:
        return sum(q.points for q in self.questions)
