"""The screen's web server: its routes through Starlette's test client, then real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request

import pytest
from screen_support import TEAMS20, FakeClock, open_room, teams_config
from starlette.testclient import TestClient
from test_host_support import write_config
from test_screen_buzzers import TO_BUZZ

from factquiz.host.config import read_config
from factquiz.host.journal import read_journal
from factquiz.host.plain import PlainConsole
from factquiz.host.session import resume_session, start_session
from factquiz.screen.buzzers import BuzzDesk, RateLimit
from factquiz.screen.server import make_app
from factquiz.screen.stage import Stage


@pytest.fixture
def served(tmp_path):
    """A competition at its buzz round, its stage, and a test client of the server."""
    session = start_session(
        read_config(write_config(tmp_path)), journal=tmp_path / "j.journal.jsonl"
    )
    clock = FakeClock()
    stage = Stage(session.state, desk=BuzzDesk(["t0", "t1", "t2"], clock=clock), clock=clock)
    console = PlainConsole(session, lambda line: None, on_change=stage.publish)
    stage.submit = console.submit
    for line in TO_BUZZ:
        console.handle(line)
    with TestClient(make_app(stage)) as client:
        yield console, stage, client, clock
    session.close()


def test_the_screen_page_loads_nothing_from_elsewhere(served):
    _, stage, client, _ = served
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.text)
    initial = re.search(
        r'<script type="application/json" id="initial">(.*?)</script>', page.text, re.S
    )
    assert json.loads(initial.group(1))["question"]["stem"] == stage.state.question.stem


def test_the_screen_page_does_not_hold_the_answer_before_it_is_revealed(served):
    console, stage, client, _ = served
    question = stage.state.question
    for line in ("open", "buzz 一队"):
        console.handle(line)
        text = client.get("/").text + client.get("/state").text
        assert question.explanation not in text and question.source not in text
    console.handle("right")
    assert question.explanation in client.get("/state").text
    assert question.source not in client.get("/state").text


def test_a_phone_buzz_goes_through_the_console_into_the_journal(served):
    console, stage, client, clock = served
    console.handle("open")
    clock.advance(0.25)
    reply = client.post("/t/t1/buzz")
    assert reply.status_code == 200, reply.text
    assert reply.json()["result"] == "first"
    assert reply.json()["after_open"] == 0.25
    assert console.session.state.core.team == 1
    last = read_journal(console.session.journal_path).events[-1]
    assert (last.type, last.team) == ("buzz", 1)
    phone = client.get("/t/t1/state").json()
    assert phone["team"] == "二队" and phone["answering"] is True


def test_a_wrong_token_is_refused_and_changes_nothing(served):
    console, _, client, _ = served
    events = console.session.state.events
    assert client.post("/t/nope/buzz").status_code == 403
    assert client.get("/t/nope").status_code == 403
    assert client.get("/t/nope/events").status_code == 403
    assert "选手码无效" in client.post("/t/nope/buzz").json()["error"]
    assert console.session.state.events == events


def test_nothing_on_the_web_can_judge_undo_or_change_scores(served):
    console, _, client, _ = served
    events = console.session.state.events
    for path in ("/", "/state", "/events", "/t/t0", "/t/t0/state"):
        assert client.post(path, json={"type": "right"}).status_code == 405
    for path in ("/judge", "/undo", "/adjust", "/t/t0/right", "/t/t0/undo", "/api/event"):
        assert client.post(path).status_code in (404, 405)
    assert client.get("/t/t0/buzz").status_code == 405
    assert console.session.state.events == events


def test_bad_requests_get_a_short_json_error_never_a_traceback(served):
    _, _, client, _ = served
    for method, path in (
        ("GET", "/nothing"),
        ("PUT", "/state"),
        ("GET", "/t/"),
        ("DELETE", "/t/t0/buzz"),
    ):
        reply = client.request(method, path)
        assert 400 <= reply.status_code < 500
        assert "Traceback" not in reply.text and "error" in reply.json()


def test_a_phone_pressing_too_fast_is_slowed_down(served):
    console, stage, client, _ = served
    stage.rate = RateLimit(rate=1, burst=3, clock=FakeClock())
    codes = [client.post("/t/t0/buzz").status_code for _ in range(5)]
    assert codes[3:] == [429, 429]
    assert (
        console.session.state.events == len(TO_BUZZ) + 1
    )  # one early buzz, however often it pressed


def test_the_screen_follows_the_console_over_server_sent_events(tmp_path):
    room = open_room(tmp_path)
    try:
        with urllib.request.urlopen(room.url + "events") as stream:
            first = _next_event(stream)
            assert first["seq"] == 0 and first["phase"] == "intro"
            room.host("next")
            second = _next_event(stream)
            assert (
                second["seq"] == 1
                and second["question"]["stem"] == room.session.state.question.stem
            )
    finally:
        room.close()


def _next_event(stream) -> dict:
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            return json.loads(line[len("data: ") :])
    raise AssertionError("the stream ended")


def _post(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="POST")) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_twenty_phones_pressing_at_once_give_one_winner_and_a_strict_order(tmp_path):
    room = open_room(tmp_path, teams_config(TEAMS20), bank_count=100)
    try:
        room.host(*["next", "right"] * 20, "next", "next", *["right"] * 20, "next", "next", "open")
        assert room.session.state.phase == "open"
        replies: list[tuple[int, dict]] = [None] * 20  # type: ignore[list-item]
        start = threading.Barrier(20)

        def press(team: int) -> None:
            start.wait()
            replies[team] = _post(room.phone(team) + "/buzz")

        threads = [threading.Thread(target=press, args=(t,)) for t in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(code == 200 for code, _ in replies)
        results = sorted((r["place"], r["result"], r["team"]) for _, r in replies)
        assert [place for place, _, _ in results] == list(range(1, 21))
        assert [result for _, result, _ in results] == ["first"] + ["late"] * 19
        winner = results[0][2]
        assert room.session.state.core.team == winner
        phone_buzzes = [
            e for e in read_journal(room.session.journal_path).events if e.type == "buzz"
        ]
        assert [e.team for e in phone_buzzes] == [winner]
        screen = json.loads(urllib.request.urlopen(room.url + "state").read())
        assert [p["team"] for p in screen["presses"]] == [t for _, _, t in results]
    finally:
        room.close()


def test_after_a_crash_and_resume_the_phones_tokens_and_the_state_are_the_same(tmp_path):
    from factquiz.screen.live import PlainFeed, start_live

    room = open_room(tmp_path)
    room.host(*TO_BUZZ, "open")
    assert _post(room.phone(2) + "/buzz")[1]["result"] == "first"
    before = json.loads(urllib.request.urlopen(room.url + "state").read())
    tokens = list(room.stage.desk.tokens)
    room.live.stop()  # the host's laptop dies here: the journal is all that is left
    room.session.journal.close(
        clean=False
    )  # as a kill -9 leaves it (the lock goes with the process)
    session = resume_session(room.session.journal_path)
    live = start_live(session, buzzers=True, port=0)
    try:
        console = PlainConsole(session, lambda line: None, on_change=PlainFeed(live))
        live.submit = console.submit
        assert live.stage.desk.tokens == tokens
        after = json.loads(urllib.request.urlopen(live.url + "state").read())
        assert {k: after[k] for k in ("seq", "phase", "team", "scores", "question")} == {
            k: before[k] for k in ("seq", "phase", "team", "scores", "question")
        }
        phone = json.loads(urllib.request.urlopen(f"{live.url}t/{tokens[2]}/state").read())
        assert phone["answering"] is True
    finally:
        live.stop()
        session.close()
