"""Widgets of the full-screen console that draw parts of the state (no rules here)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from factquiz.host import view
from factquiz.host.rules import ANSWERING, OPEN, SHOWN, TIER, State


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
        marker = "▶" if team == core.team and core.phase in (ANSWERING, TIER) else " "
        style = "bold reverse" if team in self.changed else "bold"
        if core.tiebreak is not None and team not in core.tiebreak.remaining:
            style = "dim"
        if team in core.answered and core.phase in (SHOWN, OPEN, ANSWERING) and state.round.kind in ("buzz", "sudden_death"):
            style = "dim strike"  # already answered this question: may not buzz again
        number = Text(f"{marker}{(team + 1) % 10 if team < 10 else team + 1}", style="bold cyan")
        name = Text(state.game.teams[team], style=style, no_wrap=True, overflow="ellipsis")
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
        grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(columns):
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            grid.add_column(no_wrap=True, justify="right")
        for i in range(per_column):
            cells: list[RenderableType] = []
            for c in range(columns):
                k = c * per_column + i
                cells += rows[k] if k < len(rows) else ("", "", "")
            grid.add_row(*cells)
        return grid


def ranking_table(state: State) -> RenderableType:
    """The end screen: rank, team, score, award; and a tie to break, if any."""
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style="bold")
    table.add_column("名次", justify="right")
    table.add_column("队伍")
    table.add_column("得分", justify="right")
    table.add_column("奖项")
    for s in view.ranking(state):
        style = "bold red" if s.award == view.PENDING else "bold yellow"
        table.add_row(str(s.rank), Text(state.game.teams[s.team], style="bold"), Text(view.fmt(s.score), style="bold"),
                      Text(s.award, style=style))  # fmt: skip
    tied = state.proposed_tiebreak()
    if not tied:
        return table
    names = "、".join(view.team_name(state, t) for t in tied)
    grid = Table.grid()
    grid.add_row(table)
    grid.add_row(Text(f"\n{names} 同分跨越奖项分界：按 x 开始加时赛", style="bold red"))
    return grid
