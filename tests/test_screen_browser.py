"""The audience screen and the phone page in a real headless Chromium (Debian's, driven by playwright)."""

from __future__ import annotations

import shutil
import socket

import pytest
from playwright.sync_api import sync_playwright
from screen_support import TEAMS20, open_room, teams_config
from test_host_plain import SCRIPT
from test_screen_buzzers import TO_BUZZ

from factquiz.host import view
from factquiz.host.plain import PlainConsole
from factquiz.host.rules import DONE
from factquiz.host.session import resume_session
from factquiz.screen.live import PlainFeed, start_live

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "install Debian's chromium-headless-shell (.ci/run does)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


def shows(page, seq: int) -> None:
    """Wait until the page has drawn the state after ``seq`` events."""
    page.wait_for_selector(f"body[data-seq='{seq}']", state="attached")


def board(page) -> list[tuple[str, str]]:
    """(team, score) as the scoreboard shows them, top to bottom."""
    rows = page.eval_on_selector_all(
        "#rows .row",
        "rows => rows.map(r => [parseFloat(r.style.top), r.querySelector('.name').textContent,"
        " r.querySelector('.score').dataset.score]).sort((a, b) => a[0] - b[0])",
    )
    return [(name, score) for _, name, score in rows]


def test_the_screen_follows_a_whole_competition_and_never_shows_an_answer_early(tmp_path, browser):
    room = open_room(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(room.url)
        shows(page, 0)
        assert page.inner_text("#big") == "第1轮 必答（必答题）"
        for line in SCRIPT:
            before = room.session.state
            room.host(line)
            state = room.session.state
            assert state.events == before.events + 1, (line, room.lines[-1])
            shows(page, state.events)
            html = page.content()
            question = state.question
            if question is not None:
                assert question.source not in html
                assert page.inner_text("#stem") == question.stem
                if state.phase == DONE:
                    assert page.inner_text("#answer") == f"答案：{question.answer_text()}"
                else:
                    assert question.explanation not in html
                    assert page.inner_text("#answer") == "" and not page.is_visible("#reveal")
            if state.phase == "answering":
                assert (
                    page.inner_text("#answering")
                    == f"请 {view.team_name(state, state.core.team)} 作答"
                )
            expected = [(state.game.teams[s.team], view.fmt(s.score)) for s in view.ranking(state)]
            assert board(page) == expected, line
        assert page.inner_text("#big") == "比赛结束"
        assert page.inner_text("#awards").startswith("一等奖：")
    finally:
        page.close()
        room.close()


def test_twenty_phones_buzz_at_once_and_the_first_to_arrive_answers(tmp_path, browser):
    room = open_room(tmp_path, teams_config(TEAMS20), bank_count=100)
    screen = browser.new_page(viewport={"width": 1920, "height": 1080})
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        room.host(*["next", "right"] * 20, "next", "next", *["right"] * 20, "next", "next")
        assert room.session.state.phase == "shown"
        screen.goto(room.url)
        phone.goto(room.phone(6))
        shows(phone, room.session.state.events)
        # 违规抢答: the long-named team presses before the host opens the question.
        phone.dispatch_event("#buzz", "pointerdown")
        phone.wait_for_selector("#result:has-text('抢答犯规')")
        penalised = room.session.state
        assert penalised.core.outcomes[-1].result == "early"
        shows(screen, penalised.events)
        assert "平湖市城市发展投资" in screen.inner_text("#rows")
        room.host("open")
        shows(phone, room.session.state.events)
        tokens = list(room.stage.desk.tokens)
        # The 20 phones press within a few milliseconds of each other (all fetches fired at once).
        replies = phone.evaluate(
            """async (tokens) => Promise.all(tokens.map(async (token) => {
                 const reply = await fetch('/t/' + token + '/buzz', {method: 'POST'});
                 return [reply.status, await reply.json()];
               }))""",
            tokens,
        )
        accepted = sorted(
            (r["place"], r["result"], r["team"]) for code, r in replies if code == 200
        )
        refused = [(code, r["team"]) for code, r in replies if code != 200]
        assert refused == [(409, 6)]  # it is out of this question
        assert [place for place, _, _ in accepted] == list(range(1, 20))
        assert [result for _, result, _ in accepted] == ["first"] + ["late"] * 18
        winner = accepted[0][2]
        assert room.session.state.core.team == winner
        shows(screen, room.session.state.events)
        assert screen.inner_text("#answering") == f"请 {TEAMS20[winner]} 作答"
        screen.wait_for_selector("#presses span.first")
        bad = phone.evaluate(
            "async () => (await fetch('/t/not-a-team/buzz', {method: 'POST'})).status"
        )
        assert bad == 403
        assert phone.goto(room.url + "t/not-a-team").status == 403
        assert room.session.state.core.team == winner
    finally:
        screen.close()
        phone.close()
        room.close()


def test_the_countdown_turns_red_and_rings_at_zero(tmp_path, browser):
    room = open_room(tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.clock.install()
        room.host(*TO_BUZZ, "open")
        page.goto(room.url)
        shows(page, room.session.state.events)
        assert page.get_attribute("#timer", "class") == "green"
        page.clock.run_for(21_000)
        assert page.get_attribute("#timer", "class") == "yellow"
        page.clock.run_for(5_000)
        assert page.get_attribute("#timer", "class") == "red"
        assert page.evaluate("rang") is False
        page.clock.run_for(5_000)
        assert page.inner_text("#timer") == "0"
        assert "zero" in page.get_attribute("#timer", "class")
        assert page.evaluate("rang") is True
    finally:
        page.close()
        room.close()


def test_after_a_crash_the_open_screen_reconnects_and_shows_the_resumed_state(tmp_path, browser):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    room = open_room(tmp_path, port=port)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(room.url)
        room.host("next", "right AC", "next")
        shows(page, 3)
        room.live.stop()  # the console dies; the journal holds the three events
        room.session.journal.close(clean=False)  # as a kill -9 leaves it
        page.wait_for_selector("#conn", state="visible")
        session = resume_session(room.session.journal_path)
        live = start_live(session, port=port)
        try:
            console = PlainConsole(session, lambda line: None, on_change=PlainFeed(live))
            live.submit = console.submit
            # Chromium reconnects on its own a second later (retry: 1000); playwright's default
            # 30 s guard only turns a page that never comes back into a failure.
            page.wait_for_selector("#conn", state="hidden")
            shows(page, 3)
            assert page.inner_text("#stem") == session.state.question.stem
            console.handle("wrong")
            shows(page, 4)
            assert board(page)[0] == ("一队", "110")
        finally:
            live.stop()
            session.close()
    finally:
        page.close()
