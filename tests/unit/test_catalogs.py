"""The message catalogs: complete, compiled, and in step with the code."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).parents[2] / "src" / "clientbook"
LOCALE = resources.files("clientbook") / "locale" / "fr" / "LC_MESSAGES"


def _french_catalog() -> Catalog:
    with (LOCALE / "clientbook.po").open("rb") as po:
        return read_po(po, locale="fr")


def _searched(directory: str) -> bool:
    """Every package is searched, the private ones (``_rules``...) too; Babel skips ``_*``."""
    return Path(directory).name != "__pycache__"


def _marked() -> set[str | tuple[str, ...]]:
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            SOURCE, keywords={"N_": None}, comment_tags=(), directory_filter=_searched
        )
    }


def test_every_message_marked_in_the_code_has_a_french_translation() -> None:
    marked = _marked()
    assert "{label} is required." in marked  # a message of a private package
    catalog = _french_catalog()
    missing = sorted(m for m in marked if not (m in catalog and catalog[m].string))
    assert not missing, f"run the pybabel commands of docs/contributing.md: {missing}"


def test_every_message_of_the_french_catalog_is_marked_in_the_code() -> None:
    marked = _marked()
    stale = sorted(str(m.id) for m in _french_catalog() if m.id and m.id not in marked)
    assert not stale, f"run the pybabel commands of docs/contributing.md: {stale}"


def test_the_french_catalog_has_no_fuzzy_or_obsolete_entries() -> None:
    catalog = _french_catalog()
    assert not [m.id for m in catalog if m.id and m.fuzzy]
    assert not catalog.obsolete


def test_the_compiled_catalog_matches_the_po_file() -> None:
    catalog = _french_catalog()
    with (LOCALE / "clientbook.mo").open("rb") as mo:
        shipped = read_mo(mo)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    expected = read_mo(compiled)
    assert {m.id: m.string for m in shipped if m.id} == {m.id: m.string for m in expected if m.id}


def test_placeholders_are_the_same_in_both_languages() -> None:
    import string

    for message in _french_catalog():
        if not message.id:
            continue
        names = {f[1] for f in string.Formatter().parse(str(message.id)) if f[1]}
        translated = {f[1] for f in string.Formatter().parse(str(message.string)) if f[1]}
        assert names == translated, message.id
