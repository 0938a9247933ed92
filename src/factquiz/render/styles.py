"""Paragraph styles and small flowables shared by papers, keys, cards and scoresheets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from factquiz.render.text import CJKParagraph, markup

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
# With a 密封线 strip the binding edge takes the room the other edge gives up:
# the text block keeps its width, so a paper lays out the same with or without it.
MARGIN_BINDING = 27 * mm
MARGIN_OUTER = PAGE_WIDTH - CONTENT_WIDTH - MARGIN_BINDING

BODY_SIZE = 10.5  # 五号字, the size of Chinese exam paper body text
GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#eeeeee")
RULE = colors.HexColor("#333333")


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    facts: ParagraphStyle  # 考试时间 / 满分 under the title
    section: ParagraphStyle
    body: ParagraphStyle
    question: ParagraphStyle  # hanging number: bulletText is the number
    option: ParagraphStyle  # one option per line, hanging "A."
    note: ParagraphStyle  # instructions
    small: ParagraphStyle
    detail: ParagraphStyle  # answer, explanation and source under a question in the key
    source: ParagraphStyle  # the source sentence under a question in the key
    cell: ParagraphStyle
    cell_center: ParagraphStyle


def _style(name: str, font: str, size: float, leading: float, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK",
        bulletFontName=font, bulletFontSize=size, alignment=kw.pop("alignment", TA_LEFT), **kw,
    )  # fmt: skip


def _hanging(
    name: str, font: str, size: float, spacing: float, indent: float, **kw
) -> ParagraphStyle:
    """A justified paragraph under a question whose four-character label (【答案】) hangs in the margin."""
    return _style(
        name, font, size, size * spacing, leftIndent=indent + size * 4, firstLineIndent=-size * 4,
        alignment=TA_JUSTIFY, **kw,
    )  # fmt: skip


@lru_cache(maxsize=8)
def make_styles(font: str, scale: float = 1.0, compact: bool = False) -> Styles:
    """Styles for a font; ``scale`` enlarges everything (host cue cards).

    ``compact`` sets lines and questions a little closer, for a paper whose
    last page would otherwise hold one question (see papers._Job).
    """
    s = BODY_SIZE * scale
    line = 1.5 if compact else 1.65
    before = 1.5 if compact else 4
    return Styles(
        font=font,
        title=_style("title", font, 18 * scale, 26 * scale, alignment=TA_CENTER),
        subtitle=_style(
            "subtitle", font, 12 * scale, 18 * scale, alignment=TA_CENTER, textColor=GREY
        ),
        facts=_style("facts", font, 10.5 * scale, 16 * scale, alignment=TA_CENTER),
        section=_style(
            "section", font, 12 * scale, 18 * scale, spaceBefore=8 * scale, spaceAfter=3 * scale
        ),
        # running text is justified (两端对齐): CJKParagraph spreads a line's characters
        body=_style("body", font, s, s * line, alignment=TA_JUSTIFY),
        question=_style(
            "question",
            font,
            s,
            s * line,
            leftIndent=s * 2.0,
            bulletIndent=0,
            spaceBefore=before * scale,
            alignment=TA_JUSTIFY,
        ),
        option=_style(
            "option",
            font,
            s,
            s * (line - 0.05),
            leftIndent=s * 3.5,
            bulletIndent=s * 2.0,
            alignment=TA_JUSTIFY,
        ),
        note=_style(
            "note",
            font,
            9.5 * scale,
            9.5 * scale * 1.6,
            leftIndent=9.5 * scale * 2.2,
            bulletIndent=0,
            alignment=TA_JUSTIFY,
        ),
        small=_style("small", font, 9 * scale, 9 * scale * 1.55, textColor=GREY),
        # "【答案】" hangs: wrapped lines align with the text after it
        detail=_hanging("detail", font, 9.5 * scale, 1.55, s * 2.0),
        # 【出处】: smaller and grey, so a long source sentence does not bury the answer
        source=_hanging("source", font, 8.5 * scale, 1.5, s * 2.0, textColor=GREY),
        cell=_style("cell", font, s, s * 1.4),
        cell_center=_style("cell_center", font, s, s * 1.4, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle, bullet: str | None = None) -> CJKParagraph:
    """A paragraph of plain text (escaped: bank text is never markup)."""
    return CJKParagraph(markup(text), style, bulletText=bullet)


def rich(markup_text: str, style: ParagraphStyle, bullet: str | None = None) -> CJKParagraph:
    """A paragraph of markup we built ourselves; every piece of bank text in it must come from markup()."""
    return CJKParagraph(markup_text, style, bulletText=bullet)


class Bold(Flowable):
    """Draw a flowable in faux bold (fill + thin stroke).

    Chinese system fonts rarely come with a bold face; exam paper titles and
    section headings are bold, so we stroke the outlines (text render mode 2,
    which stays in force inside reportlab's text objects until restoreState).
    """

    def __init__(self, inner: Flowable, weight: float = 0.35):
        super().__init__()
        self.inner = inner
        self.weight = weight

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.inner.getSpaceAfter()

    def split(self, availWidth, availHeight):  # noqa: N803
        return [Bold(part, self.weight) for part in self.inner.split(availWidth, availHeight)]

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setLineWidth(self.weight)
        canv.addLiteral("2 Tr")
        self.inner.drawOn(canv, 0, 0)
        canv.restoreState()


class Lines(Flowable):
    """Ruled answer lines (简答题)."""

    def __init__(self, count: int, spacing: float, indent: float = 0):
        super().__init__()
        self.count = count
        self.spacing = spacing
        self.indent = indent

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        self.height = self.count * self.spacing + 4
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(colors.HexColor("#888888"))
        canv.setLineWidth(0.5)
        for k in range(self.count):
            y = self.height - (k + 1) * self.spacing
            canv.line(self.indent, y, self.width, y)
        canv.restoreState()
