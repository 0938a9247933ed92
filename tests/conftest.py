"""Shared fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "question_banks" / "sources" / "pinghu-chengtou.txt"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def seed_article() -> Path:
    return SEED_ARTICLE
