"""Helpers for the PDF tests: build questions, render, read back what a reader sees."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from factquiz.model import Blank, Question

FIXTURES = Path(__file__).parent
ALL_TYPES = FIXTURES / "all-types.yaml"


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path))


def flat(text: str) -> str:
    """Text without line breaks or spaces, to find a stem wrapped over lines."""
    return "".join(text.split()).replace("\u00a0", "")


def text_positions(path: Path) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text drawn, on all pages (y from the page bottom; pages stacked downwards)."""
    spots: list[tuple[str, float, float]] = []
    for number, page in enumerate(PdfReader(str(path)).pages):

        def visit(text, cm, tm, font_dict, font_size, number=number):
            if text.strip():
                spots.append(
                    (text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3] - 1000 * number)
                )

        page.extract_text(visitor_text=visit)
    return spots


def embedded_font_files(path: Path) -> dict[str, bool]:
    """Font BaseFont → whether it carries an embedded TrueType program (FontFile2), over all pages."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descriptors = []
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"].get_object())
            for descendant in font.get("/DescendantFonts", []):
                descendant = descendant.get_object()
                if "/FontDescriptor" in descendant:
                    descriptors.append(descendant["/FontDescriptor"].get_object())
            fonts[str(font["/BaseFont"])] = any("/FontFile2" in d for d in descriptors)
    return fonts


def single(qid: str, stem: str, options: tuple[str, ...], correct: int = 0, **kw) -> Question:
    return Question(id=qid, type="single", stem=stem, options=options, correct=(correct,), **kw)


def numbered_singles(count: int, prefix: str = "第") -> list[Question]:
    """Distinct single-choice questions with recognisable stems ("第7号题目的题干…")."""
    return [
        single(
            f"s{i}",
            f"{prefix}{i}号题目的题干：平湖城投集团在历经591个昼夜的艰苦施工后建成的项目是哪一个？",
            (f"选项甲{i}", f"选项乙{i}", f"选项丙{i}", f"选项丁{i}"),
            correct=i % 4,
            explanation=f"第{i}号题的解析。",
            source=f"第{i}号题的原文句子。",
        )
        for i in range(1, count + 1)
    ]


def one_of_each() -> list[Question]:
    return [
        single(
            "s1",
            "建国路隧道历经（ ）个昼夜建成通车。",
            ("519", "591", "600", "365"),
            correct=1,
            explanation="历经591个昼夜。",
            source="在历经591个昼夜的艰苦施工后",
        ),  # fmt: skip
        Question(
            id="m1",
            type="multiple",
            stem="城投集团党委的情况正确的有（ ）。",
            options=("9个党支部", "党员93名", "12个党支部"),
            correct=(0, 1),
        ),  # fmt: skip
        Question(id="j1", type="judge", stem="共有12支代表队参加竞赛。", truth=False),
        Question(
            id="f1", type="fill", stem="钱家村搬迁项目涉及农户（ ）户。", blanks=(Blank(("136",)),)
        ),
        Question(
            id="a1", type="short", stem="简述党建“三个力”。", reference="生产力、竞争力、凝聚力。"
        ),
    ]
