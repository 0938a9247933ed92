"""An offline HTML practice page: one self-contained file from ``templates/practice.html.j2``.

The page works without a network (inline CSS and JavaScript, a Content Security
Policy that forbids loading anything) and on a phone. Each question is drawn by
the template with jinja2's autoescaping, so text from a bank can never become
markup; the answers the page checks against travel as JSON in a
``<script type="application/json">`` block, escaped by jinja2's ``tojson`` (which
turns ``<``, ``>``, ``&`` and ``'`` into ``\\u003c``… so ``</script>`` cannot end it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factquiz.errors import FactQuizError, Location, Problem
from factquiz.interchange.textfmt import format_number, printable, write_output
from factquiz.model import CIRCLED, Bank, Question, letter

__all__ = ["export_bank", "render_practice_page", "grading_data", "TEMPLATE"]

TEMPLATE = "practice.html.j2"


def grading_data(q: Question) -> dict[str, Any]:
    """What the page's script needs to mark one question (no display text)."""
    data: dict[str, Any] = {"type": q.type, "points": q.points}
    if q.type in ("single", "multiple"):
        data["correct"] = list(q.correct)
    elif q.type == "judge":
        data["truth"] = bool(q.truth)
    elif q.type == "fill":
        data["blanks"] = [{"answers": list(b.answers), "tolerance": b.tolerance} for b in q.blanks]
    elif q.type in ("order", "match"):
        # order: the options' indices in the right order; match: for each left item the index
        # of its partner in the right column as the page shows it
        data["sequence"] = list(q.laid_out().sequence)
    return data


def answer_display(q: Question) -> str:
    """The right answer as the page shows it after a try."""
    if q.type in ("single", "multiple"):
        return "；".join(f"{letter(i)}. {q.options[i]}" for i in q.correct)
    if q.type == "fill":
        shown = []
        for blank in q.blanks:
            text = blank.canonical
            if len(blank.answers) > 1:
                text += "（也可：" + "、".join(blank.answers[1:]) + "）"
            if blank.tolerance:
                text += f"（误差 ±{format_number(blank.tolerance)}）"
            shown.append(text)
        return "；".join(shown)
    return q.answer_in_full()


def _environment(templates: Path):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # sandboxed like every factquiz template (teams may supply their own); autoescape on for all
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_practice_page(bank: Bank, templates: Path | None = None) -> str:
    """The practice page for ``bank`` as HTML text."""
    from jinja2 import TemplateError

    from factquiz.resources import templates_dir

    folder = templates or templates_dir()
    # printable: a raw control byte would go into the page as it is (autoescape keeps it)
    shown = [q.laid_out() for q in bank.questions]  # a match question's right column shuffled
    questions = [
        {
            "number": n,
            "id": q.id,
            "type": q.type,
            "type_name": q.type_name,
            "stem": printable(q.stem),
            "options": [(letter(i), printable(option)) for i, option in enumerate(q.options)],
            "lefts": [(CIRCLED[i], printable(left)) for i, (left, _) in enumerate(q.pairs)],
            "blank_count": len(q.blanks),
            "points": format_number(q.points),
            "answer": printable(answer_display(q)),
            "explanation": printable(q.explanation),
            "source": printable(q.source),
        }
        for n, q in enumerate(shown, start=1)
    ]
    try:
        template = _environment(folder).get_template(TEMPLATE)
        return template.render(
            title=printable(bank.title or bank.name or "练习"),
            language=bank.language or "zh-CN",
            questions=questions,
            total_points=format_number(sum(q.points for q in bank.questions)),
            grading=[grading_data(q) for q in shown],
        )
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise FactQuizError(
            f"practice page template failed: {exc}", Location(str(folder / TEMPLATE), line)
        ) from None


def export_bank(bank: Bank, path: Path) -> list[Problem]:
    """Write the practice page for ``bank``; every question type fits, so nothing is left out."""
    write_output(path, render_practice_page(bank))
    return []
