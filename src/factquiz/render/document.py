"""Build a PDF from flowables: A4 frames, the footer "第 1 页 共 N 页", the 密封线 strip, atomic byte-stable output.

Page totals are known only at the end, so the canvas keeps each page's
state and draws footers (and the binding strip, which goes on the first page
of each part) when the document is saved. A document may hold several parts
(the versions of a combined file); each part counts its own pages, started by
a ``PartStart`` flowable. For duplex printing a blank page follows a part
with an odd number of pages, so every part starts on a front side.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from factquiz.files import atomic_path
from factquiz.render.glyphs import draw_string, text_width
from factquiz.render.reuse import Seed
from factquiz.render.styles import (
    GREY,
    MARGIN_BINDING,
    MARGIN_BOTTOM,
    MARGIN_OUTER,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
)

# No timestamps or random ids in the file: the same input gives the same bytes.
rl_config.invariant = 1

BLANK_PAGE_NOTE = "（本页无试题）"
SEAL_WORDS = "密　封　线　内　不　要　答　题"


@dataclass(frozen=True)
class Part:
    """What a footer says for the pages of one part: left text ("A卷") and the kind ("参考答案")."""

    left: str = ""
    right: str = ""


@dataclass(frozen=True)
class PageLayout:
    """Where the text block sits and what the binding edge carries.

    ``fields``: the candidate fields (单位/姓名/考号…) written along the
    密封线 on the first page of each part; () with ``binding`` draws only the line.
    ``duplex``: pages alternate front and back, so the binding edge is on the
    right of even pages, and a combined file pads each part to an even count.
    """

    binding: bool = False
    fields: tuple[str, ...] = ()
    duplex: bool = True

    def left_margin(self, page: int) -> float:
        """The left margin of page ``page`` of a part (1 is a front side)."""
        if not self.binding:
            return MARGIN_X
        back = self.duplex and page % 2 == 0
        return MARGIN_OUTER if back else MARGIN_BINDING


class PartStart(Flowable):
    """Zero-size marker: the pages from here on belong to ``part`` (and number from 1)."""

    def __init__(self, part: Part):
        super().__init__()
        self.part = part
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self):
        self.canv._factquiz_parts.append(self.part)  # type: ignore[attr-defined]
        self.canv._factquiz_part_index = len(self.canv._factquiz_parts) - 1  # type: ignore[attr-defined]


Decorate = Callable[[Canvas, Part, int, int], None]


def _footer_canvas(
    decorate: Decorate, font: str, pad_parts: bool, charset: str = ""
) -> type[Canvas]:
    class FooterCanvas(Canvas):
        """Defers every page until save() so each footer can name its part's page count."""

        def __init__(self, *args, **kwargs):
            # Start in our own font: reportlab's default Helvetica would be listed,
            # unembedded, in every file even though nothing is set in it.
            if not kwargs.get("initialFontName"):
                kwargs["initialFontName"] = font
            super().__init__(*args, **kwargs)
            if charset:
                seed_subsets(self, font, charset)
            self._factquiz_pages: list[tuple[dict, int]] = []
            self._factquiz_parts: list[Part] = [Part()]
            self._factquiz_part_index = 0

        def showPage(self):  # noqa: N802
            self._factquiz_pages.append((dict(self.__dict__), self._factquiz_part_index))
            self._startPage()

        def save(self):
            totals: dict[int, int] = {}
            for _, part in self._factquiz_pages:
                totals[part] = totals.get(part, 0) + 1
            seen: dict[int, int] = {}
            parts = self._factquiz_parts
            pages = self._factquiz_pages
            for i, (state, part) in enumerate(pages):
                seen[part] = seen.get(part, 0) + 1
                self.__dict__.update(state)
                self._factquiz_parts = parts
                decorate(self, parts[part], seen[part], totals[part])
                Canvas.showPage(self)
                last_of_part = i + 1 == len(pages) or pages[i + 1][1] != part
                if pad_parts and last_of_part and i + 1 < len(pages) and totals[part] % 2:
                    self._blank_page()
            Canvas.save(self)

        def _blank_page(self):
            width, height = self._pagesize
            self.saveState()
            draw_string(self, width / 2, height / 2, BLANK_PAGE_NOTE, font, 9, "centre")
            self.restoreState()
            Canvas.showPage(self)

    return FooterCanvas


# (font, charset) → the font's code assignments right after seeding, copied into each document
_seeded: dict[tuple[str, str], object] = {}


def seed_subsets(canv: Canvas, font: str, charset: str) -> None:
    """Give ``charset`` its codes in ``font``'s subsets before anything is drawn.

    reportlab numbers a document's glyphs in the order it meets them, so
    shuffled versions would each embed a differently ordered subset of the
    same characters; seeded, they embed the same bytes, which the font
    builds once per process (fonts.load_font caches subsets).
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    face = pdfmetrics.getFont(font)
    if isinstance(face, TTFont):
        seeded = _seeded.get((font, charset))
        if seeded is None or canv._doc in face.state:
            face.splitString(charset, canv._doc)
            if len(_seeded) < 8:
                _seeded[(font, charset)] = _copy_state(face.state[canv._doc])
        else:  # the same charset as a version before: copy its codes rather than assign them again
            face.state[canv._doc] = _copy_state(seeded)
        # What render.reuse needs before it replays a drawing here: the characters whose
        # codes are now fixed (the charset, and ASCII, which reportlab assigns itself).
        codes = face.state[canv._doc].assignments
        chars = frozenset(chr(code) for code in codes)
        canv._factquiz_seed = Seed(font, charset, chars)  # type: ignore[attr-defined]


def _copy_state(state):
    """A copy of a TTFont's per-document state (its code assignments and subsets) to change freely."""
    twin = copy.copy(state)
    twin.assignments = dict(state.assignments)
    twin.subsets = [list(subset) for subset in state.subsets]
    return twin


def shorten(text: str, limit: float, font: str, size: float) -> str:
    """A title cut to fit ``limit`` points for a footer: whole bracketed parts dropped first, never cut inside one."""
    if text_width(text, font, size) <= limit:
        return text
    # Drop a trailing （…）, 《…》 or “…” group whole, then cut after a pause mark, then anywhere outside brackets.
    opening, closing = "（(《“〔【", "）)》”〕】"
    for cut in range(len(text) - 1, 0, -1):
        head = text[:cut].rstrip("：:，,、—　 ")
        depth = 0
        for ch in head:
            depth += ch in opening
            depth -= ch in closing
        if depth > 0 or not head:
            continue
        if text_width(head + "…", font, size) <= limit:
            return head + "…"
    return "…"


def standard_footer(font: str, layout: PageLayout | None = None) -> Decorate:
    layout = layout or PageLayout()

    def draw(canv: Canvas, part: Part, page: int, total: int) -> None:
        left = layout.left_margin(page)
        width = (
            canv._pagesize[0]
            - left
            - (MARGIN_BINDING + MARGIN_OUTER - left if layout.binding else MARGIN_X)
        )
        y = MARGIN_BOTTOM * 0.45
        canv.saveState()
        canv.setFillColor(GREY)
        middle = f"第 {page} 页  共 {total} 页"
        draw_string(canv, left + width / 2, y, middle, font, 9, "centre")
        side = (width - text_width(middle, font, 9)) / 2 - 12
        if part.left:
            draw_string(canv, left, y, part.left, font, 9)
        if part.right:
            title = shorten(part.right, side, font, 9)
            draw_string(canv, left + width, y, title, font, 9, "right")
        canv.restoreState()
        if layout.binding:
            draw_binding(canv, layout, page, font)

    return draw


def draw_binding(canv: Canvas, layout: PageLayout, page: int, font: str) -> None:
    """The 密封线 along the binding edge; on a part's first page with the candidate fields beside it.

    Text runs up the page (turned 90°), as on a printed 试卷: the candidate
    reads it with the sheet turned, the binder cuts along the dashed line.
    """
    width, height = canv._pagesize
    back = layout.duplex and page % 2 == 0
    line_x = width - 17 * mm if back else 17 * mm
    fields_x = width - 9 * mm if back else 9 * mm
    size = 9
    words_width = text_width(SEAL_WORDS, font, size)
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.setDash(3, 2)
    bottom, top = MARGIN_BOTTOM, height - MARGIN_TOP
    middle = (bottom + top) / 2
    canv.line(line_x, bottom, line_x, middle - words_width / 2 - 4)
    canv.line(line_x, middle + words_width / 2 + 4, line_x, top)
    canv.setDash()
    canv.setFillColor(RULE)
    _upright_text(canv, line_x, middle, SEAL_WORDS, font, size, back)
    if page == 1 and layout.fields:
        gap = (top - bottom) / len(layout.fields)
        for i, name in enumerate(layout.fields):
            # the first field is read first: lowest on a front page (text runs upwards)
            centre = bottom + gap * (i + 0.5) if not back else top - gap * (i + 0.5)
            label = f"{name}："
            label_width = text_width(label, font, 10)
            line_length = min(gap - label_width - 14, 45 * mm)
            canv.saveState()
            canv.translate(fields_x, centre)
            canv.rotate(-90 if back else 90)
            start = -(label_width + line_length) / 2
            draw_string(canv, start, -3.5, label, font, 10)
            canv.setLineWidth(0.6)
            canv.line(start + label_width, -5, start + label_width + line_length, -5)
            canv.restoreState()
    canv.restoreState()


def _upright_text(
    canv: Canvas, x: float, y: float, text: str, font: str, size: float, back: bool
) -> None:
    """``text`` centred on (x, y), running up the page (down it on a back side's right edge)."""
    canv.saveState()
    canv.translate(x, y)
    canv.rotate(-90 if back else 90)
    draw_string(canv, 0, -size * 0.35, text, font, size, "centre")
    canv.restoreState()


class BodyFrame(Frame):
    """A Frame that copies quickly.

    KeepTogether deep-copies the current frame each time it measures its
    content (reportlab's _listWrapOn), once per question; a frame holds only
    numbers and its list of backgrounds, so a shallow copy with its own list
    does the same at a fraction of the cost.
    """

    def __deepcopy__(self, memo):
        twin = copy.copy(self)
        twin._frameBGs = copy.deepcopy(self._frameBGs, memo)
        return twin


def _frames(layout: PageLayout, pagesize: tuple[float, float], page: int) -> list[Frame]:
    width, height = pagesize
    from factquiz.render.styles import CONTENT_WIDTH

    content = CONTENT_WIDTH if pagesize == A4 else width - 2 * MARGIN_X
    return [
        BodyFrame(layout.left_margin(page), MARGIN_BOTTOM, content, height - MARGIN_TOP - MARGIN_BOTTOM,
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    ]  # fmt: skip


class _MeasuredDoc(BaseDocTemplate):
    """Records how far down each page its text reached."""

    fills: list[float]

    def _setPageTemplate(self):  # noqa: N802 (reportlab's name)
        # reportlab follows autoNextPageTemplate by setting _nextPageTemplateIndex
        # and leaves it set, so the page after next repeats the template: front,
        # back, back, front, front… and page 3's text ran into the 密封线.
        automatic = not hasattr(self, "_nextPageTemplateCycle") and not hasattr(
            self, "_nextPageTemplateIndex"
        )
        super()._setPageTemplate()
        if automatic and hasattr(self, "_nextPageTemplateIndex"):
            del self._nextPageTemplateIndex

    def afterPage(self):  # noqa: N802 (reportlab's name)
        frame = self.frame
        top = frame._y1 + frame._height
        self.fills.append((top - frame._y) / frame._height if frame._height else 1.0)


def build_pdf(
    path: Path,
    flowables: Sequence[Flowable],
    font: str,
    *,
    title: str = "",
    subject: str = "",
    pagesize: tuple[float, float] = A4,
    frames: Callable[[tuple[float, float]], list[Frame]] | None = None,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
    footer: Decorate | None = None,
    layout: PageLayout | None = None,
    pad_parts: bool = False,
    charset: str = "",
    fills: list[float] | None = None,
) -> Path:
    """Lay out ``flowables`` into ``path`` atomically (a temp file renamed on success).

    ``layout`` places the text block of front and back pages (the parts'
    first pages use the "front" template: see ``part_break``); ``pad_parts``
    adds a blank page after a part of odd length, for duplex printing;
    ``charset`` is the text it will print, registered first (see seed_subsets);
    ``fills`` receives how full each page's text block is (0 … 1).
    """
    layout = layout or PageLayout()
    with atomic_path(path) as tmp:
        doc = _MeasuredDoc(
            str(tmp), pagesize=pagesize, title=title, subject=subject, author="", creator="factquiz",
            producer="factquiz (reportlab)", leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1,
        )  # fmt: skip
        draw = on_page or (lambda c, d: None)
        if frames is not None:
            templates = [
                PageTemplate(id="front", frames=frames(pagesize), onPage=draw, pagesize=pagesize)
            ]
        else:
            front = PageTemplate(id="front", frames=_frames(layout, pagesize, 1), onPage=draw,
                                 pagesize=pagesize, autoNextPageTemplate="back")  # fmt: skip
            back = PageTemplate(id="back", frames=_frames(layout, pagesize, 2), onPage=draw,
                                pagesize=pagesize, autoNextPageTemplate="front")  # fmt: skip
            templates = [front, back]
        doc.addPageTemplates(templates)
        doc.fills = fills if fills is not None else []
        decorate = footer or standard_footer(font, layout)
        doc.build(list(flowables), canvasmaker=_footer_canvas(decorate, font, pad_parts, charset))
    return path
