"""Named things in a sentence (filled in below)."""

from __future__ import annotations

from typing import Any

from factquiz.model import Fact


def find_names(sentence: str, base: dict[str, Any]) -> list[Fact]:
    return []
