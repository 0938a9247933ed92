"""A/B versions and their answer keys."""

from __future__ import annotations

import re

import pytest
from pdf_fixtures.helpers import ALL_TYPES, flat, numbered_singles, page_texts, pdf_text

from factquiz.banks import all_questions, load_banks
from factquiz.errors import UsageError
from factquiz.render import PaperOptions, plan_version, plan_versions, render_papers, version_labels
from factquiz.render.layout import BLANK


@pytest.fixture(scope="module")
def questions():
    return all_questions(load_banks([ALL_TYPES]))


def stem_order(text: str, stems: list[str]) -> list[str]:
    body = flat(text)
    return sorted(stems, key=lambda s: body.index(flat(s)[:12]))


def test_version_count_labels_go_on_after_z_as_aa_ab():
    labels = version_labels("100")
    assert labels[:3] == ["A", "B", "C"] and labels[25] == "Z"
    assert labels[26:29] == ["AA", "AB", "AC"] and labels[-1] == "CV"
    assert len(set(labels)) == 100


def test_more_than_999_versions_when_asked():
    labels = version_labels("1200")
    assert len(set(labels)) == 1200 and labels[701] == "ZZ" and labels[702] == "AAA"


def test_version_list_is_taken_as_given():
    assert version_labels("A,C，d") == ["A", "C", "D"]


@pytest.mark.parametrize("spec", ["A,甲", "ABCD", "A,A", "0", "20000"])
def test_bad_version_labels_are_usage_errors(spec):
    with pytest.raises(UsageError):
        version_labels(spec)


def test_versions_shuffle_within_sections_but_hold_the_same_questions(questions):
    a, b = plan_versions(questions, ["A", "B"], seed=3)
    assert [s.type for s in a.sections] == [s.type for s in b.sections]
    for sa, sb in zip(a.sections, b.sections, strict=True):
        assert sorted(q.id for q in sa.questions) == sorted(q.id for q in sb.questions)
    assert [q.id for q in a.questions] != [q.id for q in b.questions]


def test_option_order_is_shuffled_and_the_answer_follows_its_option(questions):
    original = {q.id: q for q in questions}
    versions = plan_versions(questions, version_labels("6"), seed=1)
    moved = False
    for version in versions:
        for q in version.questions:
            before = original[q.id]
            assert sorted(q.options) == sorted(before.options)
            assert set(q.correct_options()) == set(before.correct_options())
            moved |= q.options != before.options
    assert moved


def test_questions_marked_shuffle_false_keep_their_option_order(questions):
    fixed = next(q for q in questions if not q.shuffle)
    for version in plan_versions(questions, version_labels("8"), seed=5):
        assert next(q for q in version.questions if q.id == fixed.id).options == fixed.options


def test_a_version_depends_on_seed_and_label_only(questions):
    b_alone = plan_version(questions, "B", seed=9)
    b_among = plan_versions(questions, ["A", "B", "C"], seed=9)[1]
    assert b_alone == b_among
    assert plan_version(questions, "B", seed=10) != b_alone


def test_version_papers_differ_in_order_and_contain_the_same_stems(tmp_path):
    questions = numbered_singles(12)
    render_papers(questions, PaperOptions(title="两卷", versions=("A", "B"), seed=2), tmp_path)
    stems = [q.stem for q in questions]
    text_a, text_b = pdf_text(tmp_path / "paper-A.pdf"), pdf_text(tmp_path / "paper-B.pdf")
    for stem in stems:
        assert flat(stem) in flat(text_a) and flat(stem) in flat(text_b)
    assert stem_order(text_a, stems) != stem_order(text_b, stems)
    assert "A卷" in text_a and "B卷" in text_b


def test_each_key_matches_its_version(tmp_path):
    questions = numbered_singles(8)
    render_papers(questions, PaperOptions(title="答案对应", versions=("A", "B"), seed=4), tmp_path)
    for label, version in zip("AB", plan_versions(questions, ["A", "B"], seed=4), strict=True):
        key = pdf_text(tmp_path / f"key-{label}.pdf")
        assert f"参考答案（{label}卷）" in key
        for _, q in version.numbered():
            letter = q.answer_letters
            assert f"【答案】{letter}．{q.options[q.correct[0]]}" in key
            # the paper shows the option under the same letter
            paper = pdf_text(tmp_path / f"paper-{label}.pdf")
            assert flat(f"{letter}．{q.options[q.correct[0]]}") in flat(paper)


def test_key_lists_answer_explanation_and_source_for_every_type(tmp_path, questions):
    render_papers(questions, PaperOptions(title="答案"), tmp_path)
    key = pdf_text(tmp_path / "key.pdf")
    flat_key = flat(key)
    assert "【答案】B．591" in key
    assert "【答案】AB（共成立了9个党支部；现有党员93名）" in key
    assert "【答案】错误（×）" in key and "【答案】正确（√）" in key
    assert "【答案】①9；②22" in key
    assert flat("党建做实了就是生产力，做强了就是竞争力，做细了就是凝聚力。") in flat_key
    for q in questions:
        if q.explanation:
            assert flat("【解析】" + q.explanation) in flat_key, q.id
        if q.source:
            assert flat("【出处】" + q.source) in flat_key, q.id
    assert "答案速查" in key


def test_combined_puts_all_versions_in_one_file_numbered_per_version(tmp_path):
    questions = numbered_singles(30)
    render_papers(
        questions, PaperOptions(title="合订", versions=("A", "B", "C"), combined=True), tmp_path
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys.pdf", "papers.pdf"]
    render_papers(questions, PaperOptions(title="合订", versions=("A",)), tmp_path / "single")
    single_pages = len(page_texts(tmp_path / "single" / "paper-A.pdf"))
    pages = page_texts(tmp_path / "papers.pdf")
    assert len(pages) == 3 * single_pages
    for k, label in enumerate("ABC"):
        first = pages[k * single_pages]
        assert f"{label}卷" in first and re.search(rf"第 1 页\s+共 {single_pages} 页", first)


def test_key_only_writes_only_keys_and_no_key_only_papers(tmp_path, questions):
    render_papers(
        questions,
        PaperOptions(title="只要答案", versions=("A", "B"), paper=False),
        tmp_path / "keys",
    )
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["key-A.pdf", "key-B.pdf"]
    render_papers(questions, PaperOptions(title="不要答案", key=False), tmp_path / "papers")
    assert sorted(p.name for p in (tmp_path / "papers").iterdir()) == ["paper.pdf"]


def test_render_bank_writes_paper_and_key_titled_with_the_bank(tmp_path):
    from factquiz.banks import read_bank
    from factquiz.render import render_bank

    bank = read_bank(ALL_TYPES)
    paths = render_bank(bank, tmp_path)
    assert [p.name for p in paths] == ["paper.pdf", "key.pdf"]
    assert bank.title in pdf_text(tmp_path / "paper.pdf")


def test_bundled_sample_team_bank_prints_every_question_in_both_versions(tmp_path):
    from factquiz.resources import banks_dir

    banks = load_banks([banks_dir() / "sample-team.yaml"])
    questions = all_questions(banks)
    render_papers(questions, PaperOptions(title=banks[0].title, versions=("A", "B")), tmp_path)
    for label in "AB":
        paper = pdf_text(tmp_path / f"paper-{label}.pdf")
        assert "\x00" not in paper
        for q in questions:
            before_blank = BLANK.split(q.stem)[0]  # fill blanks print as lines
            assert flat(before_blank)[:10] in flat(paper), q.id
