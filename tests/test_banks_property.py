"""Property tests: whatever text or structure reaches the loader, only FactQuizError escapes.

And whatever it accepts, it saves and reads back unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factquiz.banks import dump_bank, parse_bank
from factquiz.errors import FactQuizError

SAMPLE = (Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml").read_text(
    encoding="utf-8"
)
SAMPLE_DATA = yaml.safe_load(SAMPLE)
# FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the file to a few seconds
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FIELDS = ["format", "title", "questions", "id", "type", "stem", "options", "answer", "explanation", "source",
          "tags", "difficulty", "points", "time_limit", "shuffle", "generated", "defaults", "accept", "tolerance",
          "single", "multiple", "judge", "fill", "short", "anwser", "<<"]  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(FIELDS + ["A", "E", "ABD", "对", "×", "factquiz/1", "（ ）", "-", "~"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=6)), inner, max_size=6),
    ),
    max_leaves=25,
)


def accepts_or_refuses(text: str) -> None:
    """parse_bank either returns a bank that survives a save/load round trip, or raises FactQuizError."""
    try:
        bank = parse_bank(text, "fuzz.yaml")
    except FactQuizError:
        return
    again = parse_bank(dump_bank(bank), "fuzz.yaml")
    assert again == bank


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(st.text(max_size=400))
def test_random_text_only_raises_factquiz_errors(text: str) -> None:
    accepts_or_refuses(text)


@SETTINGS
@given(values)
def test_random_structures_only_raise_factquiz_errors(data: Any) -> None:
    accepts_or_refuses(_dump(data))


@SETTINGS
@given(st.lists(values, max_size=4))
def test_random_questions_in_a_valid_bank_only_raise_factquiz_errors(questions: list[Any]) -> None:
    accepts_or_refuses(_dump({"format": "factquiz/1", "title": "题库", "questions": questions}))


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """The sample bank's text with a few edits a hurried person (or a bad merge) makes."""
    text = SAMPLE
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["delete", "insert", "duplicate-line", "swap-lines", "indent", "replace"]
            )
        )
        lines = text.split("\n")
        if kind == "delete":
            start = draw(st.integers(0, max(len(text) - 1, 0)))
            text = text[:start] + text[start + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = (
                text[:at]
                + draw(
                    st.sampled_from(
                        [
                            ":",
                            "- ",
                            "[",
                            "]",
                            "{",
                            "'",
                            '"',
                            "&a ",
                            "*a",
                            "\t",
                            "\n",
                            "#",
                            "!!",
                            "？",
                            "E",
                        ]
                    )
                    | st.text(max_size=5)
                )
                + text[at:]
            )
        elif kind in ("duplicate-line", "swap-lines", "indent"):
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate-line":
                lines.insert(j, lines[i])
            elif kind == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "    "])) + lines[i].lstrip()
            text = "\n".join(lines)
        else:
            at = draw(st.integers(0, max(len(text) - 1, 0)))
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
    return text


@SETTINGS
@given(mutated_text())
def test_mutated_sample_text_only_raises_factquiz_errors(text: str) -> None:
    accepts_or_refuses(text)


@st.composite
def mutated_structure(draw: st.DrawFn) -> Any:
    """The sample bank's data with a value replaced, a key dropped or a key added somewhere."""
    import copy

    data = copy.deepcopy(SAMPLE_DATA)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = data
        path = []
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            key = draw(
                st.sampled_from(
                    list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
                )
            )
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "replace":
            parent[key] = draw(values)
        elif action == "drop":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELDS))] = draw(values)
        else:
            parent.insert(key, draw(values))
    return data


@SETTINGS
@given(mutated_structure())
def test_mutated_sample_structure_only_raises_factquiz_errors(data: Any) -> None:
    accepts_or_refuses(_dump(data))
