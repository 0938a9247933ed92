"""The answer sheet (答题卡): one A4 page per version, bubbles for choice and judge questions, boxes for the rest.

Everything is placed by ``sheet_layout`` on a fixed grid measured from four
corner marks, so a later scan-and-grade step can find every bubble: the
layout (in points from the page's lower left corner) is written next to the
PDF as ``answer-sheet-A.json``. The candidate number (考号) is written in
boxes and bubbled digit by digit; the version is printed at the top and
bubbled in advance (试卷类型), so a scanner knows which key to grade with:
a bubble per version label for up to ``LABEL_BUBBLES`` versions, else the
version's number (1 for the first) as rows of digits 0–9.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from factquiz.files import atomic_path
from factquiz.model import letter
from factquiz.render.blocks import blank_number
from factquiz.render.glyphs import draw_string
from factquiz.render.layout import Version

PAGE_WIDTH, PAGE_HEIGHT = A4
CORNER = 6 * mm  # side of a corner mark
CORNER_INSET = 8 * mm
LEFT = 18 * mm
RIGHT = PAGE_WIDTH - 18 * mm
BUBBLE_W, BUBBLE_H = 5.2 * mm, 3.2 * mm
BUBBLE_GAP = 1.6 * mm
ROW = 5.4 * mm  # one question's row of bubbles
BLOCK = 5  # questions per block of bubbles
CANDIDATE_DIGITS = 8
CHOICE_TYPES = ("single", "multiple", "judge")
LABEL_BUBBLES = 8  # up to this many versions, one bubble per label (A B …); more are numbered


@dataclass(frozen=True)
class Mark:
    """One place on the sheet: a bubble, a writing box or a corner mark, with what it stands for."""

    kind: str  # "corner" | "bubble" | "box" | "digit" | "version"
    x: float
    y: float
    width: float
    height: float
    question: int = 0  # question number (0 for corners and the candidate number)
    value: str = ""  # the letter, √/×, blank number (①), digit or version the place stands for
    filled: bool = False  # printed filled in (the sheet's own version)


def _choice_values(question) -> list[str]:
    if question.type == "judge":
        return ["√", "×"]
    return [letter(i) for i in range(len(question.options))]


def version_marks(label: str, labels: Sequence[str], top: float, right: float) -> list[Mark]:
    """The 试卷类型 bubbles in a row ending at ``right`` below ``top``, the sheet's own filled in.

    Up to LABEL_BUBBLES versions: one bubble per label. More: the version's
    number (its place in ``labels``, from 1) a digit a row, each row 0–9.
    """
    if not label or label not in labels:
        return []
    pitch = BUBBLE_W + 1.2 * mm
    if len(labels) <= LABEL_BUBBLES:
        x0 = right - len(labels) * pitch
        y = top - BUBBLE_H
        return [
            Mark(
                "version", x0 + i * pitch + 0.6 * mm, y, BUBBLE_W, BUBBLE_H, 0, name, name == label
            )
            for i, name in enumerate(labels)
        ]
    digits = str(labels.index(label) + 1).zfill(len(str(len(labels))))
    x0 = right - 10 * pitch
    marks = []
    for row, digit in enumerate(digits):
        y = top - (row + 1) * (BUBBLE_H + 0.9 * mm)
        for n in range(10):
            x = x0 + n * pitch + 0.6 * mm
            marks.append(
                Mark("version", x, y, BUBBLE_W, BUBBLE_H, 0, f"{row + 1}:{n}", str(n) == digit)
            )
    return marks


def sheet_layout(version: Version, top: float, labels: Sequence[str] | None = None) -> list[Mark]:
    """Every mark of the sheet below ``top`` (points), in reading order.

    ``labels``: every version of the paper, in order (default: this one alone).
    """
    marks = [
        Mark("corner", x, y, CORNER, CORNER)
        for x, y in (
            (CORNER_INSET, PAGE_HEIGHT - CORNER_INSET - CORNER),
            (PAGE_WIDTH - CORNER_INSET - CORNER, PAGE_HEIGHT - CORNER_INSET - CORNER),
            (CORNER_INSET, CORNER_INSET),
            (PAGE_WIDTH - CORNER_INSET - CORNER, CORNER_INSET),
        )
    ]
    # 考号: a box per digit for writing, bubbles 0–9 beneath each
    digit_w = BUBBLE_W + 1.2 * mm
    x0 = RIGHT - CANDIDATE_DIGITS * digit_w
    for d in range(CANDIDATE_DIGITS):
        x = x0 + d * digit_w
        marks.append(Mark("box", x, top - 7 * mm, digit_w, 7 * mm, 0, f"digit{d + 1}"))
        for n in range(10):
            y = top - 7 * mm - (n + 1) * (BUBBLE_H + 0.9 * mm)
            marks.append(Mark("digit", x + 0.6 * mm, y, BUBBLE_W, BUBBLE_H, 0, f"{d + 1}:{n}"))
    y = top - 7 * mm - 10 * (BUBBLE_H + 0.9 * mm) - 3 * mm
    # 试卷类型 under the 考号 grid, filled in for this sheet's version
    if labels is None:
        labels = (version.label,) if version.label else ()
    kinds = version_marks(version.label, labels, y, RIGHT)
    marks += kinds
    y = (min(m.y for m in kinds) if kinds else y) - 7 * mm
    # choice and judge questions: blocks of five rows, three blocks across
    chosen = [(n, q) for n, q in version.numbered() if q.type in CHOICE_TYPES]
    block_width = (RIGHT - LEFT) / 3
    blocks = [chosen[i : i + BLOCK] for i in range(0, len(chosen), BLOCK)]
    for b, block in enumerate(blocks):
        column, band = b % 3, b // 3
        bx = LEFT + column * block_width + 9 * mm
        by = y - band * (BLOCK * ROW + 5 * mm)
        for r, (number, question) in enumerate(block):
            row_y = by - (r + 1) * ROW
            for k, value in enumerate(_choice_values(question)[:8]):
                bubble_x = bx + k * (BUBBLE_W + BUBBLE_GAP)
                marks.append(Mark("bubble", bubble_x, row_y, BUBBLE_W, BUBBLE_H, number, value))
    bands = (len(blocks) + 2) // 3
    y -= bands * (BLOCK * ROW + 5 * mm) + 4 * mm
    # fill, order and match questions: one writing box per blank (per answer otherwise)
    others = [
        (n, q) for n, q in version.numbered() if q.type not in CHOICE_TYPES and q.type != "short"
    ]
    box_h = 8 * mm
    width = RIGHT - LEFT
    for row, (number, question) in enumerate(others):
        count = max(1, len(question.blanks))
        for i in range(count):
            value = blank_number(i) if count > 1 else ""
            x = LEFT + i * width / count
            marks.append(Mark("box", x, y - (row + 1) * box_h, width / count, box_h, number, value))
    return marks


def _bubble(canv, mark: Mark, font: str) -> None:
    canv.roundRect(mark.x, mark.y, mark.width, mark.height, 1.2, stroke=1, fill=int(mark.filled))
    if not mark.filled:
        draw_string(
            canv,
            mark.x + mark.width / 2,
            mark.y + 0.8,
            mark.value.split(":")[-1],
            font,
            6.5,
            "centre",
        )


def render_answer_sheets(
    versions: Sequence[Version], title: str, font: str, out_dir: Path, fields: Sequence[str]
) -> list[Path]:
    """answer-sheet(-A).pdf and its layout (answer-sheet(-A).json) for each version."""
    from reportlab.pdfgen.canvas import Canvas

    written: list[Path] = []
    labels = [v.label for v in versions]
    for version in versions:
        stem = f"answer-sheet-{version.label}" if version.label else "answer-sheet"
        path = out_dir / f"{stem}.pdf"
        top = PAGE_HEIGHT - 40 * mm
        marks = sheet_layout(version, top, labels)
        with atomic_path(path) as tmp:
            canv = Canvas(str(tmp), pagesize=A4, invariant=1, initialFontName=font)
            canv.setTitle(f"{title} 答题卡")
            canv.setCreator("factquiz")
            canv.setProducer("factquiz (reportlab)")
            canv.setAuthor("")
            canv.setSubject("答题卡")
            _draw_sheet(canv, version, title, font, fields, marks, top)
            canv.showPage()
            canv.save()
        layout = out_dir / f"{stem}.json"
        with atomic_path(layout) as tmp:
            data = {
                "version": version.label,
                "page": [PAGE_WIDTH, PAGE_HEIGHT],
                "marks": [asdict(m) for m in marks],
            }
            Path(tmp).write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        written += [path, layout]
    return written


def _draw_sheet(
    canv, version: Version, title: str, font: str, fields, marks: list[Mark], top: float
) -> None:
    canv.setLineWidth(0.6)
    heading = f"{title}　答题卡"
    draw_string(canv, PAGE_WIDTH / 2, PAGE_HEIGHT - 20 * mm, heading, font, 15, "centre")
    if version.name:
        draw_string(
            canv,
            PAGE_WIDTH / 2,
            PAGE_HEIGHT - 27 * mm,
            f"试卷类型：{version.name}",
            font,
            11,
            "centre",
        )
    # candidate fields on the left, the 考号 grid on the right
    y = top - 6 * mm
    for name in fields:
        if name == "考号":
            continue
        draw_string(canv, LEFT, y, f"{name}：", font, 10.5)
        canv.line(LEFT + 14 * mm, y - 1.5, LEFT + 80 * mm, y - 1.5)
        y -= 10 * mm
    draw_string(canv, LEFT, y, "填涂要求：用2B铅笔将选中项涂满涂黑，修改时用橡皮擦干净。", font, 9)
    digit_boxes = [m for m in marks if m.kind == "box" and m.question == 0]
    if digit_boxes:
        draw_string(canv, digit_boxes[0].x - 2 * mm, top - 5 * mm, "考号", font, 10, "right")
    kinds = [m for m in marks if m.kind == "version"]
    if kinds:
        left = min(m.x for m in kinds) - 2 * mm
        draw_string(canv, left, kinds[0].y + 0.8, "试卷类型", font, 10, "right")
        if any(":" in m.value for m in kinds):  # numbered versions: say which number it is
            number = int("".join(m.value.split(":")[1] for m in kinds if m.filled))
            note = f"{version.name}＝第 {number} 套"
            draw_string(canv, left, kinds[0].y - 4 * mm, note, font, 8, "right")
    for mark in marks:
        if mark.kind == "corner":
            canv.rect(mark.x, mark.y, mark.width, mark.height, stroke=0, fill=1)
        elif mark.kind in ("digit", "version"):
            _bubble(canv, mark, font)
        elif mark.kind == "box" and mark.question == 0:
            canv.rect(mark.x, mark.y, mark.width, mark.height)
    # question bubbles with their numbers
    numbered = {}
    for mark in marks:
        if mark.kind == "bubble":
            numbered.setdefault(mark.question, mark)
            _bubble(canv, mark, font)
    for number, first in numbered.items():
        draw_string(canv, first.x - 1.5 * mm, first.y + 0.8, str(number), font, 8, "right")
    boxes = [m for m in marks if m.kind == "box" and m.question]
    if boxes:
        draw_string(
            canv,
            LEFT,
            boxes[0].y + boxes[0].height + 2 * mm,
            "非选择题（请在各题的答题区域内作答）",
            font,
            10,
        )
    for mark in boxes:
        canv.rect(mark.x, mark.y, mark.width, mark.height)
        draw_string(
            canv,
            mark.x + 1.5 * mm,
            mark.y + mark.height / 2 - 3,
            f"{mark.question}．{mark.value}",
            font,
            9,
        )
    short = [n for n, q in version.numbered() if q.type == "short"]
    if short:
        y = (boxes[-1].y if boxes else min(m.y for m in marks if m.kind != "corner")) - 8 * mm
        span = f"{short[0]}–{short[-1]}" if len(short) > 1 else str(short[0])
        draw_string(canv, LEFT, y, f"第 {span} 题（简答题）请在试卷上作答。", font, 9.5)
