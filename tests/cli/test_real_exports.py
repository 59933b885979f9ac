"""The exports of the tools French businesses use are checked as they come, without options.

One fixture per tool in ``tests/fixtures/exports/`` (fictitious data, the tool's headers and
value conventions; ``tests/fixtures/exports/README.md`` says where the names come from).
Each has one invalid SIRET, which ``clientbook check`` must catch (status 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cli.clientfiles import check_json, run

from clientbook import ClientKind
from clientbook._files.rows import registry_number
from clientbook._files.unused import suggested_field
from clientbook.files import check_file, read_clients

EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"


def _kinds_and_actives(path: Path) -> list[tuple[ClientKind, bool]]:
    return [(client.kind, client.active) for _row, client in read_clients(path)]


def test_a_dolibarr_third_party_export_is_checked_and_its_invalid_siret_caught(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = EXPORTS / "dolibarr_tiers_fr.csv"
    result = check_json(capsys, path)
    document = result.json()
    assert result.status == 1
    assert document["columns"] == {
        "id": "Réf. tiers",
        "name": "Nom tiers",
        "active": "Statut",
        "kind": "Type du tiers",
        "address": "Adresse",
        "postal_code": "Code postal",
        "city": "Ville",
        "country": "Pays",
        "direct_phone": "Téléphone",
        "email": "Email",
        "siren": "Id. prof. 1 (SIREN)",
        "siret": "Id. prof. 2 (SIRET)",
        "naf": "Id. prof. 3 (NAF-APE)",
        "registry": "Id. prof. 4 (RCS/RM)",
        "vat": "Numéro de TVA",
    }
    assert document["unused_columns"] == ["Nom alternatif"]
    assert [(p["row"], p["column"], p["code"]) for p in document["problems"]] == [
        (3, "Id. prof. 2 (SIRET)", "siret.checksum")
    ]


def test_dolibarr_s_status_en_activite_or_clos_is_the_active_flag_and_particulier_a_person() -> (
    None
):
    assert _kinds_and_actives(EXPORTS / "dolibarr_tiers_fr.csv") == [
        (ClientKind.COMPANY, True),
        (ClientKind.COMPANY, False),
        (ClientKind.INDIVIDUAL, True),
    ]


def test_an_odoo_contact_export_reads_company_type_as_company_or_individual(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = EXPORTS / "odoo_contacts_en.csv"
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    assert result.status == 1
    assert document["columns"]["kind"] == "Company Type"
    assert document["columns"]["registry"] == "Company Registry"
    assert (document["columns"]["vat"], document["columns"]["address2"]) == ("Tax ID", "Street2")
    assert "company_type" not in document["columns"]
    assert document["unused_columns"] == ["Is a Company", "Related Company"]
    assert [(p["row"], p["column"], p["code"]) for p in document["problems"]] == [
        (4, "Company Registry", "siret.checksum")
    ]
    assert _kinds_and_actives(path) == [
        (ClientKind.COMPANY, True),
        (ClientKind.INDIVIDUAL, True),
        (ClientKind.COMPANY, True),
        (ClientKind.COMPANY, False),
    ]


def test_odoo_s_company_registry_is_read_as_a_siret_or_a_siren() -> None:
    clients = [client for _row, client in read_clients(EXPORTS / "odoo_contacts_en.csv")]
    assert (clients[0].siret, clients[0].siren) == ("40483304800014", "404833048")
    assert (clients[3].siret, clients[3].siren) == ("", "834567893")


def test_a_french_odoo_export_reads_est_une_societe_and_registre_de_commerce(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = EXPORTS / "odoo_contacts_fr.csv"
    result = check_json(capsys, path)
    document = result.json()
    assert result.status == 1
    assert {
        field: document["columns"][field] for field in ("kind", "registry", "address2", "vat")
    } == {
        "kind": "Est une société",
        "registry": "Registre de commerce",
        "address2": "Rue 2",
        "vat": "N° TVA",
    }
    assert document["unused_columns"] == ["Société liée"]
    assert result.codes() == [(4, "siret.checksum")]
    assert _kinds_and_actives(path) == [
        (ClientKind.COMPANY, True),
        (ClientKind.INDIVIDUAL, True),
        (ClientKind.COMPANY, False),
    ]


@pytest.mark.parametrize(
    ("fixture", "columns", "unused", "invalid"),
    [
        (
            "hubspot_companies.csv",
            {"id", "name", "website", "direct_phone", "address", "address2", "city",
             "postal_code", "country", "owner", "siret"},
            ["Lifecycle Stage"],
            (3, "SIRET"),
        ),
        (
            "axonaut_entreprises.csv",
            {"name", "address", "postal_code", "city", "country", "siret", "vat", "naf",
             "direct_phone", "email", "website"},
            ["Catégorie"],
            (3, "SIRET"),
        ),
        (
            "sellsy_societes.csv",
            {"name", "kind", "siren", "siret", "naf", "vat", "address", "address2",
             "postal_code", "city", "country", "email", "direct_phone"},
            ["Note"],
            (3, "SIRET"),
        ),
    ],
    ids=["hubspot", "axonaut", "sellsy"],
)  # fmt: skip
def test_a_crm_export_is_recognised_and_its_invalid_siret_caught(
    capsys: pytest.CaptureFixture[str],
    fixture: str,
    columns: set[str],
    unused: list[str],
    invalid: tuple[int, str],
) -> None:
    result = check_json(capsys, EXPORTS / fixture)
    document = result.json()
    assert result.status == 1
    assert set(document["columns"]) == columns
    assert document["unused_columns"] == unused
    assert [(p["row"], p["column"], p["code"]) for p in document["problems"]] == [
        (*invalid, "siret.checksum")
    ]
    assert {kind for kind, _active in _kinds_and_actives(EXPORTS / fixture)} == {ClientKind.COMPANY}


def test_the_table_lists_the_columns_it_did_not_use(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "check", EXPORTS / "dolibarr_tiers_fr.csv")
    assert "Colonnes non utilisées : « Nom alternatif »" in result.out.splitlines()


def test_a_column_that_looks_like_a_siret_but_is_not_used_names_the_option_that_maps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "Raison sociale;SIREN;Siret du siège social;CP livraison\n"
        "Garage Dubois SAS;302123450;30212345000017;67000\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    assert result.status == 0
    assert document["unused_columns"] == ["Siret du siège social", "CP livraison"]
    assert document["problems"] == [
        {
            "row": 1,
            "column": "Siret du siège social",
            "field": "file",
            "code": "file.column_unused",
            "value": "",
            "message": "This column looks like it holds a SIRET but is not used: to check it, "
            'add --column siret="Siret du siège social".',
            "severity": "warning",
        },
        {
            "row": 1,
            "column": "CP livraison",
            "field": "file",
            "code": "file.column_unused",
            "value": "",
            "message": "This column looks like it holds a postal code but is not used: to check "
            'it, add --column postal_code="CP livraison".',
            "severity": "warning",
        },
    ]


def test_the_option_the_warning_names_maps_the_column_and_checks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "Raison sociale;Siret du siège social\nGarage Dubois SAS;30212345000018\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path, "--column", "siret=Siret du siège social")
    assert (result.status, result.codes()) == (1, [(2, "siret.checksum")])


def test_a_file_without_any_identifier_column_says_so_instead_of_no_problem_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Raison sociale;Ville\nFleurs Camille;Paris\n", encoding="utf-8")
    result = run(capsys, "check", path)
    assert result.status == 0
    assert "Aucun problème trouvé." not in result.out
    assert "Aucune colonne de ce fichier n'est reconnue comme un SIREN" in result.out
    assert check_file(path).counts_by_code() == {"file.no_identifier_column": 1}


def test_a_trade_register_cell_that_is_neither_siret_nor_siren_is_a_problem_of_its_cell(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odoo.csv"
    path.write_text(
        "Name,Company Registry\nBoulangerie Martin SARL,RCS Lyon B 404 833\n", encoding="utf-8"
    )
    report = check_file(path, locale="en")
    assert [(p.row, p.column, p.code, p.value) for p in report.problems] == [
        (2, "Company Registry", "client.registry.unreadable", "RCS Lyon B 404 833")
    ]


def test_a_registry_giving_a_siren_beside_a_siret_column_checks_both(tmp_path: Path) -> None:
    path = tmp_path / "dolibarr.csv"
    path.write_text(
        "Nom tiers;Id. prof. 2 (SIRET);Id. prof. 4 (RCS/RM)\n"
        "Garage Lefèvre;40483304800014;RCS Lyon 812 345 676\n",
        encoding="utf-8",
    )
    report = check_file(path, locale="en")
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (2, "Id. prof. 2 (SIRET)", "siret.siren_mismatch")
    ]


def test_the_words_of_an_identifier_or_an_address_suggest_their_field() -> None:
    assert [
        suggested_field(header)
        for header in ("N° SIREN", "TVA client", "Tax number", "Code APE", "Registre",
                       "Adresse livraison", "Street 3", "Zip code", "Commentaire", "Compta")
    ] == ["siren", "vat", "vat", "naf", "registry", "address", "address", "postal_code", None,
          None]  # fmt: skip


@given(st.text())
def test_reading_a_trade_register_cell_never_raises(text: str) -> None:
    number = registry_number(text)
    if number is not None:
        kind, digits = number
        assert digits.isdigit()
        assert len(digits) == {"siret": 14, "siren": 9}[kind]


def test_dolibarr_s_other_type_of_third_party_says_neither_company_nor_individual(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tiers.csv"
    path.write_text(
        "Nom tiers;Type du tiers;Statut;Id. prof. 1 (SIREN)\n"
        "Association des Commerçants;Autre;En activité;404833048\n"
        "Fontaine;Particulier;Clos;\n",
        encoding="utf-8",
    )
    assert check_file(path).problems == ()
    assert _kinds_and_actives(path) == [(ClientKind.COMPANY, True), (ClientKind.INDIVIDUAL, False)]
