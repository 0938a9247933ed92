"""Building `Fact` objects quickly: extraction makes tens of thousands per megabyte.

A frozen dataclass's ``__init__`` sets each of its twenty fields through
``object.__setattr__``, which is most of the cost of a fact. `make_fact`
fills the instance dictionary in one step instead: the same object (equal,
same repr and hash), at less than half the cost. It is used only while it
gives exactly what ``Fact(...)`` gives, checked once at import; otherwise it
is ``Fact`` itself.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from factquiz.model import Fact

_FIELDS = dataclasses.fields(Fact)
_REQUIRED = {f.name for f in _FIELDS if f.default is dataclasses.MISSING}
# every field in declaration order (the order __init__ would set them), required ones
# to be given by the caller
_TEMPLATE = {f.name: None if f.name in _REQUIRED else f.default for f in _FIELDS}
_new = object.__new__


def _make_fact(**fields: Any) -> Fact:
    fact = _new(Fact)
    values = fact.__dict__  # reading the dict is allowed; only attribute assignment is frozen
    values.update(_TEMPLATE)
    values.update(fields)
    return fact


def _equivalent() -> bool:
    """Whether `_make_fact` builds what the dataclass builds (no __post_init__, slots, factories)."""
    if hasattr(Fact, "__post_init__") or hasattr(Fact, "__slots__"):
        return False
    if _REQUIRED != {"kind", "text", "sentence", "start", "end"} or any(
        f.default_factory is not dataclasses.MISSING for f in _FIELDS
    ):
        return False
    sample = {"kind": "quantity", "text": "9个", "sentence": "有9个。", "start": 1, "end": 3}
    slow, fast = Fact(**sample, value=9.0), _make_fact(**sample, value=9.0)
    return (
        slow == fast
        and repr(slow) == repr(fast)
        and hash(slow) == hash(fast)
        and list(vars(slow).items()) == list(vars(fast).items())
    )


make_fact = _make_fact if _equivalent() else Fact
