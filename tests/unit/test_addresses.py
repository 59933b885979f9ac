"""Billing, delivery and map addresses (lab-event, jb-manager, lokisi)."""

from __future__ import annotations

import pickle
from typing import Any
from urllib.parse import parse_qs, urlsplit

import attrs
import pytest
from tests.factories import company

from clientbook import (
    Address,
    Civility,
    Client,
    ClientKind,
    Contact,
    DeliveryAddress,
    Policy,
    validate_client,
)
from clientbook._rules.addresses import (
    InvoiceRecipient,
    UnknownDeliveryAddress,
    billing_address,
    default_delivery_address,
    delivery_addresses,
    invoice_recipient,
    maps_url,
)

SIEGE = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
COMPTA = Address(
    line1="BP 45", line2="3 allée des Comptables", postal_code="69100", city="Villeurbanne"
)
VENISSIEUX = Address(line1="Zone industrielle Nord", postal_code="69200", city="Vénissieux")
SAINT_PRIEST = Address(line1="8 chemin de la Forêt", postal_code="69800", city="Saint-Priest")


def dubois(
    *,
    address: Address | None = SIEGE,
    deliveries: tuple[DeliveryAddress, ...] = (),
    **changes: Any,
) -> Client:
    """Établissements Dubois & Fils, at its head office in Lyon, with these delivery addresses."""
    return company(
        "dubois",
        "Établissements Dubois & Fils",
        address=address,
        delivery_addresses=deliveries,
        **changes,
    )


def test_the_main_address_is_the_billing_address_by_default() -> None:
    assert billing_address(dubois()) == SIEGE


def test_a_separate_billing_address_replaces_the_main_one() -> None:
    assert billing_address(dubois(billing_address=COMPTA)) == COMPTA


def test_a_client_without_any_address_has_no_billing_address() -> None:
    assert billing_address(dubois(address=None)) is None


def test_the_billing_address_is_the_first_delivery_address() -> None:
    client = dubois(deliveries=(DeliveryAddress(address=VENISSIEUX, label="Entrepôt"),))
    assert delivery_addresses(client) == [SIEGE, VENISSIEUX]


def test_the_separate_billing_address_is_offered_for_delivery_not_the_main_one() -> None:
    assert delivery_addresses(dubois(billing_address=COMPTA)) == [COMPTA]


def test_an_address_equal_to_the_billing_address_is_offered_once() -> None:
    same_place = Address(line1="12  RUE DES LILAS", postal_code="69003", city="LYON")
    client = dubois(
        deliveries=(DeliveryAddress(address=same_place), DeliveryAddress(address=VENISSIEUX))
    )
    assert delivery_addresses(client) == [SIEGE, VENISSIEUX]


def test_archived_delivery_addresses_are_not_offered() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=VENISSIEUX, archived=True),
            DeliveryAddress(address=SAINT_PRIEST),
        )
    )
    assert delivery_addresses(client) == [SIEGE, SAINT_PRIEST]


def test_archiving_the_billing_address_as_delivery_address_withdraws_it() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=SIEGE, archived=True),
            DeliveryAddress(address=VENISSIEUX),
        )
    )
    assert delivery_addresses(client) == [VENISSIEUX]


def test_the_billing_address_is_the_default_delivery_address() -> None:
    client = dubois(deliveries=(DeliveryAddress(address=VENISSIEUX),))
    assert default_delivery_address(client) == SIEGE


def test_the_address_chosen_in_the_sales_document_wins() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=VENISSIEUX),
            DeliveryAddress(address=SAINT_PRIEST, default=True),
        )
    )
    assert default_delivery_address(client, chosen=VENISSIEUX) == VENISSIEUX


def test_the_chosen_address_is_recognised_whatever_its_case() -> None:
    client = dubois(deliveries=(DeliveryAddress(address=VENISSIEUX),))
    typed = attrs.evolve(VENISSIEUX, city="VÉNISSIEUX")
    assert default_delivery_address(client, chosen=typed) == VENISSIEUX


def test_the_flagged_default_comes_before_the_billing_address() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=VENISSIEUX),
            DeliveryAddress(address=SAINT_PRIEST, default=True),
        )
    )
    assert default_delivery_address(client) == SAINT_PRIEST


def test_of_several_flagged_defaults_the_first_one_is_the_default() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=VENISSIEUX, default=True),
            DeliveryAddress(address=SAINT_PRIEST, default=True),
        )
    )
    assert default_delivery_address(client) == VENISSIEUX


def test_the_only_delivery_address_of_a_client_without_address_is_the_default() -> None:
    client = dubois(address=None, deliveries=(DeliveryAddress(address=VENISSIEUX),))
    assert default_delivery_address(client) == VENISSIEUX


def test_an_archived_address_is_never_a_default() -> None:
    client = dubois(
        address=None,
        deliveries=(
            DeliveryAddress(address=VENISSIEUX, default=True, archived=True),
            DeliveryAddress(address=SAINT_PRIEST),
        ),
    )
    assert default_delivery_address(client) == SAINT_PRIEST


def test_an_archived_billing_address_is_not_the_default() -> None:
    client = dubois(
        deliveries=(
            DeliveryAddress(address=SIEGE, archived=True),
            DeliveryAddress(address=VENISSIEUX),
            DeliveryAddress(address=SAINT_PRIEST),
        )
    )
    assert default_delivery_address(client) is None


def test_without_billing_address_nor_flag_among_several_there_is_no_arbitrary_default() -> None:
    client = dubois(
        address=None,
        deliveries=(DeliveryAddress(address=VENISSIEUX), DeliveryAddress(address=SAINT_PRIEST)),
    )
    assert default_delivery_address(client) is None


def test_a_client_without_any_address_has_no_default_delivery_address() -> None:
    assert default_delivery_address(dubois(address=None)) is None


def test_choosing_an_address_the_client_does_not_have_is_refused() -> None:
    client = dubois(deliveries=(DeliveryAddress(address=VENISSIEUX),))
    with pytest.raises(UnknownDeliveryAddress) as raised:
        default_delivery_address(client, chosen=SAINT_PRIEST)
    assert raised.value.address == SAINT_PRIEST
    assert raised.value.archived is False
    assert "8 chemin de la Forêt, 69800 Saint-Priest" in raised.value.message("en")
    assert "not one of this client's delivery addresses" in raised.value.message("en")


def test_choosing_an_archived_address_is_refused_and_says_so() -> None:
    client = dubois(deliveries=(DeliveryAddress(address=VENISSIEUX, archived=True),))
    with pytest.raises(UnknownDeliveryAddress) as raised:
        default_delivery_address(client, chosen=VENISSIEUX)
    assert raised.value.archived is True
    assert "is archived" in raised.value.message("en")


def test_an_unknown_delivery_address_error_survives_pickling() -> None:
    error = UnknownDeliveryAddress(VENISSIEUX, archived=True)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.address, copy.archived) == (UnknownDeliveryAddress, VENISSIEUX, True)
    assert copy.message("en") == error.message("en")


def test_a_company_is_invoiced_at_its_main_coordinates_never_at_a_contact() -> None:
    client = dubois(
        siret="123 456 782 00010",
        vat_number="fr 11 123 456 782",
        contacts=(
            Contact(civility=Civility.MRS, first_name="Claire", last_name="Moreau", primary=True),
        ),
    )
    assert invoice_recipient(client) == InvoiceRecipient(
        name="Établissements Dubois & Fils",
        address=SIEGE,
        vat_number="FR11123456782",
        siren="123456782",
    )


def test_a_company_invoice_goes_to_its_separate_billing_address() -> None:
    assert invoice_recipient(dubois(billing_address=COMPTA)).address == COMPTA


def test_the_siren_of_a_company_known_by_its_vat_number_only_is_on_the_invoice() -> None:
    assert invoice_recipient(dubois(vat_number="FR83404833048")).siren == "404833048"


def test_a_monaco_company_has_no_siren_on_its_invoice() -> None:
    recipient = invoice_recipient(dubois(vat_number="FR 12 000 123 456"))
    assert recipient.siren == ""


def test_without_a_siren_the_invoice_carries_the_sirets_siren_as_validation_reads_it() -> None:
    # The SIRET's SIREN is the company's (validate_client compares the VAT number with it and
    # reports vat.siren_mismatch): the invoice says the same, not the VAT number's.
    client = dubois(siren="", siret="404 833 048 00014", vat_number="FR11123456782")
    assert invoice_recipient(client).siren == "404833048"
    policy = Policy(required_contact_fields=set())
    assert [p.code for p in validate_client(client, policy=policy)] == ["vat.siren_mismatch"]


def test_without_a_valid_siren_or_siret_the_invoice_carries_the_vat_numbers_siren() -> None:
    assert invoice_recipient(dubois(siret="40483304800015", vat_number=" fr11123456782")).siren == (
        "123456782"
    )


def test_an_invalid_siren_is_passed_on_as_entered_for_validation_to_report() -> None:
    assert invoice_recipient(dubois(siren="123 456 789")).siren == "123 456 789"


def test_an_individual_is_invoiced_with_civility_and_name() -> None:
    client = Client(
        id="p1",
        kind=ClientKind.INDIVIDUAL,
        civility=Civility.MRS,
        first_name=" Hélène ",
        last_name="Lefèvre",
        address=SAINT_PRIEST,
    )
    assert invoice_recipient(client) == InvoiceRecipient(
        name="Mme Hélène Lefèvre", address=SAINT_PRIEST
    )


def test_the_map_link_searches_the_main_address_with_the_country_name() -> None:
    url = maps_url(dubois())
    assert url is not None
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(parts.query) == {
        "api": ["1"],
        "query": ["12 rue des Lilas, 69003 Lyon, France"],
    }


def test_the_country_name_follows_the_locale() -> None:
    client = dubois(
        address=Address(line1="Rue du Marché 3", postal_code="1204", city="Genève", country="CH")
    )
    url = maps_url(client, locale="en")
    assert url is not None
    assert parse_qs(urlsplit(url).query)["query"] == ["Rue du Marché 3, 1204 Genève, Switzerland"]


def test_every_part_of_the_map_link_is_url_encoded() -> None:
    client = dubois(
        address=Address(line1="5 place d'Armes & Co #2", postal_code="59000", city="Lille?")
    )
    url = maps_url(client)
    assert url is not None
    query = url.split("?", 1)[1]
    assert not set(" #'?") & set(query)
    assert query.count("&") == 1
    assert parse_qs(query)["query"] == ["5 place d'Armes & Co #2, 59000 Lille?, France"]


def test_cedex_is_left_out_of_the_map_search() -> None:
    client = dubois(
        address=Address(line1="1 avenue de France", postal_code="75700", city="PARIS CEDEX 07")
    )
    url = maps_url(client)
    assert url is not None
    assert parse_qs(urlsplit(url).query)["query"] == ["1 avenue de France, 75700 PARIS, France"]


def test_a_client_is_not_located_when_its_postal_address_is_not_filled() -> None:
    assert maps_url(dubois(address=None)) is None
    assert maps_url(dubois(address=Address(line1="12 rue des Lilas", postal_code="69003"))) is None


def test_the_map_link_needs_the_main_address_not_the_billing_one() -> None:
    assert maps_url(dubois(address=None, billing_address=COMPTA)) is None
