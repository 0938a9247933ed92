"""Build a PDF from flowables: A4 frames, the footer "第 1 页 共 N 页" and atomic, byte-stable output.

Page totals are known only at the end, so the canvas keeps each page's
state and draws the footers when the document is saved. A document may hold
several parts (the versions of a combined file); each part counts its own
pages, started by a ``PartStart`` flowable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from factquiz.files import atomic_path
from factquiz.render.styles import GREY, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X

# No timestamps or random ids in the file: the same input gives the same bytes.
rl_config.invariant = 1


@dataclass(frozen=True)
class Part:
    """What a footer says for the pages of one part: left text ("A卷") and the kind ("参考答案")."""

    left: str = ""
    right: str = ""


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


def _footer_canvas(footer: Callable[[Canvas, Part, int, int], None]) -> type[Canvas]:
    class FooterCanvas(Canvas):
        """Defers every page until save() so each footer can name its part's page count."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
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
            for state, part in self._factquiz_pages:
                seen[part] = seen.get(part, 0) + 1
                parts = self._factquiz_parts
                self.__dict__.update(state)
                self._factquiz_parts = parts
                footer(self, parts[part], seen[part], totals[part])
                Canvas.showPage(self)
            Canvas.save(self)

    return FooterCanvas


def shorten(text: str, limit: int) -> str:
    """A long title cut to ``limit`` characters with an ellipsis, for footers."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def standard_footer(font: str) -> Callable[[Canvas, Part, int, int], None]:
    def draw(canv: Canvas, part: Part, page: int, total: int) -> None:
        width, _ = canv._pagesize
        y = MARGIN_BOTTOM * 0.45
        canv.saveState()
        canv.setFont(font, 9)
        canv.setFillColor(GREY)
        canv.drawCentredString(width / 2, y, f"第 {page} 页  共 {total} 页")
        if part.left:
            canv.drawString(MARGIN_X, y, part.left)
        if part.right:
            canv.drawRightString(width - MARGIN_X, y, shorten(part.right, 22))
        canv.restoreState()

    return draw


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
    footer: Callable[[Canvas, Part, int, int], None] | None = None,
) -> Path:
    """Lay out ``flowables`` into ``path`` atomically (a temp file renamed on success)."""
    width, height = pagesize
    if frames is None:
        frame_list = [
            Frame(MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        ]  # fmt: skip
    else:
        frame_list = frames(pagesize)
    with atomic_path(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=pagesize, title=title, subject=subject, author="", creator="factquiz",
            producer="factquiz (reportlab)", leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1,
        )  # fmt: skip
        template = PageTemplate(
            id="page", frames=frame_list, onPage=on_page or (lambda c, d: None), pagesize=pagesize
        )
        doc.addPageTemplates([template])
        doc.build(list(flowables), canvasmaker=_footer_canvas(footer or standard_footer(font)))
    return path
