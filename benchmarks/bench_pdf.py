"""Benchmark: 100 versions × 30 questions with answer keys, beside auto-multiple-choice (AMC) in the same run.

Measures, and prints:
1. the bundled bank (question_banks/pinghu-chengtou.yaml: every type, with
   explanations and sources): 30 questions × 100 versions, paper + key;
2. 30 Chinese single-choice questions × 100 versions, paper + key, the job AMC does;
3. the same 30 questions × 100 copies with AMC (`auto-multiple-choice prepare
   --mode s`, xelatex + ctex), when AMC is installed (Debian: auto-multiple-choice,
   texlive-xetex, texlive-lang-chinese);
and checks that one worker and all workers write the same bytes.

Target (issue #11): (1) in at most a quarter of AMC's time for (3).

    python benchmarks/bench_pdf.py [--versions 100] [--questions 30] [--workers N] [--no-amc]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from factquiz.banks import all_questions, load_banks, select_questions
from factquiz.banks.select import Selection
from factquiz.model import Question
from factquiz.render import PaperOptions, find_font, render_papers, version_labels
from factquiz.render.papers import worker_count

BANK = Path(__file__).resolve().parent.parent / "question_banks" / "pinghu-chengtou.yaml"
STEM = "我市首条城市隧道——建国路隧道历经多少个昼夜的艰苦施工后建成通车（第{}题）？"
OPTIONS = ("591", "519", "600", "365")


def single_choice(count: int) -> list[Question]:
    return [
        Question(id=f"q{i}", type="single", stem=STEM.format(i + 1), options=OPTIONS, correct=(0,))
        for i in range(count)
    ]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the render workers, AMC's LaTeX runs)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def render(
    questions: list[Question], versions: int, workers: int | None
) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, pages, digest of every file) of one render."""
    from pypdf import PdfReader

    labels = tuple(version_labels(str(versions)))
    with tempfile.TemporaryDirectory() as tmp:
        cpu, start = cpu_seconds(), time.perf_counter()
        paths = render_papers(
            questions,
            PaperOptions(title="平湖城投知识竞赛", versions=labels, seed=1, workers=workers),
            tmp,
        )
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        pages = sum(len(PdfReader(p).pages) for p in paths)
        digest = hashlib.sha256(b"".join(Path(p).read_bytes() for p in paths)).hexdigest()[:16]
    return wall, cpu, pages, digest


AMC_SOURCE = r"""\documentclass[a4paper]{article}
\usepackage{ctex}
\usepackage[box,completemulti]{automultiplechoice}
\begin{document}
%s
\onecopy{%d}{
\noindent{\bf 平湖城投知识竞赛}\hfill 姓名：\rule{4cm}{0.4pt}
\vspace*{.5cm}
\melangegroupe{zh}
\restituegroupe{zh}
\AMCcleardoublepage
}
\end{document}
"""
AMC_QUESTION = r"""\element{zh}{
\begin{question}{q%d}
%s
\begin{reponses}
\bonne{%s}
\mauvaise{%s}
\mauvaise{%s}
\mauvaise{%s}
\end{reponses}
\end{question}
}"""


def amc(questions: list[Question], copies: int) -> tuple[float, float] | str:
    """(wall, CPU seconds) for AMC to write the subject and solutions of ``copies`` copies, or why not."""
    if not shutil.which("auto-multiple-choice") or not shutil.which("xelatex"):
        return "AMC or xelatex not installed (Debian: auto-multiple-choice texlive-xetex texlive-lang-chinese)"
    body = "\n".join(AMC_QUESTION % (i, q.stem, *q.options) for i, q in enumerate(questions))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "data").mkdir()
        (folder / "source.tex").write_text(AMC_SOURCE % (body, copies), encoding="utf-8")
        command = [
            "auto-multiple-choice", "prepare", "--mode", "s", "--with", "xelatex",
            "--data", str(folder / "data"), "--prefix", f"{folder}/", "--n-copies", str(copies),
            "--out-sujet", str(folder / "sujet.pdf"), "--out-corrige", str(folder / "corrige.pdf"),
            "--out-calage", str(folder / "calage.xy"), str(folder / "source.tex"),
        ]  # fmt: skip
        cpu, start = cpu_seconds(), time.perf_counter()
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        if done.returncode or not (folder / "sujet.pdf").is_file():
            return f"AMC failed (exit {done.returncode}): {done.stdout[-300:]}"
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    parser.add_argument("--no-amc", action="store_true")
    args = parser.parse_args()
    font = find_font()
    bank = select_questions(
        all_questions(load_banks([BANK])), Selection(count=args.questions, seed=1)
    )
    singles = single_choice(args.questions)
    workers = worker_count(args.workers)
    print(f"font: {font.path or font.name}; {os.cpu_count()} cores, {workers} workers")
    n = args.versions
    wall, cpu, pages, digest = render(bank, n, args.workers)
    print(f"bundled bank, {n} versions × {len(bank)} questions, paper + key: {wall:.2f} s wall, "
          f"{cpu:.2f} s CPU, {pages} pages ({cpu / (2 * n) * 1000:.0f} ms CPU per PDF)")  # fmt: skip
    one_wall, one_cpu, _, one_digest = render(bank, n, 1)
    same = "same bytes" if one_digest == digest else "DIFFERENT BYTES"
    print(
        f"  with 1 worker: {one_wall:.2f} s wall, {one_cpu:.2f} s CPU ({same} as {workers} workers)"
    )
    s_wall, s_cpu, s_pages, _ = render(singles, n, args.workers)
    print(f"{len(singles)} single-choice × {n} versions, paper + key: {s_wall:.2f} s wall, "
          f"{s_cpu:.2f} s CPU, {s_pages} pages")  # fmt: skip
    if args.no_amc:
        return
    result = amc(singles, n)
    if isinstance(result, str):
        print(f"AMC: {result}")
        return
    a_wall, a_cpu = result
    print(f"AMC 1.6 (xelatex + ctex), {len(singles)} single-choice × {n} copies, subject + solutions: "
          f"{a_wall:.2f} s wall, {a_cpu:.2f} s CPU")  # fmt: skip
    print(f"ratio bundled bank / AMC: {wall / a_wall:.2f} (target ≤ 0.25); "
          f"single-choice / AMC: {s_wall / a_wall:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
