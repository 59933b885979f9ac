"""Postal addresses: the value, and the delivery addresses a client keeps.

Both refuse a value of the wrong type with a :class:`TypeError` naming the field (see
:class:`~clientbook.Client`).
"""

from __future__ import annotations

import attrs

from clientbook._records.checks import FieldTypes

__all__ = ["Address", "DeliveryAddress"]


@attrs.frozen(kw_only=True)
class Address:
    """A postal address, as entered on the client page.

    Source: ``lab-event_remplir-page-client`` (Adresse, Adresse 2, Code postal, Ville, Pays:
    « Par défaut, le pays est la France »).

    Attributes:
        line1: street line (« Adresse »).
        line2: complement (« Adresse 2 »): building, floor, lieu-dit, BP.
        postal_code: as typed; France's is 5 digits (checked by :func:`validate_client`).
        city: town, possibly with ``CEDEX`` and its number.
        country: ISO 3166-1 alpha-2 code, ``"FR"`` by default.

    >>> Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon").country
    'FR'
    """

    line1: str = ""
    line2: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "FR"

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.line1) is str
            and type(self.line2) is str
            and type(self.postal_code) is str
            and type(self.city) is str
            and type(self.country) is str
        ):
            _ADDRESS.refuse(self)

    def is_filled(self) -> bool:
        """Return whether the address can be found on a map: a street or a postal code, and a city.

        Source: ``lokisi_clients`` (« possible uniquement si vous avez renseigné l'adresse
        postale du client »).
        """
        return bool(self.city.strip() and (self.line1.strip() or self.postal_code.strip()))


@attrs.frozen(kw_only=True)
class DeliveryAddress:
    """One of a client's delivery addresses (« adresses de livraison »).

    Source: ``jb-manager_creer-contact`` (« plusieurs adresses de livraison », « sélectionnables
    dans les documents des ventes »).

    Attributes:
        address: where the goods go.
        label: a name for people choosing it (« Entrepôt de Vénissieux »).
        default: flagged as the default delivery address.
        archived: no longer offered in sales documents, never a default; kept for history.
    """

    address: Address
    label: str = ""
    default: bool = False
    archived: bool = False

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.address) is Address
            and type(self.label) is str
            and type(self.default) is bool
            and type(self.archived) is bool
        ):
            _DELIVERY_ADDRESS.refuse(self)


_TEXT = (str,)
_ADDRESS = FieldTypes(
    "Address", line1=_TEXT, line2=_TEXT, postal_code=_TEXT, city=_TEXT, country=_TEXT
)
_DELIVERY_ADDRESS = FieldTypes(
    "DeliveryAddress", address=(Address,), label=_TEXT, default=(bool,), archived=(bool,)
)
