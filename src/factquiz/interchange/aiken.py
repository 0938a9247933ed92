"""Aiken: the plainest quiz text format, single-choice questions only.

Each question is its text on one line, one line per option (``A. …``), then
``ANSWER: B``; a blank line between questions. Moodle and many other tools read
it. Everything else a bank holds (other types, explanations, tags, ids) has no
place in Aiken: other types are reported per question, never dropped silently.

Reading back is a little more lenient than writing: the question text may take
several lines, and options may be labelled ``A)``, ``A.``, ``A．`` or ``A、``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from factquiz.errors import Location, Problem
from factquiz.files import read_text
from factquiz.interchange.imported import Imported, imported_bank
from factquiz.interchange.textfmt import convert_each, left_out, write_output
from factquiz.model import Bank, Question, letter

__all__ = ["export_bank", "import_bank", "render_aiken"]

ONLY_SINGLE = "Aiken holds only single-choice questions"
# What an Aiken reader takes for an option or the answer line; a stem starting so would be misread.
_OPTION_LINE = re.compile(r"^([A-Z])(?:[.)][ \t]+|[．）、][ \t]*)(.*)$")
_ANSWER_LINE = re.compile(r"^ANSWER[:：]\s*(.*)$", re.IGNORECASE)


def _unfit(q: Question) -> str | None:
    """Why ``q`` cannot be written as Aiken, or None."""
    if q.type != "single":
        return ONLY_SINGLE + f" (this one is {q.type})"
    if len(q.correct) != 1:
        return "a single-choice question needs exactly one right option"
    texts = [q.stem, *q.options]
    if any("\n" in t or "\r" in t for t in texts):
        return "Aiken keeps the question and each option on one line; this one has a line break"
    if _OPTION_LINE.match(q.stem) or _ANSWER_LINE.match(q.stem):
        return "the question text starts like an option or an ANSWER: line, which Aiken readers would misread"
    return None


def question_aiken(q: Question) -> str | Problem:
    reason = _unfit(q)
    if reason:
        return left_out(q.ref, reason)
    lines = [q.stem] + [f"{letter(i)}. {option}" for i, option in enumerate(q.options)]
    lines.append(f"ANSWER: {q.answer_letters}")
    return "\n".join(lines) + "\n"


def render_aiken(bank: Bank) -> tuple[str, list[Problem]]:
    """The Aiken text for ``bank`` and the questions it had to leave out."""
    parts, problems = convert_each(bank.questions, question_aiken)
    return "\n".join(parts), problems


def export_bank(bank: Bank, path: Path) -> list[Problem]:
    """Write the single-choice questions of ``bank`` as Aiken; report every other question."""
    text, problems = render_aiken(bank)
    write_output(path, text)
    return problems


@dataclass
class _Pending:
    line: int
    stem: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    broken: bool = False  # an error was reported inside it; do not also report it as a question


def import_bank(path: Path) -> Bank:
    """Read an Aiken file; raise BankError naming the line of every problem."""
    return import_partial(path).strict()


def import_partial(path: Path) -> Imported:
    """Read an Aiken file: its questions, and each one left out with its line."""
    file = str(path)
    text = read_text(path, what="Aiken file")
    problems: list[Problem] = []
    questions: list[Question] = []
    name = Path(path).stem
    current: _Pending | None = None

    def error(line: int, message: str) -> None:
        problems.append(Problem(message, Location(file, line)))

    def missing_answer(q: _Pending, line: int) -> None:
        error(
            q.line,
            f"the question starting here has no 'ANSWER: X' line (reached line {line} without one)",
        )

    # lines end at \n, \r\n or \r only (str.splitlines also splits at U+000B and U+000C)
    lines = re.split(r"\r\n|\r|\n", text.removesuffix("\n"))
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if m := _ANSWER_LINE.match(line):
            if current is None or not current.stem:
                error(number, "ANSWER: line without a question before it")
                current = None
                continue
            given = m.group(1).strip().upper()
            if current.broken:
                pass
            elif len(current.options) < 2:
                error(
                    number,
                    f"the question starting on line {current.line} has {len(current.options)} option(s); it needs at least 2 (A. … B. …)",
                )
            elif len(given) != 1 or not "A" <= given <= "Z":
                error(
                    number,
                    f"ANSWER must be one option letter such as 'ANSWER: B', got {m.group(1).strip()!r}",
                )
            elif ord(given) - ord("A") >= len(current.options):
                error(
                    number,
                    f"ANSWER: {given} but the question has only options A–{letter(len(current.options) - 1)}",
                )
            else:
                questions.append(
                    Question(
                        id=f"q{len(questions) + 1}",
                        type="single",
                        stem="\n".join(current.stem),
                        options=tuple(current.options),
                        correct=(ord(given) - ord("A"),),
                        bank=name,
                        line=current.line,
                    )
                )
            current = None
            continue
        if m := _OPTION_LINE.match(line):
            if current is None:
                error(
                    number,
                    "an option line before any question text; put the question on the line above",
                )
                continue
            expected = chr(ord("A") + len(current.options))
            if m.group(1) != expected:
                error(
                    number,
                    f"option {m.group(1)} where {expected} was expected; label options A, B, C… in order",
                )
                current.broken = True
            elif not m.group(2).strip():
                error(number, f"option {m.group(1)} has no text")
                current.broken = True
            elif len(current.options) >= 8:
                error(number, "more than 8 options; a bank question holds 2 to 8")
                current.broken = True
            current.options.append(m.group(2).strip())
            continue
        # question text
        if current is not None and current.options:
            missing_answer(current, number)
            current = None
        if current is None:
            current = _Pending(number)
        current.stem.append(line)
    if current is not None:
        missing_answer(current, len(lines))
    return imported_bank(
        questions,
        problems,
        file=file,
        name=name,
        title=name,
        nothing_found="no questions found; an Aiken question is a line of text, options A. B. …, then ANSWER: X",
    )
