"""Text helpers shared by the interchange formats: HTML in and out, ids, numbers, blanks.

Other tools keep question text as HTML (Moodle, Anki) or as lightly marked-up
text (GIFT). Banks keep plain text. These functions convert between the two
so that a round trip returns the text unchanged: plain → HTML escapes ``<>&``
and turns newlines into ``<br>``; HTML → plain strips tags, turns ``<br>`` and
paragraph ends into newlines and unescapes entities.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from factquiz.errors import InputError, Location, Problem
from factquiz.files import atomic_write
from factquiz.model import Question

T = TypeVar("T")

# A blank in a fill question's stem: （ ） ( ) or a run of underscores (ASCII or full-width).
BLANK_MARK = re.compile(r"（[\s\u3000]*）|\([\s\u3000]*\)|_{2,}|＿{2,}")
CANONICAL_BLANK = "（ ）"

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Characters XML 1.0 forbids (C0 controls other than tab, newline, carriage return).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^\w.\-]+")


def text_to_html(text: str) -> str:
    """Plain text as an HTML fragment: ``<>&`` escaped, newlines as ``<br>``."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


_BREAK = re.compile(r"<\s*br\s*/?\s*>|<\s*/\s*(?:p|div|li|h[1-6]|tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def html_to_text(fragment: str) -> str:
    """An HTML fragment as plain text: tags dropped, breaks and paragraph ends as newlines."""
    text = fragment.replace("\r", "").replace("\n", " ").replace("\t", " ")
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    # drop the empty lines that trailing </p> or leading <p> leave at the ends
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def literal_asterisk(answer: str) -> str:
    """A short-answer variant for Moodle, where ``*`` is a wildcard and ``\\*`` a real asterisk."""
    return answer.replace("*", "\\*")


def from_moodle_answer(answer: str) -> str:
    """Undo ``literal_asterisk``: Moodle's ``\\*`` is an asterisk."""
    return answer.replace("\\*", "*")


def xml_safe(text: str) -> str:
    """Remove the control characters XML 1.0 cannot hold at all (not even escaped)."""
    return _XML_FORBIDDEN.sub("", text)


_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def printable(text: str) -> str:
    """Text without the control characters a sheet or page cannot hold: Word's line break
    (U+000B) and page break become newlines, the others are dropped. The loader refuses
    such text, so this only guards banks built in code."""
    return xml_safe(text.translate(_LINE_BREAKS)).replace("\x7f", "")


def is_number(text: str) -> bool:
    """ "591", "98.5", "-3", "1e3" → True; "80余", "1,000", "" → False."""
    return bool(_NUMBER.fullmatch(text.strip()))


def numeric_blank(answers: Iterable[str], tolerance: float | None) -> bool:
    """A blank is graded as a number when it has a tolerance and every accepted answer is a number."""
    answers = list(answers)
    return tolerance is not None and bool(answers) and all(is_number(a) for a in answers)


def format_number(value: float) -> str:
    """0.0 → "0", 0.5 → "0.5": the shortest text that reads back as the same number."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def count_blanks(stem: str) -> int:
    return len(BLANK_MARK.findall(stem))


def make_id(raw: str, fallback: str) -> str:
    """A bank id (letters, digits, - _ . and Chinese) from another tool's question name."""
    cleaned = _ID_UNSAFE.sub("-", raw.strip()).strip("-.")
    return cleaned[:60].strip("-.") or fallback


class IdMaker:
    """Hands out unique ids: the wanted one, or the wanted one with -2, -3… when taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, raw: str, fallback: str) -> str:
        base = make_id(raw, fallback)
        wanted, n = base, 2
        while wanted in self.taken:
            wanted, n = f"{base}-{n}", n + 1
        self.taken.add(wanted)
        return wanted


LEFT_OUT = "left-out"  # Problem.rule of a question an export could not carry


def left_out(question_ref: str, reason: str) -> Problem:
    """The warning for a question a format could not carry (the rest is still exported)."""
    return Problem(
        f"left out: {reason}", Location(field=question_ref), severity="warning", rule=LEFT_OUT
    )


def exported_with_change(question_ref: str, what: str) -> Problem:
    """The warning for a question that was exported, but not quite as the bank has it."""
    return Problem(what, Location(field=question_ref), severity="warning")


def convert_each(
    questions: Iterable[Question], convert: Callable[[Question], T | Problem]
) -> tuple[list[T], list[Problem]]:
    """Run a format's per-question ``convert``; split the results from the questions it left out."""
    results: list[T] = []
    problems: list[Problem] = []
    for q in questions:
        result = convert(q)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            results.append(result)
    return results, problems


def points_value(text: str) -> int | float | None:
    """Moodle's "10.0000000" → 10, "2.5" → 2.5; None when not a number ≥ 0."""
    try:
        value = float(text)
    except ValueError:
        return None
    if value < 0 or value != value:  # negative or NaN
        return None
    return int(value) if value.is_integer() else value


# Moodle accepts only grades from its fixed list (question_bank::fraction_options_full:
# p/q for q ≤ 6, p/10, 1/q for q ≤ 10, 1/20 and their negatives, within 0.00001).
# Splitting 100% among k correct options is always 1/k, which is in that list for
# k ≤ 10; we never have more than 8 options. Written with 5 decimals like Moodle.
_SHARE_OF_100 = {
    1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20",
    6: "16.66667", 7: "14.28571", 8: "12.5", 9: "11.11111", 10: "10",
}  # fmt: skip


def share_of_100(parts: int) -> str:
    """The Moodle grade (percent, as text) for one of ``parts`` equal shares of 100%."""
    return _SHARE_OF_100[parts]


def multiple_choice_grades(n_options: int, correct: Iterable[int]) -> list[str]:
    """Percent grades for a several-answer question: correct options share +100%, wrong ones −100%.

    Choosing every option then scores 0, so guessing all does not pay.
    """
    right = set(correct)
    wrong = n_options - len(right)
    plus = share_of_100(len(right))
    minus = "-" + share_of_100(wrong) if wrong else "0"
    return [plus if i in right else minus for i in range(n_options)]


def write_output(path: str | Path, data: str | bytes) -> None:
    """Write an export atomically; an OS refusal becomes an error naming the file, not a traceback."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give a file name for the export", Location(str(target)))
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise InputError(
            f"cannot write the export: {exc.strerror or exc}", Location(str(target))
        ) from None
