"""Benchmark: 100 versions of a 30-question paper with answer keys, embedded font.

Target (issue #4): under 10 s on a 2-core machine. Prints seconds and pages per second.

    python benchmarks/bench_pdf.py [--versions 100] [--questions 30]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from factquiz.model import Blank, Question
from factquiz.render import PaperOptions, find_font, render_papers


def sample_questions(count: int) -> list[Question]:
    """A paper mixing every type, in the proportions a real paper has."""
    kinds = ["single"] * 12 + ["multiple"] * 6 + ["judge"] * 6 + ["fill"] * 4 + ["short"] * 2
    out = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        base = dict(
            id=f"q{i}", type=kind, explanation=f"据报道，第{i}项工程历经591个昼夜的艰苦施工，提前80余天建成通车。",
            source=f"在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道（第{i}项），最终提前80余天建成通车",
        )  # fmt: skip
        if kind in ("single", "multiple"):
            options = (f"{500 + i}", f"{591 + i}", "600", "365") if i % 3 else (
                "开辟城市红色“景观线”", "规划红色旅游“路线图”", "推出红色体验项目", "新建党史纪念馆")  # fmt: skip
            q = Question(stem=f"我市首条城市隧道——建国路隧道历经（ ）个昼夜的艰苦施工后建成通车（第{i}题）。",
                         options=options, correct=(1,) if kind == "single" else (0, 1), **base)  # fmt: skip
        elif kind == "judge":
            q = Question(
                stem=f"城投集团党史知识竞赛共有{i}支代表队参加，参赛选手在赶超比拼中激烈角逐。",
                truth=bool(i % 2),
                **base,
            )
        elif kind == "fill":
            q = Question(stem=f"当湖街道钱家村搬迁项目涉及农户（ ）户，仅用（ ）天时间（第{i}题）。",
                         blanks=(Blank(("136",)), Blank(("10",))), **base)  # fmt: skip
        else:
            q = Question(stem="请简述“党建做实了就是生产力”这句话所说的三个“力”分别是什么。",
                         reference="党建做实了就是生产力，做强了就是竞争力，做细了就是凝聚力。", points=10, **base)  # fmt: skip
        out.append(q)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--questions", type=int, default=30)
    args = parser.parse_args()
    questions = sample_questions(args.questions)
    start = time.perf_counter()
    font = find_font()
    font_seconds = time.perf_counter() - start
    labels = tuple(chr(65 + i) if i < 26 else str(i + 1) for i in range(args.versions))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        paths = render_papers(
            questions, PaperOptions(title="平湖城投知识竞赛", versions=labels, seed=1), tmp
        )
        seconds = time.perf_counter() - start
        pages = sum(len(PdfReader(p).pages) for p in paths)
        size = sum(Path(p).stat().st_size for p in paths)
    print(
        f"font: {font.path or font.name} (embedded: {font.embedded}), found and parsed in {font_seconds:.2f} s"
    )
    print(
        f"{args.versions} versions × {args.questions} questions, paper + key: {len(paths)} PDFs, {pages} pages, {size / 1e6:.1f} MB"
    )
    print(
        f"time: {seconds:.2f} s (target < 10 s), {pages / seconds:.0f} pages/s, {seconds / len(paths) * 1000:.0f} ms per PDF"
    )


if __name__ == "__main__":
    main()
