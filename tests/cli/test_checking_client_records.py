"""Checking the whole record of each row: addresses, the primary contact, required fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.clientfiles import (
    COMPANIES,
    SIREN,
    SIRET,
    VAT,
    Run,
    check_json,
    run,
    write_client_file,
)

#: The columns of a client file as a CRM exports it, with the primary contact.
HEADERS = [
    "Code client",
    "Raison sociale",
    "SIRET",
    "Adresse",
    "Code postal",
    "Ville",
    "Pays",
    "Civilité",
    "Prénom",
    "Nom",
    "Email",
    "Téléphone direct",
    "Portable",
    "Standard",
]


def row(**changes: str) -> list[str]:
    """Return a valid row under :data:`HEADERS`: a bakery in Lyon and its manager."""
    values = {
        "Code client": "C001",
        "Raison sociale": "Boulangerie Martin SARL",
        "SIRET": SIRET,
        "Adresse": "12 rue de la République",
        "Code postal": "69003",
        "Ville": "Lyon",
        "Pays": "France",
        "Civilité": "Mme",
        "Prénom": "Claire",
        "Nom": "Martin",
        "Email": "claire.martin@boulangerie-martin.fr",
        "Téléphone direct": "04 78 12 34 56",
        "Portable": "06 12 34 56 78",
        "Standard": "04 78 12 34 00",
    }
    values.update({header.replace("_", " "): value for header, value in changes.items()})
    return [values[header] for header in HEADERS]


def _problems(result: Run) -> list[tuple[int, str | None, str, str]]:
    document = result.json()
    return [(p["row"], p["column"], p["field"], p["code"]) for p in document["problems"]]


def test_a_valid_file_of_companies_and_their_contacts_has_no_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [row()], headers=HEADERS)
    result = check_json(capsys, path)
    assert (result.status, result.json()["problems"]) == (0, [])
    assert result.json()["columns"] == {
        "id": "Code client",
        "name": "Raison sociale",
        "siret": "SIRET",
        "address": "Adresse",
        "postal_code": "Code postal",
        "city": "Ville",
        "country": "Pays",
        "civility": "Civilité",
        "first_name": "Prénom",
        "last_name": "Nom",
        "email": "Email",
        "direct_phone": "Téléphone direct",
        "mobile_phone": "Portable",
        "switchboard_phone": "Standard",
    }


@pytest.mark.parametrize(
    ("changes", "column", "field", "code"),
    [
        ({"Code postal": "690003"}, "Code postal", "address.postal_code",
         "address.postal_code.format"),
        ({"Code postal": "2A000", "Ville": "Ajaccio"}, "Code postal", "address.postal_code",
         "address.postal_code.format"),
        ({"Email": "claire.martin@boulangerie"}, "Email", "contacts[0].email",
         "contact.email.format"),
        ({"Téléphone direct": "04 78 12 34"}, "Téléphone direct", "contacts[0].direct_phone",
         "contact.phone.invalid"),
        ({"Portable": "04 78 12 34 56"}, "Portable", "contacts[0].mobile_phone",
         "contact.phone.not_mobile"),
        ({"Téléphone direct": ""}, "Téléphone direct", "contacts[0].direct_phone",
         "contact.direct_phone.required"),
        ({"Prénom": ""}, "Prénom", "contacts[0].first_name", "contact.first_name.required"),
        ({"Civilité": "Dr"}, "Civilité", "contacts[0].civility", "contact.civility.unknown"),
        ({"Pays": "Frnace"}, "Pays", "address.country", "address.country.unknown"),
        ({"Code postal": "98000", "Ville": "Monaco", "Téléphone direct": "+377 93 15 12 34",
          "Portable": "+377 6 12 34 56 78", "Standard": ""}, "Pays", "address.country",
         "address.country.monaco"),
        ({"SIRET": ""}, "SIRET", "siren", "siren.required"),
    ],
)  # fmt: skip
def test_a_problem_of_the_record_names_its_field_and_the_column_it_comes_from(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, str],
    column: str | None,
    field: str,
    code: str,
) -> None:
    path = write_client_file(tmp_path, [row(**changes)], headers=HEADERS)
    result = check_json(capsys, path)
    assert _problems(result) == [(2, column, field, code)]
    assert result.status == (0 if code == "contact.phone.not_mobile" else 1)


def test_the_value_of_a_record_problem_is_the_cell_of_its_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [row(Email="claire@martin")], headers=HEADERS)
    result = run(capsys, "check", path, "--locale", "en")
    line = next(
        line for line in result.out.splitlines() if "│     2 │" in line or "│   2 │" in line
    )
    assert "Email" in line
    assert "claire@martin" in line
    assert "This e-mail address is not valid" in result.out


def test_a_postal_code_whose_leading_zero_the_spreadsheet_dropped_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(**{"Code postal": "6000", "Ville": "Nice"})]
    path = write_client_file(tmp_path, rows, headers=HEADERS)
    [problem] = check_json(capsys, path, "--locale", "en").json()["problems"]
    assert problem["message"] == (
        "A French postal code has 5 digits, such as 75008 or 97110. The spreadsheet has probably "
        "dropped its leading zeros: format the column as text and type the number again."
    )


def test_overseas_clients_phone_numbers_are_read_in_their_territory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guadeloupe = {"Code postal": "97110", "Ville": "Pointe-à-Pitre", "Standard": "0590 82 12 34"}
    rows = [
        row(**guadeloupe, **{"Téléphone direct": "0590 27 12 34", "Portable": "0690 12 34 56"}),
        row(**guadeloupe, **{"Téléphone direct": "+590 590 27 12 35", "Code client": "C002"}),
        row(**guadeloupe, **{"Téléphone direct": "0590 27 12", "Code client": "C003"}),
    ]
    for number, values in enumerate(rows[1:], start=1):
        values[1:3] = [COMPANIES[number][0], COMPANIES[number][2]]
        values[10] = f"contact{number}@garage.fr"
    path = write_client_file(tmp_path, rows, headers=HEADERS)
    result = check_json(capsys, path, "--locale", "en")
    assert _problems(result) == [
        (4, "Téléphone direct", "contacts[0].direct_phone", "contact.phone.invalid")
    ]
    assert "territory of the address (Guadeloupe)" in result.json()["problems"][0]["message"]


def test_a_country_is_an_iso_code_or_a_name_in_french_or_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    countries = ["BE", "be", "Belgique", "BELGIUM", "Allemagne", "Germany", "Suisse", "Royaume-Uni"]
    rows = [
        row(
            **{
                "Code client": f"C{number}",
                "Raison sociale": f"Client {number}",
                "SIRET": "",
                "Code postal": "1000",
                "Email": f"contact{number}@client.eu",
                "Téléphone direct": "+32 2 512 34 56",
                "Portable": "",
                "Standard": "",
                "Pays": country,
            }
        )
        for number, country in enumerate(countries)
    ]
    path = write_client_file(tmp_path, rows, headers=HEADERS, encoding="utf-8")
    result = check_json(capsys, path)
    assert (result.status, result.json()["problems"]) == (0, [])


def test_a_company_abroad_needs_no_siren_but_one_in_france_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    belgium = {"Code postal": "1000", "Téléphone direct": "+32 2 512 34 56", "Portable": ""}
    france = {"Code client": "C002", "Raison sociale": "Dubois SAS", "Email": "a@dubois.fr"}
    rows = [row(SIRET="", Pays="Belgique", Standard="", **belgium), row(SIRET="", **france)]
    path = write_client_file(tmp_path, rows, headers=HEADERS)
    assert _problems(check_json(capsys, path)) == [(3, "SIRET", "siren", "siren.required")]


def test_problems_of_a_row_come_in_the_order_of_its_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = row(Email="x@y", Civilité="Dr", SIRET="40483304800015", Portable="01 42 12 34 56")
    bad[4] = "750011"
    result = check_json(capsys, write_client_file(tmp_path, [bad], headers=HEADERS))
    assert [column for _row, column, _field, _code in _problems(result)] == [
        "SIRET",
        "Code postal",
        "Civilité",
        "Email",
        "Portable",
    ]


def test_a_company_row_without_any_contact_cell_lacks_its_primary_contact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contact = dict.fromkeys(HEADERS[7:], "")
    path = write_client_file(tmp_path, [row(**contact)], headers=HEADERS)
    result = check_json(capsys, path, "--locale", "en")
    [problem] = result.json()["problems"]
    assert (problem["column"], problem["field"], problem["code"]) == (
        None,
        "contacts",
        "contact.primary.required",
    )
    assert problem["message"] == "Add this company's primary contact."


def test_without_contact_columns_no_contact_is_required_unless_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "SIREN", "Ville"]
    rows = [["Boulangerie Martin SARL", SIREN, "Lyon"], ["Garage Dubois", "302123450", "Lyon"]]
    path = write_client_file(tmp_path, rows, headers=headers)
    assert check_json(capsys, path).json()["problems"] == []
    strict = check_json(capsys, path, "--strict")
    assert strict.status == 1
    assert strict.codes() == [
        (2, "address.postal_code.required"),
        (2, "contact.primary.required"),
        (3, "address.postal_code.required"),
        (3, "contact.primary.required"),
    ]


def test_only_the_contact_fields_the_file_has_columns_for_are_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "SIREN", "Email"]
    rows = [["Boulangerie Martin SARL", SIREN, ""], ["Garage Dubois", "302123450", "a@dubois.fr"]]
    result = check_json(capsys, write_client_file(tmp_path, rows, headers=headers))
    assert result.codes() == [(2, "contact.primary.required")]
    strict = check_json(capsys, write_client_file(tmp_path, rows, headers=headers), "--strict")
    assert strict.codes() == [
        (2, "contact.primary.required"),
        (3, "contact.first_name.required"),
        (3, "contact.last_name.required"),
        (3, "contact.direct_phone.required"),
    ]


def test_without_a_siren_or_siret_column_no_siren_is_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "N° TVA intracommunautaire", "Code postal", "Ville"]
    rows = [["Boulangerie Martin SARL", VAT, "69003", "Lyon"], ["Garage Dubois", "", "", ""]]
    path = write_client_file(tmp_path, rows, headers=headers)
    assert check_json(capsys, path).json()["problems"] == []
    assert (2, "siren.required") in check_json(capsys, path, "--strict").codes()


def test_a_billing_address_is_checked_when_its_columns_are_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = [
        "Raison sociale",
        "SIREN",
        "Code postal",
        "Ville",
        "Adresse de facturation",
        "CP facturation",
        "Ville de facturation",
    ]
    rows = [
        ["Boulangerie Martin SARL", SIREN, "69003", "Lyon", "", "", ""],
        ["Garage Dubois", "302123450", "69003", "Lyon", "BP 12", "6900", "Lyon"],
    ]
    result = check_json(capsys, write_client_file(tmp_path, rows, headers=headers))
    assert _problems(result) == [
        (3, "CP facturation", "billing_address.postal_code", "address.postal_code.format")
    ]


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("oui", []),
        ("Non", []),
        ("1", []),
        ("false", []),
        ("Inactif", []),
        ("archivé", []),
        ("", []),
        ("Prospect", []),
        ("peut-être", [(2, "Actif", "active", "client.active.unreadable")]),
    ],
)
def test_the_active_flag_is_read_in_the_words_offices_use(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    value: str,
    problems: list[tuple[int, str, str, str]],
) -> None:
    headers = ["Raison sociale", "SIREN", "Actif"]
    path = write_client_file(tmp_path, [["Boulangerie Martin SARL", SIREN, value]], headers=headers)
    result = check_json(capsys, path, "--locale", "en")
    assert _problems(result) == problems
    if problems:
        assert result.json()["problems"][0]["message"] == (
            '"peut-être" does not say whether the client is active: write Actif or Inactif (or '
            "oui or non)."
        )


def test_individuals_are_recognised_by_their_type_or_by_a_last_name_without_company_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Type", "Raison sociale", "SIRET", "Civilité", "Prénom", "Nom", "Email"]
    headers += ["Code postal", "Ville"]
    rows = [
        ["Particulier", "", "", "M.", "Paul", "Durand", "paul.durand@orange.fr", "69003", "Lyon"],
        ["", "", "", "Madame", "Zoé", "Roux", "zoe.roux@free.fr", "33000", "Bordeaux"],
        ["particulier", "", SIRET, "M", "Jean", "Petit", "", "75011", "Paris"],
        ["Particulier", "", "", "Mme", "Anne", "", "", "75011", "Paris"],
        ["Société", "Garage Dubois", "30212345000017", "", "", "", "", "69003", "Lyon"],
        ["Sociétés", "Fleurs Camille", "52345678800018", "", "", "", "", "33000", "Bordeaux"],
    ]
    path = write_client_file(tmp_path, rows, headers=headers)
    result = check_json(capsys, path, "--locale", "en")
    assert _problems(result) == [
        (4, "SIRET", "siret", "client.individual.company_field"),  # an individual has no SIRET
        (5, "Nom", "last_name", "client.last_name.required"),
        (6, None, "contacts", "contact.primary.required"),  # a company: the contact's names
        (7, "Type", "kind", "client.kind.unreadable"),  # then a company, by its name
        (7, None, "contacts", "contact.primary.required"),
    ]
    assert result.json()["problems"][-2]["message"] == (
        '"Sociétés" does not say whether the client is a company or an individual: write Société '
        "or Particulier."
    )


def test_a_yes_no_column_headed_particulier_says_which_rows_are_individuals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Nom", "SIREN", "Particulier"]
    rows = [["Durand Paul", "", "oui"], ["Garage Dubois", "302123450", "non"], ["Roux SA", "", "x"]]
    result = check_json(capsys, write_client_file(tmp_path, rows, headers=headers))
    assert (result.status, result.json()["problems"]) == (0, [])


def test_english_headers_of_a_whole_record_are_recognised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = [
        "Customer ID",
        "Company name",
        "VAT number",
        "Street",
        "Zip code",
        "City",
        "Country",
        "Salutation",
        "First name",
        "Last name",
        "E-mail address",
        "Phone",
        "Mobile",
        "Job title",
        "Active",
    ]
    rows = [
        ["42", "Martin Ltd", "BE0403019261", "Rue Neuve 12", "1000", "Brussels", "Belgium", "Ms",
         "Claire", "Martin", "claire@martin.be", "+32 2 512 34 56", "+32 470 12 34 56", "CEO",
         "yes"],
        ["43", "Dubois GmbH", "", "Hauptstraße 5", "77694", "Kehl", "Germany", "Mr", "Paul",
         "Dubois", "paul@dubois", "+49 7851 123456", "", "", "no"],
    ]  # fmt: skip
    path = write_client_file(tmp_path, rows, headers=headers, delimiter=",", encoding="utf-8")
    result = check_json(capsys, path, "--locale", "en")
    assert list(result.json()["columns"]) == [
        "id",
        "name",
        "vat",
        "address",
        "postal_code",
        "city",
        "country",
        "civility",
        "first_name",
        "last_name",
        "email",
        "direct_phone",
        "mobile_phone",
        "position",
        "active",
    ]
    assert _problems(result) == [(3, "E-mail address", "contacts[0].email", "contact.email.format")]


def test_a_file_of_people_without_identifier_columns_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Civilité;Prénom;Nom;Email\nM.;Paul;Durand;paul.durand@orange.fr\nMme;Zoé;;zoe@free\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path)
    # Without a last name, and in a file without company names, the row is a company's contact.
    assert result.codes() == [
        (1, "file.no_identifier_column"),
        (3, "contact.last_name.required"),
        (3, "contact.email.format"),
    ]


def test_a_column_can_be_named_with_column_for_any_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "SIREN", "Courriel pro."]
    path = write_client_file(tmp_path, [["Garage Dubois", "302123450", "x@y"]], headers=headers)
    result = check_json(capsys, path, "--column", "email=courriel pro")
    assert _problems(result) == [(2, "Courriel pro.", "contacts[0].email", "contact.email.format")]


def test_a_company_without_its_name_is_an_error_on_the_name_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Type", "Raison sociale", "SIREN"]
    path = write_client_file(tmp_path, [["Société", "", "302123450"]], headers=headers)
    assert _problems(check_json(capsys, path)) == [
        (2, "Raison sociale", "name", "client.name.required")
    ]


def test_without_a_client_code_a_row_gets_the_same_id_in_every_export_of_the_file(
    tmp_path: Path,
) -> None:
    from clientbook.files import read_clients

    headers = ["Type", "Raison sociale", "SIREN", "Prénom", "Nom", "Email", "Code postal"]
    rows = [
        ["Société", "Garage Dubois", "302123450", "Paul", "Dubois", "paul@dubois.fr", "69003"],
        ["Particulier", "", "", "Zoé", "Roux", "zoe.roux@free.fr", "33000"],
    ]
    before = write_client_file(tmp_path, rows, headers=headers, name="mars.csv")
    after = write_client_file(
        tmp_path,
        [[cell.upper() if cell == "Roux" else f" {cell} " for cell in rows[1]], rows[0]],
        headers=headers,
        name="avril.csv",
    )
    ids_before = [client.id for _row, client in read_clients(before)]
    ids_after = [client.id for _row, client in read_clients(after)]
    assert ids_after == ids_before[::-1]
    assert all(client_id.startswith("auto-") and len(client_id) == 21 for client_id in ids_before)
    assert ids_before[0] != ids_before[1]
