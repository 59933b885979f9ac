"""What the contract kit's tests share: the factory, French clients, and the rules they check."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import ClassVar, ParamSpec, TypeVar

import pytest

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._rules.search import matches_prefix, search_key
from clientbook.repositories import UnitOfWork

__all__ = [
    "CREATED",
    "LYON",
    "OTHER_TENANT",
    "RULES",
    "TENANT",
    "TYPED",
    "VENISSIEUX",
    "Contract",
    "UnitOfWorkFactory",
    "checks",
    "claire",
    "company",
    "dubois",
    "expected",
    "ids",
    "realistic_clients",
]

#: What the ``clientbook_uow_factory`` fixture returns: a tenant id in, a unit of work out.
UnitOfWorkFactory = Callable[[str], UnitOfWork]

TENANT = "cabinet-lefort"
OTHER_TENANT = "atelier-girard"
CREATED = datetime.datetime(
    2026, 3, 14, 9, 30, 15, 250_000, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)

#: The rules of :mod:`clientbook.repositories` the kit checks, by name: a failing test says
#: which one the adapter broke.
RULES = {
    "aggregate": "a client is stored with its contacts and addresses as one aggregate, "
    "and read back equal to what was added",
    "ids": "add refuses an id that is taken, stored or added in the unit (ClientExists)",
    "not found": "get and update of an id the tenant has no client for raise ClientNotFound",
    "versions": "add stores version 1; update stores version + 1 and refuses a copy whose "
    "version is not the stored one (StaleClient), writing nothing",
    "isolation": "nothing is visible to other units of work before commit; leaving the with "
    "block without committing, or with an exception, or calling rollback, forgets the changes",
    "own reads": "a unit of work reads its own pending changes",
    "tenants": "a unit of work is bound to one tenant: nothing of another tenant can be read, "
    "listed, searched or updated through it, even with a guessed id",
    "joining": "entering an open unit of work joins its transaction: only the outermost block "
    "commits, and a joined block left with an exception after it wrote rolls the whole unit "
    "back, which then refuses work until rollback or the end of the outermost block",
    "search": "search follows clientbook.matches_prefix exactly, ordered by name then id, "
    "archived clients left out unless asked for",
    "pages": "get_many returns exactly the stored clients asked for; list pages through them by id",
    "numbers": "by_sirets and by_vats find the clients of each number by its compact form, "
    "archived ones included",
    "duplicate keys": "by_duplicate_keys finds the clients that have any of the keys "
    "duplicate_keys gives them, archived ones included, ordered by id",
    "model": "over any sequence of adds, updates, commits, rollbacks, failed joined blocks and "
    "new units, the repository reads as plain dicts of the committed and pending clients do",
}

_P = ParamSpec("_P")
_R = TypeVar("_R")


def checks(rule: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Mark a test as checking one of :data:`RULES`: its failure then names the rule."""
    text = f"clientbook.repositories rule broken ({rule}): {RULES[rule]}."

    def mark(test: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(test)
        def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return test(*args, **kwargs)
            except Exception as error:
                error.add_note(text)
                raise

        return checked

    return mark


LYON = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
VENISSIEUX = Address(
    line1="ZI de la Rize", line2="Bâtiment C", postal_code="69200", city="Vénissieux"
)


def dubois() -> Client:
    """A company with every field filled: contacts, addresses, identifiers, timestamps."""
    return Client(
        id="cl-0001",
        kind=ClientKind.COMPANY,
        roles=frozenset({Role.CLIENT, Role.SUPPLIER}),
        name="Établissements Dubois & Fils",
        website="https://www.dubois-fils.fr",
        company_type="SARL",
        language="Français",
        source="Salon Equip'Hôtel",
        address=LYON,
        billing_address=Address(
            line1="BP 4021", postal_code="69401", city="Lyon Cedex 03", country="FR"
        ),
        delivery_addresses=(
            DeliveryAddress(address=LYON, label="Siège", default=True),
            DeliveryAddress(address=VENISSIEUX, label="Entrepôt de Vénissieux"),
            DeliveryAddress(
                address=Address(line1="3 quai Perrache", postal_code="69002", city="Lyon"),
                label="Ancien dépôt",
                archived=True,
            ),
        ),
        parent_id="cl-0009",
        vat_number="FR11123456782",
        siret="12345678200010",
        siren="123456782",
        ape_code="46.73A",
        accounting_account="411DUBOIS",
        active=True,
        contacts=(
            Contact(
                civility=Civility.MRS,
                first_name="Hélène",
                last_name="Lefèvre-Nguyen",
                email="helene.lefevre@dubois-fils.fr",
                position="Directrice administrative",
                direct_phone="+33478000001",
                mobile_phone="+33612345678",
                switchboard_phone="+33478000000",
                source="Salon Equip'Hôtel",
                primary=True,
            ),
            Contact(
                civility=Civility.MR,
                first_name="Jérôme",
                last_name="Dubois",
                email="jerome@dubois-fils.fr",
                position="Commercial",
            ),
        ),
        owner="u-amelie",
        created_at=CREATED,
    )


def claire() -> Client:
    """An individual: civility, first and last name, no company identifiers."""
    return Client(
        id="cl-0002",
        kind=ClientKind.INDIVIDUAL,
        roles=frozenset({Role.PROSPECT}),
        civility=Civility.MRS,
        first_name="Claire",
        last_name="Dubois",
        language="Français",
        address=Address(line1="5 allée des Cèdres", postal_code="97400", city="Saint-Denis"),
        owner="u-amelie",
        created_at=datetime.datetime(2025, 12, 1, 17, 5, tzinfo=datetime.UTC),
    )


def company(
    client_id: str,
    name: str,
    *,
    siret: str = "",
    vat_number: str = "",
    contacts: tuple[tuple[str, str], ...] = (),
    active: bool = True,
) -> Client:
    """A company with the fields a search or a lookup reads, as people type them."""
    return Client(
        id=client_id,
        kind=ClientKind.COMPANY,
        name=name,
        siret=siret,
        vat_number=vat_number,
        contacts=tuple(
            Contact(first_name=first, last_name=last, primary=index == 0)
            for index, (first, last) in enumerate(contacts)
        ),
        active=active,
    )


def realistic_clients() -> list[Client]:
    """Realistic French clients for the search and listing tests, entered as people type."""
    return [
        dubois(),
        claire(),
        company(
            "cl-0003",
            "Boulangerie Martin",
            siret="404 833 048 00014",
            vat_number="FR 83 404 833 048",
            contacts=(("Lucie", "Martin"),),
        ),
        company("cl-0004", "Ets Moreau", siret="11122233700011", contacts=(("Paul", "Moreau"),)),
        company(
            "cl-0005",
            "Société Générale de Plomberie",
            siret="98765432400019",
            vat_number="FR14987654324",
            active=False,
        ),
        company("cl-0006", "Boulangerie Dupont", siret="246 813 570 00016"),
        company(
            "cl-0007",
            "Dupont Lyon Transports",
            siret="13579246300014",
            contacts=(("Lydie", "Roux"),),
        ),
        company("cl-0008", "Garage du Lys", siret="31415926000012"),
        company("cl-0009", "Dubois Holding", siret="12345678200028", vat_number="FR11 123456782"),
        company("cl-0010", "Cœur de Boulogne", siret="27182818800018", active=False),
        company("cl-0011", "Boulangerie Martin", siret="11122233700029"),  # a homonym
        company("cl-0012", "Saint-Éloi Serrurerie", contacts=(("Éloïse", "Bœuf"),)),
    ]


#: What users type, each with the search it exercises.
TYPED = [
    "dub",  # a name's first letters: two companies and an individual
    "DUBOIS",  # case
    "ÉTAB",  # accents typed
    "etablissements",  # the full word
    "ets",  # « Ets » finds « Établissements » and « Ets Moreau »
    "Éts.",
    "boul",  # several companies, and a homonym ordered by id
    "boulangerie martin",  # two words
    "martin boul",  # in any order
    "dupont ly",  # a word of the name and one of a contact's or the name
    "hélè lef",  # a contact's first and last name
    "coeur",  # « Cœur » written as typed
    "st eloi",  # « St » stands for « Saint »
    "saint",
    "boeuf",
    "123 45",  # SIREN typed with spaces: the whole text without spaces
    "12345678200010",  # a SIRET
    "40483304800014",  # a SIRET entered with spaces, typed without
    "fr11",  # a VAT number's start
    "FR 83 404",
    "plomb",  # an archived company
    "zz",  # nothing
    "l'",  # punctuation and one letter
    "",  # empty: nothing
    " - ",
]


def expected(
    clients: list[Client], typed: str, *, include_archived: bool = False, limit: int = 20
) -> list[str]:
    """Return the ids a search must give: :func:`~clientbook.matches_prefix`, in order."""
    found = [c for c in clients if matches_prefix(c, typed, include_archived=include_archived)]
    found.sort(key=lambda client: (search_key(client.display_name), client.id))
    return [client.id for client in found[:limit]]


def ids(clients: list[Client]) -> list[str]:
    """Return the ids of *clients*, in their order."""
    return [client.id for client in clients]


class Contract:
    """The fixtures every part of the kit uses: the host's factory and stored clients.

    Each test opens units of work with the factory, on the tenant ``"cabinet-lefort"`` and,
    for the isolation tests, ``"atelier-girard"``.
    """

    tenant_id: ClassVar[str] = TENANT
    other_tenant_id: ClassVar[str] = OTHER_TENANT

    @pytest.fixture
    def uow_factory(self, clientbook_uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
        """Return the host's factory (named once here so the tests read shorter)."""
        return clientbook_uow_factory

    @pytest.fixture
    def stored(self, uow_factory: UnitOfWorkFactory) -> list[Client]:
        """Store the realistic clients in the tenant and return them as stored."""
        with uow_factory(self.tenant_id) as uow:
            clients = [uow.clients.add(client) for client in realistic_clients()]
            uow.commit()
        return clients
