"""The pieces of a question as it appears on paper: stem, options, blanks, brackets, answer lines."""

from __future__ import annotations

import math
import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from factquiz.model import Question, letter
from factquiz.render.glyphs import draw_string, text_width
from factquiz.render.layout import ANSWER_BRACKET, format_points, split_blanks
from factquiz.render.order_match import match_columns, sequence_blank
from factquiz.render.styles import Lines, Styles, para, rich
from factquiz.render.text import CJKParagraph, markup

OPTION_GAP = 1.5  # ems between options laid out across


def one_line(text: str) -> str:
    """Options and cells drawn on one line: collapse line breaks and runs of spaces."""
    return re.sub(r"\s+", " ", text).strip()


def number_label(number: int) -> str:
    return f"{number}."


def points_note(question: Question, uniform: bool) -> str:
    """ "（3分）" before a stem when a section mixes points, else ""."""
    return "" if uniform else f"（{format_points(question.points)}分）"


FILL_LINE = "＿"  # U+FF3F fullwidth low line: a run of them is the line a candidate writes on


def space(ems: int) -> str:
    """Markup for blank space ``ems`` wide: ideographic spaces written as character references.

    reportlab collapses runs of spaces, ideographic ones (U+3000) included,
    before it parses the markup, so literal spaces cannot make a blank;
    references survive, and U+3000 is in every Chinese font, including the
    built-in STSong-Light (which has no no-break space). Our line breaker
    never breaks next to U+3000, so a bracket stays in one piece.
    """
    return "&#x3000;" * max(1, ems)


def fill_line(ems: int) -> str:
    """The line for a fill blank, ``ems`` wide.

    Fullwidth low lines rather than underlined spaces: reportlab ends an
    underline before trailing spaces, which would shorten every blank by one
    em; U+FF3F is in every Chinese font and joins into one line.
    """
    return FILL_LINE * max(1, ems)


def answer_box() -> str:
    """Markup for the bracket （　　） a candidate writes a letter or √/× into."""
    return "（" + space(2) + "）"


def choice_stem(stem: str, box: str) -> str:
    """Markup of the stem with one answer bracket: an existing （ ） becomes ``box`` (markup), else ``box`` is added at the end."""
    match = ANSWER_BRACKET.search(stem)
    if match is None:
        return markup(stem) + box
    return markup(stem[: match.start()]) + box + markup(stem[match.end() :])


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def blank_number(index: int) -> str:
    """ "①" for the first blank … "⑩", then "(11)": every Chinese font has ① to ⑩."""
    return CIRCLED[index] if index < len(CIRCLED) else f"({index + 1})"


def blank_width_ems(questions, font: str) -> int:
    """One length for every blank of a section: six ems, longer when some answer needs it.

    The same for all blanks, so a short line does not give away a short answer.
    """
    longest = max(
        (
            stringWidth(a, font, 10) / 10
            for q in questions
            for blank in q.blanks
            for a in blank.answers
        ),
        default=0,
    )
    return max(6, min(16, math.ceil(longest) + 2))


def fill_stem_markup(question: Question, ems: int) -> str:
    """The stem with each blank as a line to write on, numbered ①② in stem order when there are several.

    Adjacent blanks stay apart: each line has its number or a space before it.
    """
    pieces = split_blanks(question.stem, len(question.blanks))
    several = len(question.blanks) > 1
    out = [markup(pieces[0])]
    for i, piece in enumerate(pieces[1:]):
        if several:
            out.append(blank_number(i))
        out.append(fill_line(ems))
        if several and i + 1 < len(pieces) - 1 and not piece.strip():
            out.append(space(1))  # two blanks side by side: a gap between their lines
        out.append(markup(piece))
    return "".join(out)


def short_answer_lines(question: Question) -> int:
    """Ruled lines for a short answer: from its points (one line per two points), never from the answer's length."""
    return max(3, min(14, math.ceil(question.points / 2) + 1))


class OptionGrid(Flowable):
    """Options laid out across: 4 or 2 per row (or 3 for six), each known to fit on one line."""

    def __init__(
        self,
        options: list[str],
        columns: int,
        font: str,
        size: float,
        leading: float,
        indent: float,
    ):
        super().__init__()
        self.options = options
        self.columns = columns
        self.font = font
        self.size = size
        self.leading = leading
        self.indent = indent

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        self.height = math.ceil(len(self.options) / self.columns) * self.leading
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.setFont(self.font, self.size)
        column_width = (self.width - self.indent) / self.columns
        for i, text in enumerate(self.options):
            row, col = divmod(i, self.columns)
            x = self.indent + col * column_width
            baseline = self.height - row * self.leading - self.leading / 2 - self.size * 0.35
            draw_string(canv, x, baseline, text, self.font, self.size)


def option_label(index: int) -> str:
    """ "A．": the letter and a fullwidth full stop, as Chinese papers print options."""
    return f"{letter(index)}．"


def option_columns(labelled: list[str], font: str, size: float, avail: float) -> int:
    """How many options fit across: 4, 3 (for six), 2 or 1, by measured width."""
    widest = max(text_width(t, font, size) for t in labelled) + OPTION_GAP * size
    order = (3, 2) if len(labelled) == 6 else (4, 2)  # six options read better as 2 rows of 3
    for columns in order:
        if widest <= avail / columns:
            return columns
    return 1


def option_flowables(question: Question, styles: Styles, avail: float) -> list[Flowable]:
    labelled = [f"{option_label(i)}{one_line(o)}" for i, o in enumerate(question.options)]
    style = styles.option
    columns = option_columns(labelled, styles.font, style.fontSize, avail - style.bulletIndent)
    if columns == 1:
        return [para(o, style, bullet=option_label(i)) for i, o in enumerate(question.options)]
    return [
        OptionGrid(
            labelled, columns, styles.font, style.fontSize, style.leading, style.bulletIndent
        )
    ]


class BracketAtLineEnd(Flowable):
    """A paragraph with a bracket （　　） set flush right on its last line (判断题)."""

    def __init__(self, paragraph: CJKParagraph, bracket: CJKParagraph):
        super().__init__()
        self.paragraph = paragraph
        self.bracket = bracket

    def wrap(self, availWidth, availHeight):  # noqa: N803
        style = self.bracket.style
        bracket_width = stringWidth("（\u3000\u3000）", style.fontName, style.fontSize) + 2
        self._bracket_width = bracket_width
        _, h1 = self.paragraph.wrap(availWidth - bracket_width - 6, availHeight)
        _, h2 = self.bracket.wrap(bracket_width, availHeight)
        self.width, self.height = availWidth, max(h1, h2)
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802
        return self.paragraph.getSpaceBefore()

    def split(self, availWidth, availHeight):  # noqa: N803
        """A stem longer than a page: its first part alone, the bracket stays with the last line."""
        self.wrap(availWidth, availHeight)
        parts = self.paragraph.split(availWidth - self._bracket_width - 6, availHeight)
        if len(parts) < 2:
            return []
        return [parts[0], BracketAtLineEnd(parts[1], self.bracket)]

    def draw(self):
        self.paragraph.drawOn(self.canv, 0, self.height - self.paragraph.height)
        self.bracket.drawOn(self.canv, self.width - self._bracket_width, 0)


def question_flowables(
    number: int, question: Question, styles: Styles, avail: float, uniform: bool, blank_ems: int = 6
) -> list[Flowable]:
    """A question as printed on the paper (no answer); ``blank_ems`` is the length of its section's fill lines."""
    bullet = number_label(number)
    note = markup(points_note(question, uniform))
    if question.type in ("single", "multiple"):
        stem = rich(
            note + choice_stem(question.stem, answer_box()),
            styles.question,
            bullet,
        )
        return [stem, *option_flowables(question, styles, avail)]
    if question.type == "judge":
        stem = rich(note + markup(question.stem), styles.question, bullet)
        return [BracketAtLineEnd(stem, rich(answer_box(), styles.body))]
    if question.type == "fill":
        return [rich(note + fill_stem_markup(question, blank_ems), styles.question, bullet)]
    if question.type == "order":
        stem = rich(note + markup(question.stem), styles.question, bullet)
        options = option_flowables(question, styles, avail)
        return [stem, *options, sequence_blank(len(question.options), styles)]
    if question.type == "match":
        stem = rich(note + markup(question.stem), styles.question, bullet)
        return [stem, match_columns(question.laid_out(), styles, avail, answer_box())]
    # short answer (and any type this renderer does not know): ruled lines sized by the points
    stem = rich(note + markup(question.stem), styles.question, bullet)
    lines = short_answer_lines(question)
    return [stem, Lines(lines, styles.body.leading * 1.35, indent=styles.question.leftIndent)]
