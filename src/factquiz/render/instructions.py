"""The paper's instructions (注意事项), worded by the jinja2 template ``paper/instructions.j2``.

The wording is data a team can read and override: ``factquiz pdf --templates DIR``
uses ``DIR/paper/instructions.j2`` when it exists, else the bundled template.
Templates run in jinja2's sandbox, so an organiser's file can shape the text
but cannot reach Python internals. Each template file is compiled once per
process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factquiz.errors import FactQuizError, InputError, Location
from factquiz.model import TYPE_NAMES
from factquiz.render.layout import Version, format_points
from factquiz.resources import templates_dir

INSTRUCTIONS = Path("paper") / "instructions.j2"


class TemplateError(FactQuizError):
    """A paper template that cannot be read, compiled or rendered (or tried to leave the sandbox)."""


def instructions_template_path(override: str | Path | None = None) -> Path:
    """``DIR/paper/instructions.j2`` when the organiser's folder has it, else the bundled file."""
    if override is not None:
        folder = Path(override)
        if not folder.is_dir():
            raise InputError(
                f"templates folder not found; pass a folder holding {INSTRUCTIONS.as_posix()}",
                Location(str(folder)),
            )
        if (folder / INSTRUCTIONS).is_file():
            return folder / INSTRUCTIONS
    return templates_dir() / INSTRUCTIONS


@dataclass(frozen=True)
class InstructionsTemplate:
    """A compiled instructions template and the file it came from (named in errors)."""

    path: str
    template: Any  # jinja2.Template


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


@functools.lru_cache(maxsize=8)
def _compile(path: str) -> InstructionsTemplate:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from factquiz.files import read_text

    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not an empty line
        autoescape=False,  # plain text; the paragraph code escapes it for reportlab
        trim_blocks=True,
        lstrip_blocks=True,
    )
    source = read_text(Path(path), what="template")
    try:
        return InstructionsTemplate(path, env.from_string(source))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {_one_line(exc.message)}", Location(path, exc.lineno)
        ) from None


def load_instructions(override: str | Path | None = None) -> InstructionsTemplate:
    """The compiled instructions template for ``override`` (an organiser's folder) or the bundled one."""
    return _compile(str(instructions_template_path(override).resolve()))


def instruction_lines(
    version: Version, minutes: int | None, template: InstructionsTemplate
) -> list[str]:
    """The instructions of ``version``'s paper, one per item, from ``template`` (see load_instructions)."""
    import jinja2
    from jinja2.sandbox import SecurityError

    types = [s.type for s in version.sections]
    variables = {
        "section_count": len(version.sections),
        "question_count": sum(len(s.questions) for s in version.sections),
        "total_points": format_points(version.total_points),
        "minutes": minutes,
        "types": types,
        "type_names": {t: TYPE_NAMES[t] for t in types},
    }
    where = Location(template.path)
    try:
        text = template.template.render(variables)
    except SecurityError as exc:
        raise TemplateError(
            f"template tried something the sandbox forbids ({_one_line(exc)}); "
            "use only the variables listed at its top",
            where,
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"template uses something undefined ({_one_line(exc)}); see the variables listed at its top",
            where,
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template failed: {_one_line(exc)}", where) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise TemplateError(
            f"template failed: {type(exc).__name__}: {_one_line(exc)}", where
        ) from None
    return [line.strip() for line in text.splitlines() if line.strip()]
