"""The exam paper (试卷): header, name boxes, score table, instructions and the sections."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from factquiz.render.blocks import question_flowables
from factquiz.render.layout import CHINESE_NUMERALS, Section, Version, format_points
from factquiz.render.styles import CONTENT_WIDTH, LIGHT, RULE, Bold, Styles, para


def header_flowables(title: str, subtitle: str, version: Version, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [Bold(para(title, styles.title))]
    line = "　".join(x for x in (subtitle, f"（{version.name}）" if version.name else "") if x)
    if line:
        out.append(para(line, styles.subtitle))
    out.append(Spacer(1, 8))
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


def name_boxes(styles: Styles) -> Table:
    """单位 / 姓名 / 得分, each with a box to write in."""
    label = 36
    rest = (CONTENT_WIDTH - 3 * label) / 8
    widths = [label, rest * 4, label, rest * 2.3, label, rest * 1.7]
    return _grid(
        [["单位", "", "姓名", "", "得分", ""]], widths, styles, shaded_columns=(0, 2, 4), height=24
    )


def score_table(version: Version, styles: Styles) -> Table:
    """题号 一 二 … 总分 / 满分 / 得分: where the marker writes each section's score."""
    heads = [CHINESE_NUMERALS[s.ordinal] for s in version.sections]
    rows = [
        ["题号", *heads, "总分"],
        [
            "满分",
            *[format_points(s.total_points) for s in version.sections],
            format_points(version.total_points),
        ],
        ["得分", *[""] * (len(heads) + 1)],
    ]
    first = 44
    other = min(60.0, (CONTENT_WIDTH - first) / (len(heads) + 1))
    table = _grid(
        rows,
        [first] + [other] * (len(heads) + 1),
        styles,
        shaded_columns=(0,),
        shaded_rows=(0,),
        height=[18, 18, 24],
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


def section_heading(section: Section, styles: Styles) -> Flowable:
    return Bold(para(section.heading + section.summary, styles.section), 0.3)


def section_flowables(section: Section, styles: Styles) -> list[Flowable]:
    """A section: heading kept with its first question, every question kept on one page."""
    uniform = section.uniform_points
    blocks = [
        question_flowables(number, q, styles, CONTENT_WIDTH, uniform)
        for number, q in section.numbered()
    ]
    return keep_blocks(section_heading(section, styles), blocks)


def keep_blocks(heading: Flowable, blocks: list[list[Flowable]]) -> list[Flowable]:
    """Each block on one page, the heading on the page of the first block.

    (KeepTogether must not be nested: an inner one reports an endless height
    and would push every section to a new page.)
    """
    if not blocks:
        return []
    return [KeepTogether([heading, *blocks[0]]), *(KeepTogether(b) for b in blocks[1:])]


def paper_flowables(
    version: Version, title: str, subtitle: str, notes: list[str], styles: Styles
) -> list[Flowable]:
    """The whole paper; ``notes`` are its instructions (see render.instructions)."""
    out = header_flowables(title, subtitle, version, styles)
    out += [name_boxes(styles), Spacer(1, 8), score_table(version, styles), Spacer(1, 8)]
    out += instructions(notes, styles)
    out.append(Spacer(1, 4))
    for section in version.sections:
        out += section_flowables(section, styles)
    return out
