"""Read a GIFT file into a Bank, the way Moodle's GIFT importer reads it.

Questions are separated by blank lines; ``//`` lines are comments (Moodle takes
``[id:…]`` and ``[tag:…]`` from them); ``::name::`` names a question; the answer
block ``{…}`` decides the type. Every problem names the line a question starts on.
``{>4 ALL VERTICAL ABSOLUTE_POSITION SHOW none`` followed by one item a line is
the ordering type's own GIFT syntax (qtype_ordering's import_from_gift, in
Moodle since 4.4): the items in the correct order, read as an order question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from factquiz.errors import Location, Problem
from factquiz.files import read_text
from factquiz.interchange.imported import (
    Imported,
    imported_bank,
    note,
    order_fields,
    partial_answers_dropped,
    partial_credit_notes,
)
from factquiz.interchange.textfmt import (
    CANONICAL_BLANK,
    IdMaker,
    from_moodle_answer,
    html_to_text,
    is_number,
)
from factquiz.model import Bank, Blank, Question

# The reference answer of a short question travels at the head of the general feedback.
REFERENCE_LABEL = "参考答案："
EXPLANATION_LABEL = "\n\n解析："
MAX_OPTIONS = 8

# Escaped specials are swapped for private-use characters while the structure is parsed.
_ESCAPES = {
    "\\:": "\ue001",
    "\\#": "\ue002",
    "\\=": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\~": "\ue006",
    "\\n": "\ue007",
}
_RESTORE = {v: k[1] if k != "\\n" else "\n" for k, v in _ESCAPES.items()}
_BACKSLASH = "\ue000"
_WEIGHT = re.compile(r"^%(-?[0-9]{1,3}(?:\.[0-9]*)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
# The head of an ordering question's answers, as qtype_ordering reads it: ">" and the
# number of items shown, then optional select, layout, grading, show-grading and
# numbering words; the items follow, one a line.
_ORDERING = re.compile(
    r">\s*(\d+)\s*(?:ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*"
    r"(?:HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?\s*"
    r"(?:ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|"
    r"RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|"
    r"RELATIVE_TO_CORRECT|RELATIVE|REL|LONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?\s*"
    r"(?:SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?\s*(?:none|123|abc|ABCD|iii|IIII)?\s*(.*)",
    re.DOTALL,
)


def _protect(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace(_BACKSLASH, "\\")


def _restore(text: str) -> str:
    for placeholder, ch in _RESTORE.items():
        text = text.replace(placeholder, ch)
    # U+000B is Word's Shift+Enter pasted into the file: a line break to whoever typed it
    return text.replace("\x0b", "\n")


def _weighted_answers(answers: str) -> Iterator[tuple[float, str]]:
    """``=a =%50%b#feedback`` → (100, "a"), (50, "b"): each answer's weight and its text."""
    for part in answers.split("="):
        part = part.strip()
        if not part:
            continue
        weight = 100.0
        if m := _WEIGHT.match(part):
            weight, part = float(m.group(1)), part[m.end() :]
        yield weight, _restore(part.split("#", 1)[0]).strip()


@dataclass
class _Block:
    line: int  # first line of the question (after its comments)
    lines: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[_Block]:
    """Split into questions at blank lines, keeping each question's comments and first line."""
    blocks: list[_Block] = []
    current: _Block | None = None
    pending_comments: list[str] = []
    # lines end at \n, \r\n or \r only, as in Moodle and an editor (str.splitlines also
    # splits at U+000B and U+000C, which would shift every line number after them)
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.strip()
        if not line:
            if current is not None:
                blocks.append(current)
            current, pending_comments = None, []
        elif line.startswith("//"):
            (current.comments if current is not None else pending_comments).append(line)
        else:
            if current is None:
                current = _Block(number, comments=pending_comments)
                pending_comments = []
            current.lines.append(raw)
    if current is not None:
        blocks.append(current)
    return blocks


def _id_and_tags(comments: list[str]) -> tuple[str, tuple[str, ...]]:
    joined = "\n".join(comments)
    found = re.search(r"\[id:((?:\\]|[^\]\x00-\x1f])+)\]", joined)
    tags = [
        t.replace("\\]", "]").strip()
        for t in re.findall(r"\[tag:((?:\\]|[^\]<>\x00-\x1f])+)\]", joined)
    ]
    return (found.group(1).replace("\\]", "]").strip() if found else ""), tuple(
        t for t in tags if t
    )


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # partial credit the bank cannot keep
        self.ids = IdMaker()
        self.title = ""

    def error(self, line: int, label: str, message: str) -> None:
        self.problems.append(Problem(message, Location(self.file, line, label)))

    def read(self, text: str) -> list[Question]:
        questions = []
        number = 0
        for block in _blocks(text):
            body = _protect("\n".join(block.lines).strip())
            if body.startswith("$CATEGORY:"):
                if not self.title:
                    from factquiz.interchange.moodle_read import category_title

                    self.title = category_title(body[len("$CATEGORY:") :].strip())
                continue
            number += 1
            q = self.question(block, body, number)
            if q is not None:
                questions.append(q)
        return questions

    def question(self, block: _Block, body: str, number: int) -> Question | None:
        label = f"question {number}"
        name = ""
        if body.startswith("::"):
            end = body.find("::", 2)
            if end == -1:
                self.error(block.line, label, "the name starts with '::' but has no closing '::'")
                return None
            name, body = _restore(body[2:end]).strip(), body[end + 2 :].strip()
        start, finish = body.find("{"), body.find("}")
        if start == -1 and finish == -1:
            return None  # a description: text without answers, nothing to ask
        if start == -1 or finish == -1 or finish < start:
            self.error(
                block.line, label, "unbalanced braces: the answers go between one '{' and one '}'"
            )
            return None
        answers = body[start + 1 : finish].strip()
        after = body[finish + 1 :].strip()
        stem_raw = body[:start].rstrip() + (CANONICAL_BLANK + after if after else "")

        fmt = "moodle"
        if m := _FORMAT.match(stem_raw):
            fmt, stem_raw = m.group(1), stem_raw[m.end() :]
        feedback_raw = ""
        if (split := answers.rfind("####")) != -1:
            answers, feedback_raw = answers[:split].strip(), answers[split + 4 :].strip()

        def text(raw: str) -> str:
            own = fmt
            if m := _FORMAT.match(raw.strip()):
                own, raw = m.group(1), raw.strip()[m.end() :]
            raw = _restore(raw).strip()
            return html_to_text(raw) if own == "html" else raw

        stem = text(stem_raw)
        explanation = text(feedback_raw)
        comment_id, tags = _id_and_tags(block.comments)
        common = {
            "id": self.ids(comment_id or name, f"q{number}"),
            "stem": stem,
            "tags": tags,
            "line": block.line,
        }
        if not stem:
            self.error(block.line, label, "the question text is empty")
            return None
        before = len(self.problems)
        if answers == "":
            fields: dict = {"type": "short"}
            if explanation.startswith(REFERENCE_LABEL):
                reference, _, explanation = explanation[len(REFERENCE_LABEL) :].partition(
                    EXPLANATION_LABEL
                )
                fields["reference"] = reference.strip()
        elif answers.startswith(">"):
            fields = self.ordering(answers, text, common["id"], block.line, label)
        elif answers.startswith("#"):
            fields = {"type": "fill", "blanks": (self.numerical(answers[1:], block.line, label),)}
        elif "~" in answers:
            fields = self.choice(answers, text, block.line, label)
        elif "=" in answers and "->" in answers:
            fields = self.matching(answers, text, block.line, label)
        elif answers.split("#", 1)[0].strip().upper() in ("T", "TRUE", "F", "FALSE"):
            fields = {
                "type": "judge",
                "truth": answers.split("#", 1)[0].strip().upper() in ("T", "TRUE"),
            }
        else:
            fields = {"type": "fill", "blanks": (self.short_answer(answers, block.line, label),)}
        if len(self.problems) > before:
            return None
        return Question(explanation=explanation, **common, **fields)

    def choice(self, answers: str, text, line: int, label: str) -> dict:
        single = "=" in answers
        parts = [p.strip() for p in answers.replace("=", "~=").split("~")]
        if parts and not parts[0]:
            parts.pop(0)
        options, weights = [], []
        for part in parts:
            if part.startswith("="):
                weight, part = 100.0, part[1:]
            elif m := _WEIGHT.match(part):
                weight, part = float(m.group(1)), part[m.end() :]
            else:
                weight = 0.0
            options.append(text(part.split("#", 1)[0]))
            weights.append(weight)
        if not 2 <= len(options) <= MAX_OPTIONS:
            self.error(
                line,
                label,
                f"a choice question needs 2 to {MAX_OPTIONS} answers, found {len(options)}",
            )
        if any(not o for o in options):
            self.error(line, label, "an answer of this choice question has no text")
        for message in partial_credit_notes("answer", options, weights, single):
            self.notes.append(note(self.file, line, label, message))
        if single:
            correct = tuple(i for i, w in enumerate(weights) if w >= 99.999)
            if len(correct) != 1:
                self.error(
                    line,
                    label,
                    f"a one-answer choice question needs exactly one '=' answer, found {len(correct)}",
                )
        else:
            correct = tuple(i for i, w in enumerate(weights) if w > 0)
            if not correct:
                self.error(
                    line,
                    label,
                    "no answer is right: mark it with '=' or give it a positive weight like ~%50%",
                )
        return {
            "type": "single" if single else "multiple",
            "options": tuple(options),
            "correct": correct,
        }

    def matching(self, answers: str, text, line: int, label: str) -> dict:
        """``=朱德 -> 八路军总指挥 =…`` → a match question's pairs."""
        pairs = []
        for part in (p.strip() for p in answers.split("=")):
            if not part:
                continue
            left, arrow, right = part.partition("->")
            if not arrow or not left.strip() or not right.strip():
                self.error(
                    line,
                    label,
                    f"matching answer {_restore(part)!r} is not 'question -> answer'; "
                    "a bank's match question pairs every item",
                )
                continue
            pairs.append((text(left), _restore(right).strip()))
        if not 2 <= len(pairs) <= MAX_OPTIONS:
            self.error(
                line,
                label,
                f"a matching question needs 2 to {MAX_OPTIONS} pairs, found {len(pairs)}",
            )
        return {"type": "match", "pairs": tuple(pairs)}

    def ordering(self, answers: str, text, qid: str, line: int, label: str) -> dict:
        """``{>4 ALL VERTICAL …`` then one item a line, in the correct order → an order question."""
        m = _ORDERING.fullmatch(answers)
        items = tuple(t for t in (text(i) for i in m.group(2).splitlines()) if t) if m else ()
        if not 2 <= len(items) <= MAX_OPTIONS:
            self.error(
                line,
                label,
                f"an ordering question ({{>…}}) needs 2 to {MAX_OPTIONS} items, one a line, "
                f"found {len(items)}",
            )
            return {"type": "order"}
        if len(set(items)) < len(items):
            self.error(line, label, "two items of this ordering question are the same")
        return order_fields(items, qid, "gift")

    def short_answer(self, answers: str, line: int, label: str) -> Blank:
        accepted, partial = [], []
        for weight, text in _weighted_answers(answers):
            value = from_moodle_answer(text)
            if weight >= 99.999 and value:
                accepted.append(value)
            elif weight > 0 and value:
                partial.append(f"{value!r} ({weight:g}%)")
        if not accepted:
            self.error(
                line,
                label,
                "the short answer has no accepted answer at 100%: write {=answer =variant}"
                + (f"; a bank has no partial credit for {', '.join(partial)}" if partial else ""),
            )
        elif partial:
            self.notes.append(note(self.file, line, label, partial_answers_dropped(partial)))
        return Blank(tuple(accepted))

    def numerical(self, answers: str, line: int, label: str) -> Blank:
        answers = answers.split("~", 1)[0]  # feedback for any other answer
        before = len(self.problems)
        values, tolerances, partial = [], [], []
        for weight, part in _weighted_answers(answers):
            if 0 < weight < 99.999:
                partial.append(f"{part!r} ({weight:g}%)")
            if weight < 99.999:
                continue
            if ".." in part:
                low, _, high = part.partition("..")
                if not (is_number(low) and is_number(high)):
                    self.error(line, label, f"numerical range {part!r} is not two numbers")
                    continue
                # decimal, not float: {#3.141..3.142} must give 3.1415, not 3.1414999999999997
                low_value, high_value = Decimal(low.strip()), Decimal(high.strip())
                middle = (low_value + high_value) / 2
                values.append(format(middle.normalize(), "f"))
                tolerances.append(float(abs(high_value - middle)))
                continue
            value, _, tolerance = part.partition(":")
            if not is_number(value) or (tolerance and not is_number(tolerance)):
                self.error(
                    line,
                    label,
                    f"numerical answer {part!r} is not a number (write {{#591}} or {{#98.5:0.1}})",
                )
                continue
            values.append(value.strip())
            tolerances.append(float(tolerance) if tolerance else 0.0)
        if not values and len(self.problems) == before:
            self.error(line, label, "the numerical question has no answer")
        elif values and partial:
            self.notes.append(note(self.file, line, label, partial_answers_dropped(partial)))
        return Blank(tuple(values), max(tolerances, default=0.0))


def import_partial(path: Path) -> Imported:
    """Read a GIFT file: the questions a bank can hold, and each one left out with its line."""
    file = str(path)
    reader = _Reader(file)
    questions = reader.read(read_text(path, what="GIFT file"))
    return imported_bank(
        questions,
        reader.problems,
        notes=reader.notes,
        file=file,
        name=Path(path).stem,
        title=reader.title,
        nothing_found="no questions found in this GIFT file",
    )


def import_bank(path: Path) -> Bank:
    """Read a GIFT file; raise BankError listing every question that cannot be read."""
    return import_partial(path).strict()
