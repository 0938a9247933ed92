"""Benchmark: export a 10,000-question bank to every interchange format, import the readable ones back.

Prints questions per second for each. The bank has several-blank fill questions
(Moodle cloze) with answers holding every character the cloze grammar escapes,
and text a spreadsheet would run as a formula, so the escaping is measured too.
Import goes through ``import_questions`` (keep what can be read, warn per question).
Run: python benchmarks/bench_interchange.py [--count 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from factquiz.interchange import export_bank, import_questions
from factquiz.interchange.textfmt import LEFT_OUT
from factquiz.model import Bank, Blank, Question

PLACES = ["建国路隧道", "水岸交融游线", "金平湖广场", "钱家村", "东湖景区", "南河头街区"]
FORMATS = {
    "csv": "bank.csv",
    "xlsx": "bank.xlsx",
    "moodle": "bank.xml",
    "gift": "bank.gift",
    "aiken": "bank.txt",
    "kahoot": "kahoot.xlsx",
    "anki": "bank.apkg",
    "html": "practice.html",
}
# the same formats written another way: order questions as a single choice of sequences
VARIANTS = {"moodle --order-as multichoice": ("moodle", "bank-choice.xml", "multichoice")}


def build_bank(count: int, seed: int = 1) -> Bank:
    """``count`` questions cycling through every type, with a few characters each format must escape."""
    rng = random.Random(seed)
    questions = []
    for i in range(count):
        place = rng.choice(PLACES)
        n = rng.randint(2, 99999)
        kind = ("single", "multiple", "judge", "fill", "short", "order", "match")[i % 7]
        common = dict(
            id=f"q{i:05d}",
            type=kind,
            stem=f"第{i}题：{place}项目涉及（ ）户 & 比分 3:2 <说明>。",
            explanation=f"{place}共{n}户；{{见原文}}。",
            tags=(place,),
            source=f"{place}项目涉及{n}户。",
        )
        if kind in ("single", "multiple"):
            options = tuple(str(n + d) for d in (0, 7, 13, 29))
            questions.append(
                Question(options=options, correct=(0,) if kind == "single" else (0, 2), **common)
            )
        elif kind == "judge":
            questions.append(Question(truth=bool(i % 2), **common))
        elif kind == "fill" and i % 10 == 3:  # two blanks: a Moodle cloze with awkward answers
            blanks = (Blank((f"{n}/2", f"a~b#{n}")), Blank((f"C:\\{place}}}", "R&")))
            questions.append(
                Question(blanks=blanks, **{**common, "stem": f"={place}（ ）和（ ）{{1:SA:=x}}"})
            )
        elif kind == "fill":
            blank = Blank((str(n),), 0.5) if i % 2 else Blank((str(n), f"{n}户"))
            questions.append(Question(blanks=(blank,), **common))
        elif kind == "order":
            names = rng.sample(PLACES, 4)
            questions.append(
                Question(
                    options=tuple(names),
                    sequence=(2, 0, 3, 1),
                    keys=("1990年", "2010年", "1980年", "2000年"),
                    **{**common, "stem": f"第{i}题：将下列项目按时间先后排序 & <说明>。"},
                )
            )
        elif kind == "match":
            pairs = tuple(
                (name, f"{n + k}户 & <{k}>") for k, name in enumerate(rng.sample(PLACES, 4))
            )
            questions.append(
                Question(pairs=pairs, **{**common, "stem": f"第{i}题：将下列项目与户数连线。"})
            )
        else:
            questions.append(Question(reference=f"{place}项目涉及{n}户。", **common))
    return Bank(title="基准题库", questions=tuple(questions), name="bench")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    bank = build_bank(args.count)
    print(f"bank: {len(bank)} questions of 7 types")
    with tempfile.TemporaryDirectory() as folder:
        for fmt, name in FORMATS.items():
            path = Path(folder) / name
            start = time.perf_counter()
            warnings = export_bank(bank, fmt, path)
            seconds = time.perf_counter() - start
            left_out = [w for w in warnings if w.rule == LEFT_OUT]
            written = len(bank) - len(left_out)
            print(
                f"export {fmt:7s} {seconds:6.2f} s  {len(bank) / seconds:9.0f} questions/s  "
                f"({written} written, {len(left_out)} left out, {len(warnings) - len(left_out)} notes, "
                f"{path.stat().st_size / 1024:.0f} KiB)"
            )
        for label, (fmt, name, order_as) in VARIANTS.items():
            path = Path(folder) / name
            start = time.perf_counter()
            export_bank(bank, fmt, path, order_as=order_as)
            seconds = time.perf_counter() - start
            print(f"export {label} {seconds:6.2f} s  {len(bank) / seconds:9.0f} questions/s")
        for fmt in ("csv", "xlsx", "moodle", "gift", "aiken"):
            path = Path(folder) / FORMATS[fmt]
            start = time.perf_counter()
            imported = import_questions(path)
            seconds = time.perf_counter() - start
            back = imported.bank
            print(
                f"import {fmt:7s} {seconds:6.2f} s  {len(back) / seconds:9.0f} questions/s  "
                f"({len(back)} read, {len(imported.left_out)} left out, {len(imported.notes)} notes)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
