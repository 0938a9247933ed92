"""Question wording from jinja2 templates a team can read and override.

Stems and explanations are rendered from ``templates/questions/*.j2`` in
jinja2's sandboxed environment, so a template passed with ``--templates``
can shape the wording but cannot reach Python internals. A team's folder is
searched first (``DIR/questions/NAME`` or ``DIR/NAME``), then the bundled
templates, so a team overrides only the files it copies. Environments are
cached per folder: each template is compiled once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from factquiz.errors import FactQuizError, Location
from factquiz.resources import templates_dir

# one template per question type, plus the explanation shared by all
TEMPLATE_NAMES = ("single.j2", "multiple.j2", "judge.j2", "fill.j2", "short.j2", "explanation.j2")


class TemplateError(FactQuizError):
    """A stem template that cannot be read, compiled or rendered (or that tried to escape the sandbox)."""


class Templates:
    """Renders question text from named templates; the bundled ones unless a team folder overrides them."""

    def __init__(self, override: Path | None = None):
        import jinja2

        from factquiz.sandbox import BoundedEnvironment

        bundled = templates_dir() / "questions"
        search = [str(bundled)]
        if override is not None:
            override = Path(override)
            if not override.is_dir():
                raise TemplateError(
                    "templates folder not found; pass a folder holding e.g. single.j2",
                    Location(str(override)),
                )
            search = [str(override / "questions"), str(override), *search]
        self.override = override
        # the sandbox, with bounds on loops, repetition, output and recursion (a team's template
        # must not hang or crash generate)
        self._env = BoundedEnvironment(
            loader=jinja2.FileSystemLoader(search, encoding="utf-8"),
            undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not an empty string
            autoescape=False,  # plain text, not HTML
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            cache_size=-1,
        )
        self._compiled: dict[str, Any] = {}
        # each template's globals as a plain dict: jinja keeps them in a ChainMap, slow to copy
        self._globals: dict[str, dict[str, Any]] = {}

    def _template(self, name: str) -> Any:
        import jinja2

        template = self._compiled.get(name)
        if template is None:
            try:
                template = self._env.get_template(name)
            except jinja2.TemplateNotFound:
                raise TemplateError(
                    f"template {name} not found", Location(str(self.override or templates_dir()))
                ) from None
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(
                    f"template syntax error: {exc.message}",
                    Location(exc.filename or name, exc.lineno),
                ) from None
            self._compiled[name] = template
            self._globals[name] = dict(template.globals)
        return template

    def render(self, template_name: str, /, **context: Any) -> str:
        """The template ``template_name`` rendered with ``context``, whitespace at the ends removed."""
        import jinja2
        from jinja2.sandbox import SecurityError

        from factquiz.sandbox import TemplateLimit, render_bounded

        template = self._template(template_name)
        try:
            # what Template.render does, minus its per-call copying: the variables are merged over
            # the template's globals here and used as the context's parent directly (same output,
            # the sandbox checks live in the compiled template code)
            variables = {**self._globals[template_name], **context}
            text = render_bounded(
                self._env, template.root_render_func(template.new_context(variables, shared=True))
            )
        except TemplateLimit as exc:
            raise TemplateError(exc.message, Location(template.filename or template_name)) from None
        except SecurityError as exc:
            raise TemplateError(
                f"template tried something the sandbox forbids ({exc}); templates may only use the variables given",
                Location(template.filename or template_name),
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                f"template uses an unknown variable: {exc.message}",
                Location(template.filename or template_name),
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"template failed: {exc}", Location(template.filename or template_name)
            ) from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise TemplateError(
                f"template failed: {type(exc).__name__}: {exc}",
                Location(template.filename or template_name),
            ) from None
        # templates may spread a stem over lines for readability; Chinese joins them without spaces
        return "".join(line.strip() for line in text.splitlines())


@functools.lru_cache(maxsize=8)
def _cached(override: str | None) -> Templates:
    return Templates(Path(override) if override else None)


def load_templates(override: str | Path | None = None) -> Templates:
    """The templates for ``override`` (a team folder) or the bundled ones; compiled once per process."""
    return _cached(str(Path(override).resolve()) if override else None)
