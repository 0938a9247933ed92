"""Order (排序题) and match (连线题) questions on paper and in the answer key.

An order question prints its items lettered like options, then a sequence
blank (正确顺序：＿＿→＿＿→＿＿) to write the letters in. A match question
prints two columns: the left items numbered ①②③ in stem order, each with a
bracket （　　） for the letter of its partner, and the right items lettered
A B C in the order the paper shuffled them (``Question.laid_out``).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from factquiz.model import CIRCLED, Question, letter
from factquiz.render.styles import Styles, rich
from factquiz.render.text import markup

SEQUENCE_SLOT = "＿＿＿"  # one letter's place in the sequence blank
ARROW = "→"


def sequence_blank(count: int, styles: Styles) -> Flowable:
    """ "正确顺序：＿＿＿→＿＿＿→＿＿＿", under the items, aligned with their letters."""
    return rich(markup("正确顺序：" + ARROW.join([SEQUENCE_SLOT] * count)), styles.question)


def match_columns(question: Question, styles: Styles, avail: float, box: str) -> Flowable:
    """The two columns of a laid-out match question; ``box`` is the markup after each left item."""
    indent = styles.question.leftIndent
    column = (avail - indent) / 2
    rows = []
    for i, ((left, _), right) in enumerate(zip(question.pairs, question.options, strict=True)):
        rows.append(
            [
                "",
                rich(markup(f"{CIRCLED[i]} {left}") + box, styles.cell),
                rich(markup(f"{letter(i)}．{right}"), styles.cell),
            ]
        )
    table = Table(rows, colWidths=[indent, column, column], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table
