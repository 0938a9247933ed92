"""Moodle XML: export a bank for Moodle's question-bank import (and read it back).

Format reference: Moodle docs "Moodle XML format" and question/format/xml in
Moodle's source. Mapping:

- single → multichoice (single=true; the right option 100, others 0)
- multiple → multichoice (single=false; right options share +100%, wrong ones −100%,
  with grades from Moodle's allowed list so the import is not refused)
- judge → truefalse
- fill, one blank → shortanswer (every accepted variant at 100%), or numerical
  when the blank is a number with a tolerance
- fill, several blanks → cloze (multianswer), each blank marker replaced by its code
- short → essay, the reference answer as grader information
- match → matching (a core type): one subquestion per pair, the left side as its
  text and the right side as its answer; Moodle shuffles the answers itself
- order → ordering (the ordering question type, part of Moodle since 4.4 and the
  qtype_ordering plugin before), written as that type's export_to_xml writes it:
  the items as <answer>s in the correct order (Moodle's import takes the order of
  the elements; fraction is the position, as the plugin writes it), every item
  shown (selecttype ALL, selectcount the number of items), each item right when
  in its place (ABSOLUTE_POSITION), <shownumcorrect>1</shownumcorrect>. What
  orders each item (``keys``) has no place there: Moodle keeps no text per item.
  ``order_as="multichoice"`` writes a single choice of sequences instead (for a
  Moodle without the ordering type; see order_choice.py), ``"omit"`` leaves
  order questions out; both with a warning per question

The explanation becomes the general feedback, tags become tags, the bank title
becomes the category ``$course$/top/<title>``. Question text is HTML inside
CDATA (format="html"), the bank's plain text HTML-escaped first.
"""

from __future__ import annotations

import re
from pathlib import Path

from factquiz.errors import Problem
from factquiz.interchange.moodle_read import import_bank, import_partial
from factquiz.interchange.order_choice import (
    MULTICHOICE,
    OMIT,
    ORDERING,
    as_sequence_choice,
    sequence_choice_warnings,
)
from factquiz.interchange.textfmt import (
    BLANK_MARK,
    convert_each,
    count_blanks,
    format_number,
    left_out,
    literal_asterisk,
    multiple_choice_grades,
    numeric_blank,
    text_to_html,
    write_output,
    xml_safe,
)
from factquiz.model import Bank, Blank, Question

__all__ = ["export_bank", "import_bank", "import_partial", "render_moodle_xml"]

ORDER_AS = (ORDERING, MULTICHOICE, OMIT)  # what order_as may be; ordering is the default
MIN_MATCHING_PAIRS = 3  # Moodle refuses a matching question with fewer answers
PENALTY = "0.3333333"  # Moodle's default penalty for a wrong try in adaptive mode


def cdata(text: str) -> str:
    """A CDATA section holding ``text``; a ``]]>`` inside is split across two sections."""
    return "<![CDATA[" + xml_safe(text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escape(text: str) -> str:
    """Text for an XML element or attribute without CDATA (ids: nothing Moodle trims)."""
    safe = xml_safe(text)
    return (
        safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _html_text(tag: str, text: str, indent: str) -> list[str]:
    """<tag format="html"><text><![CDATA[…]]></text></tag> with the plain text made HTML."""
    body = cdata(text_to_html(text)) if text else ""
    return [f'{indent}<{tag} format="html">', f"{indent}  <text>{body}</text>", f"{indent}</{tag}>"]


def _answer(
    fraction: str, text: str, indent: str, *, html: bool, extra: list[str] = ()
) -> list[str]:
    fmt = "html" if html else "moodle_auto_format"
    # CDATA for plain answers too: Moodle's XML reader drops the spaces between entities,
    # so an answer written "&lt; &gt;" would be stored as "<>"
    body = cdata(text_to_html(text) if html else text)
    return [
        f'{indent}<answer fraction="{fraction}" format="{fmt}">',
        f"{indent}  <text>{body}</text>",
        f'{indent}  <feedback format="html"><text></text></feedback>',
        *[f"{indent}  {line}" for line in extra],
        f"{indent}</answer>",
    ]


def _points(q: Question) -> str:
    return format_number(q.points)


def _head(
    q: Question, qtype: str, stem_html_text: str | None = None, grade: bool = True
) -> list[str]:
    lines = [
        f"  <!-- question: {re.sub('-(?=-)', '- ', q.id)} -->",
        f'  <question type="{qtype}">',
        f"    <name><text>{escape(q.id)}</text></name>",
    ]
    if stem_html_text is None:
        lines += _html_text("questiontext", q.stem, "    ")
    else:  # cloze: the stem with blank codes, already HTML
        lines += [
            '    <questiontext format="html">',
            f"      <text>{cdata(stem_html_text)}</text>",
            "    </questiontext>",
        ]
    lines += _html_text("generalfeedback", q.explanation, "    ")
    if grade:
        lines.append(f"    <defaultgrade>{_points(q)}</defaultgrade>")
    lines += [
        f"    <penalty>{'1' if qtype == 'truefalse' else PENALTY}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{escape(q.id)}</idnumber>",
    ]
    return lines


def _tail(q: Question) -> list[str]:
    lines = []
    if q.tags:
        lines.append("    <tags>")
        lines += [f"      <tag><text>{cdata(t)}</text></tag>" for t in q.tags]
        lines.append("    </tags>")
    return lines + ["  </question>", ""]


def _multichoice(q: Question) -> list[str]:
    single = q.type == "single"
    if single:
        grades = ["100" if i in q.correct else "0" for i in range(len(q.options))]
    else:
        grades = multiple_choice_grades(len(q.options), q.correct)
    lines = _head(q, "multichoice")
    lines += [
        f"    <single>{'true' if single else 'false'}</single>",
        f"    <shuffleanswers>{'true' if q.shuffle else 'false'}</shuffleanswers>",
        "    <answernumbering>ABCD</answernumbering>",
        "    <showstandardinstruction>0</showstandardinstruction>",
        '    <correctfeedback format="html"><text></text></correctfeedback>',
        '    <partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>',
        '    <incorrectfeedback format="html"><text></text></incorrectfeedback>',
    ]
    if not single:
        lines.append("    <shownumcorrect/>")
    for option, grade in zip(q.options, grades, strict=True):
        lines += _answer(grade, option, "    ", html=True)
    return lines + _tail(q)


def _truefalse(q: Question) -> list[str]:
    lines = _head(q, "truefalse")
    lines += _answer("100" if q.truth else "0", "true", "    ", html=False)
    lines += _answer("0" if q.truth else "100", "false", "    ", html=False)
    return lines + _tail(q)


def _single_blank(q: Question, blank: Blank) -> list[str]:
    if numeric_blank(blank.answers, blank.tolerance):
        lines = _head(q, "numerical")
        tolerance = format_number(blank.tolerance or 0)
        for answer in blank.answers:
            lines += _answer(
                "100",
                answer.strip(),
                "    ",
                html=False,
                extra=[f"<tolerance>{tolerance}</tolerance>"],
            )
        lines += [
            "    <unitgradingtype>0</unitgradingtype>",
            "    <unitpenalty>0.1000000</unitpenalty>",
            "    <showunits>3</showunits>",
            "    <unitsleft>0</unitsleft>",
        ]
        return lines + _tail(q)
    lines = _head(q, "shortanswer")
    lines.append("    <usecase>0</usecase>")
    for answer in blank.answers:
        lines += _answer("100", literal_asterisk(answer), "    ", html=False)
    return lines + _tail(q)


# Moodle's cloze parser (qtype_multianswer_extract_question in
# question/type/multianswer/questiontype.php) ends an answer at the first ~ # or }
# not preceded by "\\", "&" or "&amp;", HTML-decodes it, then turns only "\\}" into
# "}" and "\\#" into "#". A backslash before any other character stays in the
# stored answer, so "\\/" or "\\~" would make the answer wrong. Hence: } and #
# are backslashed, and ~ \\ & are written as numeric entities, which the parser
# neither splits on nor mistakes for the end of an answer (a plain "&amp;" just
# before } would hide the end).
_CLOZE_ANSWER_ENTITIES = {"&": "&#38;", "<": "&lt;", ">": "&gt;", "~": "&#126;", "\\": "&#92;"}
_CLOZE_ANSWER_BACKSLASHED = {"}": "\\}", "#": "\\#"}


def cloze_escape(text: str) -> str:
    """An answer inside a cloze code, written so that Moodle stores exactly ``text``."""
    out = []
    for ch in literal_asterisk(text):
        out.append(_CLOZE_ANSWER_ENTITIES.get(ch) or _CLOZE_ANSWER_BACKSLASHED.get(ch) or ch)
    # literal_asterisk's own backslash must stay a backslash: Moodle reads "\\*" as "*"
    return "".join(out).replace("&#92;*", "\\*")


# Text around the blanks must not look like a cloze code itself ({1:SHORTANSWER:=x}
# written in a stem would become one more blank); "{" as an entity still shows as "{".
def cloze_text(text: str) -> str:
    """Stem text between cloze codes: HTML, with every "{" as an entity."""
    return text_to_html(text).replace("{", "&#123;")


def cloze_code(blank: Blank) -> str:
    """{1:SHORTANSWER:=a~=b} or {1:NUMERICAL:=591:0} for one blank."""
    if numeric_blank(blank.answers, blank.tolerance):
        tolerance = format_number(blank.tolerance or 0)
        return "{1:NUMERICAL:" + "~".join(f"={a.strip()}:{tolerance}" for a in blank.answers) + "}"
    return "{1:SHORTANSWER:" + "~".join("=" + cloze_escape(a) for a in blank.answers) + "}"


def _cloze(q: Question) -> list[str]:
    pieces = BLANK_MARK.split(q.stem)
    stem_html = cloze_text(pieces[0])
    for blank, after in zip(q.blanks, pieces[1:], strict=True):
        stem_html += cloze_code(blank) + cloze_text(after)
    # a cloze question's grade is the sum of its blanks' weights (1 each), so no defaultgrade
    return _head(q, "cloze", stem_html, grade=False) + _tail(q)


_COMBINED_FEEDBACK = [
    '    <correctfeedback format="html"><text></text></correctfeedback>',
    '    <partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>',
    '    <incorrectfeedback format="html"><text></text></incorrectfeedback>',
]


def _matching(q: Question) -> list[str]:
    lines = _head(q, "matching")
    lines += [
        "    <shuffleanswers>true</shuffleanswers>",
        *_COMBINED_FEEDBACK,
        "    <shownumcorrect/>",
    ]
    for left, right in q.pairs:
        # the right side is plain text; CDATA, as Moodle's reader drops a space between entities
        lines += [
            '    <subquestion format="html">',
            f"      <text>{cdata(text_to_html(left))}</text>",
            f"      <answer><text>{cdata(right)}</text></answer>",
            "    </subquestion>",
        ]
    return lines + _tail(q)


def _ordering(q: Question) -> list[str]:
    lines = _head(q, "ordering")
    lines += [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        f"    <selectcount>{len(q.sequence)}</selectcount>",
        "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
        *_COMBINED_FEEDBACK,
        # the ordering type reads the value (an empty <shownumcorrect/> would mean 0)
        "    <shownumcorrect>1</shownumcorrect>",
    ]
    # the items in the correct order; fraction is the position (the plugin's own export does so)
    for position, index in enumerate(q.sequence, 1):
        lines += _answer(str(position), q.options[index], "    ", html=True)
    return lines + _tail(q)


def _essay(q: Question) -> list[str]:
    lines = _head(q, "essay")
    lines += [
        "    <responseformat>editor</responseformat>",
        "    <responserequired>1</responserequired>",
        "    <responsefieldlines>10</responsefieldlines>",
        "    <attachments>0</attachments>",
        "    <attachmentsrequired>0</attachmentsrequired>",
        *_html_text("graderinfo", q.reference, "    "),
        '    <responsetemplate format="html"><text></text></responsetemplate>',
    ]
    return lines + _tail(q)


def question_xml(q: Question, order_as: str = ORDERING) -> list[str] | Problem:
    """The <question> element for one question, or the reason it cannot be written."""
    if q.type in ("single", "multiple"):
        if not q.correct:
            return left_out(
                q.ref, "a choice question without a correct option cannot be graded in Moodle"
            )
        return _multichoice(q)
    if q.type == "judge":
        return _truefalse(q)
    if q.type == "fill":
        if len(q.blanks) == 1:
            return _single_blank(q, q.blanks[0])
        marks = count_blanks(q.stem)
        if marks != len(q.blanks):
            return left_out(
                q.ref,
                f"Moodle cloze needs one blank mark （ ） in the stem per answer; the stem has {marks}, the answer {len(q.blanks)}",
            )
        return _cloze(q)
    if q.type == "short":
        return _essay(q)
    if q.type == "match":
        if len(q.pairs) < MIN_MATCHING_PAIRS:
            return left_out(
                q.ref,
                f"Moodle's matching type needs at least {MIN_MATCHING_PAIRS} pairs; this one has {len(q.pairs)}",
            )
        return _matching(q)
    if q.type == "order":
        if order_as == OMIT:
            return left_out(q.ref, "order questions are left out (--order-as omit)")
        if order_as == MULTICHOICE:
            return _multichoice(as_sequence_choice(q))
        return _ordering(q)
    return left_out(q.ref, f"Moodle XML has no question type for {q.type!r}")


def category_path(title: str) -> str:
    """$course$/top/<title>; a "/" inside the title is doubled, Moodle's escape for it."""
    return "$course$/top/" + (title.replace("/", "//") or "factquiz")


def render_moodle_xml(bank: Bank, order_as: str = ORDERING) -> tuple[str, list[Problem]]:
    """The XML text for ``bank`` and the questions it had to leave out or change.

    ``order_as``: how order questions are written (ORDER_AS; see the module docstring).
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    lines += [
        '  <question type="category">',
        f"    <category><text>{cdata(category_path(bank.title))}</text></category>",
        '    <info format="html"><text></text></info>',
        "  </question>",
        "",
    ]
    questions, problems = convert_each(bank.questions, lambda q: question_xml(q, order_as))
    if order_as == MULTICHOICE:
        problems += sequence_choice_warnings(bank.questions, "--order-as multichoice")
    for question_lines in questions:
        lines += question_lines
    lines.append("</quiz>")
    return "\n".join(lines) + "\n", problems


def export_bank(bank: Bank, path: Path, order_as: str = ORDERING) -> list[Problem]:
    """Write ``bank`` as Moodle XML to ``path`` (atomically); return the questions left out or changed."""
    text, problems = render_moodle_xml(bank, order_as)
    write_output(path, text)
    return problems
