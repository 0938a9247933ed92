"""Where the bundled templates and question banks are.

In a wheel they live in ``factquiz/_data/`` (hatchling force-include); in a
source checkout or editable install, at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The bundled folder ``name`` ("templates" or "question_banks")."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def templates_dir() -> Path:
    return data_dir("templates")


def banks_dir() -> Path:
    return data_dir("question_banks")
