"""Small factories for the tests of ``clientbook check``: client files and runs of the command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from clientbook._cli.app import main
from clientbook._cli.escaping import printable

#: The header of a client file as Excel FR exports it.
FRENCH_HEADERS = [
    "Raison sociale",
    "SIREN",
    "SIRET",
    "N° TVA intracommunautaire",
    "Code APE",
    "Adresse",
    "Code postal",
    "Ville",
]

#: Valid numbers of one fictitious company (computed: Luhn, VAT key).
SIREN = "404833048"
SIRET = "40483304800014"
VAT = "FR83404833048"
#: Another company.
OTHER_SIREN = "123456782"
OTHER_SIRET = "12345678200010"
OTHER_VAT = "FR11123456782"
#: A company of Monaco: a French VAT number without SIREN.
MONACO_VAT = "FR34000123456"
#: Other fictitious companies, for files of several different clients: name, SIREN, SIRET, VAT.
COMPANIES = [
    ("Garage Dubois SAS", "302123450", "30212345000017", "FR34302123450"),
    ("Hôtel du Lac SARL", "412345670", "41234567000019", "FR96412345670"),
    ("Fleurs Camille", "523456788", "52345678800018", "FR31523456788"),
    ("Menuiserie Roux EURL", "634567895", "63456789500012", "FR30634567895"),
    ("Traiteur Lemoine SA", "745678904", "74567890400012", "FR26745678904"),
]


def client(
    name: str = "Boulangerie Martin SARL",
    siren: str = SIREN,
    siret: str = SIRET,
    vat: str = VAT,
    ape: str = "10.71C",
    address: str = "12 rue de la République",
    postcode: str = "69003",
    city: str = "Lyon",
) -> list[str]:
    """Return one row under :data:`FRENCH_HEADERS`, valid unless told otherwise."""
    return [name, siren, siret, vat, ape, address, postcode, city]


def other_client(number: int, **changes: str) -> list[str]:
    """Return a valid row of the *number*-th company of :data:`COMPANIES`, another client."""
    name, siren, siret, vat = COMPANIES[number]
    values = {"name": name, "siren": siren, "siret": siret, "vat": vat, "ape": "47.76Z"}
    values["address"] = f"{number + 1} place du Marché"
    return client(**{**values, **changes})


def write_client_file(
    directory: Path,
    rows: list[list[str]],
    *,
    headers: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "cp1252",
    name: str = "clients.csv",
) -> Path:
    """Write *rows* under *headers* (French by default) as a spreadsheet exports them."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(FRENCH_HEADERS if headers is None else headers)
    writer.writerows(rows)
    path = directory / name
    path.write_bytes(text.getvalue().encode(encoding))
    return path


@attrs.frozen(kw_only=True)
class Run:
    """What one run of the command printed, and its exit status."""

    status: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        """Return the JSON document printed on stdout."""
        document: dict[str, Any] = json.loads(self.out)
        return document

    def refusal(self) -> tuple[int, str]:
        """Return the status and what stdout holds when the command refused to do its work.

        Stdout is empty, or, with ``--format json``, the error document whose message is the
        one line on stderr: then its code is returned in place of stdout.
        """
        if not self.out:
            return self.status, ""
        error = self.json()["error"]
        assert self.json() == {"schema": 1, "error": error}
        assert set(error) == {"code", "message"}
        assert printable(error["message"]) in self.err  # the same line on stderr
        return self.status, error["code"]

    def codes(self) -> list[tuple[int, str]]:
        """Return ``(row, code)`` of every problem of the JSON document."""
        return [(problem["row"], problem["code"]) for problem in self.json()["problems"]]


def run(capsys: pytest.CaptureFixture[str], *arguments: str | Path) -> Run:
    """Run ``clientbook`` with *arguments*; return what it printed and its status."""
    status = main([str(argument) for argument in arguments])
    out, err = capsys.readouterr()
    return Run(status=status, out=out, err=err)


def check_json(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> Run:
    """Run ``clientbook check PATH --format json`` with *options*."""
    return run(capsys, "check", path, "--format", "json", *options)
