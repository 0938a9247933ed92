"""Finding, checking, embedding the Chinese font; the built-in fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_fixtures.helpers import embedded_font_files, one_of_each, pdf_text

from factquiz.errors import InputError
from factquiz.render import PaperOptions, find_font, fonts, render_papers

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_wqy = pytest.mark.skipif(
    not WQY.is_file(), reason="CI installs fonts-wqy-microhei; this machine lacks it"
)


@pytest.fixture(autouse=True)
def no_env_font(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)


def fake_cff_font(folder: Path) -> Path:
    """A file shaped like Noto Sans CJK: an OpenType font with CFF outlines ('OTTO')."""
    path = folder / "NotoSansCJKsc-Regular.otf"
    path.write_bytes(b"OTTO" + b"\x00" * 64)
    return path


@needs_wqy
def test_system_font_is_embedded_as_a_truetype_subset(tmp_path):
    render_papers(one_of_each(), PaperOptions(title="嵌入字体"), tmp_path)
    for name in ("paper.pdf", "key.pdf"):
        embedded = {
            font: has
            for font, has in embedded_font_files(tmp_path / name).items()
            if "WenQuanYi" in font
        }
        assert embedded and all(embedded.values()), embedded
        assert all("+" in font for font in embedded)  # subset prefix, e.g. AAAAAA+WenQuanYiMicroHei


@needs_wqy
def test_font_is_parsed_once_per_process(monkeypatch, tmp_path):
    from reportlab.pdfbase import ttfonts

    fonts._cache.clear()
    made = []
    real_init = ttfonts.TTFont.__init__

    def counting(self, *args, **kwargs):
        made.append(args)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(ttfonts.TTFont, "__init__", counting)
    for i in range(3):
        render_papers(one_of_each(), PaperOptions(title="缓存"), tmp_path / str(i))
    assert len(made) == 1


@needs_wqy
def test_explicit_font_path_and_subfont_index(tmp_path):
    choice = find_font(f"{WQY}#1")
    assert choice.index == 1 and choice.embedded and choice.path == str(WQY)


def test_missing_font_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="font file not found"):
        find_font(tmp_path / "nope.ttf")


def test_env_var_is_used_and_a_bad_one_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttc"))
    with pytest.raises(InputError) as caught:
        find_font()
    assert fonts.ENV_VAR in str(caught.value)


def test_cff_font_is_refused_with_the_reason(tmp_path):
    with pytest.raises(InputError, match="PostScript \\(CFF\\) outlines"):
        find_font(fake_cff_font(tmp_path))


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs DejaVu Sans")
def test_font_without_chinese_or_punctuation_is_refused_for_body_text():
    with pytest.raises(InputError, match="lacks characters"):
        find_font(DEJAVU)


@needs_wqy
def test_system_search_skips_cff_fonts_and_takes_the_next(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "candidate_paths", lambda: [fake_cff_font(tmp_path), WQY])
    choice = find_font()
    assert choice.path == str(WQY) and not choice.warning


def test_fallback_font_when_none_is_found(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "candidate_paths", lambda: [fake_cff_font(tmp_path)])
    choice = find_font()
    assert choice.name == "STSong-Light" and not choice.embedded
    assert "apt-get install fonts-wqy-microhei" in choice.warning
    assert "CFF" in choice.warning  # says why the one candidate was skipped
    render_papers(one_of_each(), PaperOptions(title="后备字体"), tmp_path / "out")
    embedded = embedded_font_files(tmp_path / "out" / "paper.pdf")
    assert any("STSong-Light" in font for font in embedded)
    assert not any(embedded.values())
    assert "后备字体" in pdf_text(tmp_path / "out" / "paper.pdf")


def test_fallback_warning_is_printed_once_by_the_cli(monkeypatch, tmp_path):
    from pdf_fixtures.helpers import ALL_TYPES
    from typer.testing import CliRunner

    from factquiz.cli import app

    monkeypatch.setattr(fonts, "candidate_paths", lambda: [])
    result = CliRunner().invoke(app, ["pdf", str(ALL_TYPES), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.count("warning:") == 1 and "fonts-wqy-microhei" in result.output
