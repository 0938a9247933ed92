"""render stage: banks → printable PDFs (exam papers, answer keys, host cue cards, scoresheets) with reportlab.

Importing this package imports reportlab; the CLI imports it inside the command.
"""

from factquiz.render.fonts import FontChoice, find_font
from factquiz.render.layout import Section, Version, plan_version, plan_versions, version_labels
from factquiz.render.papers import (
    DEFAULT_ROUNDS,
    PaperOptions,
    default_title,
    render_bank,
    render_papers,
)

__all__ = [
    "DEFAULT_ROUNDS",
    "FontChoice",
    "PaperOptions",
    "Section",
    "Version",
    "default_title",
    "find_font",
    "plan_version",
    "plan_versions",
    "render_bank",
    "render_papers",
    "version_labels",
]
