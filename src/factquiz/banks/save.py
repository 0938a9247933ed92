"""Write banks as YAML (format factquiz/1): deterministic, readable, atomic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from factquiz.banks.loader import DEFAULTS
from factquiz.errors import InputError, Location
from factquiz.files import atomic_write
from factquiz.model import FORMAT, Bank, Defaults, Question

SCHEMA_FILE = "factquiz-bank.schema.json"


class _Dumper(yaml.SafeDumper):
    """Block style for the bank, flow style for short lists (options, tags)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # indent list items under their key


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


class _Flow(list):
    """A list to be written in flow style: [a, b, c]."""


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


class _FlowMap(dict):
    """A mapping to be written in flow style: {points: 10, time_limit: 30}."""


_Dumper.add_representer(
    _FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)


def question_to_dict(
    q: Question, defaults: Defaults = DEFAULTS, bank_generated: bool = False
) -> dict[str, Any]:
    """The YAML mapping of one question; fields equal to the bank defaults are left out.

    ``generated`` is written only where it differs from the bank: in a bank
    with a ``generator`` block every question counts as generated.
    """
    out: dict[str, Any] = {"id": q.id, "type": q.type, "stem": q.stem}
    if q.type in ("single", "multiple"):
        out["options"] = _Flow(q.options)
        out["answer"] = q.answer_letters
    elif q.type == "order":
        out["options"] = _Flow(q.options)
        out["answer"] = q.sequence_letters
        if q.keys:
            out["keys"] = _Flow(q.keys)
    elif q.type == "match":
        out["pairs"] = [_Flow(pair) for pair in q.pairs]
    elif q.type == "judge":
        out["answer"] = bool(q.truth)
    elif q.type == "fill":
        blanks: list[Any] = []
        for b in q.blanks:
            accept: Any = b.answers[0] if len(b.answers) == 1 else _Flow(b.answers)
            blanks.append(
                _FlowMap(accept=_Flow(b.answers), tolerance=b.tolerance)
                if b.tolerance is not None
                else accept
            )
        out["answer"] = _Flow(blanks) if all(isinstance(b, str) for b in blanks) else blanks
    elif q.reference:
        out["answer"] = q.reference
    if not q.shuffle:  # only choice questions use it, but a bank keeps what its author wrote
        out["shuffle"] = False
    if q.explanation:
        out["explanation"] = q.explanation
    if q.source:
        out["source"] = q.source
    if q.tags:
        out["tags"] = _Flow(q.tags)
    for key in ("difficulty", "points", "time_limit"):
        if getattr(q, key) != getattr(defaults, key):
            out[key] = getattr(q, key)
    if q.generated != bank_generated:
        out["generated"] = q.generated
    return out


def bank_to_dict(bank: Bank) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT, "title": bank.title, "language": bank.language}
    sources = [{k: v for k, v in vars(s).items() if v} for s in bank.sources]
    if len(sources) == 1:
        data["source"] = sources[0]
    elif sources:
        data["sources"] = sources
    data["defaults"] = _FlowMap(
        points=bank.defaults.points,
        time_limit=bank.defaults.time_limit,
        difficulty=bank.defaults.difficulty,
    )
    if bank.generator is not None:
        data["generator"] = bank.generator
    data["questions"] = [
        question_to_dict(q, bank.defaults, bank.generator is not None) for q in bank.questions
    ]
    return data


def dump_bank(bank: Bank, schema_hint: str | None = SCHEMA_FILE) -> str:
    """The bank as YAML text; the same bank always gives the same text."""
    body = yaml.dump(
        bank_to_dict(bank),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    head = f"# yaml-language-server: $schema={schema_hint}\n" if schema_hint else ""
    return head + body.replace("\n- id:", "\n\n- id:").replace("\n  - id:", "\n\n  - id:")


def save_bank(bank: Bank, path: str | Path, schema_hint: str | None = SCHEMA_FILE) -> None:
    """Write the bank to ``path`` atomically (no half-written file on failure)."""
    try:
        atomic_write(path, dump_bank(bank, schema_hint))
    except OSError as exc:
        raise InputError(
            f"cannot write the bank: {exc.strerror or exc}; the old file is unchanged",
            Location(str(path)),
        ) from None
