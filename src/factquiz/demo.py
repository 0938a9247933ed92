"""``factquiz demo``: the whole pipeline on the bundled article.

It sits above the stages (generate → banks → render), so it is the one
module that imports more than one of them.
"""

from __future__ import annotations

from pathlib import Path


def run_demo(out_dir: str | Path = "factquiz-demo") -> list[Path]:
    """Generate the bundled article's bank, then its exam paper and answer key; return the files written."""
    from factquiz.banks import read_bank
    from factquiz.generate.demo import DEMO_BANK
    from factquiz.generate.demo import run_demo as generate_demo
    from factquiz.render import render_bank

    out = Path(out_dir)
    written = generate_demo(out)
    written += render_bank(read_bank(out / DEMO_BANK), out)
    return written
