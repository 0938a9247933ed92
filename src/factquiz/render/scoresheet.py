"""The paper scoresheet (计分表): teams × rounds, the backup every live competition keeps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from factquiz.errors import UsageError
from factquiz.render.document import Part, PartStart, build_pdf
from factquiz.render.fonts import FontChoice
from factquiz.render.styles import (
    LIGHT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
    Bold,
    make_styles,
    para,
)

PAGE = landscape(A4)
MAX_TEAMS = 60


def scoresheet_flowables(
    teams: Sequence[str], rounds: Sequence[str], title: str, font: str
) -> list[Flowable]:
    styles = make_styles(font, 1.1)
    width = PAGE[0] - 2 * MARGIN_X
    height = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
    out: list[Flowable] = [Bold(para(title + "　计分表", styles.title)), Spacer(1, 4)]
    out.append(
        para(
            "日期：＿＿＿＿＿＿＿＿　　地点：＿＿＿＿＿＿＿＿＿＿　　场次：＿＿＿＿",
            styles.subtitle,
        )
    )
    out.append(Spacer(1, 8))
    header = ["序号", "代表队", *rounds, "总分", "名次"]
    rows = [header] + [
        [str(i), para(team, styles.cell_center), *[""] * len(rounds), "", ""]
        for i, team in enumerate(teams, 1)
    ]
    fixed = {"序号": 34, "总分": 64, "名次": 44}
    # wide enough for the longest name on one line, within reason
    longest = max(stringWidth(t, font, styles.cell.fontSize) for t in teams)
    team_width = min(200.0, max(100.0, longest + 16))
    round_width = (width - sum(fixed.values()) - team_width) / max(1, len(rounds))
    widths = [fixed["序号"], team_width, *[round_width] * len(rounds), fixed["总分"], fixed["名次"]]
    # rows as tall as the page allows (room for tally marks), between 22 and 40 points
    row_height = max(22.0, min(40.0, (height - 120) / max(1, len(teams))))
    table = Table(rows, colWidths=widths, rowHeights=[24] + [row_height] * len(teams), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, styles.cell.fontSize),
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BOX", (0, 0), (-1, -1), 1.2, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEAFTER", (1, 0), (1, -1), 1.2, RULE),
                ("LINEBEFORE", (-2, 0), (-2, -1), 1.2, RULE),
            ]
        )  # fmt: skip
    )
    out.append(table)
    out.append(Spacer(1, 16))
    out.append(
        para(
            "记分员：＿＿＿＿＿＿＿＿　　监督员：＿＿＿＿＿＿＿＿　　主持人：＿＿＿＿＿＿＿＿",
            styles.body,
        )
    )
    return out


def check_scoresheet(teams: Sequence[str], rounds: Sequence[str]) -> list[str]:
    """The team names to print; UsageError when there are none, too many, or no rounds."""
    names = [t.strip() for t in teams if t.strip()]
    if not names:
        raise UsageError(
            "--scoresheet needs team names separated by commas, e.g. --scoresheet 一队,二队,三队"
        )
    if len(names) > MAX_TEAMS:
        raise UsageError(
            f"--scoresheet has {len(names)} teams; at most {MAX_TEAMS} fit a paper scoresheet"
        )
    if not rounds:
        raise UsageError(
            "a scoresheet needs at least one round, e.g. --rounds 必答题,抢答题,风险题"
        )
    return names


def render_scoresheet(
    teams: Sequence[str], rounds: Sequence[str], title: str, font: FontChoice, path: Path
) -> Path:
    """Write a scoresheet with one row per team and one column per round to ``path``."""
    names = check_scoresheet(teams, rounds)
    flowables = [
        PartStart(Part(right=title)),
        *scoresheet_flowables(names, rounds, title, font.name),
    ]
    return build_pdf(path, flowables, font.name, title=title, subject="计分表", pagesize=PAGE)
