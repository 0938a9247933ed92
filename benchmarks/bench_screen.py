"""Benchmark: the audience screen and the phone buzzers through the real server on 127.0.0.1.

Targets (issue 12): event → screen updated, median and p95 ≤ 100 ms on
localhost; 20 phones × 50 buzzes with no lost or doubled buzz; and the web
screen must not slow the console's own handling of a key.

- event → screen: the console sends an event (plain mode's handler: rules,
  journal write + fsync, then publish); the time until a headless Chromium
  showing the audience page has drawn it (a MutationObserver in the page
  notes the moment its ``data-seq`` changes). Also the time until a plain
  HTTP client reading /events receives it (no browser).
- buzzers: a 20-team buzz round of 50 questions; for each, the host opens
  buzzing and 20 threads press at once (a barrier). Each question must end
  with exactly one accepted buzz (the first arrival) and 19 late presses, and
  the journal must hold exactly one phone buzz per question.
- console: the handler's time for the same events with and without the screen.

Run: python benchmarks/bench_screen.py [--events 200] [--questions 50]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from factquiz.host.config import read_config
from factquiz.host.journal import read_journal
from factquiz.host.plain import PlainConsole
from factquiz.host.session import start_session
from factquiz.screen.buzzers import RateLimit
from factquiz.screen.live import PlainFeed, start_live

TEAMS = [f"第{n}队" for n in range(1, 21)]


def bank_yaml(count: int) -> str:
    lines = ["format: factquiz/1", "title: 基准题库", "questions:"]
    for i in range(count):
        lines += [f"  - id: q{i:04d}", "    type: single", f"    stem: 第{i}题：建国路隧道历经（ ）个昼夜的艰苦施工后建成通车。",
                  '    options: ["519", "591", "600", "365"]', "    answer: B",
                  "    explanation: 建国路隧道历经591个昼夜施工。"]  # fmt: skip
    return "\n".join(lines) + "\n"


def write_config(folder: Path, questions: int) -> Path:
    (folder / "bank.yaml").write_text(bank_yaml(questions + 10), encoding="utf-8")
    config = folder / "competition.yaml"
    config.write_text(
        f"title: 基准竞赛\nteams: [{', '.join(TEAMS)}]\nbanks: [bank.yaml]\nseed: 1\n"
        f"rounds:\n  - name: 抢答\n    kind: buzz\n    count: {questions}\n    points: 10\n    early_penalty: 5\n",
        encoding="utf-8",
    )
    return config


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(name: str, ms: list[float]) -> str:
    return (f"{name}: median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
            f"max {max(ms):.1f} ms (n={len(ms)})")  # fmt: skip


def open_console(folder: Path, questions: int, screen: bool):
    session = start_session(
        read_config(write_config(folder, questions)), journal=folder / "j.journal.jsonl"
    )
    live = start_live(session, buzzers=True, port=0) if screen else None
    console = PlainConsole(session, lambda line: None, on_change=PlainFeed(live) if live else None)
    if live is not None:
        live.submit = console.submit
    return session, live, console


def timed_handle(console: PlainConsole, line: str) -> tuple[float, float]:
    """(wall-clock time when sent, ms the handler took)."""
    sent = time.time()
    start = time.perf_counter()
    console.handle(line)
    return sent, (time.perf_counter() - start) * 1000


def bench_screen(events: int) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium-headless-shell") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        session, live, console = open_console(Path(tmp), 10, screen=True)
        console.handle("next")
        stream = urllib.request.urlopen(live.url + "events")
        received: dict[int, float] = {}

        def read_stream() -> None:
            for raw in stream:
                line = raw.decode("utf-8")
                if line.startswith("data: "):
                    received[json.loads(line[6:])["seq"]] = time.time()
                if len(received) > events + 1:
                    return

        reader = threading.Thread(target=read_stream, daemon=True)
        reader.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(live.url)
            page.wait_for_selector("body[data-seq='1']", state="attached")
            page.evaluate("""() => { window.seen = {};
                new MutationObserver(() => { window.seen[document.body.dataset.seq] = performance.timeOrigin + performance.now(); })
                  .observe(document.body, {attributes: true, attributeFilter: ['data-seq']}); }""")
            sent: dict[int, float] = {}
            handler_ms = []
            for i in range(events):
                # Score changes redraw the scoreboard: the screen's busiest update.
                at, took = timed_handle(console, f"adjust {i % 20 + 1} +1 基准")
                sent[session.state.events] = at
                handler_ms.append(took)
                page.wait_for_selector(f"body[data-seq='{session.state.events}']", state="attached")
            seen = page.evaluate("() => window.seen")
            browser.close()
        reader.join(timeout=10)
        live.stop()
        session.close()
    to_screen = [seen[str(seq)] - sent[seq] * 1000 for seq in sent if str(seq) in seen]
    to_stream = [(received[seq] - sent[seq]) * 1000 for seq in sent if seq in received]
    print(summary("event → audience page drawn (Chromium)", to_screen))
    print(summary("event → /events data received (HTTP)", to_stream))
    print(summary("console handler with the screen (rules + fsync + publish)", handler_ms))


def bench_console_alone(events: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        session, _, console = open_console(Path(tmp), 10, screen=False)
        console.handle("next")
        handler_ms = [
            timed_handle(console, f"adjust {i % 20 + 1} +1 基准")[1] for i in range(events)
        ]
        session.close()
    print(summary("console handler without the screen", handler_ms))


def post(url: str) -> tuple[int, dict, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="POST")) as reply:
            code, body = reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        code, body = exc.code, json.loads(exc.read())
    return code, body, (time.perf_counter() - start) * 1000


def press(urls: list[str], team: int, barrier: threading.Barrier, replies: list) -> None:
    """One phone: wait until all 20 are ready, then press."""
    barrier.wait()
    replies[team] = post(urls[team])


def bench_buzzers(questions: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        session, live, console = open_console(Path(tmp), questions, screen=True)
        # 50 questions in a few seconds would trip the per-phone rate limit (a few presses a
        # second, right for a real round of 20-second questions): lift it for this run.
        live.stage.rate = RateLimit(rate=10_000, burst=10_000)
        urls = [f"{live.url}t/{token}/buzz" for token in live.stage.desk.tokens]
        latencies: list[float] = []
        winners: list[int] = []
        problems: list[str] = []
        started = time.perf_counter()
        console.handle("next")
        for number in range(questions):
            console.handle("next")
            console.handle("open")
            replies: list = [None] * len(urls)
            barrier = threading.Barrier(len(urls))
            threads = [
                threading.Thread(target=press, args=(urls, t, barrier, replies))
                for t in range(len(urls))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            latencies += [ms for _, _, ms in replies]
            refused = [(code, body) for code, body, _ in replies if code != 200]
            if refused:
                problems.append(f"question {number + 1}: refused {refused[:3]}")
                continue
            results = sorted(
                (body["place"], body["result"], body["team"]) for _, body, _ in replies
            )
            if [r for _, r, _ in results] != ["first"] + ["late"] * (len(urls) - 1):
                problems.append(f"question {number + 1}: {results}")
            if [p for p, _, _ in results] != list(range(1, len(urls) + 1)):
                problems.append(f"question {number + 1}: places {[p for p, _, _ in results]}")
            winners.append(results[0][2])
            if session.state.core.team != results[0][2]:
                problems.append(f"question {number + 1}: answering {session.state.core.team}")
            console.handle("right")
        elapsed = time.perf_counter() - started
        journaled = [e.team for e in read_journal(session.journal_path).events if e.type == "buzz"]
        live.stop()
        session.close()
    presses = questions * len(urls)
    print(summary(f"buzz request → reply ({len(urls)} phones at once)", latencies))
    print(f"buzzers: {presses} presses over {questions} questions in {elapsed:.1f} s "
          f"({presses / elapsed:.0f} presses/s with the host's events between)")  # fmt: skip
    lost_or_doubled = journaled != winners
    print(f"buzzers: journal holds {len(journaled)} phone buzzes for {questions} questions; "
          f"{'MISMATCH' if lost_or_doubled else 'none lost, none doubled'}; "
          f"{len(problems)} questions with a wrong order")  # fmt: skip
    for problem in problems[:5]:
        print("  " + problem)
    if problems or lost_or_doubled:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--questions", type=int, default=50)
    args = parser.parse_args()
    bench_console_alone(args.events)
    bench_screen(args.events)
    bench_buzzers(args.questions)


if __name__ == "__main__":
    main()
