"""Any text in any cell of a well-formed client file: problems, never an exception."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook._cli.app import main

#: Headers of every column a client file can have, one synonym each.
HEADERS = [
    "Code client",
    "Type",
    "Raison sociale",
    "Site web",
    "Type de société",
    "Langue",
    "Source",
    "Adresse",
    "Complément",
    "Code postal",
    "Ville",
    "Pays",
    "Adresse de facturation",
    "Adresse de facturation 2",
    "CP facturation",
    "Ville de facturation",
    "Pays de facturation",
    "Société mère",
    "SIREN",
    "SIRET",
    "N° TVA intracommunautaire",
    "Code APE",
    "Compte comptable",
    "Actif",
    "Commercial",
    "Civilité",
    "Prénom",
    "Nom",
    "Email",
    "Poste",
    "Téléphone direct",
    "Portable",
    "Standard",
    "Source du contact",
]
# Values that look like what the columns hold, and any text at all.
LIKELY = [
    "",
    " ",
    "Particulier",
    "Société",
    "oui",
    "non",
    "M.",
    "Mme",
    "France",
    "MC",
    "97110",
    "98000",
    "2A004",
    "404833048",
    "40483304800014",
    "FR83404833048",
    "FR34000123456",
    "62.01Z",
    "0590 27 12 34",
    "+33 6 12 34 56 78",
    "claire@martin.fr",
    "a@b",
    "Ｍ.",
    "٠٦١٢٣٤٥٦٧٨",
]
CELLS = st.one_of(
    st.sampled_from(LIKELY),
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40),
)


@st.composite
def client_files(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """Return a CSV file of some of the columns above, every cell any text; and its headers."""
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=12, unique=True))
    if "SIREN" not in headers:  # one identifier column: the file is a client file
        headers.append("SIREN")
    rows = draw(st.lists(st.lists(CELLS, min_size=len(headers), max_size=len(headers)), max_size=6))
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerows([headers, *rows])
    return text.getvalue().encode("utf-8"), headers


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(file=client_files(), strict=st.booleans(), locale=st.sampled_from(["fr", "en"]))
def test_any_text_in_any_cell_never_raises_and_exits_with_0_or_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: tuple[bytes, list[str]],
    strict: bool,
    locale: str,
) -> None:
    content, _headers = file
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    arguments = ["check", str(path), "--format", "json", "--locale", locale]
    status = main(arguments + (["--strict"] if strict else []))
    out, err = capsys.readouterr()
    assert err == ""
    document = json.loads(out)
    assert status == (1 if document["summary"]["errors"] else 0)
    rows = [problem["row"] for problem in document["problems"]]
    assert rows == sorted(rows)
    for problem in document["problems"]:
        assert problem["severity"] in ("error", "warning")
        assert problem["message"]
        assert problem["column"] is None or problem["column"] in document["columns"].values()
