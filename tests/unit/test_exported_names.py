"""The public names: a change to them is a decision, not an accident."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

PUBLIC = {
    "clientbook": [
        "Address",
        "Civility",
        "Client",
        "ClientExists",
        "ClientInvalid",
        "ClientKind",
        "ClientNotFound",
        "ClientbookError",
        "Contact",
        "DeliveryAddress",
        "DuplicateGroup",
        "DuplicateReason",
        "DuplicateRule",
        "InvoiceRecipient",
        "ParentCycle",
        "Policy",
        "Problem",
        "Role",
        "SearchTooLong",
        "Severity",
        "StaleClient",
        "UnknownContact",
        "UnknownDeliveryAddress",
        "__version__",
        "add_contact",
        "billing_address",
        "check_parent",
        "client_search_keys",
        "default_delivery_address",
        "delivery_addresses",
        "duplicate_keys",
        "find_duplicates",
        "invoice_recipient",
        "maps_url",
        "matches_prefix",
        "normalize_client",
        "normalize_phone",
        "postal_lines",
        "primary_contact",
        "search_key",
        "search_words",
        "set_primary_contact",
        "suggest_accounting_account",
        "territory",
        "top_parent",
        "validate_client",
    ],
    "clientbook.identifiers": [
        "IdentifierModule",
        "InvalidChecksum",
        "InvalidComponent",
        "InvalidFormat",
        "InvalidIdentifier",
        "InvalidLength",
        "naf",
        "siren",
        "siret",
        "vat",
    ],
    "clientbook.repositories": ["ClientRepository", "UnitOfWork"],
    "clientbook.memory": ["MemoryClientRepository", "MemoryStore", "MemoryUnitOfWork"],
    "clientbook.services": [
        "ImportReport",
        "SameClient",
        "SavedClient",
        "SkippedClient",
        "archive_client",
        "create_client",
        "import_clients",
        "list_clients",
        "reactivate_client",
        "search_clients",
        "update_client",
    ],
    "clientbook.testing.contract": [
        "ClientRepositoryContract",
        "UnitOfWorkContract",
        "UnitOfWorkFactory",
    ],
    "clientbook.files": [
        "ClientFileError",
        "FileProblem",
        "FileReport",
        "Layout",
        "MalformedFile",
        "check_file",
        "read_clients",
        "write_clients",
    ],
    "clientbook.serialization": ["InvalidData", "configure_converter", "make_converter"],
    "clientbook.identifiers.siren": ["compact", "format", "is_valid", "validate"],
    "clientbook.identifiers.siret": ["compact", "format", "is_valid", "nic", "siren", "validate"],
    "clientbook.identifiers.vat": [
        "compact",
        "format",
        "from_siren",
        "is_valid",
        "siren",
        "validate",
    ],
    "clientbook.identifiers.naf": [
        "Nomenclature",
        "Successor",
        "compact",
        "format",
        "is_valid",
        "label",
        "nomenclature",
        "to_2025",
        "validate",
    ],
}


@pytest.mark.parametrize("module_name", sorted(PUBLIC))
def test_the_public_names_are_exactly_the_documented_ones(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__ == PUBLIC[module_name]


@pytest.mark.parametrize("module_name", sorted(PUBLIC))
def test_all_is_sorted_and_every_name_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert list(module.__all__) == sorted(module.__all__)
    for name in module.__all__:
        assert hasattr(module, name), name


@pytest.mark.parametrize(
    "module_name", ["clientbook", "clientbook.identifiers", "clientbook.serialization"]
)
def test_public_classes_name_their_public_module(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        value = getattr(module, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert value.__module__ == module_name, name


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"{statement}; import json, sys; print(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(completed.stdout))


def test_importing_clientbook_loads_the_records_and_leaves_the_rules_for_their_first_use() -> None:
    loaded = _modules_loaded_by("import clientbook")
    assert "clientbook._records.client" in loaded
    assert not {
        name for name in loaded if name.startswith(("clientbook._rules", "clientbook._services"))
    }
    assert not loaded & {"urllib.parse", "gettext", "importlib.resources", "phonenumbers"}
    later = _modules_loaded_by("import clientbook; clientbook.validate_client")
    assert "clientbook._rules.validation" in later


def test_every_name_clientbook_loads_on_first_use_is_public_and_found_where_it_says() -> None:
    import clientbook

    lazy: dict[str, str] = clientbook._LAZY
    assert lazy.keys() <= set(clientbook.__all__)
    for name, home in lazy.items():
        assert getattr(importlib.import_module(home), name) is getattr(clientbook, name), name
    assert "validate_client" in dir(clientbook)
    with pytest.raises(AttributeError, match="no attribute 'validate'"):
        clientbook.validate  # type: ignore[attr-defined]  # noqa: B018
