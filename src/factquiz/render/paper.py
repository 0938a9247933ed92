"""The exam paper (试卷): header, candidate fields, score table, instructions and the sections."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from factquiz.render.blocks import blank_width_ems, question_flowables
from factquiz.render.layout import CHINESE_NUMERALS, Section, Version, format_points
from factquiz.render.styles import CONTENT_WIDTH, LIGHT, RULE, Bold, Styles, para, rich
from factquiz.render.text import balanced_title

SCORE_BOX_WIDTH = 84  # 得分 | 评卷人 beside each section heading


@dataclass(frozen=True)
class PaperLook:
    """The conventions a school may or may not want on its paper (see PaperOptions)."""

    fields: tuple[str, ...] = ("单位", "姓名", "考号")  # candidate fields
    binding: bool = True  # fields in the 密封线 strip (else boxes under the title)
    score_boxes: bool = True  # 得分/评卷人 at each section
    minutes: int | None = 60  # 考试时间 under the title; None leaves it out
    headings: object = (
        None  # compiled paper/section.j2 (render.instructions); None: a plain heading
    )


def header_flowables(
    title: str, subtitle: str, version: Version, styles: Styles, minutes: int | None = None
) -> list[Flowable]:
    """Title (long ones on two balanced lines), subtitle with the version, 考试时间 and 满分."""
    out: list[Flowable] = [Bold(rich(balanced_title(title, styles.title), styles.title))]
    line = "　".join(x for x in (subtitle, f"（{version.name}）" if version.name else "") if x)
    if line:
        out.append(para(line, styles.subtitle))
    facts = [f"考试时间：{minutes}分钟"] if minutes else []
    facts.append(f"满分：{format_points(version.total_points)}分")
    out.append(para("　　".join(facts), styles.facts))
    out.append(Spacer(1, 6))
    return out


def _grid(
    rows: list[list],
    widths: list[float],
    styles: Styles,
    shaded_columns=(),
    shaded_rows=(),
    height=None,
) -> Table:
    table = Table(rows, colWidths=widths, rowHeights=height)
    commands = [
        ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for c in shaded_columns:
        commands.append(("BACKGROUND", (c, 0), (c, -1), LIGHT))
    for r in shaded_rows:
        commands.append(("BACKGROUND", (0, r), (-1, r), LIGHT))
    table.setStyle(TableStyle(commands))
    return table


def name_boxes(styles: Styles, fields: tuple[str, ...] = ("单位", "姓名", "考号")) -> Table:
    """The candidate fields each with a box to write in (when there is no 密封线 strip)."""
    label = 36
    weights = [2.0 if name in ("单位", "学校") else 1.2 for name in fields]
    rest = (CONTENT_WIDTH - len(fields) * label) / sum(weights)
    widths: list[float] = []
    row: list[str] = []
    for name, weight in zip(fields, weights, strict=True):
        widths += [label, rest * weight]
        row += [name, ""]
    shaded = tuple(range(0, 2 * len(fields), 2))
    return _grid([row], widths, styles, shaded_columns=shaded, height=24)


def score_table(version: Version, styles: Styles) -> Table:
    """题号 一 二 … 总分 / 满分 / 得分 / 评卷人: where the markers write each section's score."""
    heads = [CHINESE_NUMERALS[s.ordinal] for s in version.sections]
    rows = [
        ["题号", *heads, "总分"],
        [
            "满分",
            *[format_points(s.total_points) for s in version.sections],
            format_points(version.total_points),
        ],
        ["得分", *[""] * (len(heads) + 1)],
        ["评卷人", *[""] * (len(heads) + 1)],
    ]
    first = 48
    other = min(60.0, (CONTENT_WIDTH - first) / (len(heads) + 1))
    table = _grid(
        rows,
        [first] + [other] * (len(heads) + 1),
        styles,
        shaded_columns=(0,),
        shaded_rows=(0,),
        height=[18, 18, 24, 24],
    )
    table.hAlign = "CENTER"
    return table


def instructions(notes: list[str], styles: Styles) -> list[Flowable]:
    """注意事项 and the numbered lines of the instructions template; nothing when it printed none."""
    if not notes:
        return []
    out: list[Flowable] = [Bold(para("注意事项：", styles.body), 0.25)]
    out += [para(text, styles.note, bullet=f"{i}.") for i, text in enumerate(notes, 1)]
    return out


def heading_text(section: Section, look: PaperLook | None = None) -> str:
    """ "一、单项选择题（本大题共10小题，每小题2分，共20分。在每小题给出的四个选项中，…）"."""
    if look is not None and look.headings is not None:
        from factquiz.render.instructions import section_heading_text

        return section_heading_text(section, look.headings)  # type: ignore[arg-type]
    return section.heading + section.summary


def section_heading(section: Section, styles: Styles, look: PaperLook | None = None) -> Flowable:
    """The heading in bold; with ``look.score_boxes`` a 得分/评卷人 box to its left, as markers expect."""
    heading = Bold(para(heading_text(section, look), styles.section), 0.3)
    if look is None or not look.score_boxes:
        return heading
    box = _grid([["得分", "评卷人"], ["", ""]], [SCORE_BOX_WIDTH / 2] * 2, styles, height=[15, 20])
    box.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), styles.font, 8.5)]))
    row = Table(
        [[box, heading]], colWidths=[SCORE_BOX_WIDTH + 8, CONTENT_WIDTH - SCORE_BOX_WIDTH - 8]
    )
    row.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return row


def section_flowables(
    section: Section, styles: Styles, look: PaperLook | None = None
) -> list[Flowable]:
    """A section: heading kept with its first question, every question kept on one page."""
    uniform = section.uniform_points
    ems = blank_width_ems(section.questions, styles.font)
    blocks = [
        question_flowables(number, q, styles, CONTENT_WIDTH, uniform, ems)
        for number, q in section.numbered()
    ]
    return keep_blocks(section_heading(section, styles, look), blocks)


def keep_blocks(heading: Flowable, blocks: list[list[Flowable]]) -> list[Flowable]:
    """Each block on one page, the heading on the page of the first block.

    (KeepTogether must not be nested: an inner one reports an endless height
    and would push every section to a new page.)
    """
    if not blocks:
        return []
    return [KeepTogether([heading, *blocks[0]]), *(KeepTogether(b) for b in blocks[1:])]


def paper_flowables(
    version: Version,
    title: str,
    subtitle: str,
    notes: list[str],
    styles: Styles,
    look: PaperLook | None = None,
) -> list[Flowable]:
    """The whole paper; ``notes`` are its instructions (see render.instructions)."""
    look = look or PaperLook(binding=False, score_boxes=False)
    out = header_flowables(title, subtitle, version, styles, look.minutes)
    if look.fields and not look.binding:
        out += [name_boxes(styles, look.fields), Spacer(1, 8)]
    out += [score_table(version, styles), Spacer(1, 8)]
    out += instructions(notes, styles)
    out.append(Spacer(1, 4))
    for section in version.sections:
        out += section_flowables(section, styles, look)
    return out
