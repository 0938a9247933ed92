"""extract stage: article text → facts. Pure functions, no I/O, deterministic.

``extract_facts(text, date=None, article=0)`` cleans the text (PDF line
breaks, doubled headings, captions), splits it into sentences under their
section headings, and finds quantities, percentages, ordinals, dates and
named things in each sentence. Every fact keeps its sentence and offsets:
``fact.sentence[fact.start:fact.end] == fact.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from factquiz.extract.sentences import Sentence, split_clauses
from factquiz.model import Fact

__all__ = ["ExtractResult", "Sentence", "extract_facts", "split_clauses"]


@dataclass(frozen=True)
class ExtractResult:
    """What one article gave: the cleaned text, its sentences, facts in article order, and notes."""

    text: str  # cleaned article text: title, headings and paragraphs, one per line
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    captions: tuple[str, ...] = ()  # photo captions set aside from the text
    title: str = ""  # best guess of the headline
    warnings: tuple[str, ...] = ()  # e.g. relative dates left unresolved for want of a date


def extract_facts(text: str, date: str | None = None, article: int = 0) -> ExtractResult:
    """The facts of one article.

    ``date`` is the article's date ("2022-01-15" or "2022"), against which
    relative dates (去年, 上月) are resolved; ``article`` is the index stored
    in each fact when several articles are read together. Never raises on
    odd text: empty, English or number-free input gives no facts and a warning.
    """
    from factquiz.extract.pipeline import run

    return run(text or "", date, article)
