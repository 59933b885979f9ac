"""Client records that probably describe the same client: a warning, never a refusal.

Two records are probably the same client when they share a SIREN, a VAT number, a contact's
e-mail address, or the same name at the same postal code. Numbers are compared normalised:
without spaces or dots, in capitals, with or without their country prefix. Archived records
take part: a new record that duplicates an archived one is worth a look (reactivate it rather
than create it again).

The records are put in buckets by each value, in one pass; a union-find then joins the records
of every bucket, so the time grows with the number of records, not with its square.

Source: ``lab-event_remplir-page-client`` (« Actif ou Inactif [...] Cela ne supprimera pas la
société »); the lesson of the systems users compare us with: duplicate detection is a warning,
compares normalised numbers (with and without the country prefix, without separators) and
includes archived records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Literal

import attrs

from clientbook._rules import sirens
from clientbook._rules.search import search_key
from clientbook.identifiers import vat as _vat
from clientbook.identifiers._text import SPACES, delete_chars

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from clientbook._records.client import Client

__all__ = [
    "DuplicateGroup",
    "DuplicateReason",
    "DuplicateRule",
    "KeyGroup",
    "duplicate_keys",
    "find_duplicates",
    "group_keys",
    "vat_key",
    "vat_number",
]

#: The rules by which two records are found to be the same client: the same SIREN (given, or
#: read from the SIRET or French VAT number), the same VAT number, the same contact e-mail
#: address, the same name (as :func:`search_key` reduces it) at the same postal code.
DuplicateRule = Literal["siren", "vat", "email", "name_postal_code"]
_RULES: tuple[DuplicateRule, ...] = ("siren", "vat", "email", "name_postal_code")


@attrs.frozen(kw_only=True)
class DuplicateReason:
    """Why records were grouped: a rule, the value they share, and which records share it.

    Attributes:
        rule: the rule that matched.
        value: the shared value, normalised: ``"123456782"``, ``"FR11123456782"``,
            ``"compta@dubois.fr"``, ``"etablissements dubois 69003"``.
        client_ids: the ids of the records that share it, in the order they were given.
    """

    rule: DuplicateRule
    value: str
    client_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class DuplicateGroup:
    """Records that probably describe the same client.

    Attributes:
        client_ids: the records' ids, in the order they were given.
        reasons: every value shared within the group; together they link all its records.
    """

    client_ids: tuple[str, ...]
    reasons: tuple[DuplicateReason, ...]


_NUMBER_SEPARATORS = delete_chars(SPACES + ".-/")
_VAT_PREFIXES = _vat.EU_PREFIXES | _vat.NON_EU_PREFIXES
_DIGIT = re.compile(r"\d")


def vat_number(number: str) -> str:
    """Return the VAT number in capitals, without spaces, dots, dashes or slashes."""
    compact = _vat.compact(number)
    # Letters and digits only, as most numbers are: nothing to remove (translate is slow).
    return compact if compact.isalnum() else compact.translate(_NUMBER_SEPARATORS)


def vat_key(number: str) -> str | None:
    """Return the VAT number without its country prefix; ``None`` when it is no number.

    ``FR11123456782``, ``fr 11 123 456 782`` and ``11123456782`` all give ``11123456782``.
    Text with no digit, or only zeros, is no number.
    """
    compact = vat_number(number)
    body = compact[2:] if compact[:2] in _VAT_PREFIXES else compact
    if not body.strip("0"):
        return None
    if body.isascii() and body.isdigit():  # digits only, as most are: no search for one
        return body
    return None if _DIGIT.search(body) is None else body


def _emails(client: Client) -> Iterator[str]:
    for contact in client.contacts:
        email = contact.email.strip().casefold()
        if "@" in email.strip("@"):
            yield email


def _name_postal_code(client: Client) -> str | None:
    name = search_key(client.display_name)
    address = client.address
    if not name or address is None:
        return None
    postal_code = "".join(address.postal_code.split()).upper()
    return f"{name} {postal_code}" if postal_code else None


def duplicate_keys(client: Client) -> list[tuple[DuplicateRule, str]]:
    """Return ``(rule, normalised value)`` for every value of *client* that is compared."""
    carried = sirens.carried(siren=client.siren, siret=client.siret, vat_number=client.vat_number)
    keys: list[tuple[DuplicateRule, str]] = [("siren", number) for number in carried]
    vat = vat_key(client.vat_number)
    if vat is not None:
        keys.append(("vat", vat))
    keys += [("email", email) for email in _emails(client)]
    name = _name_postal_code(client)
    if name is not None:
        keys.append(("name_postal_code", name))
    return keys


def _reason_order(item: tuple[int, int, str, DuplicateRule, list[int]]) -> tuple[int, int, str]:
    """Reasons by rule, then by their first record's position, then by value."""
    return item[0], item[1], item[2]


def _find(roots: list[int], position: int) -> int:
    while roots[position] != position:
        roots[position] = roots[roots[position]]  # path halving
        position = roots[position]
    return position


def find_duplicates(clients: Iterable[Client]) -> list[DuplicateGroup]:
    """Return the groups of records that probably describe the same client.

    Records are linked when they share a SIREN (given, or read from a valid SIRET or French VAT
    number), a VAT number (compared without spaces, dots or case, with or without its country
    prefix), a contact's e-mail address (case ignored), or the same name (as
    :func:`search_key` reduces it) at the same postal code. Links are followed: if A and B share
    a SIREN and B and C an e-mail address, A, B and C form one group with both reasons.
    Archived records take part. Nothing is refused: the host shows the groups as warnings.

    Source: the lesson of the systems users compare us with: « duplicate detection is a
    warning, compares normalised numbers (with and without the country prefix, without
    separators) and includes archived records ».

    Args:
        clients: the records, in any number (100,000 take a few seconds).

    Returns:
        The groups of two records or more, ordered by their first record's position; records
        within a group and the ids within a reason in the order given, reasons by rule (SIREN,
        VAT, e-mail, name and postal code) then by their first record's position.
    """
    records = list(clients)
    return [
        DuplicateGroup(
            client_ids=tuple(records[p].id for p in members),
            reasons=tuple(
                DuplicateReason(
                    rule=rule, value=value, client_ids=tuple(records[p].id for p in sharing)
                )
                for rule, value, sharing in reasons
            ),
        )
        for members, reasons in group_keys(
            [duplicate_keys(client) for client in records],
            vat_number_of=lambda position: records[position].vat_number,
        )
    ]


#: The records of a group, by position, and its reasons: ``(rule, value shown, positions)``.
KeyGroup = tuple[list[int], list[tuple[DuplicateRule, str, list[int]]]]


def group_keys(
    keyed: Sequence[Iterable[tuple[DuplicateRule, str]] | None],
    *,
    vat_number_of: Callable[[int], str],
) -> list[KeyGroup]:
    """Group the records that share a key: :func:`find_duplicates` on the records' keys.

    A reason shows its key, but a shared VAT number is shown with its country prefix: the
    longest of the sharing records' numbers, normalised.

    Args:
        keyed: each record's keys, as :func:`duplicate_keys` gives them (``None``: none).
        vat_number_of: the VAT number, as typed, of the record at a position.

    Returns:
        Each group's positions, in order, and its reasons in the order of
        :func:`find_duplicates`, their positions in order.
    """
    buckets: dict[tuple[DuplicateRule, str], list[int]] = {}
    for position, keys in enumerate(keyed):
        if keys is None:
            continue
        for bucket in keys:
            members = buckets.get(bucket)
            if members is None:
                buckets[bucket] = [position]
            elif members[-1] != position:  # e.g. two contacts of one record, the same e-mail
                members.append(position)
    shared = {bucket: members for bucket, members in buckets.items() if len(members) > 1}
    roots = list(range(len(keyed)))  # union-find; a group's root is its first record
    for members in shared.values():
        first = _find(roots, members[0])
        for other in members[1:]:
            root = _find(roots, other)
            if root != first:
                first, later = sorted((first, root))
                roots[later] = first
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for position in sorted({p for members in shared.values() for p in members}):
        groups[_find(roots, position)].append(position)
    reasons: defaultdict[int, list[tuple[int, int, str, DuplicateRule, list[int]]]]
    reasons = defaultdict(list)
    for (rule, key), members in shared.items():
        value = key
        if rule == "vat":
            value = max((vat_number(vat_number_of(p)) for p in members), key=len)
        reasons[_find(roots, members[0])].append(
            (_RULES.index(rule), members[0], value, rule, members)
        )
    return [
        (
            members,
            [
                (rule, value, sharing)
                for _rank, _first, value, rule, sharing in sorted(reasons[root], key=_reason_order)
            ],
        )
        for root, members in sorted(groups.items())
    ]
