"""Safe YAML with line numbers.

PyYAML's safe loader gives plain values without positions; we compose the
node graph (safe: no Python tags are ever constructed) and convert it
ourselves, keeping the line of every mapping key and sequence item so the
loader can say ``file:line: field: message``. Composite nodes reached through
aliases are converted once and shared, so an alias bomb ("billion laughs")
costs nothing.
"""

from __future__ import annotations

from typing import Any

import yaml

from factquiz.errors import InputError, Location

try:  # libyaml is bundled with PyYAML wheels and is ~10x faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key's value."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]


class LineList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag.endswith(":str"):
        return node.value
    if tag.endswith(":int"):
        return _constructor.construct_yaml_int(node)
    if tag.endswith(":float"):
        return _constructor.construct_yaml_float(node)
    if tag.endswith(":bool"):
        return _constructor.construct_yaml_bool(node)
    if tag.endswith(":null"):
        return None
    return node.value  # timestamps and anything else stay as written


def _convert(node: yaml.Node, memo: dict[int, Any]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    cached = memo.get(id(node))
    if cached is not None:
        return cached
    if isinstance(node, yaml.SequenceNode):
        seq = LineList()
        seq.line = node.start_mark.line + 1
        seq.item_lines = []
        memo[id(node)] = seq
        for item in node.value:
            seq.append(_convert(item, memo))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    memo[id(node)] = mapping
    for key_node, value_node in node.value:
        key = _convert(key_node, memo)
        if isinstance(key, (LineDict, LineList)):
            key = "<complex key>"
        key = str(key)
        if key in mapping:
            mapping.duplicate_keys.append((key, key_node.start_mark.line + 1))
        mapping[key] = _convert(value_node, memo)
        mapping.key_lines[key] = value_node.start_mark.line + 1
    return mapping


def parse_yaml(text: str, file: str = "") -> Any:
    """Parse YAML text into LineDict/LineList/scalars; raise InputError with the line on bad YAML."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"YAML syntax error: {what}; check indentation, colons and quotes on this line",
            Location(file, line),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(file)) from None
    if node is None:
        return None
    return _convert(node, {})
