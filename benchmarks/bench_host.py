"""Benchmark: the competition console's start-up and key-press latency.

Targets (issue 5): from `factquiz host` to the first screen < 1 s; every key
press redraws within 50 ms.

- first screen: `factquiz host CONFIG` runs in a real terminal (tmux, 80×24);
  the time is from launch until the scoreboard is on the screen.
- key press: a whole 10-team competition driven with Textual's Pilot at 80×24;
  for each key, the time from the key event being posted until the screen
  update showing the new state has been composed and rendered to terminal
  text (the first display after the handler ran), and, inside that, the
  handler alone (rules + journal fsync + widget updates). Pilot's own
  round trip is not used: it sleeps until the process is idle (≥ 40 ms).

Run: python benchmarks/bench_host.py [--teams 10] [--no-tmux]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOCKET = f"bench_host_{os.getpid()}"  # a private tmux server: never touch anyone else's sessions
TEAMS = ["一队", "二队", "三队", "四队", "五队", "六队", "七队", "八队", "九队", "十队"]


def bank_yaml(count: int) -> str:
    lines = ["format: factquiz/1", "title: 基准题库", "questions:"]
    for i in range(count):
        kind = ("single", "judge", "multiple")[i % 3]
        lines += [f"  - id: q{i:04d}", f"    type: {kind}",
                  f"    stem: 第{i}题：我市首条城市隧道——建国路隧道历经（ ）个昼夜的艰苦施工后建成通车，提前80余天。",
                  f"    difficulty: {i % 3 + 1}", "    explanation: 建国路隧道历经591个昼夜施工。",
                  "    source: 在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车"]  # fmt: skip
        if kind == "judge":
            lines.append("    answer: true")
        else:
            lines += [
                '    options: ["519", "591", "600", "365"]',
                f"    answer: {'B' if kind == 'single' else 'BD'}",
            ]
    return "\n".join(lines) + "\n"


def write_inputs(folder: Path, teams: int) -> Path:
    (folder / "bank.yaml").write_text(bank_yaml(200), encoding="utf-8")
    config = folder / "competition.yaml"
    config.write_text(
        f"title: 基准竞赛\nteams: [{', '.join(TEAMS[:teams])}]\nbanks: [bank.yaml]\nseed: 1\npreset: dangshi\n",
        encoding="utf-8",
    )
    return config


def _capture(session: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def first_screen_tmux(config: Path, runs: int) -> tuple[list[float], list[float]]:
    """Launch → scoreboard on screen, per run; then key → screen changed, for a few keys (real terminal)."""
    exe = Path(sys.executable).with_name("factquiz")
    command = str(exe) if exe.exists() else f"{sys.executable} -m factquiz"
    times: list[float] = []
    keys: list[float] = []
    for i in range(runs):
        session = f"bench_host_{os.getpid()}_{i}"
        journal = config.parent / f"first-{i}.journal.jsonl"
        start = time.perf_counter()
        subprocess.run(["tmux", "-L", SOCKET, "new", "-d", "-s", session, "-x", "80", "-y", "24",
                        f"{command} host {config} --journal {journal}"], check=True)  # fmt: skip
        try:
            while time.perf_counter() - start < 10:
                if "按 n 出第一题" in _capture(session):
                    times.append(time.perf_counter() - start)
                    break
                time.sleep(0.005)
            if i == 0:
                for key in ["n", "r", "n", "w", "u", "y", "n", "r"]:
                    before = _capture(session)
                    sent = time.perf_counter()
                    subprocess.run(
                        ["tmux", "-L", SOCKET, "send-keys", "-t", session, key], check=True
                    )
                    while time.perf_counter() - sent < 2 and _capture(session) == before:
                        time.sleep(0.002)
                    keys.append(time.perf_counter() - sent)
        finally:
            subprocess.run(
                ["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True
            )
    subprocess.run(
        ["tmux", "-L", SOCKET, "kill-server"], capture_output=True
    )  # our private server only
    return times, keys


def first_screen_headless(config: Path, runs: int) -> list[float]:
    """Fallback without tmux: a fresh interpreter loads, draws the game and mounts the app headless."""
    script = (
        "import time, asyncio; t0 = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from factquiz.host.config import read_config\n"
        "from factquiz.host.session import start_session\n"
        "from factquiz.host.app import HostApp\n"
        f"s = start_session(read_config(Path({str(config)!r})), journal=Path({str(config.parent)!r}) / ('h%d.journal.jsonl' % time.time_ns()))\n"
        "async def main():\n"
        "    async with HostApp(s).run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause(); print(time.perf_counter() - t0)\n"
        "asyncio.run(main())\n"
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
    return times, []


def competition_keys(teams: int) -> list[str]:
    keys = ["n"]  # 个人必答题: each team one question
    for t in range(teams):
        keys += ["r" if t % 2 else "w", "n"]
    keys += ["n"]  # 抢答题: 10 questions
    for q in range(10):
        keys += [
            "n",
            str((q % teams + 1) % 10),
            "w",
            str(((q + 1) % teams + 1) % 10),
            "r",
            "u",
            "y",
            "n",
        ]
    keys += ["n"]  # 风险题
    for t in range(teams):
        keys += [str(t % 3 + 1), "r" if t % 3 else "w", "n"]
    return keys


async def key_latencies(config: Path, teams: int) -> tuple[list[float], list[float], list[float]]:
    """(press → drawn, handler, journal fsync) for every key of a whole competition."""
    from textual._compositor import CompositorUpdate

    from factquiz.host.app import HostApp
    from factquiz.host.config import read_config
    from factquiz.host.session import start_session

    session = start_session(read_config(config), journal=config.parent / "keys.journal.jsonl")
    app = HostApp(session)
    handler: list[float] = []
    fsync: list[float] = []
    drawn: list[float] = []
    pending = {"posted": 0.0, "handled": False}
    original_send = app.send
    original_append = session.journal.append
    original_display = app._display

    def timed_send(event):
        start = time.perf_counter()
        try:
            return original_send(event)
        finally:
            handler.append(time.perf_counter() - start)
            pending["handled"] = True

    def timed_append(event):
        start = time.perf_counter()
        try:
            return original_append(event)
        finally:
            fsync.append(time.perf_counter() - start)

    def timed_display(screen, renderable):
        original_display(screen, renderable)
        if renderable is not None and pending["handled"]:
            # Headless runs skip writing to a terminal; render the update to text as a terminal would.
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            drawn.append(time.perf_counter() - pending["posted"])
            pending["handled"] = False

    app.send = timed_send  # type: ignore[method-assign]
    session.journal.append = timed_append  # type: ignore[method-assign]
    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in competition_keys(teams):
            pending["posted"], pending["handled"] = time.perf_counter(), False
            await pilot.press(key)
        assert session.state.phase == "finished", session.state.phase
    return drawn, handler, fsync


def describe(name: str, values: list[float], target: float | None = None) -> None:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    verdict = "" if target is None else ("  ok" if p95 <= target * 1000 else "  SLOW")
    print(
        f"{name:<34} n={len(ms):<4} median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-tmux", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = write_inputs(Path(tmp), args.teams)
        use_tmux = shutil.which("tmux") and not args.no_tmux
        times = (first_screen_tmux if use_tmux else first_screen_headless)(config, args.runs)
        how = (
            "tmux 80×24, launch → scoreboard on screen"
            if use_tmux
            else "headless, launch → mounted"
        )
        times, tmux_keys = times
        best, median = min(times), statistics.median(times)
        print(f"first screen ({how}): best {best:.2f} s, median {median:.2f} s over {len(times)} runs"
              f"  (target < 1 s) {'ok' if median < 1 else 'SLOW'}")  # fmt: skip
        if tmux_keys:
            describe("tmux send-keys → screen changed", tmux_keys)
        press, handler, fsync = asyncio.run(key_latencies(config, args.teams))
        print(f"key presses: a whole {args.teams}-team dangshi competition at 80×24 (Pilot)")
        describe("key press → new state drawn", press, 0.05)
        describe("  of which handler (rules+draw)", handler)
        describe("  of which journal write+fsync", fsync)


if __name__ == "__main__":
    main()
