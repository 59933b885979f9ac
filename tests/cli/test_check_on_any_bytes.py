"""Whatever bytes a client file holds, ``clientbook check`` answers: never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook._cli.app import main
from clientbook._cli.escaping import printable

HEADERS = ["Raison sociale", "SIREN", "SIRET", "N° TVA intracommunautaire", "Code APE", "Ville"]
CELL_CHARACTERS = '0123456789FRfr .,;\t"\r\nÉéèçE+-ZAB\x00\x81ő'
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]


@st.composite
def client_files(draw: st.DrawFn) -> bytes:
    """Return the bytes of a file that looks like a client file, more or less."""
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    headers = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    cells = st.text(alphabet=CELL_CHARACTERS, max_size=20)
    rows = draw(st.lists(st.lists(cells, max_size=8), max_size=8))
    text = "\r\n".join(delimiter.join(row) for row in [headers, *rows])
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=400), client_files()))
def test_any_bytes_never_make_the_command_raise_or_print_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    status = main(["check", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert status in {0, 1, 2}
    assert "Traceback" not in err
    if status == 2:  # a JSON error document on stdout, its message on stderr
        assert printable(json.loads(out)["error"]["message"]) in err
        assert err.count("\n") == 1
        assert err.startswith("clientbook : erreur : ")
    else:
        document = json.loads(out)
        assert status == (1 if document["summary"]["errors"] else 0)
        assert err == ""


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(content=client_files())
def test_any_client_file_gives_a_table_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    status = main(["check", str(path), "--locale", "en"])
    out, err = capsys.readouterr()
    assert status in {0, 1, 2}
    assert "Traceback" not in err
    if status != 2:
        assert out.splitlines()[-1].startswith("Rows read: ")
