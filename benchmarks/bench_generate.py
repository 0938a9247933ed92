"""Benchmark: extraction + generation throughput, and `factquiz generate` on the seed article.

Targets (issue 3): extraction plus generation ≥ 1 MB/s of Chinese text on one
core (a synthetic multi-MB corpus), and `factquiz generate` on the seed
article < 1 s including start-up.
Run: python benchmarks/bench_generate.py [--megabytes 3]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.resources import banks_dir

SEED = banks_dir() / "sources" / "pinghu-chengtou.txt"

# pieces to vary the corpus, so that deduplication does not make it trivially small
PLACES = ["建国路", "胜利路", "东湖", "当湖", "钱家村", "新华社区", "南河头", "红旗小区", "金平湖", "曹桥街道"]
UNITS = ["户", "名", "人次", "套", "个", "支", "期", "平方米", "万元", "天"]


def synthetic_article(rng: random.Random, index: int) -> str:
    """A news-like article of about 3 kB: the seed's sentences with other places and numbers."""
    lines = [f"第{index}篇：{rng.choice(PLACES)}重点工作进展"]
    for _ in range(24):
        place, unit = rng.choice(PLACES), rng.choice(UNITS)
        n, pct = rng.randint(2, 9999), rng.randint(10, 999) / 10
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        lines.append(
            rng.choice(
                [
                    f"{place}项目涉及农户{n}{unit}，仅用{rng.randint(3, 30)}天时间，腾房率就达到了{pct}%。",
                    f"去年{month}月{day}日，{place}党委组织举行了第{rng.randint(2, 9)}届知识竞赛，共有{rng.randint(5, 20)}支代表队参加。",
                    f"在历经{n}个昼夜的艰苦施工后，{place}隧道最终提前{rng.randint(10, 90)}余天建成通车；",
                    f"全年累计接待游客近{rng.randint(2, 90)}万人次，新增车位{n}个，完成投资{rng.randint(1, 99)}.{rng.randint(1, 9)}亿元。",
                    f"截至目前，{place}共成立了{rng.randint(2, 30)}个党支部，现有党员{n}名。",
                ]
            )
        )
    return "\n\n".join(lines)


def throughput(megabytes: float) -> None:
    rng = random.Random(1)
    articles, size = [], 0
    while size < megabytes * 1024 * 1024:
        text = synthetic_article(rng, len(articles))
        size += len(text.encode("utf-8"))
        articles.append(Article(text, date="2022-01-15", file=f"a{len(articles)}.txt"))
    generate_bank(articles[:3], GenerateOptions(seed=1))  # warm up: imports, template compilation
    start = time.perf_counter()
    bank, _ = generate_bank(articles, GenerateOptions(seed=1))
    elapsed = time.perf_counter() - start
    mb = size / 1024 / 1024
    print(f"extract+generate: {mb:.2f} MB in {len(articles)} articles -> {len(bank)} questions "
          f"in {elapsed:.2f} s = {mb / elapsed:.2f} MB/s (target >= 1 MB/s)")

    from factquiz.extract import extract_facts

    text = "\n\n".join(a.text for a in articles)
    start = time.perf_counter()
    facts = len(extract_facts(text, date="2022-01-15").facts)
    alone = time.perf_counter() - start
    print(f"  of which extraction alone (one big text): {alone:.2f} s, {facts} facts ({mb / alone:.2f} MB/s)")


def seed_cli() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bank.yaml"
        command = [sys.executable, "-m", "factquiz", "generate", str(SEED), "-o", str(out), "--date", "2022", "--seed", "1"]
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"factquiz generate seed article: best {min(times):.2f} s of 3 (target < 1 s, includes start-up)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=3.0, help="size of the synthetic corpus")
    args = parser.parse_args()
    throughput(args.megabytes)
    seed_cli()


if __name__ == "__main__":
    main()
