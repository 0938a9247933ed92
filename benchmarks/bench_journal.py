"""Benchmark: the competition journal — append and resume speed, kill -9 and full-disk runs.

- append: events recorded per second through ``Session.send`` (rules, JSON
  line, checksum, write, fsync) on the temp folder's disk, and per event.
- resume: ``resume_session`` time for journals of 1,000 and 10,000 events
  (read, check every line's chained checksum, replay).
- kills: ``factquiz host --plain`` in a subprocess, SIGKILLed at random
  moments (30 times by default), resumed each time; counts acknowledged
  events missing from the journal (must be 0).
- full disk: the same console writing its journal on a small tmpfs (needs
  root to mount; else the run is skipped and says so) filled to a few KiB
  free; counts acknowledged events missing after resume (must be 0).

Run: python benchmarks/bench_journal.py [--kills 30] [--events 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEAMS = ["一队", "二队", "三队", "四队", "五队", "六队", "七队", "八队", "九队", "十队"]


def bank_yaml(count: int) -> str:
    lines = ["format: factquiz/1", "title: 基准题库", "questions:"]
    for i in range(count):
        lines += [f"  - id: q{i:04d}", "    type: single", f"    stem: 第{i}题：建国路隧道历经（ ）个昼夜？",
                  '    options: ["519", "591", "600", "365"]', "    answer: B", f"    difficulty: {i % 3 + 1}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def setup(folder: Path) -> Path:
    bank = folder / "bench.yaml"
    bank.write_text(bank_yaml(300), encoding="utf-8")
    return bank


def start(folder: Path, journal: Path):
    from factquiz.host.presets import preset_config
    from factquiz.host.session import start_session

    config = preset_config("dangshi", TEAMS, [str(setup(folder))], "基准")
    return start_session(config, seed=1, journal=journal, fit=True)


def commands(session, total: int, seed: int = 1) -> list[str]:
    """``total`` plain-mode commands that each record one event (played on ``session``)."""
    from factquiz.host.plain import parse_command
    from factquiz.host.rules import ANSWERING, FINISHED, OPEN, SHOWN, TIER

    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < total:
        phase = session.state.phase
        if phase == FINISHED:
            line = f"adjust {rng.randint(1, 10)} +1 基准"
        elif phase == ANSWERING:
            line = rng.choice(["right", "wrong"])
        elif phase == SHOWN:
            line = "open"
        elif phase == OPEN:
            team = next(t for t in range(10) if t not in session.state.core.answered)
            line = f"buzz {team + 1}"
        elif phase == TIER:
            line = "tier 20"
        else:
            line = "next"
        session.send(parse_command(line, session.state))
        out.append(line)
    return out


def bench_append(folder: Path, events: int) -> tuple[float, Path]:
    journal = folder / "append.journal.jsonl"
    session = start(folder, journal)
    began = time.perf_counter()
    commands(session, events)
    took = time.perf_counter() - began
    session.close()
    return took, journal


def bench_resume(journal: Path) -> float:
    from factquiz.host.session import resume_session

    began = time.perf_counter()
    session = resume_session(journal)
    took = time.perf_counter() - began
    session.close()
    return took


class Console:
    """`factquiz host --plain` in a subprocess, fed one command at a time."""

    def __init__(self, args: list[str], cwd: Path):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "factquiz", "host", *args, "--plain"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        self.wait_for("输入 help 查看命令")

    def wait_for(self, *texts: str) -> str:
        while True:
            line = self.proc.stdout.readline().decode("utf-8")
            if not line:
                raise RuntimeError(f"console ended: {self.proc.stderr.read().decode()[-400:]}")
            if any(t in line for t in texts) or line.startswith("提示"):
                return line

    def send(self, command: str) -> None:
        self.proc.stdin.write((command + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def kill_run(folder: Path, kills: int) -> tuple[int, int, int]:
    """(kills, events acknowledged, acknowledged events lost)."""
    from factquiz.host.journal import read_journal

    bank = setup(folder)
    journal = folder / "kill.journal.jsonl"
    probe = start(folder, folder / "probe.journal.jsonl")
    script = commands(probe, kills * 6)
    probe.close()
    rng = random.Random(20261202)
    args = [str(bank), "--teams", ",".join(TEAMS), "--seed", "1", "--title", "基准"]
    console = Console([*args, "--journal", str(journal)], folder)
    done = lost = 0
    for _ in range(kills):
        stop_at = min(len(script), done + rng.randint(1, 8))
        while done < stop_at - 1:
            console.send(script[done])
            console.wait_for("已记录")
            done += 1
        console.send(script[done])
        if rng.random() < 0.5:
            time.sleep(rng.random() * 0.02)
        else:
            console.wait_for("已记录")
            done += 1
        console.kill()
        recorded = len(read_journal(journal).events)
        lost += max(done - recorded, 0)
        done = recorded
        console = Console(["--resume", str(journal)], folder)
    console.kill()
    return kills, done, lost


def full_disk_run(folder: Path, free_kib: int) -> tuple[int, int, str] | None:
    """(events acknowledged, acknowledged events lost, what the console said) on a tmpfs with ``free_kib`` free."""
    from factquiz.host.journal import read_journal

    mount = folder / f"disk{free_kib}"
    mount.mkdir()
    size = 64
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}k", "tmpfs", str(mount)],
                      capture_output=True).returncode:  # fmt: skip
        return None
    try:
        (mount / "filler").write_bytes(b"\0" * ((size - free_kib) * 1024))
        bank = setup(folder)
        probe = start(folder, folder / f"probe{free_kib}.journal.jsonl")
        script = commands(probe, 2000)
        probe.close()
        journal = mount / "j.journal.jsonl"
        args = [str(bank), "--teams", ",".join(TEAMS), "--seed", "1", "--title", "基准"]
        try:
            console = Console([*args, "--journal", str(journal)], folder)
        except RuntimeError as exc:
            return 0, 0, str(exc).strip().splitlines()[-1].rpartition(".jsonl: ")[2]  # the refusal
        acknowledged = 0
        said = ""
        for line in script:
            console.send(line)
            answer = console.wait_for("已记录", "!! 记录已停止")
            if answer.startswith("!!"):
                said = answer.strip()
                break
            acknowledged += 1
        console.kill()
        (mount / "filler").unlink()
        recorded = len(read_journal(journal).events)
        return acknowledged, max(acknowledged - recorded, 0), said
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--events", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-journal-") as name:
        folder = Path(name)
        took, journal = bench_append(folder, 1000)
        print(
            f"append: 1000 events in {took:.2f} s = {1000 / took:.0f} events/s, {took:.3f} ms each (fsync each)"
        )
        print(
            f"resume 1000 events: {bench_resume(journal) * 1000:.0f} ms ({journal.stat().st_size // 1024} KiB)"
        )
        if args.events > 1000:
            big = folder / "big"
            big.mkdir()
            took, journal = bench_append(big, args.events)
            print(
                f"append: {args.events} events in {took:.1f} s = {args.events / took:.0f} events/s"
            )
            print(
                f"resume {args.events} events: {bench_resume(journal) * 1000:.0f} ms ({journal.stat().st_size // 1024} KiB)"
            )
        (folder / "kills").mkdir()
        kills, acknowledged, lost = kill_run(folder / "kills", args.kills)
        print(f"kill -9: {kills} kills, {acknowledged} events acknowledged, {lost} lost")
        for free in (4, 8, 12, 16):
            result = full_disk_run(folder, free)
            if result is None:
                print(
                    "full disk: skipped (cannot mount a tmpfs here; the tests inject a full disk instead)"
                )
                break
            acknowledged, lost, said = result
            print(
                f"full disk, {free} KiB free: {acknowledged} events acknowledged, {lost} lost; console: {said[:90]}"
            )


if __name__ == "__main__":
    main()
