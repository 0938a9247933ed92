"""Versions share their laid-out lines and drawn paragraphs (render.reuse) without changing a byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures.helpers import numbered_singles, one_of_each

from factquiz.model import Question
from factquiz.render import PaperOptions, render_papers, reuse

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def long_short_question() -> list[Question]:
    """A stem that runs over pages: splitting it must not change the lines the next version reuses."""
    stem = "请结合材料谈谈：" + "建国路隧道历经591个昼夜的艰苦施工后建成通车。" * 150
    return [Question(id="long", type="short", stem=stem, reference="答" * 400)]


def celsius_questions() -> list[Question]:
    """℃ prints in a fallback font (WenQuanYi has no outline for it): a drawing with it is never replayed.

    Replayed, a version's first ℃ would name a font its file never got.
    """
    return [
        Question(id=f"c{i}", type="judge", stem=f"第{i}题：气温达到38℃时停工。", truth=True)
        for i in range(2)
    ]


def render_bytes(folder: Path, questions: list[Question]) -> list[bytes]:
    options = PaperOptions(title="复用", versions=("A", "B", "C", "D"), seed=4, workers=1)
    return [p.read_bytes() for p in render_papers(questions, options, folder)]


@pytest.mark.parametrize(
    "extra",
    [
        long_short_question,
        pytest.param(
            celsius_questions,
            marks=pytest.mark.skipif(not DEJAVU.is_file(), reason="CI installs DejaVu Sans"),
        ),
    ],
)
def test_replayed_paragraphs_write_the_bytes_a_fresh_layout_and_drawing_would(
    tmp_path, monkeypatch, extra
):
    questions = [*extra(), *numbered_singles(12), *one_of_each()]
    replays: list[bool] = []
    replay = reuse.replay

    def counted(canv, key):
        replays.append(replay(canv, key))
        return replays[-1]

    monkeypatch.setattr(reuse, "replay", counted)
    shared = render_bytes(tmp_path / "shared", questions)
    assert True in replays and False in replays  # some drawn afresh, some replayed
    monkeypatch.setattr(reuse, "replay", lambda canv, key: False)
    monkeypatch.setattr(reuse, "shared_lines", lambda key, style: None)
    fresh = render_bytes(tmp_path / "fresh", questions)
    assert shared == fresh
