"""Kahoot's spreadsheet import (.xlsx in the layout of Kahoot's quiz template).

The template has notes at the top, the column headers on row 8 and one question
per row from row 9: number, question, answers 1–4, time limit, correct
answer(s) as answer numbers ("2", or "1,3" for several). Kahoot's limits are
checked, not worked around: a question over 120 characters, an answer over 75,
more than 4 answers, or a type the template cannot ask (fill, short; order and match,
which Kahoot has as puzzles in its editor but not in the template) is reported
and left out, never cut short. A judge question becomes two answers 正确 / 错误.
The time limit is raised to the next value Kahoot offers (5, 10, 20, 30, 60,
90, 120, 240 s; at most 240) so nobody gets less time than the bank gives.
"""

from __future__ import annotations

from pathlib import Path

from factquiz.errors import Problem
from factquiz.interchange.archive import workbook_bytes
from factquiz.interchange.textfmt import (
    convert_each,
    exported_with_change,
    left_out,
    printable,
    write_output,
)
from factquiz.model import Bank, Question

__all__ = ["export_bank", "kahoot_rows", "snap_time_limit", "HEADER_ROW", "FIRST_ROW"]

MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
JUDGE_ANSWERS = ("正确", "错误")
HEADER_ROW = 8
FIRST_ROW = 9
HEADERS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
NOTES = (
    "由 factquiz 导出，可在 Kahoot 创建测验时选择“导入电子表格”(Import spreadsheet) 导入。",
    "题目最多 120 字，每个答案最多 75 字，最多 4 个答案；限时为 5、10、20、30、60、90、120 或 240 秒。",
    "多个正确答案用逗号分隔，如 1,3。",
)


def kahoot_length(text: str) -> int:
    """Length as Kahoot counts it (UTF-16 code units, as in a browser): 汉字 = 1, most emoji = 2."""
    return len(text.encode("utf-16-le")) // 2


def snap_time_limit(seconds: int) -> int:
    """The smallest Kahoot time limit not shorter than ``seconds`` (240 at most)."""
    return next((t for t in TIME_LIMITS if t >= seconds), TIME_LIMITS[-1])


def _answers(q: Question) -> tuple[tuple[str, ...], tuple[int, ...]] | str:
    """(answers, correct indices) for Kahoot, or why the question does not fit."""
    if q.type == "judge":
        return JUDGE_ANSWERS, ((0,) if q.truth else (1,))
    if q.type in ("order", "match"):
        # Kahoot's puzzle questions exist in its editor, but its quiz spreadsheet has no column for them
        return f"Kahoot's spreadsheet template has no puzzle type for {q.type} questions; add it in Kahoot's editor as a puzzle"
    if q.type not in ("single", "multiple"):
        return f"Kahoot asks only choice and true/false questions (this one is {q.type})"
    if len(q.options) > MAX_ANSWERS:
        return f"Kahoot allows at most {MAX_ANSWERS} answers; this question has {len(q.options)}"
    if not q.correct:
        return "Kahoot needs at least one correct answer"
    return q.options, q.correct


def kahoot_row(q: Question) -> list | Problem:
    """One spreadsheet row (columns B–H) for ``q``, or the reason it does not fit."""
    fitted = _answers(q)
    if isinstance(fitted, str):
        return left_out(q.ref, fitted)
    answers, correct = fitted
    if kahoot_length(q.stem) > MAX_QUESTION:
        return left_out(
            q.ref,
            f"the question is {kahoot_length(q.stem)} characters; Kahoot allows {MAX_QUESTION}",
        )
    for i, answer in enumerate(answers):
        if kahoot_length(answer) > MAX_ANSWER:
            return left_out(
                q.ref,
                f"answer {i + 1} is {kahoot_length(answer)} characters; Kahoot allows {MAX_ANSWER}",
            )
    numbers = [i + 1 for i in correct]
    cells = [q.stem, *answers, *[None] * (MAX_ANSWERS - len(answers))]
    return cells + [
        snap_time_limit(q.time_limit),
        numbers[0] if len(numbers) == 1 else ",".join(map(str, numbers)),
    ]


# Kahoot gives full points to a player who picks any one of the correct answers of a
# multiple-answer question; a bank's several-answer question needs all of them.
SCORED_DIFFERENTLY = (
    "exported, but Kahoot scores a several-answer question differently: a player who "
    "picks any one of the correct answers gets the points, not only one who picks all of them"
)


def kahoot_rows(bank: Bank) -> tuple[list[list], list[Problem]]:
    """The question rows for ``bank`` and the questions that do not fit Kahoot (or change in it)."""
    rows, problems = convert_each(bank.questions, kahoot_row)
    left = {p.location.field for p in problems}
    problems += [
        exported_with_change(q.ref, SCORED_DIFFERENTLY)
        for q in bank.questions
        if q.type == "multiple" and q.ref not in left
    ]
    return rows, problems


def _workbook_bytes(title: str, rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["B2"] = printable(title)
    ws["B2"].font = Font(bold=True, size=14)
    for offset, note in enumerate(NOTES):
        ws.cell(row=3 + offset, column=2, value=note)
    for column, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=column, value=header or None)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        ws.cell(row=FIRST_ROW + number - 1, column=1, value=number)
        for column, value in enumerate(row, start=2):
            value = printable(value) if isinstance(value, str) else value
            cell = ws.cell(row=FIRST_ROW + number - 1, column=column, value=value)
            if isinstance(value, str):
                # a text starting with "=" must stay text, not become a formula
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter_, width in zip("ABCDEFGH", (5, 60, 30, 30, 30, 30, 16, 16), strict=True):
        ws.column_dimensions[letter_].width = width
    return workbook_bytes(wb)


def export_bank(bank: Bank, path: Path) -> list[Problem]:
    """Write the questions of ``bank`` that fit Kahoot as its spreadsheet; report the others."""
    rows, problems = kahoot_rows(bank)
    write_output(path, _workbook_bytes(bank.title, rows))
    return problems
