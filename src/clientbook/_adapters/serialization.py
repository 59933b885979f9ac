"""The cattrs converter of clientbook's records, for :mod:`clientbook.serialization`."""

from __future__ import annotations

import datetime
import enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import IterableValidationNote
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import JsonConverter
from cattrs.preconf.json import configure_converter as _configure_json
from cattrs.v import format_exception

from clientbook._base.errors import ClientbookError

__all__ = ["InvalidData", "configure_converter", "make_converter"]

T = TypeVar("T")


class InvalidData(ClientbookError, ValueError):
    """Data could not be turned into a clientbook model.

    Attributes:
        errors: one line per fault, each ending with the path of the field at fault, in
            cattrs' ``transform_error`` form: ``"expected text (str), got int @ $.siret"``.
    """

    __module__ = "clientbook.serialization"

    def __init__(self, errors: list[str]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(self.errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (list(self.errors),))


def _is_clientbook_model(cls: Any) -> bool:
    return attrs.has(cls) and getattr(cls, "__module__", "").startswith("clientbook")


def _text(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected text (str), got {type(value).__name__}")


def _boolean(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {type(value).__name__}")


def _integer(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a whole number, got {type(value).__name__}")


def _datetime(value: object, _: type) -> datetime.datetime:
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value)
    raise TypeError(f"expected an ISO 8601 date and time, got {type(value).__name__}")


def _date(value: object, _: type) -> datetime.date:
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    raise TypeError(f"expected an ISO 8601 date, got {type(value).__name__}")


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach *converter* clientbook's models and its strict rules (see the module docs).

    Args:
        converter: any cattrs ``Converter``; its hooks for ``str``, ``bool``, ``int``, dates and
            enums become strict, and clientbook's models refuse unknown keys.
    """
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _boolean)
    converter.register_structure_hook(int, _integer)
    converter.register_structure_hook(datetime.datetime, _datetime)
    converter.register_structure_hook(datetime.date, _date)
    converter.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)

    def enum_value(member: enum.Enum) -> Any:
        return member.value

    converter.register_unstructure_hook(enum.Enum, enum_value)
    converter.register_unstructure_hook_func(
        lambda cls: getattr(cls, "__origin__", None) is frozenset,
        lambda values: sorted(converter.unstructure(v) for v in values),
    )

    def strict_collection(cls: Any) -> Any:
        item: Any = cls.__args__[0]
        origin = cls.__origin__

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, list | tuple):
                raise TypeError(f"expected a list, got {type(value).__name__}")
            items = []
            errors: list[Exception] = []
            structure_item = converter.get_structure_hook(item)
            for index, element in enumerate(value):
                try:
                    items.append(structure_item(element, item))
                except Exception as error:  # gathered, re-raised below
                    note = IterableValidationNote(f"Structuring index {index}", index, item)
                    error.__notes__ = [*getattr(error, "__notes__", []), note]
                    errors.append(error)
            if errors:
                raise cattrs.IterableValidationError(f"While structuring {cls!r}", errors, cls)
            return origin(items)

        return structure

    converter.register_structure_hook_factory(
        lambda cls: (
            getattr(cls, "__origin__", None) in (tuple, frozenset)
            and len(getattr(cls, "__args__", ())) >= 1
        ),
        strict_collection,
    )

    def model(cls: Any) -> Any:
        from_dict = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object (dict), got {type(value).__name__}")
            return from_dict(value, cls)

        return structure

    converter.register_structure_hook_factory(_is_clientbook_model, model)


class _Converter(JsonConverter):
    """A JSON converter whose refusals are one :class:`InvalidData` naming every field path."""

    def structure(self, obj: object, cl: Any) -> Any:
        try:
            return super().structure(obj, cl)
        except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as error:
            raise InvalidData(cattrs.transform_error(error, format_exception=_describe)) from None


def _describe(error: BaseException, type_: type | None) -> str:
    if isinstance(error, TypeError) and str(error).startswith("expected "):
        return str(error)  # the strict hooks' own words
    return format_exception(error, type_)


def make_converter() -> JsonConverter:
    """Return a new converter for clientbook's models, with ``dumps`` and ``loads`` for JSON.

    Its ``structure`` raises :class:`InvalidData` for data it refuses.
    """
    converter = _Converter()
    _configure_json(converter)
    configure_converter(converter)
    return converter
