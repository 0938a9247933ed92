"""What goes on a paper, before any drawing: versions, sections, numbering, points.

Pure functions over the model (no reportlab), so the order of questions in
each version can be tested and reused (the answer key and the paper must
agree exactly).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factquiz.banks.summary import format_points
from factquiz.errors import UsageError
from factquiz.model import PAPER_ORDER, TYPE_NAMES, Question

CHINESE_NUMERALS = "一二三四五六七八九十"
MAX_VERSIONS = 18278  # A … Z, AA … ZZ, AAA … ZZZ
_LABEL = re.compile(r"^(?:[A-Z]{1,3}|[1-9][0-9]{0,4})$")


def letter_label(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA", 27 → "AB", 701 → "ZZ", 702 → "AAA" (as spreadsheet columns)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def version_labels(spec: str | None) -> list[str]:
    """ "A,B,C" → ["A", "B", "C"]; "3" → ["A", "B", "C"]; "30" → A…Z, AA…AD.

    A label is one to three capital letters or a number; anything else is a UsageError.
    """
    if spec is None or not spec.strip():
        return []
    text = spec.strip()
    if text.isdigit():
        count = int(text)
        if not 1 <= count <= MAX_VERSIONS:
            raise UsageError(f"--versions {count}: give between 1 and {MAX_VERSIONS} versions")
        return [letter_label(i) for i in range(count)]
    labels = [p.strip().upper() for p in re.split(r"[,，、\s]+", text) if p.strip()]
    for label in labels:
        if not _LABEL.match(label):
            raise UsageError(
                f"unknown version label {label!r}; use capital letters (A, B … AA) or numbers, e.g. --versions A,B or --versions 4"
            )
    duplicates = sorted({x for x in labels if labels.count(x) > 1})
    if duplicates:
        raise UsageError(f"version label {duplicates[0]!r} is given twice in --versions")
    return labels


@dataclass(frozen=True)
class Section:
    """One section of a paper: all questions of one type, numbered on from the previous section."""

    type: str
    ordinal: int  # 0 → 一、
    first_number: int  # number of its first question (numbering runs across sections)
    questions: tuple[Question, ...]

    @property
    def heading(self) -> str:
        """ "一、单项选择题"."""
        return f"{CHINESE_NUMERALS[self.ordinal]}、{TYPE_NAMES[self.type]}"

    @property
    def total_points(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def uniform_points(self) -> bool:
        return len({q.points for q in self.questions}) == 1

    @property
    def summary(self) -> str:
        """ "（共10题，每题2分，共20分）"; mixed points: "（共10题，共25分，分值见题号后）"."""
        n, total = len(self.questions), format_points(self.total_points)
        if self.uniform_points:
            return f"（共{n}题，每题{format_points(self.questions[0].points)}分，共{total}分）"
        return f"（共{n}题，共{total}分，每题分值见题号后）"

    def numbered(self) -> list[tuple[int, Question]]:
        return [(self.first_number + i, q) for i, q in enumerate(self.questions)]


@dataclass(frozen=True)
class Version:
    """One version of a paper (A卷, B卷…); ``label`` is "" for an unversioned paper."""

    label: str
    sections: tuple[Section, ...]

    @property
    def name(self) -> str:
        """ "A卷", or "" without a label."""
        return f"{self.label}卷" if self.label else ""

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def numbered(self) -> list[tuple[int, Question]]:
        return [pair for s in self.sections for pair in s.numbered()]

    @property
    def total_points(self) -> float:
        return sum(s.total_points for s in self.sections)


def version_rng(seed: int, label: str) -> random.Random:
    """The random source of one version: from the seed and the label only, so B stays B whether or not C is asked for."""
    return random.Random(f"factquiz-version:{seed}:{label}")


def shuffled_options(question: Question, rng: random.Random) -> Question:
    if not question.shuffle or len(question.options) < 2:
        return question
    order = list(range(len(question.options)))
    rng.shuffle(order)
    shuffled = question.with_options_order(order)
    if question.type == "order" and list(shuffled.sequence) == sorted(shuffled.sequence):
        # items printed in their answer order would give it away: move the first to the end
        order = order[1:] + order[:1]
        shuffled = question.with_options_order(order)
    return shuffled


def plan_version(
    questions: Sequence[Question], label: str = "", seed: int = 0, shuffle: bool = True
) -> Version:
    """Group questions into sections in the usual order, shuffling question and option order when ``shuffle``.

    Questions keep their given order within a section unless shuffled; a type
    with no questions has no section.
    """
    rng = version_rng(seed, label)
    sections: list[Section] = []
    number = 1
    for qtype in PAPER_ORDER:
        group = [q for q in questions if q.type == qtype]
        if not group:
            continue
        if shuffle:
            rng.shuffle(group)
            group = [shuffled_options(q, rng) for q in group]
        # a match question's right column is shuffled on every paper: in stem order
        # each answer would sit beside its item
        group = [q.laid_out(f"{seed}:{label}" if label else seed) for q in group]
        sections.append(Section(qtype, len(sections), number, tuple(group)))
        number += len(group)
    return Version(label, tuple(sections))


def plan_versions(
    questions: Sequence[Question], labels: Sequence[str], seed: int = 0
) -> list[Version]:
    """One shuffled Version per label; no labels → one unversioned paper in the given order."""
    if not labels:
        return [plan_version(questions, "", seed, shuffle=False)]
    return [plan_version(questions, label, seed, shuffle=True) for label in labels]


# Blanks in a stem: （ ）, （　）, ( ), （）, ____ and ＿＿.
BLANK = re.compile(r"[（(][ \u3000\u00a0]*[)）]|_{2,}|＿{2,}")
# The answer bracket of a choice question, wherever the stem already has one.
ANSWER_BRACKET = re.compile(r"[（(][ \u3000\u00a0]*[)）]")


def split_blanks(stem: str, count: int) -> list[str]:
    """The stem cut at its blanks: ``count`` blanks give ``count + 1`` pieces.

    Extra blank marks beyond ``count`` are left as they are; missing ones are
    added at the end, so every blank of the answer has its line.
    """
    pieces: list[str] = []
    rest = stem
    for _ in range(count):
        match = BLANK.search(rest)
        if match is None:
            break
        pieces.append(rest[: match.start()])
        rest = rest[match.end() :]
    missing = count - len(pieces)
    pieces.append(rest)
    pieces += [""] * missing
    return pieces
