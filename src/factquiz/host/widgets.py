"""Widgets of the full-screen console that draw parts of the state (no rules here)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from factquiz.cjk import wrap
from factquiz.host import view
from factquiz.host.rules import ANSWERING, OPEN, SHOWN, TIER, State


@dataclass(frozen=True)
class Paragraph:
    """Text to wrap with the Chinese line-breaking rules; ``hang`` cells of indent after the first line."""

    text: str
    style: str = ""
    hang: int = 0
    max_lines: int = 0  # 0: all; else cut to this many lines, the last ending in …

    @classmethod
    def labelled(cls, label: str, text: str, style: str = "") -> Paragraph:
        """ "A. 选项" or "解析：……" with later lines starting under the text, not under the label."""
        return cls(label + text, style, cell_len(label))


def wrap_paragraphs(
    paragraphs: tuple[Paragraph, ...] | list[Paragraph], width: int, gap: bool = False
) -> list[Text]:
    """Paragraphs as lines of at most ``width`` cells; ``gap`` puts a blank line between them."""
    lines: list[Text] = []
    for p in paragraphs:
        if gap and lines:
            lines.append(Text(""))
        wrapped = wrap(p.text, max(width, 2), subsequent_indent=" " * p.hang)
        if p.max_lines and len(wrapped) > p.max_lines:
            wrapped = wrapped[: p.max_lines]
            wrapped[-1] = wrapped[-1][:-1] + "…"
        lines += [Text(line, style=p.style, no_wrap=True, overflow="crop") for line in wrapped]
    return lines


class WrappedText(Widget):
    """Paragraphs wrapped with ``factquiz.cjk.wrap`` at the widget's width, again whenever it is resized.

    Rich and Textual wrap at spaces and between any two Chinese characters, so
    a stem broke as "依托（" / "）等平台" and lines started with "，"; here every
    line follows the Chinese rules.
    """

    DEFAULT_CSS = "WrappedText { height: auto; }"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.paragraphs: tuple[Paragraph, ...] = ()
        self.gap = (
            False  # a blank line between paragraphs (options are easier to read apart on a wall)
        )
        self._wrapped: tuple[int, tuple[Paragraph, ...], bool, list[Text]] | None = None

    def update(self, *paragraphs: Paragraph, gap: bool = False) -> None:
        if (paragraphs, gap) == (self.paragraphs, self.gap):
            return
        self.paragraphs, self.gap = paragraphs, gap
        self.clear_cached_dimensions()
        self.refresh(layout=True)

    def lines(self, width: int, gap: bool | None = None) -> list[Text]:
        """The wrapped lines at ``width`` cells (cached: drawing asks for them more than once)."""
        gap = self.gap if gap is None else gap
        if self._wrapped and self._wrapped[:3] == (width, self.paragraphs, gap):
            return self._wrapped[3]
        lines = wrap_paragraphs(self.paragraphs, width, gap)
        self._wrapped = (width, self.paragraphs, gap, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if self.paragraphs else 0

    def render(self) -> RenderableType:
        if not self.paragraphs:
            return ""
        return Text("\n", no_wrap=True).join(self.lines(self.content_size.width))

    @property
    def plain(self) -> str:
        """The text as shown, one string per line (for tests and the benchmark)."""
        return "\n".join(line.plain for line in self.lines(self.content_size.width))


class QuestionArea(VerticalScroll):
    """Where the question goes; says when its size changed (the app fits the options and the reveal to it)."""

    class Resized(Message):
        pass

    def on_resize(self, event: Resize) -> None:
        self.post_message(self.Resized())


class Scoreboard(Widget):
    """Teams by rank, the answering team marked ▶, the last change highlighted.

    Each row starts with the team's number (its buzz key). More teams than
    rows: two columns, so 20 teams still fit at 80×24.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state: State | None = None
        self.changed: dict[int, float] = {}

    def show(self, state: State, changed: dict[int, float]) -> None:
        self.state, self.changed = state, changed
        self.refresh()

    def _row(self, state: State, team: int, score: float) -> tuple[Text, Text, Text]:
        core = state.core
        answering = team == core.team and core.phase in (ANSWERING, TIER)
        marker = "▶" if answering else " "
        style = "bold reverse" if team in self.changed else "bold"
        if answering:
            style = "bold black on yellow"  # the same colour as "一队 作答" above the question
        if core.tiebreak is not None and team not in core.tiebreak.remaining:
            style = "dim"
        if (
            team in core.answered
            and core.phase in (SHOWN, OPEN, ANSWERING)
            and state.round.kind in ("buzz", "sudden_death")
        ):
            style = "dim strike"  # already answered this question: may not buzz again
        number = Text(
            f"{marker}{(team + 1) % 10 if team < 10 else team + 1}",
            style="bold black on yellow" if answering else "bold cyan",
        )
        name = Text(
            state.game.config.short_name(team), style=style, no_wrap=True, overflow="ellipsis"
        )
        points = Text(view.fmt(score), style=style)
        if team in self.changed:
            delta = self.changed[team]
            points.append(f" {view.signed(delta)}", style="bold green" if delta > 0 else "bold red")
        return number, name, points

    def render(self) -> RenderableType:
        state = self.state
        if state is None:
            return ""
        rows = [self._row(state, s.team, s.score) for s in view.ranking(state)]
        columns = 2 if len(rows) > max(self.size.height, 1) else 1
        per_column = -(-len(rows) // columns)
        # Room for a blank line between rows (a tall screen): the board fills it and reads from afar.
        spaced = columns == 1 and 2 * len(rows) - 1 <= self.size.height
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(columns):
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            grid.add_column(no_wrap=True, justify="right")
        for i in range(per_column):
            if spaced and i:
                grid.add_row()
            cells: list[RenderableType] = []
            for c in range(columns):
                k = c * per_column + i
                cells += rows[k] if k < len(rows) else ("", "", "")
            grid.add_row(*cells)
        return grid


def ranking_table(state: State) -> RenderableType:
    """The end screen: rank, team, score, award (the tie to break is ``tie_notice``)."""
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column("名次", justify="right")
    table.add_column("队伍")
    table.add_column("得分", justify="right")
    table.add_column("奖项")
    for s in view.ranking(state):
        style = "bold red" if s.award == view.PENDING else "bold yellow"
        table.add_row(str(s.rank), Text(state.game.teams[s.team], style="bold"), Text(view.fmt(s.score), style="bold"),
                      Text(s.award, style=style))  # fmt: skip
    return table


def tie_notice(state: State) -> Paragraph | None:
    """Under the ranking: teams tied across a prize boundary, for a WrappedText (wrapped the Chinese way,
    so no line starts with "、" or "：" as it could when rich wrapped it inside the table)."""
    tied = state.proposed_tiebreak()
    if not tied:
        return None
    names = "、".join(view.team_name(state, t) for t in tied)
    return Paragraph(f"按 x 开始加时赛：{names} 同分跨越奖项分界", "bold red")
