"""The published JSON Schema: the file in question_banks/ is `factquiz schema`, and it agrees with the loader."""

from __future__ import annotations

import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from factquiz.banks import parse_bank
from factquiz.banks.schema import bank_schema, schema_json
from factquiz.cli import app
from factquiz.errors import FactQuizError

BANKS = Path(__file__).resolve().parent.parent / "question_banks"
SAMPLE = BANKS / "sample-team.yaml"


class _PlainLoader(yaml.SafeLoader):
    """Dates stay text, as editors' YAML-to-JSON does for the schema."""


_PlainLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def schema_accepts(text: str) -> bool:
    validator = jsonschema.Draft202012Validator(bank_schema())
    return validator.is_valid(yaml.load(text, Loader=_PlainLoader))


def loader_accepts(text: str) -> bool:
    try:
        parse_bank(text, "x.yaml")
    except FactQuizError:
        return False
    return True


def test_published_schema_file_is_the_schema_command_output():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert (
        (BANKS / "factquiz-bank.schema.json").read_text(encoding="utf-8")
        == result.output
        == schema_json()
    )


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(bank_schema())


def test_the_sample_bank_points_editors_at_the_schema_and_passes_it():
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=factquiz-bank.schema.json\n")
    assert schema_accepts(text)
    assert loader_accepts(text)


def test_schema_command_writes_a_file(tmp_path: Path):
    out = tmp_path / "schema.json"
    result = CliRunner().invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == schema_json()


def bank(question: str) -> str:
    return "format: factquiz/1\ntitle: t\nquestions:\n" + textwrap.indent(
        textwrap.dedent(question).strip() + "\n", "  "
    )


AGREED = {
    "single letter": ("- {id: a, type: single, stem: s, options: [x, y], answer: B}", True),
    "multiple letters with commas": (
        "- {id: a, type: multiple, stem: s, options: [x, y, z], answer: 'A,C'}",
        True,
    ),
    "judge word": ("- {id: a, type: judge, stem: s, answer: 错}", True),
    "fill variants and tolerance": (
        "- {id: a, type: fill, stem: s（ ）（ ）, answer: [[x, y], {accept: ['1.5'], tolerance: 0.1}]}",
        True,
    ),
    "short without answer": ("- {id: a, type: short, stem: s}", True),
    "unknown field": ("- {id: a, type: judge, stem: s, answer: true, anwser: true}", False),
    "two letters for single": (
        "- {id: a, type: single, stem: s, options: [x, y], answer: AB}",
        False,
    ),
    "judge answer not true/false": ("- {id: a, type: judge, stem: s, answer: maybe}", False),
    "options on a judge": ("- {id: a, type: judge, stem: s, options: [x, y], answer: true}", False),
    "one option": ("- {id: a, type: single, stem: s, options: [x], answer: A}", False),
    "difficulty 4": ("- {id: a, type: judge, stem: s, answer: true, difficulty: 4}", False),
    "negative points": ("- {id: a, type: judge, stem: s, answer: true, points: -1}", False),
    "time limit not whole": (
        "- {id: a, type: judge, stem: s, answer: true, time_limit: 1.5}",
        False,
    ),
    "unknown type": ("- {id: a, type: essay, stem: s}", False),
    "missing stem": ("- {id: a, type: judge, answer: true}", False),
    "fill blank tolerance negative": (
        "- {id: a, type: fill, stem: s, answer: [{accept: '1', tolerance: -1}]}",
        False,
    ),
    "order": (
        "- {id: a, type: order, stem: s, options: [x, y, z], answer: CAB, keys: ['1', '2', '3']}",
        True,
    ),
    "order with arrows": (
        "- {id: a, type: order, stem: s, options: [x, y, z], answer: C→A→B}",
        True,
    ),
    "order without answer": ("- {id: a, type: order, stem: s, options: [x, y, z]}", False),
    "order answer not letters": (
        "- {id: a, type: order, stem: s, options: [x, y, z], answer: 312}",
        False,
    ),
    "order with pairs": (
        "- {id: a, type: order, stem: s, options: [x, y], answer: BA, pairs: [[a, b], [c, d]]}",
        False,
    ),
    "match": ("- {id: a, type: match, stem: s, pairs: [[朱德, 总指挥], [彭德怀, 副总指挥]]}", True),
    "match with an answer": (
        "- {id: a, type: match, stem: s, pairs: [[a, b], [c, d]], answer: AB}",
        False,
    ),
    "match with options": (
        "- {id: a, type: match, stem: s, pairs: [[a, b], [c, d]], options: [x, y]}",
        False,
    ),
    "match pair of three": ("- {id: a, type: match, stem: s, pairs: [[a, b, c], [d, e]]}", False),
    "match with one pair": ("- {id: a, type: match, stem: s, pairs: [[a, b]]}", False),
    "keys on a match": (
        "- {id: a, type: match, stem: s, pairs: [[a, b], [c, d]], keys: [x, y]}",
        False,
    ),
    "pairs on a single": (
        "- {id: a, type: single, stem: s, options: [x, y], answer: A, pairs: [[a, b], [c, d]]}",
        False,
    ),
    "shuffle not boolean": (
        "- {id: a, type: single, stem: s, options: [x, y], answer: A, shuffle: 否}",
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(AGREED))
def test_schema_and_loader_agree(case: str):
    question, valid = AGREED[case]
    text = bank(question)
    assert (schema_accepts(text), loader_accepts(text)) == (valid, valid)
