"""Read a Moodle XML question file into a Bank, every problem named by line and question.

Types read: multichoice (single / several answers), truefalse, shortanswer,
numerical, essay, cloze (its SHORTANSWER / NUMERICAL blanks), matching (match)
and ordering (order); category sets the bank title, description is skipped.
Other types (drag and drop…) are reported, because a bank has no way to hold them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from factquiz.errors import InputError, Location, Problem
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
    points_value,
)
from factquiz.model import Bank, Blank, Defaults, Question

MAX_OPTIONS = 8
SKIPPED_TYPES = ("description",)


class _Located:
    """An element tree whose elements remember the line they start on."""

    def __init__(self, text: str, file: str):
        self.lines: dict[ET.Element, int] = {}
        builder = ET.TreeBuilder()
        parser = expat.ParserCreate(
            encoding="UTF-8"
        )  # the text is already decoded; ignore the declaration

        def start(tag: str, attrs: dict[str, str]) -> None:
            self.lines[builder.start(tag, attrs)] = parser.CurrentLineNumber

        parser.StartElementHandler = start
        parser.EndElementHandler = builder.end
        parser.CharacterDataHandler = builder.data
        try:
            parser.Parse(text, True)
        except expat.ExpatError as exc:
            reason = expat.ErrorString(exc.code)
            raise InputError(
                f"not well-formed XML ({reason}, column {exc.offset + 1})",
                Location(file, exc.lineno),
            ) from None
        self.root = builder.close()

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(element)


def _text(element: ET.Element | None) -> str:
    """The <text> child's content (or the element's own text), untouched."""
    if element is None:
        return ""
    inner = element.find("text")
    return (inner.text if inner is not None else element.text) or ""


def _rich(element: ET.Element | None) -> str:
    """A Moodle text field as plain text, honouring its format attribute."""
    if element is None:
        return ""
    raw = _text(element)
    fmt = element.get("format", "html")
    if fmt in ("plain_text", "markdown"):
        return raw.strip()
    if fmt == "moodle_auto_format":
        raw = raw.replace("\r\n", "\n").replace(
            "\n", "<br>"
        )  # Moodle renders its newlines as breaks
    return html_to_text(raw)


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return float("nan")


# {1:SHORTANSWER:=a~=b} — the blanks of a cloze question
_CLOZE = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}")
_CLOZE_TEXT_TYPES = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}
_CLOZE_NUMBER_TYPES = {"NUMERICAL", "NM"}
# One alternative of a cloze blank, as Moodle's parser reads it
# (qtype_multianswer_extract_question): an optional "=" or "%50%", the answer up to
# the first ~ # or } not preceded by "\\", "&" or "&amp;", then "#feedback".
_ALTERNATIVE = re.compile(
    r"~?(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?"
    r"(.+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$))"
    r"(#(.*?(?<!\\)(?=[~}]|$)))?",
    re.DOTALL,
)


def _cloze_answers(body: str) -> list[tuple[float, str]]:
    """(percent, answer text) for each alternative of one cloze blank, read as Moodle reads them.

    Moodle HTML-decodes an answer and then unescapes only \\} and \\#; any other
    backslash stays part of the answer, so it stays here too.
    """
    out = []
    position = 0
    while m := _ALTERNATIVE.match(body, position):
        if m.group(1) == "=":
            weight = 100.0
        elif m.group(2):
            weight = float(m.group(2).replace(",", "."))
        else:
            weight = 0.0
        answer = html_to_text(m.group(3)).replace("\\}", "}").replace("\\#", "#")
        out.append((weight, answer))
        position = m.end()
    return out


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # partial credit the bank cannot keep
        self.ids = IdMaker()

    def error(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(message, Location(self.file, line, field)))

    def question(
        self, el: ET.Element, line: int | None, label: str, number: int
    ) -> Question | None:
        qtype = el.get("type", "")
        before = len(self.problems)
        name = _text(el.find("name")).strip()
        idnumber = (el.findtext("idnumber") or "").strip()
        qid = self.ids(idnumber or name, f"q{number}")
        stem_el = el.find("questiontext")
        stem = _rich(stem_el)
        grade = (
            points_value((el.findtext("defaultgrade") or "").strip())
            if el.find("defaultgrade") is not None
            else None
        )
        common = {
            "id": qid,
            "explanation": _rich(el.find("generalfeedback")),
            "tags": tuple(t for t in (_text(tag).strip() for tag in el.findall("tags/tag")) if t),
            "points": grade if grade is not None else Defaults().points,
            "line": line,
        }
        answers = el.findall("answer")
        fields: dict = {}
        if qtype == "multichoice":
            single = (el.findtext("single") or "true").strip().lower() in ("true", "1")
            options = tuple(_rich(a) for a in answers)
            fractions = [_fraction(a) for a in answers]
            if not 2 <= len(options) <= MAX_OPTIONS:
                self.error(
                    line,
                    label,
                    f"multichoice has {len(options)} answers; a bank question holds 2 to {MAX_OPTIONS}",
                )
            if any(not o for o in options):
                self.error(line, label, "an answer of this multichoice question has no text")
            for message in partial_credit_notes("answer", list(options), fractions, single):
                self.notes.append(note(self.file, line, label, message))
            if single:
                correct = tuple(i for i, f in enumerate(fractions) if f >= 99.999)
                if len(correct) != 1:
                    self.error(
                        line,
                        label,
                        f"single-answer multichoice needs exactly one answer with fraction 100, found {len(correct)}",
                    )
            else:
                correct = tuple(i for i, f in enumerate(fractions) if f > 0)
                if not correct:
                    self.error(
                        line,
                        label,
                        "multichoice has no answer with a positive fraction, so nothing is correct",
                    )
            shuffle = (el.findtext("shuffleanswers") or "true").strip().lower() in ("true", "1")
            fields = {
                "type": "single" if single else "multiple",
                "options": options,
                "correct": correct,
                "shuffle": shuffle,
            }
        elif qtype == "truefalse":
            truth = None
            for a in answers:
                if _fraction(a) >= 99.999 and _text(a).strip().lower() in ("true", "false"):
                    truth = _text(a).strip().lower() == "true"
            if truth is None:
                self.error(
                    line, label, "truefalse needs an answer 'true' or 'false' with fraction 100"
                )
            fields = {"type": "judge", "truth": truth}
        elif qtype == "shortanswer":
            accepted = tuple(
                from_moodle_answer(t)
                for a in answers
                if _fraction(a) >= 99.999 and (t := _text(a).strip())
            )
            partial = [
                f"{_text(a).strip()!r} ({_fraction(a):g}%)"
                for a in answers
                if 0 < _fraction(a) < 99.999 and _text(a).strip()
            ]
            if not accepted:
                self.error(
                    line,
                    label,
                    "shortanswer has no answer with fraction 100"
                    + (
                        f"; a bank has no partial credit for {', '.join(partial)}"
                        if partial
                        else ""
                    ),
                )
            elif partial:
                self.notes.append(note(self.file, line, label, partial_answers_dropped(partial)))
            fields = {"type": "fill", "blanks": (Blank(accepted),)}
        elif qtype == "numerical":
            accepted, tolerances, partial = [], [], []
            for a in answers:
                value = _text(a).strip()
                if 0 < _fraction(a) < 99.999 and value != "*":
                    partial.append(f"{value!r} ({_fraction(a):g}%)")
                if _fraction(a) < 99.999 or value == "*":
                    continue
                if not is_number(value):
                    self.error(
                        self.line_of(a, line), label, f"numerical answer {value!r} is not a number"
                    )
                    continue
                accepted.append(value)
                tolerance = (a.findtext("tolerance") or "0").strip()
                tolerances.append(float(tolerance) if is_number(tolerance) else 0.0)
            if not accepted and len(self.problems) == before:
                self.error(line, label, "numerical has no answer with fraction 100")
            elif accepted and partial:
                self.notes.append(note(self.file, line, label, partial_answers_dropped(partial)))
            fields = {
                "type": "fill",
                "blanks": (Blank(tuple(accepted), max(tolerances, default=0.0)),),
            }
        elif qtype == "essay":
            fields = {"type": "short", "reference": _rich(el.find("graderinfo"))}
        elif qtype == "matching":
            fields = self.matching(el, line, label)
        elif qtype == "ordering":
            fields = self.ordering(answers, qid, line, label)
        elif qtype in ("cloze", "multianswer"):
            stem, blanks = self.cloze(_text(stem_el), line, label)
            fields = {"type": "fill", "blanks": blanks}
        else:
            self.error(
                line,
                label,
                f"question type {qtype!r} cannot be imported: a bank holds multichoice, truefalse, "
                "shortanswer, numerical, essay, cloze, matching and ordering; remove it from the file or change its type in Moodle",
            )
            return None
        if not stem:
            self.error(line, label, "the question text is empty")
        if len(self.problems) > before:
            return None
        return Question(stem=stem, **common, **fields)

    def matching(self, el: ET.Element, line: int | None, label: str) -> dict:
        pairs = []
        for sub in el.findall("subquestion"):
            left, right = _rich(sub), _text(sub.find("answer")).strip()
            if not left:
                self.error(
                    self.line_of(sub, line),
                    label,
                    f"matching has an extra answer {right!r} without a question; "
                    "a bank's match question pairs every item, so remove it in Moodle",
                )
                continue
            pairs.append((left, right))
        if not 2 <= len(pairs) <= MAX_OPTIONS:
            self.error(
                line,
                label,
                f"matching has {len(pairs)} pairs; a bank question holds 2 to {MAX_OPTIONS}",
            )
        if any(not right for _, right in pairs):
            self.error(line, label, "a subquestion of this matching question has no answer")
        return {"type": "match", "pairs": tuple(pairs)}

    def ordering(self, answers: list[ET.Element], qid: str, line: int | None, label: str) -> dict:
        # the items in the correct order are the <answer>s as written: Moodle's import
        # (qtype_ordering::import_from_xml) ignores their fraction and numbers them itself
        items = tuple(_rich(a) for a in answers)
        if not 2 <= len(items) <= MAX_OPTIONS or any(not item for item in items):
            self.error(
                line,
                label,
                f"ordering has {len(items)} items (or an empty one); a bank question holds 2 to {MAX_OPTIONS}",
            )
            return {"type": "order"}
        return order_fields(items, qid, "moodle")

    def line_of(self, element: ET.Element, fallback: int | None) -> int | None:
        return self.tree.line(element) or fallback

    def cloze(self, html_text: str, line: int | None, label: str) -> tuple[str, tuple[Blank, ...]]:
        blanks: list[Blank] = []
        marker = "\ue000"  # private-use character: where a blank was, until the HTML is plain text

        def replace(m: re.Match[str]) -> str:
            kind = m.group(2)
            alternatives = _cloze_answers(m.group(3))
            right = [text for weight, text in alternatives if weight >= 99.999 and text]
            partial = [f"{t!r} ({w:g}%)" for w, t in alternatives if 0 < w < 99.999 and t]
            if right and partial:
                message = f"blank {len(blanks) + 1}: " + partial_answers_dropped(partial)
                self.notes.append(note(self.file, line, label, message))
            if kind in _CLOZE_NUMBER_TYPES:
                values, tolerances = [], []
                for text in right:
                    value, _, tolerance = text.partition(":")
                    if is_number(value):
                        values.append(value.strip())
                        tolerances.append(float(tolerance) if is_number(tolerance) else 0.0)
                if not values:
                    self.error(
                        line, label, f"cloze blank {m.group(0)!r} has no numeric answer at 100%"
                    )
                blanks.append(Blank(tuple(values), max(tolerances, default=0.0)))
            elif kind in _CLOZE_TEXT_TYPES:
                if not right:
                    self.error(line, label, f"cloze blank {m.group(0)!r} has no answer at 100%")
                blanks.append(Blank(tuple(right)))
            else:
                self.error(
                    line,
                    label,
                    f"cloze blank of type {kind} cannot become a fill-in blank; only SHORTANSWER and NUMERICAL can",
                )
            return marker

        html_stem = _CLOZE.sub(replace, html_text)
        if not blanks and not any(p.location.field == label for p in self.problems):
            self.error(
                line, label, "cloze question has no {1:SHORTANSWER:…} or {1:NUMERICAL:…} blank"
            )
        return html_to_text(html_stem).replace(marker, CANONICAL_BLANK), tuple(blanks)

    def read(self, text: str) -> tuple[str, list[Question]]:
        self.tree = _Located(text, self.file)
        root = self.tree.root
        if root.tag != "quiz":
            raise InputError(
                f"not a Moodle XML question file: the top element is <{root.tag}>, expected <quiz>",
                Location(self.file, 1),
            )
        title = ""
        questions: list[Question] = []
        number = 0
        for el in root:
            if el.tag != "question":
                continue
            qtype = el.get("type", "")
            line = self.tree.line(el)
            if qtype == "category":
                if not title:
                    title = category_title(_text(el.find("category")))
                continue
            if qtype in SKIPPED_TYPES:
                continue
            number += 1
            q = self.question(el, line, f"question[{number}] ({qtype or 'no type'})", number)
            if q is not None:
                questions.append(q)
        return title, questions


def category_title(path: str) -> str:
    """ "$course$/top/平湖城投" → "平湖城投" (the last level; "//" is an escaped "/")."""
    parts = [p.replace("\0", "/") for p in path.replace("//", "\0").split("/")]
    parts = [
        p.strip()
        for p in parts
        if p.strip() and not (p.startswith("$") and p.endswith("$")) and p != "top"
    ]
    return parts[-1] if parts else ""


def import_partial(path: Path) -> Imported:
    """Read a Moodle XML file: the questions a bank can hold, and each one left out with its line.

    Raises InputError when the file is not Moodle XML at all.
    """
    file = str(path)
    text = read_text(path, what="Moodle XML file")
    reader = _Reader(file)
    title, questions = reader.read(text)
    return imported_bank(
        questions,
        reader.problems,
        notes=reader.notes,
        file=file,
        name=Path(path).stem,
        title=title,
        nothing_found="no questions found in this Moodle XML file",
    )


def import_bank(path: Path) -> Bank:
    """Read a Moodle XML file; raise InputError (not XML) or BankError listing every bad question."""
    return import_partial(path).strict()
