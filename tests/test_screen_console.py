"""The full-screen console with the audience screen and phone buzzers served beside it."""

from __future__ import annotations

import asyncio
import json
import urllib.request

from test_host_app import press_all, text
from test_host_support import FakeClock, write_config
from test_screen_buzzers import TO_BUZZ
from test_screen_server import _post

from factquiz.host.app import HostApp
from factquiz.host.config import read_config
from factquiz.host.plain import parse_command
from factquiz.host.session import start_session
from factquiz.screen.live import start_live


def _state(url: str) -> dict:
    with urllib.request.urlopen(url + "state") as reply:
        return json.loads(reply.read())


async def test_a_phone_buzz_reaches_the_console_between_key_presses(tmp_path):
    session = start_session(
        read_config(write_config(tmp_path)), journal=tmp_path / "j.journal.jsonl"
    )
    for command in TO_BUZZ:
        session.send(parse_command(command, session.state))
    clock = FakeClock()  # the console's countdown and the stage's: one clock, the test's
    live = start_live(session, buzzers=True, port=0, clock=clock)
    app = HostApp(session, live=live, rehearsal=True, clock=clock)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            assert "【彩排】" in text(app, "#topbar") and live.url in text(app, "#topbar")
            await press_all(pilot, "n")  # open buzzing
            assert (await asyncio.to_thread(_state, live.url))["phase"] == "open"
            token = live.stage.desk.tokens[1]
            code, reply = await asyncio.to_thread(_post, f"{live.url}t/{token}/buzz")
            await pilot.pause()
            assert (code, reply["result"]) == (200, "first")
            assert session.state.core.team == 1
            assert "二队 抢答（手机）" in text(app, "#status")
            assert (await asyncio.to_thread(_state, live.url))["timer"]["running"] is True
            await press_all(pilot, "space")  # the host pauses the clock: the screen's stops too
            assert (await asyncio.to_thread(_state, live.url))["timer"]["running"] is False
            await press_all(pilot, "r")
            screen = await asyncio.to_thread(_state, live.url)
            assert screen["phase"] == "done" and screen["answer"] is not None
            assert screen["last"].startswith("二队 答对")
    finally:
        live.stop()
        session.close()
