"""Render the printed material for a set of questions: papers, answer keys, cue cards, scoresheet.

    from factquiz.banks import load_banks, all_questions
    from factquiz.render import PaperOptions, render_papers, default_title

    banks = load_banks(["question_banks/pinghu-chengtou.yaml"])
    render_papers(all_questions(banks), PaperOptions(title=default_title(banks), versions=("A", "B")), "out/")

Files written into ``out_dir``:
- ``paper.pdf`` / ``key.pdf`` for an unversioned paper (questions in the given order);
- ``paper-A.pdf`` / ``key-A.pdf``… per version (question and option order shuffled from the seed);
- ``papers.pdf`` / ``keys.pdf`` instead with ``combined`` (every version in one file, each numbered from 第 1 页);
- ``cards.pdf`` (主持人题卡) and ``scoresheet.pdf`` (计分表) when asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from factquiz.errors import SelectionError, UsageError
from factquiz.model import Bank, Question
from factquiz.render.cards import render_cards
from factquiz.render.document import Part, PartStart, build_pdf
from factquiz.render.fonts import find_font
from factquiz.render.instructions import instruction_lines, load_instructions
from factquiz.render.key import key_flowables
from factquiz.render.layout import Version, plan_versions
from factquiz.render.paper import paper_flowables
from factquiz.render.scoresheet import check_scoresheet, render_scoresheet
from factquiz.render.styles import make_styles

DEFAULT_ROUNDS = ("必答题", "抢答题", "风险题", "加时赛")
DEFAULT_TITLE = "知识竞赛试卷"


@dataclass(frozen=True)
class PaperOptions:
    """What to print and how. Every field has a sensible default."""

    title: str = ""  # "" → DEFAULT_TITLE; the CLI passes the bank title
    subtitle: str = ""
    minutes: int | None = 60  # time allowed, in the instructions; None leaves it out
    versions: tuple[str, ...] = ()  # labels ("A", "B"…); () → one paper in the given order
    seed: int = 0  # question and option order of every version comes from it
    font: str | None = (
        None  # font file ("path.ttc#1" for a subfont); None → $FACTQUIZ_FONT or the system
    )
    paper: bool = True  # the papers (False with key_only)
    key: bool = True  # the answer keys
    combined: bool = False  # all versions in one papers.pdf (and keys.pdf)
    cards: bool = False  # host cue cards, cards.pdf
    scoresheet: tuple[str, ...] = ()  # team names → scoresheet.pdf
    rounds: tuple[str, ...] = DEFAULT_ROUNDS  # round names on the scoresheet (and cards)
    templates: str | None = None  # organiser's folder; its paper/instructions.j2 overrides ours


def default_title(banks: Sequence[Bank]) -> str:
    """The bank title; for several banks their titles joined when short, else DEFAULT_TITLE."""
    titles = list(dict.fromkeys(b.title for b in banks if b.title))
    if len(titles) == 1:
        return titles[0]
    joined = "、".join(titles)
    return joined if titles and len(joined) <= 30 else DEFAULT_TITLE


def _check(questions: Sequence[Question], options: PaperOptions) -> None:
    if not (options.paper or options.key or options.cards or options.scoresheet):
        raise UsageError(
            "nothing to print: --key-only and --no-key together leave nothing; drop one of them"
        )
    if not questions and (options.paper or options.key or options.cards):
        raise SelectionError(
            "no questions selected; check the bank and the --types/--tags/--difficulty filters"
        )
    if len(set(options.versions)) != len(options.versions):
        raise UsageError("a version label is given twice in --versions")
    if options.scoresheet:
        check_scoresheet(options.scoresheet, options.rounds)


def _versioned(parts: list[tuple[Part, list[Flowable]]]) -> list[Flowable]:
    """Several parts in one document, each from a new page with its own page numbers."""
    out: list[Flowable] = []
    for i, (part, flowables) in enumerate(parts):
        if i:
            out.append(PageBreak())
        out.append(PartStart(part))
        out += flowables
    return out


def render_papers(
    questions: Sequence[Question], options: PaperOptions, out_dir: str | os.PathLike[str]
) -> list[Path]:
    """Write the PDFs ``options`` asks for into ``out_dir``; return their paths in the order written.

    Raises UsageError / SelectionError / InputError (font, folder) before any file is written.
    """
    _check(questions, options)
    font = find_font(options.font)
    out = Path(out_dir)
    title = options.title.strip() or DEFAULT_TITLE
    styles = make_styles(font.name)
    versions = plan_versions(questions, options.versions, options.seed)
    # every version's instructions first, so a template error stops before any file is written
    template = load_instructions(options.templates)
    notes = (
        {v.label: instruction_lines(v, options.minutes, template) for v in versions}
        if options.paper
        else {}
    )
    written: list[Path] = []

    def paper_part(v: Version) -> tuple[Part, list[Flowable]]:
        return Part(left=v.name, right=title), paper_flowables(
            v, title, options.subtitle, notes[v.label], styles
        )

    def key_part(v: Version) -> tuple[Part, list[Flowable]]:
        return Part(left=f"参考答案 {v.name}".strip(), right=title), key_flowables(v, title, styles)

    kinds = [("paper", paper_part, "试卷")] if options.paper else []
    kinds += [("key", key_part, "参考答案")] if options.key else []
    for kind, make, subject in kinds:
        if options.combined and options.versions:
            path = out / f"{kind}s.pdf"
            written.append(
                build_pdf(
                    path,
                    _versioned([make(v) for v in versions]),
                    font.name,
                    title=title,
                    subject=subject,
                )
            )
            continue
        for v in versions:
            path = out / (f"{kind}-{v.label}.pdf" if v.label else f"{kind}.pdf")
            written.append(
                build_pdf(path, _versioned([make(v)]), font.name, title=title, subject=subject)
            )
    if options.cards:
        written.append(
            render_cards(questions, title, font, out / "cards.pdf", rounds=options.rounds)
        )
    if options.scoresheet:
        written.append(
            render_scoresheet(
                options.scoresheet, options.rounds, title, font, out / "scoresheet.pdf"
            )
        )
    return written


def render_bank(
    bank: Bank, out_dir: str | os.PathLike[str], options: PaperOptions | None = None
) -> list[Path]:
    """The paper and answer key of a whole bank, titled with the bank's title (what `factquiz demo` writes)."""
    options = options or PaperOptions()
    if not options.title:
        options = replace(options, title=bank.title)
    return render_papers(list(bank.questions), options, out_dir)
