"""A user's failing property shows our values as values: public names, never private helpers.

When a property test fails, Hypothesis prints the failing example. A value that a strategy
built with ``st.builds(helper, ...)`` or ``.map(helper)`` may be printed as the call of the
helper (``_regular_siret('000000018', 0)``, ``_de(10000000)``), and is whenever Hypothesis
finds that part of the call's arguments did not matter ("or any other generated value"): the
user then reads the names of our private functions instead of the number. Here a deliberately
failing property runs over each public strategy, and the value in Hypothesis' report must be a
plain value: a string, or a record of public classes with plain values inside.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook import Address, Client, ClientKind, Contact
from clientbook.testing import strategies as cst


def _first_half(value: object) -> str:
    """The first half of a number, or of the first text field of a record."""
    if not isinstance(value, str):
        fields = attrs.astuple(value, recurse=False)  # type: ignore[arg-type]
        value = next(field for field in fields if isinstance(field, str))
    return value[: len(value) // 2]


def _all_fields_but_the_first(record: object) -> str:
    """The fields of *record* but the first, as text."""
    return repr(attrs.astuple(record, recurse=False)[1:])  # type: ignore[arg-type]


# What the deliberately failing property depends on: the other parts of a value are free, and
# Hypothesis prints the call that built a free part if it knows one. A record of any_text=True
# is a st.builds of the public class with a strategy per field; the explain phase tries each
# free field a hundred times, so its failure depends on all fields but one, to stay quick.
STRATEGIES: list[tuple[str, st.SearchStrategy[object], Callable[[Any], str]]] = [
    ("sirens()", cst.sirens(), _first_half),
    ("sirets()", cst.sirets(), _first_half),
    ("sirets(la_poste=False)", cst.sirets(la_poste=False), _first_half),
    ("vat_numbers()", cst.vat_numbers(), _first_half),
    *[
        (
            f"vat_numbers(countries={{{country!r}}})",
            cst.vat_numbers(countries={country}),
            _first_half,
        )
        for country in cst.VAT_COUNTRIES
    ],
    ("naf_codes()", cst.naf_codes(), _first_half),
    ("naf_codes(nomenclature='rev2')", cst.naf_codes(nomenclature="rev2"), _first_half),
    ("naf_codes(nomenclature='2025')", cst.naf_codes(nomenclature="2025"), _first_half),
    ("invalid_sirens()", cst.invalid_sirens(), _first_half),
    ("invalid_sirets()", cst.invalid_sirets(), _first_half),
    ("invalid_vat_numbers()", cst.invalid_vat_numbers(), _first_half),
    (
        "invalid_vat_numbers(countries={'FR'})",
        cst.invalid_vat_numbers(countries={"FR"}),
        _first_half,
    ),
    ("invalid_naf_codes()", cst.invalid_naf_codes(), _first_half),
    ("addresses()", cst.addresses(), _first_half),
    ("contacts()", cst.contacts(), _first_half),
    ("clients()", cst.clients(), _first_half),
    ("clients(kind=COMPANY)", cst.clients(kind=ClientKind.COMPANY), _first_half),
    ("clients(kind=INDIVIDUAL)", cst.clients(kind=ClientKind.INDIVIDUAL), _first_half),
    ("from_type(Address)", st.from_type(Address), _first_half),
    ("from_type(Contact)", st.from_type(Contact), _first_half),
    ("from_type(Client)", st.from_type(Client), _first_half),
    ("addresses(any_text=True)", cst.addresses(any_text=True), _all_fields_but_the_first),
    ("contacts(any_text=True)", cst.contacts(any_text=True), _all_fields_but_the_first),
    ("clients(any_text=True)", cst.clients(any_text=True), _all_fields_but_the_first),
]

#: The names a failing example may show: the public record classes, their enums, and the
#: builtins and standard types of their fields.
PUBLIC_NAMES = frozenset(
    {
        "Address",
        "Civility",
        "Client",
        "ClientKind",
        "Contact",
        "DeliveryAddress",
        "Role",
        "datetime",
        "frozenset",
        "tuple",
    }
)
#: What a plain value is made of: literals, and calls of public names with literal arguments;
#: no lambda, no f-string, no slicing, no arithmetic.
PLAIN_NODES = (
    ast.Attribute,
    ast.Call,
    ast.Constant,
    ast.Dict,
    ast.List,
    ast.Load,
    ast.Name,
    ast.Set,
    ast.Tuple,
    ast.UnaryOp,
    ast.USub,
    ast.keyword,
)


def _report_of_a_failure(
    values: st.SearchStrategy[object], depends_on: Callable[[Any], str]
) -> str:
    """Run a property that fails on *values* and return the failing example Hypothesis shows.

    The property fails for about half the values, decided by the part *depends_on* gives, so
    that Hypothesis marks the other parts "or any other generated value": what makes it print
    a value as the call that built it, if it knows one.
    """

    @settings(
        database=None,
        derandomize=True,
        max_examples=50,
        print_blob=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=values)
    def test_a_users_property(value: object) -> None:
        assert sum(map(ord, depends_on(value))) % 2, "deliberately failing"

    with pytest.raises(AssertionError, match="deliberately failing") as raised:
        test_a_users_property()
    notes: list[str] = getattr(raised.value, "__notes__", [])
    name = "test_a_users_property("
    calls = [note[note.index(name) :] for note in notes if name in note]
    assert len(calls) == 1, notes
    return calls[0]


def _value_shown(report: str) -> ast.expr:
    """The expression Hypothesis shows as the failing value in *report*."""
    call = ast.parse(report, mode="eval").body
    assert isinstance(call, ast.Call)
    (argument,) = call.keywords
    assert argument.arg == "value"
    return argument.value


@pytest.mark.parametrize(
    ("name", "values", "depends_on"), STRATEGIES, ids=[row[0] for row in STRATEGIES]
)
def test_a_failing_example_shows_plain_values_and_public_names(
    name: str, values: st.SearchStrategy[object], depends_on: Callable[[Any], str]
) -> None:
    report = _report_of_a_failure(values, depends_on)
    shown = _value_shown(report)
    names = {node.id for node in ast.walk(shown) if isinstance(node, ast.Name)}
    assert names <= PUBLIC_NAMES, report
    assert all(isinstance(node, PLAIN_NODES) for node in ast.walk(shown)), report
    if isinstance(shown, ast.Constant):
        assert isinstance(shown.value, str), report
    else:
        assert isinstance(shown, ast.Call), report


def test_a_failing_example_would_show_a_private_helper_built_with_builds() -> None:
    # The check above sees what it must refuse: a value built by st.builds of a helper.
    def _helper(company: str, establishment: int) -> str:
        return f"{company}{establishment:05d}"

    values = st.builds(_helper, st.sampled_from(["404833048", "302123450"]), st.integers(0, 9))
    shown = _value_shown(_report_of_a_failure(values, _first_half))
    assert isinstance(shown, ast.Call)
    assert isinstance(shown.func, ast.Name)
    assert shown.func.id == "_helper"
