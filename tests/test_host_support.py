"""Small banks and configs for the host and practice tests (no tests here)."""

from __future__ import annotations

from pathlib import Path

from factquiz.banks import all_questions, parse_bank
from factquiz.host.config import parse_config
from factquiz.host.plan import Game, draw_game


def bank_text(count: int = 30) -> str:
    """A bank of ``count`` questions cycling single / judge / multiple / fill, difficulties 1–3."""
    lines = [
        "format: factquiz/1",
        "title: 测试题库",
        "defaults: {points: 10, time_limit: 30}",
        "questions:",
    ]
    for i in range(count):
        kind = ("single", "judge", "multiple", "fill")[i % 4]
        lines.append(f"  - id: q{i + 1:02d}")
        lines.append(f"    type: {kind}")
        lines.append(f"    stem: 第{i + 1}题的题干（ ）。")
        if kind == "single":
            lines.append("    options: [甲, 乙, 丙, 丁]")
            lines.append("    answer: B")
        elif kind == "multiple":
            lines.append("    options: [甲, 乙, 丙, 丁]")
            lines.append("    answer: AC")
        elif kind == "judge":
            lines.append(f"    answer: {'true' if i % 8 == 1 else 'false'}")
        else:
            lines.append("    answer: [[五百九十一, '591']]")
        lines.append(f"    explanation: 第{i + 1}题的解析。")
        lines.append(f"    source: 原文第{i + 1}句。")
        lines.append(f"    difficulty: {i % 3 + 1}")
        lines.append("    tags: [党史]" if i % 2 else "    tags: [工程]")
    return "\n".join(lines) + "\n"


def write_bank(folder: Path, count: int = 30, name: str = "demo") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(bank_text(count), encoding="utf-8")
    return path


CONFIG = """\
title: 测试竞赛
teams: [一队, 二队, 三队]
start_score: 100
banks: [demo.yaml]
seed: 7
rounds:
  - name: 必答
    kind: required
    count: 1
    points: 10
  - name: 共答
    kind: shared
    count: 1
    points: 10
  - name: 抢答
    kind: buzz
    count: 2
    points: 10
    penalty: 10
    early_penalty: 5
  - name: 风险
    kind: risk
    count: 1
    tiers: [10, 20, 30]
  - name: 加时
    kind: sudden_death
    count: 3
awards: {一等奖: 1, 二等奖: 1}
"""


def write_config(folder: Path, text: str = CONFIG, bank_count: int = 30) -> Path:
    write_bank(folder, bank_count)
    path = folder / "competition.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def make_game(text: str = CONFIG, bank_count: int = 30, seed: int = 7) -> Game:
    config = parse_config(text, "competition.yaml")
    bank = parse_bank(bank_text(bank_count), "demo.yaml")
    return draw_game(config, all_questions([bank]), seed)


class FakeClock:
    """A clock the test moves by hand (seconds): no test waits for real time to pass."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FullDisk:
    """A disk with ``free`` bytes left, for the journal's files: a write that does not fit is cut
    short and returns the smaller count without raising (as a real full disk does), the next
    raises ENOSPC; truncating gives the space back. ``free = None``: room again."""

    def __init__(self, free: int | None):
        self.free = free

    def open(self, real_open):
        disk = self

        def open_file(path, create):
            return _DiskFile(real_open(path, create), disk)

        return open_file


class _DiskFile:
    def __init__(self, handle, disk: FullDisk):
        self._handle = handle
        self._disk = disk

    def write(self, data) -> int:
        disk = self._disk
        if disk.free is None:
            return self._handle.write(data)
        if disk.free <= 0:
            import errno

            raise OSError(errno.ENOSPC, "No space left on device")
        written = self._handle.write(bytes(data[: disk.free]))
        disk.free -= written
        return written

    def truncate(self, size: int) -> int:
        import os

        before = os.fstat(self._handle.fileno()).st_size
        if self._disk.free is not None:
            self._disk.free += max(before - size, 0)
        return self._handle.truncate(size)

    def __getattr__(self, name):
        return getattr(self._handle, name)


def fill_disk(monkeypatch, free: int | None) -> FullDisk:
    """Put the journals written from now on on a disk with ``free`` bytes left."""
    from factquiz.host import journal

    disk = FullDisk(free)
    monkeypatch.setattr(journal, "_open_file", disk.open(journal._open_file))
    return disk
