"""What is in a set of banks: counts by type, tag and difficulty, total points (`factquiz show`).

``summarise`` computes plain numbers; ``summary_tables`` and
``question_table`` lay them out as rich tables for the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factquiz.banks.textnorm import BLANK_MARK
from factquiz.model import PAPER_ORDER, TYPE_NAMES, Bank, Question

if TYPE_CHECKING:  # rich is imported only when tables are drawn
    from rich.table import Table

DIFFICULTY_NAMES = {1: "易", 2: "中", 3: "难"}
NO_TAG = "（无标签）"


@dataclass(frozen=True)
class Count:
    """One row of a summary: how many questions and how many points."""

    label: str
    questions: int
    points: float


@dataclass(frozen=True)
class Summary:
    banks: tuple[Count, ...]  # label: "name — title"
    by_type: tuple[Count, ...]  # label: Chinese type name, in the order of a paper
    by_difficulty: tuple[Count, ...]
    by_tag: tuple[Count, ...]  # most used first
    questions: int
    points: float


def _counts(pairs: Sequence[tuple[str, Question]]) -> dict[str, Count]:
    numbers: Counter[str] = Counter()
    points: Counter[str] = Counter()
    for label, q in pairs:
        numbers[label] += 1
        points[label] += q.points
    return {label: Count(label, numbers[label], points[label]) for label in numbers}


def summarise(banks: Sequence[Bank]) -> Summary:
    questions = [q for b in banks for q in b.questions]
    by_type = _counts([(TYPE_NAMES[q.type], q) for q in questions])
    by_difficulty = _counts(
        [(f"{q.difficulty} {DIFFICULTY_NAMES[q.difficulty]}", q) for q in questions]
    )
    by_tag = _counts([(tag, q) for q in questions for tag in (q.tags or (NO_TAG,))])
    return Summary(
        banks=tuple(Count(f"{b.name} — {b.title}", len(b), b.total_points) for b in banks),
        by_type=tuple(by_type[TYPE_NAMES[t]] for t in PAPER_ORDER if TYPE_NAMES[t] in by_type),
        by_difficulty=tuple(by_difficulty[k] for k in sorted(by_difficulty)),
        by_tag=tuple(
            sorted(by_tag.values(), key=lambda c: (-c.questions, c.label == NO_TAG, c.label))
        ),
        questions=len(questions),
        points=sum(q.points for q in questions),
    )


def format_points(points: float) -> str:
    return str(int(points)) if float(points).is_integer() else f"{points:g}"


def _count_table(
    title: str, label: str, rows: Sequence[Count], total: Count | None = None
) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_footer=total is not None)
    table.add_column(label, footer=total.label if total else "")
    table.add_column("题数", justify="right", footer=str(total.questions) if total else "")
    table.add_column("分值", justify="right", footer=format_points(total.points) if total else "")
    for row in rows:
        table.add_row(row.label, str(row.questions), format_points(row.points))
    return table


def summary_tables(summary: Summary) -> list[Table]:
    """题库 / 题型 / 难度 / 标签 tables, each with question counts and points."""
    total = Count("合计", summary.questions, summary.points)
    return [
        _count_table("题库", "题库", summary.banks, total if len(summary.banks) > 1 else None),
        _count_table("题型", "题型", summary.by_type, total),
        _count_table("难度", "难度", summary.by_difficulty),
        _count_table("标签", "标签", summary.by_tag),
    ]


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def answer_summary(q: Question, limit: int = 24) -> str:
    """The answer as a host would read it: "B 591", "AB 共成立了9个党支部；现有党员93名", "正确", "591；80余"."""
    if q.type in ("single", "multiple"):
        return _shorten(f"{q.answer_letters} {'；'.join(q.correct_options())}", limit)
    if q.type == "order":
        return _shorten(f"{q.sequence_letters} {'→'.join(q.options[i] for i in q.sequence)}", limit)
    return _shorten(q.answer_text(), limit)


SHORT_TYPE_NAMES = {
    "single": "单选",
    "multiple": "多选",
    "judge": "判断",
    "fill": "填空",
    "short": "简答",
    "order": "排序",
    "match": "连线",
}


def _one_line(stem: str) -> str:
    """A stem on one line, blanks drawn as （）, so a table row stays one row."""
    return BLANK_MARK.sub("（）", " ".join(stem.split()))


def question_table(questions: Sequence[Question], width: int = 100) -> Table:
    """One row per question: 编号 题型 题干 答案 分值 难度, fitted to ``width`` terminal cells.

    编号 drops the bank name when all questions share one bank. Stems and
    answers stay on one line and end in "…" when they do not fit.
    """
    from rich.cells import cell_len
    from rich.table import Table

    one_bank = len({q.bank for q in questions}) <= 1
    ids = [q.id if one_bank else q.ref for q in questions]
    answers = [answer_summary(q, 60) for q in questions]
    # borders: 7 vertical lines + 2 spaces of padding in each of the 6 columns; 题型 分值 难度 take 4 each
    fixed = 7 + 12 + 4 + 4 + 4
    id_width = max(min(max((cell_len(i) for i in ids), default=4), 28, width - fixed - 24), 4)
    free = max(width - fixed - id_width, 24)
    answer_width = min(max((cell_len(a) for a in answers), default=4), max(free // 3, 6))
    stem_width = free - answer_width
    table = Table(title=f"题目（{len(questions)} 题）", title_justify="left")
    table.add_column("编号", width=id_width, no_wrap=True, overflow="ellipsis")
    table.add_column("题型", width=4, no_wrap=True)
    table.add_column("题干", width=stem_width, no_wrap=True, overflow="ellipsis")
    table.add_column("答案", width=answer_width, no_wrap=True, overflow="ellipsis")
    table.add_column("分值", width=4, justify="right", no_wrap=True)
    table.add_column("难度", width=4, justify="center", no_wrap=True)
    for q, qid, answer in zip(questions, ids, answers, strict=True):
        table.add_row(
            qid,
            SHORT_TYPE_NAMES[q.type],
            _one_line(q.stem),
            answer,
            format_points(q.points),
            DIFFICULTY_NAMES[q.difficulty],
        )
    return table
