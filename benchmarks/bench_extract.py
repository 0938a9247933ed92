"""Benchmark: extraction throughput on a synthetic multi-MB corpus of Chinese news text.

Target (issue 3): extraction plus generation ≥ 1 MB/s on one core, so
extraction alone must run well above that. The corpus is the seed article and
the test articles, their paragraphs shuffled and their digits changed, cut
into articles of about 3 kB (the PDF page keeps its wrapped lines).
Run: python benchmarks/bench_extract.py [--megabytes 4] [--profile]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from factquiz.extract import extract_facts
from factquiz.resources import banks_dir

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    banks_dir() / "sources" / "pinghu-chengtou.txt",
    *sorted((ROOT / "tests" / "articles").glob("*.txt")),
]


def corpus(megabytes: float, seed: int = 1) -> list[str]:
    """Articles of about 3 kB until the corpus reaches ``megabytes`` of UTF-8."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    for path in SOURCES:
        paragraphs += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    articles, size = [], 0
    while size < megabytes * 1e6:
        picked = rng.sample(paragraphs, min(len(paragraphs), 30))
        text = "\n\n".join(re.sub(r"\d", lambda m: str(rng.randint(0, 9)), p) for p in picked)
        articles.append(text)
        size += len(text.encode("utf-8"))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument(
        "--profile", action="store_true", help="print the 15 most expensive functions"
    )
    args = parser.parse_args()
    articles = corpus(args.megabytes)
    size = sum(len(a.encode("utf-8")) for a in articles)
    # warm up: imports (cn2an), compiled patterns; start-up is not throughput
    extract_facts(SOURCES[0].read_text(encoding="utf-8"), "2022-01-15")

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    facts = sum(len(extract_facts(a, "2022-01-15", i).facts) for i, a in enumerate(articles))
    elapsed = time.perf_counter() - start
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)

    seed = SOURCES[0].read_text(encoding="utf-8")
    runs = 50
    t0 = time.perf_counter()
    for _ in range(runs):
        extract_facts(seed, "2022-01-15")
    seed_ms = (time.perf_counter() - t0) / runs * 1000

    print(f"corpus: {len(articles)} articles, {size / 1e6:.2f} MB, {facts} facts")
    print(f"extract: {size / 1e6 / elapsed:.2f} MB/s ({elapsed:.2f} s)")
    print(f"seed article: {seed_ms:.1f} ms per extraction")


if __name__ == "__main__":
    main()
