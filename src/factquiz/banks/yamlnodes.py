"""Safe YAML with line numbers.

PyYAML's safe loader gives plain values without positions. We read the
parser's event stream (libyaml, safe: no tag is ever constructed into an
object) and build the values ourselves, keeping the line of every mapping key
and sequence item so the loader can say ``file:line: field: message``.

Why events rather than ``yaml.compose``: composing builds a Node with two
Marks for every scalar, which for a 10,000-question bank costs more than
everything else the loader does. Building from events also makes the
conversion iterative (deep nesting cannot blow the Python stack), and lets an
alias reuse the value already built for its anchor, so an alias bomb
("billion laughs") costs nothing.

Unquoted numbers keep the text they were written with (``YamlInt.text``):
``options: [010, 0.10]`` are the option texts "010" and "0.10", not 8 and 0.1.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

import yaml

from factquiz.errors import InputError, Location

try:  # libyaml is bundled with PyYAML wheels and is ~10x faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader

_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# first characters for which PyYAML's implicit resolvers (int, float, bool, null, …) may apply
_RESOLVER_FIRST_CHARS = frozenset(k for k in _Loader.yaml_implicit_resolvers if k is not None)
MAX_DEPTH = 200  # a bank nests 5 levels; anything deeper is an accident or an attack


class LineDict(dict):
    """A mapping that remembers its own line and the line of each key's value."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]


class LineList(list):
    """A sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class YamlInt(int):
    """An int that remembers how it was written ("010", "1_000")."""

    text: str


class YamlFloat(float):
    """A float that remembers how it was written ("0.10", "1e3")."""

    text: str


def _scalar(tag: str, value: str) -> Any:
    if tag == _STR:
        return value
    if tag.endswith(":int"):
        number = YamlInt(_constructor.construct_yaml_int(yaml.ScalarNode(tag, value)))
        number.text = value
        return number
    if tag.endswith(":float"):
        real = YamlFloat(_constructor.construct_yaml_float(yaml.ScalarNode(tag, value)))
        real.text = value
        return real
    if tag.endswith(":bool"):
        return _constructor.construct_yaml_bool(yaml.ScalarNode(tag, value))
    if tag.endswith(":null"):
        return None
    return value  # timestamps, binary and unknown tags stay as written


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Loading creates hundreds of thousands of objects and no cycles; the
    collector's repeated scans would otherwise cost more than the parsing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Frame:
    """A mapping or sequence being filled, with the key waiting for its value."""

    __slots__ = ("container", "anchor", "key", "key_line", "has_key", "merges")

    def __init__(self, container: LineDict | LineList, anchor: str | None):
        self.container = container
        self.anchor = anchor
        self.key: str = ""
        self.key_line = 0
        self.has_key = False
        self.merges: list[Any] = []


def _add(stack: list[_Frame], value: Any, line: int, is_merge_key: bool = False) -> None:
    """Put a finished value into the innermost open container."""
    frame = stack[-1]
    target = frame.container
    if isinstance(target, LineList):
        target.append(value)
        target.item_lines.append(line)
        return
    if not frame.has_key:
        if is_merge_key:
            frame.key = "<<merge>>"
        elif isinstance(value, (LineDict, LineList)):
            frame.key = "<complex key>"
        else:
            frame.key = str(value)
        frame.key_line = line
        frame.has_key = True
        return
    frame.has_key = False
    if frame.key == "<<merge>>":
        frame.merges.append(value)
        return
    if frame.key in target:
        target.duplicate_keys.append((frame.key, frame.key_line))
    target[frame.key] = value
    target.key_lines[frame.key] = line


def _apply_merges(mapping: LineDict, merges: list[Any], line: int) -> None:
    """YAML merge keys (``<<: *defaults``): keys written in the mapping win over merged ones."""
    sources: list[Any] = []
    for merged in merges:
        sources.extend(merged if isinstance(merged, LineList) else [merged])
    for source in sources:
        if not isinstance(source, LineDict):
            raise InputError("'<<' must merge a mapping (<<: *anchor)", Location("", line))
        for key, value in source.items():
            if key not in mapping:
                mapping[key] = value
                mapping.key_lines[key] = source.key_lines.get(key, line)


def _build(loader: Any, file: str) -> Any:
    anchors: dict[str, Any] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: Any = None
    get_event = loader.get_event  # get_event alone is twice as fast as check_event + get_event
    resolve = loader.resolve
    first_chars = _RESOLVER_FIRST_CHARS
    get_event()  # StreamStart
    if type(get_event()) is yaml.StreamEndEvent:  # DocumentStart, or an empty stream
        return None
    while True:
        event = get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            value = event.value
            tag = event.tag
            if tag is None or tag == "!":
                # most scalars are plain Chinese text: no implicit resolver can match them
                if event.implicit[0] and value and value[0] not in first_chars:
                    tag = _STR
                else:
                    tag = resolve(yaml.ScalarNode, value, event.implicit)
            line = event.start_mark.line + 1
            is_merge = (
                tag == _MERGE
                and bool(stack)
                and not stack[-1].has_key
                and isinstance(stack[-1].container, LineDict)
            )
            value = value if tag == _STR else _scalar(tag, value)
            if event.anchor is not None:
                anchors[event.anchor] = value
            if stack:
                _add(stack, value, line, is_merge)
            else:
                root = value
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.anchor is not None:
                open_anchors.discard(frame.anchor)
            if frame.merges:
                _apply_merges(frame.container, frame.merges, frame.container.line)  # type: ignore[arg-type]
            if stack:
                _add(stack, frame.container, frame.container.line)
            else:
                root = frame.container
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            line = event.start_mark.line + 1
            if len(stack) >= MAX_DEPTH:
                raise InputError(
                    f"nested more than {MAX_DEPTH} levels deep; a bank needs only a few",
                    Location(file, line),
                )
            container: LineDict | LineList
            if kind is yaml.SequenceStartEvent:
                container = LineList()
                container.item_lines = []
            else:
                container = LineDict()
                container.key_lines = {}
                container.duplicate_keys = []
            container.line = line
            if event.anchor is not None:
                anchors[event.anchor] = container
                open_anchors.add(event.anchor)
            stack.append(_Frame(container, event.anchor))
        elif kind is yaml.AliasEvent:
            line = event.start_mark.line + 1
            if event.anchor in open_anchors:
                raise InputError(
                    f"alias *{event.anchor} refers to the mapping or list it is inside; remove the loop",
                    Location(file, line),
                )
            if event.anchor not in anchors:
                raise InputError(
                    f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                    Location(file, line),
                )
            value = anchors[event.anchor]
            if stack:
                _add(stack, value, line)
            else:
                root = value
        else:  # DocumentEnd
            break
    event = get_event()
    if type(event) is not yaml.StreamEndEvent:
        line = event.start_mark.line + 1
        raise InputError(
            "a second YAML document ('---') in one file; keep one bank per file",
            Location(file, line),
        )
    return root


def parse_yaml(text: str, file: str = "") -> Any:
    """Parse YAML text into LineDict/LineList/scalars; raise InputError with the line on bad YAML."""
    loader = None
    try:
        loader = _Loader(text)
        with gc_paused():
            return _build(loader, file)
    except InputError as exc:
        raise InputError(exc.message, Location(file, exc.location.line)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"YAML syntax error: {what}; check indentation, colons and quotes on this line",
            Location(file, line),
        ) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports a byte offset into the UTF-8 text (PyYAML's pure reader: a character offset)
        position = exc.position if isinstance(exc.position, int) else 0
        prefix = (
            text.encode("utf-8", "surrogatepass")[:position]
            if _Loader is not yaml.SafeLoader
            else text[:position]
        )
        line = prefix.count(b"\n" if isinstance(prefix, bytes) else "\n") + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(
            f"YAML cannot hold the character {char} ({exc.reason}); delete it",
            Location(file, line),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(file)) from None
    except UnicodeError:
        raise InputError(
            "text contains characters that are not valid Unicode; save it again as UTF-8",
            Location(file),
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
