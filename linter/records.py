"""``Record``: the base of lintainer's small immutable records, a ``typing.NamedTuple`` that is cheaper to define.

A ``class Span(Record)`` is, for type checkers, exactly a ``class Span(NamedTuple)``. At run time it is the same
``collections.namedtuple`` class that ``typing.NamedTuple`` builds (fields, defaults, methods, docstring, pickling),
without ``typing``'s per-field work: with ``from __future__ import annotations`` every annotation is a string, which
``typing.NamedTuple`` compiles into a ``ForwardRef`` when the class is created. That made a record cost ~0.2 ms to
define instead of ~0.08 ms, and lintainer defines about sixty of them on the way to linting one file (~7 ms of a
one-file run). The annotations stay on the class as written (strings), which ``typing.get_type_hints`` resolves.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    # What typing.NamedTuple refuses to let a class body define, and what it never copies from the body.
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace",
         "_asdict", "_source"}
    )  # fmt: skip
    _NOT_COPIED = frozenset({"__module__", "__qualname__", "__annotations__", "__classcell__"})

    class _RecordMeta(type):
        def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not bases:  # Record itself
                return super().__new__(mcs, name, bases, namespace)
            if bases != (Record,):
                raise TypeError(f"{name}: a Record derives from Record alone")
            if "__classcell__" in namespace:
                raise TypeError(f"{name}: a Record's methods cannot use super() or __class__")
            annotations: dict[str, str] = namespace.get("__annotations__", {})
            defaults = []
            for field_name in annotations:
                if field_name in namespace:
                    defaults.append(namespace[field_name])
                elif defaults:
                    raise TypeError(f"{name}: field {field_name!r} without a default follows one with a default")
            record = collections.namedtuple(name, annotations, defaults=defaults, module=namespace["__module__"])
            record.__qualname__ = namespace.get("__qualname__", name)
            record.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"{name}: cannot overwrite the record attribute {key}")
                if key not in _NOT_COPIED and key not in annotations:
                    setattr(record, key, value)
            return record

    class Record(metaclass=_RecordMeta):
        """Derive a record from this as from ``typing.NamedTuple``."""
