"""Commands: host (filled in by its issue)."""

from factquiz.cli import app  # noqa: F401
