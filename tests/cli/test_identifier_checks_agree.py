"""The identifier cells of a company's row and its record find the same identifier problems.

``clientbook check`` checks a company's identifier cells itself (for their hints) only when
``validate_client`` finds something wrong with the record's identifiers: this property is what
makes that shortcut lose nothing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from clientbook._files.check import (
    _MODULES,
    _identifier_problems,
    _reported_above,
    file_policy,
)
from clientbook._files.reading import Layout
from clientbook._files.rows import RowColumns, client_from_row
from clientbook._rules.validation import validate_client
from clientbook.identifiers import vat
from clientbook.identifiers._text import luhn_ok
from clientbook.testing.strategies import (
    invalid_naf_codes,
    invalid_sirens,
    invalid_sirets,
    invalid_vat_numbers,
    naf_codes,
    sirens,
    sirets,
    vat_numbers,
)

HEADERS = ("Raison sociale", "SIREN", "SIRET", "N° TVA intracommunautaire", "Code APE")
LAYOUT = Layout(
    path=Path("clients.csv"),
    encoding="utf-8",
    delimiter=";",
    header_row=1,
    headers=HEADERS,
    columns={"name": 0, "siren": 1, "siret": 2, "vat": 3, "naf": 4},
)
CHECKS = [
    (field, index, HEADERS[index], _MODULES[field].is_valid)
    for field, index in LAYOUT.columns.items()
    if field in _MODULES
]
TEXT = st.text(alphabet="0123456789 .FRMCfr-EUZ", max_size=16)


def _siret_of(siren: str, nic: int) -> str:
    body = f"{siren}{nic:04d}"
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


@st.composite
def identifier_rows(draw: st.DrawFn) -> list[str]:
    """Return a company's row: numbers of one company, of others, mistyped, spaced or blank."""
    siren = draw(sirens())
    spaced = st.booleans()
    own_siren = siren if not draw(spaced) else f"{siren[:3]} {siren[3:6]} {siren[6:]}"
    return [
        "Boulangerie Martin",
        draw(st.sampled_from(["", "  ", own_siren]) | invalid_sirens() | sirens() | TEXT),
        draw(
            st.sampled_from(["", _siret_of(siren, draw(st.integers(1, 99)))])
            | sirets()
            | invalid_sirets()
            | TEXT
        ),
        draw(
            st.sampled_from(["", vat.from_siren(siren), "FR34000123456"])
            | sirens().map(vat.from_siren)  # another company's
            | vat_numbers()
            | invalid_vat_numbers()
            | TEXT
        ),
        draw(st.sampled_from(["", "62.01Z"]) | naf_codes() | invalid_naf_codes() | TEXT),
    ]


@given(cells=identifier_rows())
def test_a_companys_cells_and_record_find_the_same_identifier_problems(cells: list[str]) -> None:
    columns = RowColumns(LAYOUT.columns, HEADERS, locale="en")
    read = client_from_row(cells, columns)
    record = validate_client(read.client, policy=file_policy(LAYOUT.columns), locale="en")
    from_record = sorted(problem.code for problem in record if _reported_above(problem))
    from_cells = sorted(
        problem.code for _index, problem in _identifier_problems(cells, CHECKS, 2, LAYOUT, "en")
    )
    assert from_cells == from_record
