"""The public Hypothesis strategies: valid ones are valid, near-misses are not, options checked."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Collection

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import clientbook.testing
from clientbook import Client, ClientKind
from clientbook.identifiers import IdentifierModule, InvalidComponent, naf, siren, siret, vat
from clientbook.testing import strategies as cst

VALID: list[tuple[str, st.SearchStrategy[str], IdentifierModule]] = [
    ("sirens", cst.sirens(), siren),
    ("sirets", cst.sirets(), siret),
    ("sirets without La Poste", cst.sirets(la_poste=False), siret),
    ("vat_numbers", cst.vat_numbers(), vat),
    ("naf_codes", cst.naf_codes(), naf),
    ("rev2 naf_codes", cst.naf_codes(nomenclature="rev2"), naf),
    ("2025 naf_codes", cst.naf_codes(nomenclature="2025"), naf),
]
INVALID: list[tuple[str, st.SearchStrategy[str], IdentifierModule]] = [
    ("invalid_sirens", cst.invalid_sirens(), siren),
    ("invalid_sirets", cst.invalid_sirets(), siret),
    ("invalid_vat_numbers", cst.invalid_vat_numbers(), vat),
    ("invalid French vat numbers", cst.invalid_vat_numbers(countries={"FR"}), vat),
    ("invalid_naf_codes", cst.invalid_naf_codes(), naf),
]


@pytest.mark.parametrize(("name", "numbers", "module"), VALID, ids=[row[0] for row in VALID])
@given(data=st.data())
def test_every_generated_number_is_valid_and_compact(
    name: str, numbers: st.SearchStrategy[str], module: IdentifierModule, data: st.DataObject
) -> None:
    number = data.draw(numbers)
    assert module.is_valid(number)
    assert module.validate(number) == number


@pytest.mark.parametrize(("name", "numbers", "module"), INVALID, ids=[row[0] for row in INVALID])
@given(data=st.data())
def test_every_generated_near_miss_is_refused(
    name: str, numbers: st.SearchStrategy[str], module: IdentifierModule, data: st.DataObject
) -> None:
    assert not module.is_valid(data.draw(numbers))


@given(data=st.data())
def test_vat_numbers_of_one_country_are_valid_and_carry_its_prefix(data: st.DataObject) -> None:
    country = data.draw(st.sampled_from(cst.VAT_COUNTRIES))
    number = data.draw(cst.vat_numbers(countries={country}))
    assert number.startswith(country)
    assert vat.validate(number) == number


@given(number=cst.sirets(la_poste=False))
def test_sirets_without_la_poste_generate_none_of_its_numbers(number: str) -> None:
    assert not number.startswith("356000000")


@given(code=cst.naf_codes(nomenclature="rev2"))
def test_rev2_naf_codes_belong_to_rev2(code: str) -> None:
    assert naf.nomenclature(code) == "rev2"


@given(code=cst.naf_codes(nomenclature="2025"))
def test_2025_naf_codes_belong_to_naf_2025(code: str) -> None:
    assert naf.nomenclature(code) == "2025"


# A SIREN that starts with 000 passes Luhn, but its VAT number falls in Monaco's range
# (FR + key + 000 + 6 digits), which holds no SIREN: no strategy generates one.
SIRENS: list[tuple[str, st.SearchStrategy[str]]] = [
    ("sirens", cst.sirens()),
    ("the SIRENs of sirets", cst.sirets().map(siret.siren)),
    ("the SIRENs of sirets without La Poste", cst.sirets(la_poste=False).map(siret.siren)),
    (
        "the SIRENs of companies",
        cst.clients(kind=ClientKind.COMPANY).map(lambda client: siret.siren(client.siret)),
    ),
]


@pytest.mark.parametrize(("name", "numbers"), SIRENS, ids=[row[0] for row in SIRENS])
@given(data=st.data())
def test_a_generated_siren_comes_back_from_its_vat_number(
    name: str, numbers: st.SearchStrategy[str], data: st.DataObject
) -> None:
    number = data.draw(numbers)
    assert not number.startswith("000")
    assert vat.siren(vat.from_siren(number)) == number


@given(client=cst.clients(kind=ClientKind.COMPANY))
def test_a_generated_company_carries_the_vat_number_of_its_sirets_siren(client: Client) -> None:
    assert vat.siren(client.vat_number) == siret.siren(client.siret)


@given(number=cst.vat_numbers(countries={"FR"}))
def test_a_generated_french_vat_number_holds_a_siren_unless_it_is_a_monaco_companys(
    number: str,
) -> None:
    if number[4:7] == "000":  # Monaco: FR + key + 000 + 6 digits, no SIREN
        with pytest.raises(InvalidComponent) as raised:
            vat.siren(number)
        assert "Monaco" in raised.value.message("en")
    else:
        assert vat.siren(number) == number[4:]


KINDS: list[tuple[str, st.SearchStrategy[str], Callable[[str], bool]]] = [
    ("a La Poste SIRET", cst.sirets(), lambda n: n.startswith("356000000")),
    ("La Poste's head office", cst.sirets(), lambda n: n == "35600000000048"),
    (
        "a French key of two letters",
        cst.vat_numbers(),
        lambda n: n[:2] == "FR" and n[2:4].isalpha(),
    ),
    (
        "a French key of a digit and a letter",
        cst.vat_numbers(),
        lambda n: n[:3].startswith("FR") and n[2].isdigit() and n[3].isalpha(),
    ),
    ("a Monaco VAT number", cst.vat_numbers(), lambda n: n.startswith("FR") and n[4:7] == "000"),
    ("a NAF rev. 2 code", cst.naf_codes(), lambda c: naf.nomenclature(c) == "rev2"),
    ("a NAF 2025 code", cst.naf_codes(), lambda c: naf.nomenclature(c) == "2025"),
    ("an all-zero SIREN", cst.invalid_sirens(), lambda n: n == "000000000"),
    ("a SIREN with a letter", cst.invalid_sirens(), lambda n: not n.isdigit()),
    (
        "a one-stop-shop number",
        cst.invalid_vat_numbers(countries={"FR"}),
        lambda n: n.startswith("EU"),
    ),
    ("a NAF code with a comma", cst.invalid_naf_codes(), lambda c: "," in c),
]


@pytest.mark.parametrize(("kind", "numbers", "condition"), KINDS, ids=[row[0] for row in KINDS])
def test_the_strategies_generate_every_kind_of_number_they_promise(
    kind: str, numbers: st.SearchStrategy[str], condition: Callable[[str], bool]
) -> None:
    assert condition(find(numbers, condition))


BAD_COUNTRIES: list[tuple[object, str]] = [
    ("FR", "collection of country prefixes"),
    ([], "empty"),
    ({"GR"}, "use 'EL'"),
    ({"EU"}, "one-stop-shop"),
    ({"IM"}, "one-stop-shop"),
    ({"MC"}, "use 'FR'"),
    ({"fr"}, "in capitals"),
    ({"US"}, "not a country prefix"),
    ({"UK"}, "not a country prefix"),
    ({1}, "are str"),
    (42, "collection of country prefixes"),
]


@pytest.mark.parametrize(("countries", "message"), BAD_COUNTRIES)
@pytest.mark.parametrize("strategy", [cst.vat_numbers, cst.invalid_vat_numbers])
def test_vat_strategies_refuse_countries_they_cannot_generate_with_a_clear_message(
    strategy: Callable[..., st.SearchStrategy[str]], countries: object, message: str
) -> None:
    with pytest.raises(InvalidArgument) as raised:
        strategy(countries=countries)
    assert message in str(raised.value)


@pytest.mark.parametrize("countries", [["FR", "FR", "DE"], ("EL",), frozenset({"XI", "GB"})])
def test_vat_strategies_take_any_collection_of_countries(countries: Collection[str]) -> None:
    number = find(cst.vat_numbers(countries=countries), lambda n: True)
    assert number[:2] in set(countries)


@pytest.mark.parametrize("nomenclature", ["rev3", "REV2", 2025, ""])
def test_naf_codes_refuse_an_unknown_nomenclature(nomenclature: object) -> None:
    with pytest.raises(InvalidArgument) as raised:
        cst.naf_codes(nomenclature=nomenclature)  # type: ignore[arg-type]
    assert "'rev2'" in str(raised.value)
    assert "'2025'" in str(raised.value)


@pytest.mark.parametrize("la_poste", [1, "yes", None])
def test_sirets_refuse_a_la_poste_option_that_is_not_a_bool(la_poste: object) -> None:
    with pytest.raises(InvalidArgument) as raised:
        cst.sirets(la_poste=la_poste)  # type: ignore[arg-type]
    assert "la_poste" in str(raised.value)


def test_the_public_names_of_the_strategies_are_exactly_the_documented_ones() -> None:
    assert cst.__all__ == [
        "VAT_COUNTRIES",
        "addresses",
        "clients",
        "contacts",
        "invalid_naf_codes",
        "invalid_sirens",
        "invalid_sirets",
        "invalid_vat_numbers",
        "naf_codes",
        "sirens",
        "sirets",
        "vat_numbers",
    ]
    assert clientbook.testing.__all__ == []


def test_importing_clientbook_testing_does_not_import_hypothesis() -> None:
    code = "import sys, clientbook.testing; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
