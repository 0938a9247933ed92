"""Benchmark: load + validate + lint a 10,000-question bank; `factquiz --help` start-up;
recall of the near-duplicate search.

Targets (issue 2): load+validate+lint < 2 s on the 2-core machine; --help < 0.3 s;
the near-duplicate search finds ≥ 95% of the pairs an exact all-pairs search finds.
Run: python benchmarks/bench_banks.py [--count 10000]
"""

from __future__ import annotations

import argparse
import math
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
        kind = ("single", "multiple", "judge", "fill", "short", "order", "match")[i % 7]
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
        elif kind == "order":  # four of the places, ordered by the year each is given
            names = rng.sample(PLACES, 4)
            years = sorted(rng.sample(range(1950, 2024), 4))
            printed = [3, 1, 0, 2]
            questions.append(
                Question(
                    options=tuple(names[k] for k in printed),
                    sequence=tuple(printed.index(k) for k in range(4)),
                    keys=tuple(f"{years[k]}年" for k in printed),
                    **{**common, "stem": f"第{i}题：将下列项目按建成时间先后排序。"},
                )
            )
        elif kind == "match":
            names = rng.sample(PLACES, 4)
            pairs = tuple((name, f"{n + k}{thing}") for k, name in enumerate(names))
            questions.append(
                Question(pairs=pairs, **{**common, "stem": f"第{i}题：将下列项目与其数字连线。"})
            )
        else:
            questions.append(Question(reference=f"{place}涉及{n}{thing}。", **common))
    return Bank(title="基准题库", questions=tuple(questions), name="bench")


def build_both_ends_bank(count: int, seed: int = 2) -> Bank:
    """Pairs of questions that share the middle of the stem and differ at both ends.

    Sorting by text (forwards or reversed) never puts such a pair side by side,
    so the old sorted-neighbourhood search missed them.
    """
    rng = random.Random(seed)
    starts = ["请问", "据报道，", "2021年，", "去年", "文中提到，", "根据材料，", "截至目前，", ""]
    ends = ["。", "？", "，对吗？", "（单位：户）", "，请作答。", "，是多少？"]
    questions = []
    for i in range(count // 2):
        place, thing = rng.choice(PLACES), rng.choice(THINGS)
        n = rng.randint(2, 99999)
        middle = (
            f"{place}第{i}期工程历时{n % 900 + 100}天，共涉及（ ）{thing}，提前{n % 90 + 10}天完成"
        )
        a_start, b_start = rng.sample(starts, 2)
        a_end, b_end = rng.sample(ends, 2)
        for k, stem in enumerate((a_start + middle + a_end, b_start + middle + b_end)):
            questions.append(
                Question(
                    id=f"e{i:05d}{k}",
                    type="fill",
                    stem=stem,
                    blanks=(Blank((str(n),)),),
                    explanation="解析。",
                    line=i * 2 + k + 1,
                )  # fmt: skip
            )
    return Bank(title="两端不同", questions=tuple(questions), name="ends")


def exact_pairs(texts: list[str], threshold: float) -> set[tuple[int, int]]:
    """Every pair with bigram Jaccard ≥ threshold, found exactly (all-pairs join with prefix filtering).

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity
    search") is exact: two sets with Jaccard ≥ t must share one of their
    |x| − ⌈t·|x|⌉ + 1 rarest tokens, so only pairs sharing such a token are
    compared. Used here as the reference the fast LSH search is measured against.
    """
    from factquiz.banks.similar import bigrams, jaccard

    sets = [bigrams(t) for t in texts]
    frequency: dict[str, int] = {}
    for s in sets:
        for g in s:
            frequency[g] = frequency.get(g, 0) + 1
    ordered = [sorted(s, key=lambda g: (frequency[g], g)) for s in sets]
    index: dict[str, list[int]] = {}
    found = set()
    for x in sorted(range(len(sets)), key=lambda i: (len(sets[i]), i)):
        size = len(sets[x])
        prefix = ordered[x][: size - math.ceil(threshold * size - 1e-9) + 1]
        seen = set()
        smallest = threshold * size  # indexed sets are no larger; smaller ones cannot reach t
        for g in prefix:
            for y in index.get(g, ()):
                if y not in seen:
                    seen.add(y)
                    if len(sets[y]) >= smallest and jaccard(sets[x], sets[y]) >= threshold:
                        found.add((min(x, y), max(x, y)))
        for g in prefix:
            index.setdefault(g, []).append(x)
    return found


def recall(bank: Bank) -> str:
    """Recall of the LSH search against the exact search, on the distinct fact texts of a bank."""
    from factquiz.banks.similar import NEAR_THRESHOLD, fact_text, near_pairs

    texts = sorted({fact_text(q) for q in bank.questions})
    start = time.perf_counter()
    found = near_pairs(texts, NEAR_THRESHOLD)
    t_fast = time.perf_counter() - start
    start = time.perf_counter()
    truth = exact_pairs(texts, NEAR_THRESHOLD)
    t_exact = time.perf_counter() - start
    got = {(i, j) for i, j, _ in found.pairs}
    hit = len(got & truth)
    rate = hit / len(truth) if truth else 1.0
    crowd = f", {len(found.crowded)} in over-full buckets" if found.crowded else ""
    return (
        f"{len(texts)} texts: found {hit} of {len(truth)} pairs ≥ {NEAR_THRESHOLD} = {rate:.1%} recall"
        f" ({'ok' if rate >= 0.95 else 'LOW'}; {len(got - truth)} false){crowd};"
        f" LSH {t_fast:.2f} s, exact {t_exact:.2f} s"
    )


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
    parser.add_argument(
        "--no-recall", action="store_true", help="skip the exact all-pairs search (about a minute)"
    )
    args = parser.parse_args()
    from factquiz.banks.lint import lint_banks
    from factquiz.banks.similar import search_similar

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
        t_similar, _ = time_it(lambda: search_similar(bank.questions))
        print(f"near-duplicate search alone (inside lint): {t_similar:.2f} s")
        if not args.no_recall:
            print(f"near-duplicate recall, benchmark bank: {recall(bank)}")
        print(
            f"near-duplicate recall, pairs differing at both ends: {recall(build_both_ends_bank(args.count))}"
        )
        from factquiz.interchange import csv_table, xlsx

        for name, module in (("xlsx", xlsx), ("csv", csv_table)):
            table = Path(tmp) / f"bench.{name}"
            t_out, _ = time_it(lambda m=module, t=table: m.export_bank(bank, t), repeat=1)
            t_in, _ = time_it(lambda m=module, t=table: m.import_bank(t), repeat=1)
            print(f"{name}: export {t_out:.2f} s, import {t_in:.2f} s (for reference; no target)")


if __name__ == "__main__":
    main()
