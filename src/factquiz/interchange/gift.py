"""GIFT, Moodle's text format for questions: export a bank (and read it back).

Format reference: Moodle docs "GIFT format" and question/format/gift in Moodle's
source, whose importer this writer is checked against. Mapping:

- single → ``{=right ~wrong}``; multiple → ``{~%50%right ~%-100%wrong}`` (the grades
  from Moodle's allowed list, like the XML export)
- judge → ``{TRUE}`` / ``{FALSE}``
- fill with one blank → ``{=variant =variant}``, or ``{#98.5:0.1}`` for a number with
  a tolerance; several blanks do not fit GIFT (one answer set per question) and are reported
- short → essay ``{}`` with general feedback "参考答案：… 解析：…" (GIFT has no field for it)
- match → matching ``{=朱德 -> 八路军总指挥 =…}``, three pairs at least (Moodle's
  matching type needs three answers)
- order: GIFT has no ordering question, so by default (``order_as="multichoice"``)
  it is written as a single choice of sequences, the items numbered ①②③ in the
  stem and each option a sequence "③②①" (order_choice.py), with a warning: it
  is graded all or nothing and reads back as a single-choice question.
  ``order_as="omit"`` leaves it out instead. ``order_as="ordering"`` writes the
  ordering type's own GIFT syntax (qtype_ordering's export_to_gift):
  ``{>4 ALL VERTICAL ABSOLUTE_POSITION SHOW none`` then the items in the correct
  order, one a line. Moodle reads that only with the ordering type (4.4 on, or the
  plugin); gift-pegjs, other GIFT readers and a Moodle without the type read it as
  a short answer, so it is never the default. The type takes its items as they
  stand (no GIFT escapes, Moodle's auto-format), so an item holding one of
  ``~ = # { } : \\ < > &`` or a line break falls back to the sequence choice.

Every question starts with ``// [id:…] [tag:…]`` (Moodle reads the id number and
tags from that comment) and ``::id::``. The explanation is the general feedback
(``####``). GIFT's specials ``~ = # { } :`` and ``\\`` are backslash-escaped in all
text, Chinese included; newlines are written ``\\n``. A question whose text holds
``< > &`` is written in ``[html]`` with that text HTML-escaped, so Moodle shows it
as text instead of reading it as markup.
"""

from __future__ import annotations

from pathlib import Path

from factquiz.errors import Problem
from factquiz.interchange.gift_read import (
    EXPLANATION_LABEL,
    REFERENCE_LABEL,
    import_bank,
    import_partial,
)
from factquiz.interchange.order_choice import (
    MULTICHOICE,
    OMIT,
    ORDERING,
    as_sequence_choice,
    sequence_choice_warnings,
)
from factquiz.interchange.textfmt import (
    convert_each,
    exported_with_change,
    format_number,
    left_out,
    literal_asterisk,
    multiple_choice_grades,
    numeric_blank,
    text_to_html,
    write_output,
)
from factquiz.model import Bank, Question

__all__ = ["export_bank", "import_bank", "import_partial", "render_gift", "gift_escape"]

_SPECIALS = ("~", "=", "#", "{", "}", ":")
ORDER_AS = (MULTICHOICE, OMIT, ORDERING)  # what order_as may be; multichoice is the default
# what the ordering type's GIFT syntax cannot hold in an item (it reads items unescaped)
_ORDERING_UNSAFE = set("~=#{}:\\<>&\n\r")
MIN_MATCHING_PAIRS = 3  # Moodle refuses a matching question with fewer answers


def gift_escape(text: str) -> str:
    """Backslash GIFT's special characters; newlines become \\n (a blank line would end the question)."""
    out = text.replace("\\", "\\\\")
    for ch in _SPECIALS:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _needs_html(q: Question) -> bool:
    """Markup characters (or a leading "[" that Moodle would read as a format name) need [html]."""
    texts = [q.stem, q.explanation, q.reference, *q.options, *(left for left, _ in q.pairs)]
    return (
        any(ch in t for t in texts for ch in "<>&")
        or any(t.startswith("[") for t in texts)
        # GIFT readers (gift-pegjs among them) take "=%50%…" as a weight even after "="
        or any(o.startswith("%") for o in q.options)
    )


class _Writer:
    """Writes one question's texts in the question's text format (plain Moodle text or HTML)."""

    def __init__(self, html: bool):
        self.html = html

    def text(self, text: str) -> str:
        if self.html:
            markup = text_to_html(text)
            if text.startswith(("[", "%")):  # not a format name, not a weight
                markup = {"[": "&#91;", "%": "&#37;"}[text[0]] + markup[1:]
            return gift_escape(markup)
        return gift_escape(text)


# Moodle's GIFT import skips a [tag:…] holding < or >; full-width ＜＞ keep the tag readable.
_TAG_BRACKETS = str.maketrans({"<": "＜", ">": "＞"})


def gift_tag(tag: str) -> str:
    return tag.translate(_TAG_BRACKETS).replace("]", "\\]")


def _comment(q: Question) -> str:
    parts = [f"[id:{q.id}]"] + ["[tag:" + gift_tag(t) + "]" for t in q.tags]
    return "// " + " ".join(parts)


def _tag_changes(q: Question) -> list[Problem]:
    return [
        exported_with_change(
            q.ref,
            f"tag {t!r} written as {t.translate(_TAG_BRACKETS)!r}: Moodle drops tags with < or >",
        )
        for t in q.tags
        if t != t.translate(_TAG_BRACKETS)
    ]


def _choice_lines(q: Question, w: _Writer) -> list[str]:
    lines = []
    if q.type == "single":
        for i, option in enumerate(q.options):
            text = w.text(option)
            if i in q.correct:
                lines.append("\t=" + text)
            else:  # an option starting "%5%" would read as a weight; an explicit %0% prevents that
                lines.append("\t~" + ("%0%" if text.startswith("%") else "") + text)
    else:
        for option, grade in zip(
            q.options, multiple_choice_grades(len(q.options), q.correct), strict=True
        ):
            lines.append(f"\t~%{grade}%" + w.text(option))
    return lines


def _ordering_unsafe(q: Question) -> str:
    """The first character an item holds that the ordering type's GIFT syntax cannot carry."""
    return next((ch for item in q.options for ch in item if ch in _ORDERING_UNSAFE), "")


def _ordering_gift(q: Question) -> str:
    """``{>4 ALL VERTICAL ABSOLUTE_POSITION SHOW none`` and the items in order, one a line."""
    w = _Writer(any(ch in t for t in (q.stem, q.explanation) for ch in "<>&"))
    head = _comment(q) + "\n" + f"::{gift_escape(q.id)}::" + ("[html]" if w.html else "")
    lines = [f">{len(q.sequence)} ALL VERTICAL ABSOLUTE_POSITION SHOW none"]
    lines += [q.options[i] for i in q.sequence]
    if q.explanation:
        lines.append("####" + w.text(q.explanation))
    return head + w.text(q.stem) + "{" + "\n".join(lines) + "\n}\n"


def _order_warnings(questions, order_as: str) -> list[Problem]:
    if order_as == OMIT:
        return []
    orders = [q for q in questions if q.type == "order"]
    if order_as == MULTICHOICE:
        why = "GIFT has no ordering question"
        hint = " (--order-as omit leaves it out; export --to moodle keeps it an ordering question)"
        return sequence_choice_warnings(orders, why, hint)
    warnings = []
    for q in orders:
        if unsafe := _ordering_unsafe(q):
            why = f"an item holds {unsafe!r}, which the ordering type's GIFT syntax cannot carry"
            warnings += sequence_choice_warnings([q], why)
        else:
            warnings.append(
                exported_with_change(
                    q.ref,
                    "written in the ordering type's own GIFT syntax ({>…}): only a Moodle with the "
                    "ordering type (4.4 on, or the plugin) reads it as one; other GIFT readers take "
                    "it as a short answer",
                )
            )
    return warnings


def question_gift(q: Question, order_as: str = MULTICHOICE) -> str | Problem:
    """The GIFT text of one question, or the reason it cannot be written."""
    if q.type == "order":
        if order_as == OMIT:
            return left_out(q.ref, "order questions are left out (--order-as omit)")
        if order_as == ORDERING and not _ordering_unsafe(q):
            return _ordering_gift(q)
        q = as_sequence_choice(q)
    w = _Writer(_needs_html(q))
    head = (
        _comment(q)
        + "\n"
        + f"::{gift_escape(q.id)}::"
        + ("[html]" if w.html else "")
        + w.text(q.stem)
    )
    feedback = q.explanation
    if q.type in ("single", "multiple"):
        if not q.correct:
            return left_out(
                q.ref, "a choice question without a correct option cannot be graded in Moodle"
            )
        body = _choice_lines(q, w)
    elif q.type == "judge":
        body = ["TRUE" if q.truth else "FALSE"]
    elif q.type == "fill":
        if len(q.blanks) != 1:
            return left_out(
                q.ref, f"GIFT holds one blank per question; this one has {len(q.blanks)}"
            )
        blank = q.blanks[0]
        if numeric_blank(blank.answers, blank.tolerance):
            tolerance = format_number(blank.tolerance or 0)
            body = ["#"] + [f"\t={a.strip()}:{tolerance}" for a in blank.answers]
        else:
            if any("->" in a for a in blank.answers):
                return left_out(
                    q.ref,
                    "an accepted answer contains '->', which Moodle would read as a matching question",
                )
            # short-answer variants are compared as plain text by Moodle, never as HTML
            body = [
                "\t=" + ("%100%" if a.startswith("%") else "") + gift_escape(literal_asterisk(a))
                for a in blank.answers
            ]
    elif q.type == "match":
        if len(q.pairs) < MIN_MATCHING_PAIRS:
            return left_out(
                q.ref,
                f"Moodle's matching type needs at least {MIN_MATCHING_PAIRS} pairs; this one has {len(q.pairs)}",
            )
        if any("->" in side for pair in q.pairs for side in pair):
            return left_out(q.ref, "a pair contains '->', which GIFT uses between the two sides")
        body = [f"\t={w.text(left)} -> {gift_escape(right)}" for left, right in q.pairs]
    elif q.type == "short":
        body = []
        if q.reference:
            feedback = (
                REFERENCE_LABEL
                + q.reference
                + (EXPLANATION_LABEL + q.explanation if q.explanation else "")
            )
    else:
        return left_out(q.ref, f"GIFT has no question type for {q.type!r}")
    if feedback:
        body.append("\t####" + w.text(feedback))
    if q.type == "judge" or (body and body[0] == "#"):
        first, rest = body[0], body[1:]
        return head + "{" + first + ("\n" + "\n".join(rest) + "\n" if rest else "") + "}\n"
    return head + "{" + ("\n" + "\n".join(body) + "\n" if body else "") + "}\n"


def render_gift(bank: Bank, order_as: str = MULTICHOICE) -> tuple[str, list[Problem]]:
    """The GIFT text for ``bank`` and the questions it had to leave out or change.

    ``order_as``: how order questions are written (ORDER_AS; see the module docstring).
    """
    title = " ".join(bank.title.split())
    parts = [
        f"// {title}\n// factquiz export\n$CATEGORY: $course$/top/{title.replace('/', '//') or 'factquiz'}\n"
    ]
    questions, problems = convert_each(bank.questions, lambda q: question_gift(q, order_as))
    problems += _order_warnings(bank.questions, order_as)
    problems += [p for q in bank.questions for p in _tag_changes(q)]
    return "\n".join(parts + questions), problems


def export_bank(bank: Bank, path: Path, order_as: str = MULTICHOICE) -> list[Problem]:
    """Write ``bank`` as GIFT to ``path`` (atomically); return the questions left out or changed."""
    text, problems = render_gift(bank, order_as)
    write_output(path, text)
    return problems
