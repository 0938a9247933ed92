"""``factquiz demo``: the whole pipeline on the bundled article."""

from __future__ import annotations

from pathlib import Path

from factquiz.generate.bank import Article, GenerateOptions, generate_bank
from factquiz.resources import banks_dir

DEMO_SOURCE = "sources/pinghu-chengtou.txt"  # inside question_banks/
DEMO_BANK = "pinghu-chengtou.yaml"
# The article is a page from early 2022 (it reports 2021 as 去年 and says 今年 of the
# digitalisation that followed); only the year is certain, so the date is the year.
DEMO_OPTIONS = GenerateOptions(seed=1, date="2022")


def demo_article() -> Article:
    """The bundled seed article, recorded with its path relative to the bank folder."""
    from factquiz.files import read_text

    return Article(read_text(banks_dir() / DEMO_SOURCE, what="article"), file=DEMO_SOURCE)


def run_demo(out_dir: str | Path = "factquiz-demo") -> list[Path]:
    """Generate the demo bank into ``out_dir``; return the files written."""
    from factquiz.banks import save_bank
    from factquiz.files import atomic_write

    out = Path(out_dir)
    article = demo_article()
    bank, _warnings = generate_bank([article], DEMO_OPTIONS)
    # the article goes along, so the bank's source path holds inside the demo folder too
    source = out / DEMO_SOURCE
    atomic_write(source, article.text)
    path = out / DEMO_BANK
    save_bank(bank, path)
    return [path, source]
