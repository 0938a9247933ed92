"""Generate a bank for each article of the development set and write review packets.

The articles are other people's text: they live outside the repository (default /tmp/devset,
listed with their URLs in benchmarks/quality/articles.md). For each NN_domain.txt this writes
OUT/NN/article.txt, OUT/NN/bank.yaml, OUT/NN/questions.md (every question as a reviewer reads
it) and OUT/NN/dropped.md (what the quality gate left out, with why), plus the rubric, so a
blind reviewer sees only the article, the bank and the rubric.

Run: python benchmarks/quality/review_sheets.py [--articles /tmp/devset] [--out /tmp/review]
     [--only 03,05,...]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from factquiz.banks import dump_bank
from factquiz.generate import Article, GenerateOptions, generate_bank

HERE = Path(__file__).resolve().parent


def describe(q) -> str:
    lines = [f"### {q.id} ({q.type_name})", f"题干：{q.stem}"]
    for k, option in enumerate(q.options):
        lines.append(f"  {'ABCDEFGH'[k]}. {option}")
    lines.append(f"答案：{q.answer_text()}")
    if q.explanation:
        lines.append(f"解析：{q.explanation}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", default="/tmp/devset")
    parser.add_argument("--out", default="/tmp/review")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    only = {n for n in args.only.split(",") if n}
    out = Path(args.out)
    total = dropped_total = 0
    for path in sorted(Path(args.articles).glob("[0-9][0-9]_*.txt")):
        number = path.name[:2]
        if only and number not in only:
            continue
        text = path.read_text(encoding="utf-8")
        dropped: list = []
        bank, _ = generate_bank(
            [Article(text, file=path.name)],
            GenerateOptions(seed=1, allow_empty=True),
            dropped=dropped,
        )
        folder = out / number
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / "article.txt")
        shutil.copy(HERE / "rubric.md", folder / "rubric.md")
        (folder / "bank.yaml").write_text(dump_bank(bank), encoding="utf-8")
        sheet = [f"# {bank.title}（{len(bank)} 题）", ""] + [
            describe(q) + "\n" for q in bank.questions
        ]
        (folder / "questions.md").write_text("\n".join(sheet), encoding="utf-8")
        report = [f"- {d.stem} → {d.answer}：{d.describe()}" for d in dropped]
        (folder / "dropped.md").write_text("\n".join(report) + "\n", encoding="utf-8")
        total += len(bank)
        dropped_total += len(dropped)
        print(f"{number} {path.stem}: {len(bank)} questions, {len(dropped)} left out")
    print(f"all: {total} questions, {dropped_total} left out")


if __name__ == "__main__":
    main()
