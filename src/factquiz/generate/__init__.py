"""generate: facts → questions → bank.

``generate_bank(articles, options)`` runs extraction on each article, plans
one question per askable fact (stems from the jinja2 templates in
``templates/questions/``, distractors from ``distractors``/``names``), and
returns the bank with its warnings. ``run_demo(out_dir)`` does it for the
bundled article.
"""

from factquiz.generate.bank import (
    Article,
    GenerateOptions,
    check_article,
    find_articles,
    generate_bank,
    options_from_record,
    read_article,
    regenerate_bank,
)
from factquiz.generate.demo import DEMO_OPTIONS, demo_article, run_demo
from factquiz.generate.planner import Planner
from factquiz.generate.templates import TemplateError, load_templates

__all__ = [
    "DEMO_OPTIONS",
    "Article",
    "GenerateOptions",
    "Planner",
    "TemplateError",
    "check_article",
    "demo_article",
    "find_articles",
    "generate_bank",
    "load_templates",
    "options_from_record",
    "read_article",
    "regenerate_bank",
    "run_demo",
]
