"""Render the printed material for a set of questions: papers, answer keys, cue cards, scoresheet.

    from factquiz.banks import load_banks, all_questions
    from factquiz.render import PaperOptions, render_papers, default_title

    banks = load_banks(["question_banks/pinghu-chengtou.yaml"])
    render_papers(all_questions(banks), PaperOptions(title=default_title(banks), versions=("A", "B")), "out/")

Files written into ``out_dir``:
- ``paper.pdf`` / ``key.pdf`` for an unversioned paper (questions in the given order);
- ``paper-A.pdf`` / ``key-A.pdf``… per version (question and option order shuffled from the seed);
- ``papers.pdf`` / ``keys.pdf`` instead with ``combined`` (every version in one file, each numbered from 第 1 页);
- ``answer-sheet-A.pdf`` (答题卡) with its bubble layout ``answer-sheet-A.json`` per version when asked for;
- ``cards.pdf`` (主持人题卡) and ``scoresheet.pdf`` (计分表) when asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from factquiz.errors import SelectionError, UsageError
from factquiz.model import Bank, Question
from factquiz.render.answer_sheet import render_answer_sheets
from factquiz.render.cards import render_cards
from factquiz.render.document import PageLayout, Part, PartStart, build_pdf
from factquiz.render.fonts import find_font
from factquiz.render.glyphs import check_questions, printed_text
from factquiz.render.instructions import (
    instruction_lines,
    load_instructions,
    load_section_template,
)
from factquiz.render.key import key_flowables
from factquiz.render.layout import Version, plan_versions
from factquiz.render.paper import PaperLook, heading_text, paper_flowables
from factquiz.render.scoresheet import check_scoresheet, render_scoresheet
from factquiz.render.styles import Styles, make_styles

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
    templates: str | None = None  # organiser's folder; its paper/*.j2 override ours
    fields: tuple[str, ...] = ("单位", "姓名", "考号")  # candidate fields (考号/姓名/班级/单位…)
    binding: bool = (
        True  # 密封线 strip with the fields on the binding edge (else boxes under the title)
    )
    duplex: bool = (
        True  # printed on both sides: binding edge mirrored, combined parts padded to even pages
    )
    score_boxes: bool = True  # 得分/评卷人 box at each section
    answer_sheet: bool = False  # 答题卡 answer-sheet(-A).pdf, one page per version
    workers: int | None = (
        None  # processes to render with; None → every core (same bytes either way)
    )


def default_title(banks: Sequence[Bank]) -> str:
    """The bank title; for several banks their titles joined when short, else DEFAULT_TITLE."""
    titles = list(dict.fromkeys(b.title for b in banks if b.title))
    if len(titles) == 1:
        return titles[0]
    joined = "、".join(titles)
    return joined if titles and len(joined) <= 30 else DEFAULT_TITLE


def _check(questions: Sequence[Question], options: PaperOptions) -> None:
    if not (
        options.paper or options.key or options.cards or options.scoresheet or options.answer_sheet
    ):
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
    """Several parts in one document, each from a new page (a front side) with its own page numbers."""
    out: list[Flowable] = []
    for i, (part, flowables) in enumerate(parts):
        if i:
            out += [NextPageTemplate("front"), PageBreak()]
        out.append(PartStart(part))
        out += flowables
    return out


@dataclass(frozen=True)
class _Job:
    """One PDF to write: its versions as parts, laid out by ``make``."""

    path: Path
    make: Callable[[Version, Styles], tuple[Part, list[Flowable]]]
    versions: tuple[Version, ...]
    font: str
    title: str
    subject: str
    layout: PageLayout
    charset: str
    pad_parts: bool = False
    closer: bool = False  # set in the compact styles (see closer_saves_a_page)

    def build(self, path: Path, styles: Styles, fills: list[float]) -> Path:
        flowables = _versioned([self.make(v, styles) for v in self.versions])
        return build_pdf(
            path, flowables, self.font, title=self.title, subject=self.subject,
            layout=self.layout, pad_parts=self.pad_parts, charset=self.charset, fills=fills,
        )  # fmt: skip

    def run(self) -> Path:
        return self.build(self.path, make_styles(self.font, compact=self.closer), [])

    def closer_saves_a_page(self) -> bool:
        """Whether this paper, set a little closer, needs one page fewer: its last page would hold little.

        Tried on the first version only and applied to all, so each file
        still depends only on the inputs (not on which worker renders it),
        and a render of 100 versions pays for two trial layouts, not 100.
        """
        with tempfile.TemporaryDirectory() as folder:
            fills: list[float] = []
            self.build(Path(folder) / "trial.pdf", make_styles(self.font), fills)
            if len(fills) < 2 or fills[-1] > SPARE_LAST_PAGE:
                return False
            if fills[-1] > CLOSER_GAIN * sum(fills[:-1]):
                return False  # setting closer frees less than the last page holds
            tight: list[float] = []
            self.build(Path(folder) / "closer.pdf", make_styles(self.font, compact=True), tight)
            return len(tight) < len(fills)


# A last page filled less than this is worth a closer setting of the paper,
# when the closer setting (about a tenth less height) frees as much on the pages before it.
SPARE_LAST_PAGE = 0.3
CLOSER_GAIN = 0.1

# The jobs of the render in progress: forked workers inherit them (closures do not pickle).
_jobs: list[_Job] = []


def _run_job(index: int) -> Path:
    return _jobs[index].run()


def worker_count(requested: int | None = None) -> int:
    """Processes to render with: ``requested``, else every core this process may use."""
    if requested:
        return max(1, requested)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_jobs(jobs: list[_Job], workers: int | None = None) -> list[Path]:
    """Write every job's PDF, on several processes when there are enough jobs; paths in job order.

    Each file is laid out from the same inputs whichever process writes it,
    so the bytes do not depend on the number of workers. Workers are forked
    (they inherit the registered fonts and compiled templates); where fork is
    not available the jobs run here, one after another.
    """
    global _jobs
    count = min(worker_count(workers), len(jobs))
    if count < 2 or len(jobs) < 4 or "fork" not in multiprocessing.get_all_start_methods():
        return [job.run() for job in jobs]
    # The first file of each kind is written here before forking, so every worker
    # starts with its lines and drawings laid out (render.reuse) instead of each
    # working them out again.
    firsts = {job.subject: i for i, job in reversed(list(enumerate(jobs)))}
    done = {i: jobs[i].run() for i in sorted(firsts.values())}
    rest = [i for i in range(len(jobs)) if i not in done]
    _jobs = jobs
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(count) as pool:
            # chunks in order: each worker takes neighbouring files
            chunk = max(1, len(rest) // (count * 4))
            done.update(zip(rest, pool.map(_run_job, rest, chunksize=chunk), strict=True))
    finally:
        _jobs = []
    return [done[i] for i in range(len(jobs))]


def render_papers(
    questions: Sequence[Question],
    options: PaperOptions,
    out_dir: str | os.PathLike[str],
    files: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write the PDFs ``options`` asks for into ``out_dir``; return their paths in the order written.

    ``files`` maps bank names to their files, for messages. Raises UsageError /
    SelectionError / InputError (font, folder, a character no font draws)
    before any file is written.
    """
    _check(questions, options)
    font = find_font(options.font)
    out = Path(out_dir)
    title = options.title.strip() or DEFAULT_TITLE
    # every character must have a glyph before anything is written (℃, Extension B…)
    printed = {
        "--title": title,
        "--subtitle": options.subtitle,
        "--fields": "".join(options.fields),
    }
    printed["--scoresheet"] = "".join(options.scoresheet)
    check_questions(questions, font.name, Path(font.path).name or font.name, files, printed)
    versions = plan_versions(questions, options.versions, options.seed)
    # every version's instructions first, so a template error stops before any file is written
    template = load_instructions(options.templates)
    fields = options.fields
    notes = (
        {
            v.label: instruction_lines(
                v, options.minutes, template, fields, options.binding, options.answer_sheet
            )
            for v in versions
        }
        if options.paper
        else {}
    )
    look = PaperLook(
        fields=fields,
        binding=options.binding,
        score_boxes=options.score_boxes,
        minutes=options.minutes,
        headings=load_section_template(options.templates),
    )
    paper_layout = PageLayout(binding=options.binding, fields=fields, duplex=options.duplex)

    def paper_part(v: Version, styles: Styles) -> tuple[Part, list[Flowable]]:
        return Part(left=v.name, right=title), paper_flowables(
            v, title, options.subtitle, notes[v.label], styles, look
        )

    def key_part(v: Version, styles: Styles) -> tuple[Part, list[Flowable]]:
        return Part(left=f"参考答案 {v.name}".strip(), right=title), key_flowables(
            v, title, styles, look
        )

    # One job per file; each lays out its own flowables, so jobs run in any process.
    # the section headings too (from the organiser's template), in the order they print
    headings = dict.fromkeys(heading_text(s, look) for v in versions for s in v.sections)
    head = (
        title
        + options.subtitle
        + "".join(fields)
        + "".join(n for ns in notes.values() for n in ns)
        + "".join(headings)
    )
    kinds = []
    if options.paper:
        kinds.append(
            ("paper", paper_part, "试卷", paper_layout, head + printed_text(questions, False))
        )
    if options.key:
        kinds.append(
            ("key", key_part, "参考答案", PageLayout(), head + printed_text(questions, True))
        )
    jobs: list[_Job] = []
    for kind, make, subject, layout, charset in kinds:
        common = dict(font=font.name, title=title, subject=subject, layout=layout, charset=charset)
        if options.combined and options.versions:
            path = out / f"{kind}s.pdf"
            jobs.append(_Job(path, make, tuple(versions), pad_parts=options.duplex, **common))
            continue
        for v in versions:
            path = out / (f"{kind}-{v.label}.pdf" if v.label else f"{kind}.pdf")
            jobs.append(_Job(path, make, (v,), **common))
    papers = [i for i, j in enumerate(jobs) if j.subject == "试卷" and len(j.versions) == 1]
    if papers and jobs[papers[0]].closer_saves_a_page():
        jobs = [replace(j, closer=True) if i in papers else j for i, j in enumerate(jobs)]
    written = run_jobs(jobs, options.workers)
    if options.answer_sheet:
        written += render_answer_sheets(versions, title, font.name, out, fields)
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
