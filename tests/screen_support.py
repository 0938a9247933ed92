"""A competition with its audience screen and phone buzzers served on 127.0.0.1 (no tests here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from test_host_support import CONFIG, FakeClock, write_config

from factquiz.host.config import read_config
from factquiz.host.plain import PlainConsole
from factquiz.host.session import Session, start_session
from factquiz.screen.live import Live, PlainFeed, start_live
from factquiz.screen.stage import Stage

TEAMS20 = [f"第{n}代表队" for n in range(1, 21)]
TEAMS20[6] = "平湖市城市发展投资（集团）有限公司第一党支部联队"  # a long name must fit too


def teams_config(teams: list[str], early_penalty: float = 5) -> str:
    text = CONFIG.replace("teams: [一队, 二队, 三队]", f"teams: [{', '.join(teams)}]")
    return text.replace("early_penalty: 5", f"early_penalty: {early_penalty}")


@dataclass
class Room:
    """The session, the console that drives it (plain mode's), and the served stage."""

    session: Session
    console: PlainConsole
    live: Live
    lines: list[str]

    @property
    def url(self) -> str:
        return self.live.url

    @property
    def stage(self) -> Stage:
        return self.live.stage

    def phone(self, team: int) -> str:
        return f"{self.url}t/{self.stage.desk.tokens[team]}"

    def host(self, *commands: str) -> None:
        for command in commands:
            self.console.handle(command)

    def close(self) -> None:
        self.live.stop()
        self.session.close()


def open_room(tmp_path: Path, config: str = CONFIG, buzzers: bool = True, rehearsal: bool = False, bank_count: int = 30,
              clock=None, port: int = 0) -> Room:  # fmt: skip
    session = start_session(
        read_config(write_config(tmp_path, config, bank_count)),
        journal=tmp_path / "j.journal.jsonl",
        rehearsal=rehearsal,
    )
    # The stage's clock (the screen's countdown, the order of presses) is the test's: FakeClock by default.
    live = start_live(
        session, buzzers, "127.0.0.1", port, rehearsal=rehearsal, clock=clock or FakeClock()
    )
    lines: list[str] = []
    feed = PlainFeed(live)
    console = PlainConsole(session, lines.append, on_change=feed)
    live.submit = console.submit
    feed(session.state)
    return Room(session, console, live, lines)
