"""The paper's wording from jinja2 templates: instructions (注意事项, ``paper/instructions.j2``) and section headings (``paper/section.j2``).

The wording is data a team can read and override: ``factquiz pdf --templates DIR``
uses ``DIR/paper/instructions.j2`` (and ``DIR/paper/section.j2``) when it exists, else the bundled template.
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
from factquiz.render.layout import CHINESE_NUMERALS, Section, Version, format_points
from factquiz.resources import templates_dir

INSTRUCTIONS = Path("paper") / "instructions.j2"
SECTION = Path("paper") / "section.j2"


class TemplateError(FactQuizError):
    """A paper template that cannot be read, compiled or rendered (or tried to leave the sandbox)."""


def instructions_template_path(
    override: str | Path | None = None, relative: Path = INSTRUCTIONS
) -> Path:
    """``DIR/paper/instructions.j2`` (or ``relative``) when the organiser's folder has it, else the bundled file."""
    if override is not None:
        folder = Path(override)
        if not folder.is_dir():
            raise InputError(
                f"templates folder not found; pass a folder holding {INSTRUCTIONS.as_posix()}",
                Location(str(folder)),
            )
        if (folder / relative).is_file():
            return folder / relative
    return templates_dir() / relative


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

    from factquiz.files import read_text
    from factquiz.sandbox import BoundedEnvironment

    env = BoundedEnvironment(
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


def load_section_template(override: str | Path | None = None) -> InstructionsTemplate:
    """The compiled section-heading template for ``override`` (an organiser's folder) or the bundled one."""
    return _compile(str(instructions_template_path(override, SECTION).resolve()))


_OPTION_WORDS = "零一二三四五六七八九十"


def section_heading_text(section: Section, template: InstructionsTemplate) -> str:
    """The heading of ``section`` on one line, worded by ``template`` (see load_section_template)."""
    counts = {len(q.options) for q in section.questions}
    options = _OPTION_WORDS[counts.pop()] if len(counts) == 1 and max(counts | {0}) < 11 else None
    variables = {
        "type": section.type,
        "name": TYPE_NAMES.get(section.type, section.type),
        "numeral": CHINESE_NUMERALS[section.ordinal],
        "count": len(section.questions),
        "points": format_points(section.questions[0].points) if section.uniform_points else None,
        "total": format_points(section.total_points),
        "options": options,
    }
    return " ".join(_render(template, variables).split())


def instruction_lines(
    version: Version,
    minutes: int | None,
    template: InstructionsTemplate,
    fields: tuple[str, ...] = ("单位", "姓名"),
    binding: bool = False,
    answer_sheet: bool = False,
) -> list[str]:
    """The instructions of ``version``'s paper, one per item, from ``template`` (see load_instructions)."""
    types = [s.type for s in version.sections]
    variables = {
        "section_count": len(version.sections),
        "question_count": sum(len(s.questions) for s in version.sections),
        "total_points": format_points(version.total_points),
        "minutes": minutes,
        "types": types,
        "type_names": {t: TYPE_NAMES.get(t, t) for t in types},
        "fields": list(fields),
        "binding": binding,
        "answer_sheet": answer_sheet,
    }
    text = _render(template, variables)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _render(template: InstructionsTemplate, variables: dict[str, Any]) -> str:
    import jinja2
    from jinja2.sandbox import SecurityError

    from factquiz.sandbox import TemplateLimit, render_bounded

    where = Location(template.path)
    try:
        compiled = template.template
        text = render_bounded(
            compiled.environment, compiled.root_render_func(compiled.new_context(variables))
        )
    except TemplateLimit as exc:
        raise TemplateError(exc.message, where) from None
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
    return text
