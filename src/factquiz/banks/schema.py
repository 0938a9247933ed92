"""The JSON Schema of bank format factquiz/1, for editors (yaml-language-server) and other tools.

The loader does its own checking (to give line numbers and plain-word
messages); a test keeps this schema and the loader in agreement.
"""

from __future__ import annotations

import json
from typing import Any

from factquiz.model import BANK_TYPES, FORMAT

_TEXT = {"type": ["string", "number"], "minLength": 1}
_POINTS = {"type": "number", "minimum": 0, "description": "分值"}
_TIME = {
    "type": "integer",
    "exclusiveMinimum": 0,
    "description": "time limit in seconds (答题时间)",
}
_DIFFICULTY = {"type": "integer", "enum": [1, 2, 3], "description": "1 easy … 3 hard (难度)"}
_SEPARATORS = r"[\s,，、;；/]*"
_ONE_LETTER = {
    "oneOf": [
        {"type": "string", "pattern": r"^\s*[A-Ha-h]\s*$"},
        {
            "type": "array",
            "items": {"type": "string", "pattern": "^[A-Ha-h]$"},
            "minItems": 1,
            "maxItems": 1,
        },
    ]
}
_LETTERS = {
    "oneOf": [
        {"type": "string", "pattern": rf"^\s*[A-Ha-h]({_SEPARATORS}[A-Ha-h])*\s*$"},
        {"type": "array", "items": {"type": "string", "pattern": "^[A-Ha-h]$"}, "minItems": 1},
    ]
}
_JUDGE_WORDS = ["true", "false", "True", "False", "TRUE", "FALSE", "t", "f", "T", "F", "yes", "no",
                "对", "错", "正确", "错误", "是", "否", "√", "×", "✓", "✗"]  # fmt: skip
_JUDGE = {"oneOf": [{"type": "boolean"}, {"type": "string", "enum": _JUDGE_WORDS}]}
_VARIANTS = {
    "type": "array",
    "items": _TEXT,
    "minItems": 1,
    "description": "accepted variants of one blank",
}
_BLANK = {
    "oneOf": [
        _TEXT,
        _VARIANTS,
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["accept"],
            "properties": {
                "accept": {"oneOf": [_TEXT, _VARIANTS]},
                "tolerance": {
                    "type": "number",
                    "minimum": 0,
                    "description": "numeric answers within ± tolerance count",
                },
            },
        },
    ]
}
# The answer's shape depends on the type (see the allOf of a question).
_ANSWERS = {
    "single": _ONE_LETTER,
    "multiple": _LETTERS,
    "judge": _JUDGE,
    "fill": {"oneOf": [_TEXT, {"type": "array", "items": _BLANK, "minItems": 1}]},
    "short": {"type": ["string", "number"]},
    "order": {
        "oneOf": [
            {"type": "string", "pattern": r"^\s*[A-Ha-h]([\s,，、;；/\-—–→>＞]*[A-Ha-h])+\s*$"},
            {"type": "array", "items": {"type": "string", "pattern": "^[A-Ha-h]$"}, "minItems": 2},
        ],
        "description": "the items' letters in the correct order: BADC",
    },
}
_PAIR = {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 2}


def bank_schema() -> dict[str, Any]:
    question = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "type", "stem"],
        "properties": {
            "id": {"type": ["string", "integer"], "pattern": r"^[\w.\-]+$"},
            "type": {
                "enum": list(BANK_TYPES),
                "description": "single 单选 | multiple 多选 | judge 判断 | fill 填空 | short 简答 | order 排序 | match 连线",
            },
            "stem": {
                "type": "string",
                "minLength": 1,
                "description": "题干; blanks as （ ） or ____",
            },
            "options": {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 8},
            "answer": {
                "description": "letters for single/multiple (B, ACD); true/false for judge; one entry per blank for fill; reference text for short; the items' letters in order for order (BADC)",
            },
            "keys": {
                "type": "array",
                "items": _TEXT,
                "minItems": 2,
                "maxItems": 8,
                "description": "order: what orders each option (its date or value), one per option",
            },
            "pairs": {
                "type": "array",
                "items": _PAIR,
                "minItems": 2,
                "maxItems": 8,
                "description": "match: [left, right] pairs in stem order (连线题)",
            },
            "explanation": {"type": ["string", "number"], "description": "解析"},
            "source": {
                "type": ["string", "number"],
                "description": "the article sentence the question comes from",
            },
            "tags": {"oneOf": [{"type": "array", "items": _TEXT}, {"type": "string"}]},
            "difficulty": _DIFFICULTY,
            "points": _POINTS,
            "time_limit": _TIME,
            "shuffle": {
                "type": "boolean",
                "description": "false keeps the option order (以上都对)",
            },
            "generated": {"type": "boolean"},
        },
        "allOf": [
            {
                "if": {"properties": {"type": {"enum": ["single", "multiple", "order"]}}},
                "then": {"required": ["options", "answer"]},
            },
            {
                "if": {"properties": {"type": {"enum": ["judge", "fill", "short", "match"]}}},
                "then": {"not": {"required": ["options"]}},
            },
            {
                "if": {"properties": {"type": {"const": "match"}}},
                "then": {"required": ["pairs"], "not": {"required": ["answer"]}},
                "else": {"not": {"required": ["pairs"]}},
            },
            {
                "if": {"properties": {"type": {"not": {"const": "order"}}}},
                "then": {"not": {"required": ["keys"]}},
            },
            {
                "if": {"properties": {"type": {"enum": ["judge", "fill"]}}},
                "then": {"required": ["answer"]},
            },
        ]
        + [
            {
                "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                "then": {"properties": {"answer": shape}},
            }
            for kind, shape in _ANSWERS.items()
        ],
    }
    source = {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string"},
                    "date": {
                        "type": ["string", "integer"],
                        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                    },
                    "file": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://factquiz.invalid/schema/factquiz-1.json",
        "title": "factquiz question bank (format factquiz/1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "title", "questions"],
        "properties": {
            "format": {"const": FORMAT},
            "title": {"type": "string", "minLength": 1},
            "language": {
                "type": "string",
                "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$",
                "description": "zh-CN, en, …",
            },
            "source": source,
            "sources": {"type": "array", "items": source},
            "defaults": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"points": _POINTS, "time_limit": _TIME, "difficulty": _DIFFICULTY},
            },
            "generator": {
                "type": "object",
                "description": "options `factquiz generate` was run with",
            },
            "questions": {"type": "array", "items": question},
        },
    }


def schema_json() -> str:
    return json.dumps(bank_schema(), ensure_ascii=False, indent=2) + "\n"
