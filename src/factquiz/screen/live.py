"""Starting the room's views for a running Session: the stage, its server, the teams' join codes.

Used by ``factquiz host --screen / --buzzers``; the console then calls
``stage.publish`` after every change and gives ``stage.submit`` its way of
sending a phone's Buzz.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factquiz.errors import InputError, Location
from factquiz.host.session import Session
from factquiz.screen.audience import Timer
from factquiz.screen.buzzers import BuzzDesk, load_or_create_tokens
from factquiz.screen.server import ScreenServer
from factquiz.screen.stage import Join, Stage


@dataclass
class Live:
    stage: Stage
    server: ScreenServer
    url: str
    codes: Path | None = None  # the printable sheet of the teams' QR codes (with --buzzers)
    clock: Callable[[], float] = (
        time.monotonic
    )  # the stage's: a plain-mode countdown runs on it too

    def publish(self, state, countdown) -> None:
        """The console shows ``state`` with its Countdown: tell every page."""
        self.stage.publish(state, timer_of(countdown))

    @property
    def submit(self):
        return self.stage.submit

    @submit.setter
    def submit(self, submit) -> None:
        self.stage.submit = submit

    def stop(self) -> None:
        self.server.stop()


def qr_svg(url: str) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return buffer.getvalue().decode("ascii")


def qr_text(url: str) -> str:
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n")


def start_live(session: Session, buzzers: bool = False, listen: str = "127.0.0.1", port: int = 8765,
               rehearsal: bool = False, clock: Callable[[], float] = time.monotonic) -> Live:  # fmt: skip
    """Serve the audience screen (and, with ``buzzers``, the phone pages) for ``session``.

    ``port`` 0 takes any free port (tests); ``clock`` orders the phones' presses.
    """
    desk = None
    if buzzers:
        desk = BuzzDesk(
            load_or_create_tokens(session.journal_path, session.game.teams), clock=clock
        )
    stage = Stage(session.state, rehearsal=rehearsal, desk=desk, clock=clock)
    server = ScreenServer(stage, listen, port)
    url = server.start()
    if desk is not None:
        stage.joins = [
            Join(team, name, f"{url}t/{token}", qr_svg(f"{url}t/{token}"))
            for team, (name, token) in enumerate(zip(session.game.teams, desk.tokens, strict=True))
        ]
    live = Live(stage, server, url, clock=clock)
    if desk is not None:
        live.codes = write_codes_sheet(live, session, rehearsal)
    return live


def write_codes_sheet(live: Live, session: Session, rehearsal: bool) -> Path:
    """The teams' QR codes on one page to print (x.buzzers.html next to the journal), written atomically."""
    import base64

    from factquiz.screen.buzzers import tokens_path
    from factquiz.screen.server import _templates

    path = tokens_path(session.journal_path).with_suffix(".html")
    teams = [
        (j.name, j.url, base64.b64encode(j.svg.encode("ascii")).decode("ascii"))
        for j in live.stage.joins
    ]
    html = (
        _templates()
        .get_template("codes.html.j2")
        .render(title=session.game.config.title, rehearsal=rehearsal, screen=live.url, teams=teams)
    )
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_text(html, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        raise InputError(
            f"cannot write the QR code sheet: {exc.strerror}", Location(str(path))
        ) from None
    return path


def join_lines(live: Live, with_codes: bool = True) -> list[str]:
    """What the console prints at the start: the screen's address and each team's phone page."""
    lines = [f"大屏（投影仪浏览器打开）：{live.url}"]
    if live.codes is not None:
        lines.append(f"各队二维码（可打印分发）：{live.codes}")
    for join in live.stage.joins:
        lines.append(f"{join.name} 抢答器：{join.url}")
        if with_codes:
            lines.append(qr_text(join.url))
    return lines


class PlainFeed:
    """Plain mode has no countdown of its own: one follows the state for the screen."""

    def __init__(self, live: Live):
        from factquiz.host.countdown import Countdown

        self.live = live
        self.countdown = Countdown(live.clock)
        self._key: tuple = ()

    def __call__(self, state) -> None:
        from factquiz.host.countdown import follow

        self._key = follow(self.countdown, state, self._key)
        self.live.publish(state, self.countdown)


def timer_of(countdown) -> Timer:
    """The console's Countdown as the screen's Timer."""
    return Timer(countdown.limit, countdown.remaining(), countdown.running)
