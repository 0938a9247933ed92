"""Host cue cards (主持人题卡): one question per half page in large type, with its answer, in reading order.

A4 portrait, two cards a page with a dashed cut line between them. A card
that does not fit its half page is set in smaller type, but never below
``MIN_SCALE`` (about 12 pt, readable at arm's length); a question longer than
that continues on the next card.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, FrameBreak, KeepInFrame, Spacer
from reportlab.platypus.flowables import SetTopFlowables

from factquiz.model import CIRCLED, Question
from factquiz.render.blocks import option_label
from factquiz.render.document import Part, PartStart, build_pdf
from factquiz.render.fonts import FontChoice
from factquiz.render.key import answer_line
from factquiz.render.layout import format_points
from factquiz.render.styles import GREY, Bold, make_styles, para, rich
from factquiz.render.text import markup

CARD_MARGIN = 14 * mm
CARD_SCALE = 1.75  # body 10.5 pt → about 18 pt: readable at arm's length
MIN_SCALE = 1.15  # body about 12 pt: the smallest a host reads from a card held at arm's length
_SCALES = (CARD_SCALE, 1.5, 1.3, MIN_SCALE)


def round_of(question: Question, rounds: Sequence[str]) -> str:
    """The round a question belongs to: a tag naming one of ``rounds`` (必答题…), else its type (单项选择题)."""
    for tag in question.tags:
        if tag in rounds:
            return tag
    return question.type_name


def card_flowables(
    number: int,
    total: int,
    question: Question,
    rounds: Sequence[str],
    font: str,
    scale: float = CARD_SCALE,
) -> list[Flowable]:
    big = make_styles(font, scale)
    normal = make_styles(font, max(1.0, scale * 0.66))
    out = card_heading(number, card_facts(total, question, rounds), font, scale)
    out.append(para(question.stem, big.body))
    question = question.laid_out()  # a match question: its right column as the host shows it
    if question.type == "match":
        out += [
            para(left, big.option, bullet=CIRCLED[i]) for i, (left, _) in enumerate(question.pairs)
        ]
        out.append(Spacer(1, 4))
    if question.options:
        out += [para(o, big.option, bullet=option_label(i)) for i, o in enumerate(question.options)]
    out.append(Spacer(1, 6))
    out.append(Bold(rich(markup("答案：" + answer_line(question)), big.body), 0.4))
    if question.explanation:
        out.append(para("解析：" + question.explanation, normal.body))
    if question.source:
        out.append(para("出处：" + question.source, normal.small))
    out.append(para(question.ref, normal.small))
    return out


def card_facts(total: int, question: Question, rounds: Sequence[str]) -> list[str]:
    """What the heading says beside the number: round, type, points, time limit, count."""
    facts = [round_of(question, rounds), question.type_name, f"{format_points(question.points)} 分",
             f"限时 {question.time_limit} 秒", f"共 {total} 题"]  # fmt: skip
    return list(dict.fromkeys(facts))  # the round may be the type itself


def card_heading(
    number: int, facts: Sequence[str], font: str, scale: float, continued: bool = False
) -> list[Flowable]:
    """ "第 3 题　　必答题　|　10 分…" and a rule; "第 3 题（续）" at the top of a card it runs onto."""
    big = make_styles(font, scale)
    normal = make_styles(font, max(1.0, scale * 0.66))
    name = f"第 {number} 题（续）" if continued else f"第 {number} 题"
    head = f'<font size="{big.body.fontSize * 1.1:.1f}">{markup(name)}</font>　　' + markup(
        "　|　".join(facts)
    )
    return [Bold(rich(head, normal.body), 0.3), Spacer(1, 3), CardRule(), Spacer(1, 6)]


def content_height(flowables: Sequence[Flowable], width: float) -> float:
    """Height of flowables stacked in a frame ``width`` wide, spaces between them included."""
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(width, 10_000)
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


def fitted_card(
    number: int,
    total: int,
    question: Question,
    rounds: Sequence[str],
    font: str,
    width: float,
    height: float,
) -> list[Flowable]:
    """The card at the largest type size that fits its half page; at ``MIN_SCALE`` it may run onto the next card."""
    for scale in _SCALES:
        content = card_flowables(number, total, question, rounds, font, scale)
        if content_height(content, width) <= height:
            return [KeepInFrame(width, height, content, mode="shrink")]
    # Flows on to the next card rather than shrinking below MIN_SCALE; every card
    # it runs onto starts with "第 N 题（续）", so a host who shuffles them sees it.
    continued = card_heading(number, card_facts(total, question, rounds), font, scale, True)
    return [SetTopFlowables(continued), *content, SetTopFlowables([])]


class CardRule(Flowable):
    """A rule under the card's heading."""

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width, self.height = availWidth, 4
        return self.width, self.height

    def draw(self):
        self.canv.setStrokeColor(GREY)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 2, self.width, 2)


def _half_page_frames(pagesize: tuple[float, float]) -> list[Frame]:
    width, height = pagesize
    half = height / 2
    # a page margin outside, 0.6 of one each side of the cut line
    card_height = half - 1.6 * CARD_MARGIN
    return [
        Frame(CARD_MARGIN, half + 0.6 * CARD_MARGIN, width - 2 * CARD_MARGIN, card_height, id=f"card-{i}",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        if i == 0 else
        Frame(CARD_MARGIN, CARD_MARGIN, width - 2 * CARD_MARGIN, card_height, id=f"card-{i}",
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        for i in range(2)
    ]  # fmt: skip


def _cut_line(canv: Canvas, doc) -> None:
    width, height = canv._pagesize
    canv.saveState()
    canv.setStrokeColor(GREY)
    canv.setLineWidth(0.4)
    canv.setDash(4, 3)
    canv.line(8 * mm, height / 2, width - 8 * mm, height / 2)
    canv.restoreState()


def _card_footer(font: str):
    def draw(canv: Canvas, part: Part, page: int, total: int) -> None:
        width, _ = canv._pagesize
        canv.saveState()
        canv.setFont(font, 8)
        canv.setFillColor(GREY)
        canv.drawRightString(
            width - CARD_MARGIN, 6 * mm, f"{part.right}　主持人题卡　第 {page} 页 共 {total} 页"
        )
        canv.restoreState()

    return draw


def render_cards(
    questions: Sequence[Question],
    title: str,
    font: FontChoice,
    path: Path,
    rounds: Sequence[str] = (),
) -> Path:
    """Write the cue cards of ``questions`` (in the order given) to ``path``."""
    frames = _half_page_frames(A4)
    width, height = frames[0]._width, frames[0]._height
    flowables: list[Flowable] = []
    for number, question in enumerate(questions, 1):
        flowables += fitted_card(number, len(questions), question, rounds, font.name, width, height)
        flowables.append(FrameBreak())
    return build_pdf(
        path, [PartStart(Part(right=title)), *flowables[:-1]], font.name, title=title, subject="主持人题卡",
        frames=_half_page_frames, on_page=_cut_line, footer=_card_footer(font.name),
    )  # fmt: skip
