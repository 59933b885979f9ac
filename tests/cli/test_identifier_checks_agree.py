"""The file check reports exactly the identifier problems the rules give, read from the cells.

``clientbook check`` no longer checks identifier cells itself: it places the problems of
``validate_client`` (one rule, one wording) on their cells. These properties compare what it
reports for a row with a model of the rules written from the cells alone, as ``domain.md`` words
them: each number valid; the SIRET's first 9 digits and a French VAT number's last 9 the
company's SIREN (the one typed, or, when it is blank, the SIRET's), a Monaco number compared with
nothing; a company in France has a SIREN, a SIRET or a Monaco VAT number.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from clientbook._files.check import check_records
from clientbook._files.reading import Layout
from clientbook.identifiers import InvalidIdentifier, naf, siren, siret, vat
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

HEADERS = ("Type", "Raison sociale", "SIREN", "SIRET", "N° TVA intracommunautaire", "Code APE")
LAYOUT = Layout(
    path=Path("clients.csv"),
    encoding="utf-8",
    delimiter=";",
    header_row=1,
    headers=HEADERS,
    columns={"kind": 0, "name": 1, "siren": 2, "siret": 3, "vat": 4, "naf": 5},
)
#: The identifier columns: record field, module, header.
IDENTIFIERS = (
    ("siren", siren, "SIREN"),
    ("siret", siret, "SIRET"),
    ("vat_number", vat, "N° TVA intracommunautaire"),
    ("ape_code", naf, "Code APE"),
)
FIELDS = {field for field, _module, _header in IDENTIFIERS}
TEXT = st.text(alphabet="0123456789 .FRMCfr-EUZ", max_size=16)


def _siret_of(number: str, nic: int) -> str:
    body = f"{number}{nic:04d}"
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


@st.composite
def identifier_cells(draw: st.DrawFn) -> list[str]:
    """Return a row's identifiers: numbers of one company, of others, mistyped, spaced or blank."""
    company = draw(sirens())
    own_siren = draw(st.sampled_from([company, siren.format(company), f" {company}."]))
    return [
        draw(st.sampled_from(["", "  ", ".", own_siren]) | invalid_sirens() | sirens() | TEXT),
        draw(
            st.sampled_from(["", _siret_of(company, draw(st.integers(1, 99)))])
            | sirets()
            | invalid_sirets()
            | TEXT
        ),
        draw(
            st.sampled_from(["", vat.from_siren(company), "FR34000123456"])
            | sirens().map(vat.from_siren)  # another company's
            | vat_numbers()
            | invalid_vat_numbers()
            | TEXT
        ),
        draw(st.sampled_from(["", "62.01Z"]) | naf_codes() | invalid_naf_codes() | TEXT),
    ]


def expected(identifiers: list[str], *, company: bool) -> list[tuple[str, str]]:
    """Return ``(column, code)`` of the identifier problems of a row, from its cells alone."""
    found: list[tuple[str, str]] = []
    valid: dict[str, str] = {}
    for (field, module, header), cell in zip(IDENTIFIERS, identifiers, strict=True):
        if not cell.strip():
            continue
        if not company:  # an individual carries no company number
            found.append((header, "client.individual.company_field"))
        try:
            valid[field] = module.validate(cell)
        except InvalidIdentifier as error:
            found.append((header, error.code))
    own = valid.get("siren")
    if own is None and not siren.compact(identifiers[0]):  # blank: spaces and dots only
        own = valid["siret"][:9] if "siret" in valid else None
    if own is not None:
        if "siret" in valid and valid["siret"][:9] != own:
            found.append(("SIRET", "siret.siren_mismatch"))
        number = valid.get("vat_number", "")
        if number.startswith("FR") and number[4:7] != "000" and number[4:] != own:
            found.append(("N° TVA intracommunautaire", "vat.siren_mismatch"))
    monaco = valid.get("vat_number", "").startswith("FR") and valid["vat_number"][4:7] == "000"
    if company and not identifiers[0].strip() and not identifiers[1].strip() and not monaco:
        found.append(("SIREN", "siren.required"))
    return sorted(found)


def reported(kind: str, identifiers: list[str]) -> list[tuple[str, str]]:
    """Return ``(column, code)`` of the identifier problems ``clientbook check`` reports."""
    report = check_records(LAYOUT, [(2, [kind, "Boulangerie Martin", *identifiers])], locale="en")
    return sorted(
        (problem.column or "", problem.code)
        for problem in report.problems
        if problem.field in FIELDS
    )


@given(identifiers=identifier_cells())
def test_a_companys_row_gets_the_identifier_problems_of_the_rules(identifiers: list[str]) -> None:
    assert reported("Société", identifiers) == expected(identifiers, company=True)


@given(identifiers=identifier_cells())
def test_an_individuals_row_gets_its_numbers_problems_as_well_as_their_refusal(
    identifiers: list[str],
) -> None:
    assert reported("Particulier", identifiers) == expected(identifiers, company=False)


def refusal(field: str, value: str) -> str | None:
    """Return the message of the error *field*'s module refuses *value* with, if it does."""
    module = next(module for name, module, _header in IDENTIFIERS if name == field)
    try:
        module.validate(value)
    except InvalidIdentifier as error:
        return error.message("en")
    return None


@given(identifiers=identifier_cells())
def test_each_identifier_problem_of_a_row_is_on_its_cell_with_the_rules_message(
    identifiers: list[str],
) -> None:
    cells = ["Société", "Boulangerie Martin", *identifiers]
    for problem in check_records(LAYOUT, [(2, cells)], locale="en").problems:
        if problem.field not in FIELDS or problem.code == "siren.required":
            continue
        assert problem.value == cells[HEADERS.index(problem.column or "")]
        message = refusal(problem.field, problem.value)
        if message is not None:
            assert problem.message.startswith(message)
