"""What a quantity counts."""

from __future__ import annotations


def counted_subject(sentence: str, start: int, end: int, unit: str) -> str:
    return ""
