"""Benchmark: load + validate + lint a 10,000-question bank; `factquiz --help` start-up.

Targets (issue 2): load+validate+lint < 2 s on the 2-core machine; --help < 0.3 s.
Run: python benchmarks/bench_banks.py [--count 10000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factquiz.banks import dump_bank, read_bank
from factquiz.model import Bank, Blank, Question

PLACES = [
    "建国路隧道",
    "水岸交融游线",
    "金平湖广场",
    "钱家村",
    "东湖景区",
    "南河头街区",
    "求是教育基地",
    "红庙头幼儿园",
]
THINGS = ["昼夜", "户", "平方米", "个车位", "名党员", "支代表队", "人次", "套安置房"]


def build_bank(count: int, seed: int = 1) -> Bank:
    """A varied bank of ``count`` questions of every type (stems differ by place, number and wording)."""
    rng = random.Random(seed)
    questions = []
    for i in range(count):
        place, thing = rng.choice(PLACES), rng.choice(THINGS)
        n = rng.randint(2, 99999)
        kind = ("single", "multiple", "judge", "fill", "short")[i % 5]
        stem = f"第{i}题：{place}项目在{2000 + i % 23}年涉及（ ）{thing}，这一数字在{rng.choice(PLACES)}也被提及。"
        common = dict(
            id=f"q{i:05d}",
            type=kind,
            stem=stem,
            explanation=f"{place}共{n}{thing}。",
            tags=(place,),
            difficulty=1 + i % 3,
            source=f"{place}项目涉及{n}{thing}。",
        )
        if kind in ("single", "multiple"):
            options = tuple(str(n + d) for d in (0, 7, 13, 29))
            correct = (0,) if kind == "single" else (0, 2)
            order = list(range(4))
            rng.shuffle(order)
            questions.append(
                Question(options=options, correct=correct, **common).with_options_order(order)
            )
        elif kind == "judge":
            questions.append(Question(truth=bool(i % 2), **common))
        elif kind == "fill":
            questions.append(Question(blanks=(Blank((str(n),), 0.5),), **common))
        else:
            questions.append(Question(reference=f"{place}涉及{n}{thing}。", **common))
    return Bank(title="基准题库", questions=tuple(questions), name="bench")


def time_it(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    from factquiz.banks.lint import lint_banks

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(dump_bank(build_bank(args.count)), encoding="utf-8")
        size = path.stat().st_size / 1e6
        t_load, bank = time_it(lambda: read_bank(path))
        t_lint, findings = time_it(lambda: lint_banks([bank]))
        print(f"bank: {args.count} questions, {size:.1f} MB of YAML")
        print(f"load + validate: {t_load:.2f} s")
        print(f"lint:            {t_lint:.2f} s ({len(findings)} findings)")
        total = t_load + t_lint
        print(f"total:           {total:.2f} s  (target < 2 s) {'ok' if total < 2 else 'SLOW'}")
        exe = Path(sys.executable).with_name("factquiz")
        cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "factquiz", "--help"]
        t_help, _ = time_it(lambda: subprocess.run(cmd, capture_output=True, check=True), repeat=5)
        print(
            f"factquiz --help: {t_help:.2f} s  (target < 0.3 s) {'ok' if t_help < 0.3 else 'SLOW'}"
        )
        t_cli, _ = time_it(
            lambda: subprocess.run([str(exe), "lint", str(path)], capture_output=True), repeat=1
        )
        print(f"factquiz lint (whole command, {args.count} questions): {t_cli:.2f} s")
        from factquiz.interchange import csv_table, xlsx

        for name, module in (("xlsx", xlsx), ("csv", csv_table)):
            table = Path(tmp) / f"bench.{name}"
            t_out, _ = time_it(lambda m=module, t=table: m.export_bank(bank, t), repeat=1)
            t_in, _ = time_it(lambda m=module, t=table: m.import_bank(t), repeat=1)
            print(f"{name}: export {t_out:.2f} s, import {t_in:.2f} s (for reference; no target)")


if __name__ == "__main__":
    main()
