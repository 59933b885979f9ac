"""Finding a client by what a user types in an autocomplete box.

Source: ``jarvis-legal_associer-activite-client`` (« tapez les premières lettres du client [...]
il vous sera proposé ») and ``lab-event_remplir-page-client`` (an inactive company no longer
appears « dans les menus déroulants ou dans les recherches »).

Matching works on *keys*: the words of the record's names and contacts' names, reduced by
:func:`search_key`, plus its SIREN, SIRET and VAT number without spaces. A search index (such as
a SQL adapter's) stores :func:`client_search_keys` and reads the range of keys that start with
each typed word;
:func:`matches_prefix` is defined on the same keys, so both always agree.

A search takes at most :data:`MAX_SEARCH_WORDS` words and :data:`MAX_SEARCH_LENGTH` characters
(:func:`search_words`, which every adapter and :func:`clientbook.services.search_clients` call):
an autocomplete box never sends more, and each word costs a range of an index.

>>> search_key("Établissements Dubois & Fils")
'etablissements dubois fils'
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from clientbook._records.client import Client

__all__ = [
    "MAX_SEARCH_LENGTH",
    "MAX_SEARCH_WORDS",
    "SearchTooLong",
    "client_search_keys",
    "matches_prefix",
    "search_key",
    "search_words",
    "without_prefixes",
]

#: The most words a search takes, once reduced by :func:`search_key` ("S.A.R.L." is four).
#: People type one to three words in an autocomplete box, and a company's whole name, pasted,
#: has fewer than ten; each word is a range of the index in every statement of a SQL search,
#: and databases cap the columns of a statement (SQLite 2,000, PostgreSQL 1,664).
MAX_SEARCH_WORDS: Final = 10
#: The most characters of typed text a search takes: a company's whole name with its SIRET.
MAX_SEARCH_LENGTH: Final = 200

# Common French abbreviations in company names, by key, and the words they stand for. Both forms
# are indexed, so that "ets" finds « Établissements Dubois » and "etablissements" finds « Ets
# Dubois ». « Ste » is ambiguous (« Sté »: société; « Ste »: sainte), so it stands for both.
_ABBREVIATIONS = MappingProxyType(
    {
        "ets": ("etablissements",),
        "ste": ("societe", "sainte"),
        "cie": ("compagnie",),
        "st": ("saint",),
    }
)
_EXPANSIONS = MappingProxyType(
    {
        "etablissements": ("ets",),
        "societe": ("ste",),
        "sainte": ("ste",),
        "compagnie": ("cie",),
        "saint": ("st",),
    }
)

# Ligatures that NFKD does not take apart, written as French readers type them.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


# The combining diacritical marks: the accents, cedillas and diaereses of Latin letters.
_DIACRITICS = re.compile("[\u0300-\u036f]+")
_ASCII_GAPS = re.compile("[^0-9a-z]+")
_GAPS = re.compile(r"[\W_]+")  # \w is what str.isalnum() accepts, and "_"


def search_key(text: str) -> str:
    """Return *text* reduced for comparison: no accents, no case, words separated by one space.

    The text is decomposed (NFKD) and its accents dropped, case-folded, the ligatures ``œ`` and
    ``æ`` written ``oe`` and ``ae``, and every character that is neither a letter nor a digit
    made a space; spaces are collapsed. The result is stable: ``search_key(search_key(t)) ==
    search_key(t)``.

    Args:
        text: any text: a name, what a user typed.

    Returns:
        The key, possibly empty.

    >>> search_key("  SOCIÉTÉ  l'Œuf-Côté, S.A.R.L. ")
    'societe l oeuf cote s a r l'
    """
    if not text.isascii():
        text = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))
        if not text.isascii():  # beyond French accents: the general way
            text = "".join(char for char in text if not unicodedata.combining(char))
            text = text.casefold().translate(_LIGATURES)
            text = _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))
            return _GAPS.sub(" ", text).strip()
    # Most names are ASCII once their accents are gone: the same result, faster.
    return _ASCII_GAPS.sub(" ", text.lower()).strip()


class SearchTooLong(ClientbookError, ValueError):
    """The typed text has more words or characters than a search takes; nothing was searched.

    A search takes at most 10 words (reduced by :func:`~clientbook.search_key`: "S.A.R.L." is
    four) and 200 characters, so that no request can tie up the database; an autocomplete box
    never sends as much, and a company's whole name, pasted, fits.

    Attributes:
        words: the number of words of the typed text, reduced by :func:`~clientbook.search_key`;
            ``None`` when the text was refused for its length, before it was reduced.
        length: the number of characters of the typed text.
        max_words: the most words a search takes.
        max_length: the most characters a search takes.
    """

    __module__ = "clientbook"

    def __init__(self, *, words: int | None, length: int) -> None:
        self.words = words
        self.length = length
        self.max_words = MAX_SEARCH_WORDS
        self.max_length = MAX_SEARCH_LENGTH
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        if self.length > self.max_length:
            text = N_(
                "A search takes at most {max_length} characters, and this one has {length}: "
                "type the first letters of a name or a number."
            )
        else:
            text = N_(
                "A search takes at most {max_words} words, and this one has {words}: "
                "type the first letters of fewer words."
            )
        return translate(
            text,
            locale,
            words=self.words,
            length=self.length,
            max_words=self.max_words,
            max_length=self.max_length,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_search_too_long, (self.words, self.length))


def _search_too_long(words: int | None, length: int) -> SearchTooLong:
    return SearchTooLong(words=words, length=length)


def search_words(typed: str) -> list[str]:
    """Return the words a search for *typed* looks for: the words of its :func:`search_key`.

    Every adapter's ``search`` and :func:`clientbook.services.search_clients` call it, so that
    they all take the same texts.

    >>> search_words("Ets Dubois, S.A.R.L.")
    ['ets', 'dubois', 's', 'a', 'r', 'l']
    >>> search_words(" ".join(["dub"] * 11))
    Traceback (most recent call last):
    ...
    clientbook.SearchTooLong: Une recherche prend au plus 10 mots, et celle-ci en a 11 : ...

    Args:
        typed: the text typed so far.

    Returns:
        The words, in order; none for an empty text or punctuation only.

    Raises:
        SearchTooLong: *typed* has more than 200 characters (``MAX_SEARCH_LENGTH``), or more
            than 10 words (``MAX_SEARCH_WORDS``), reduced by :func:`search_key`.
    """
    if len(typed) > MAX_SEARCH_LENGTH:  # before the text is reduced: that costs its length
        raise SearchTooLong(words=None, length=len(typed))
    words = search_key(typed).split()
    if len(words) > MAX_SEARCH_WORDS:
        raise SearchTooLong(words=len(words), length=len(typed))
    return words


def _compact(text: str) -> str:
    """Return the key of an identifier: letters and digits only (``fr11123456782``)."""
    return search_key(text).replace(" ", "")


def _name_words(client: Client) -> Iterator[str]:
    names: list[str] = [client.name, client.first_name, client.last_name]
    for contact in client.contacts:
        names += (contact.first_name, contact.last_name)
    for name in names:
        if name:  # a company's first and last names are blank: no key, no work
            yield from search_key(name).split()


def _with_abbreviations(words: Iterable[str]) -> Iterator[str]:
    for word in words:
        yield word
        yield from _ABBREVIATIONS.get(word, ())
        yield from _EXPANSIONS.get(word, ())


def client_search_keys(client: Client) -> frozenset[str]:
    """Return the keys a search index stores for *client*.

    The keys are every word of its names (company name, first and last name) and of its
    contacts' first and last names, reduced by :func:`search_key`, with the common French
    abbreviations in both forms (« Ets » and « établissements », « Sté » and « société », « Cie »
    and « compagnie », « St »/« Ste » and « saint »/« sainte »); and its SIREN, SIRET and VAT
    number reduced to letters and digits (``fr11123456782``). A key that is the start of another
    is left out, since any word that starts it starts the other (a SIREN beside its SIRET,
    « martin » beside « martinez »): the keys match as many typed words, with fewer rows in an
    index. Whether the client is archived is not part of the keys: an index filters on
    :attr:`Client.active` beside them.

    Args:
        client: the record.

    Returns:
        The keys; :func:`matches_prefix` matches what a user types against exactly these.
    """
    keys = set(_with_abbreviations(_name_words(client)))
    keys.update(_compact(number) for number in (client.siren, client.siret, client.vat_number))
    keys.discard("")
    return without_prefixes(keys)


def without_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """Return *keys* but those that start another of them: they match no word more.

    Every word that starts "martin" starts "martinez" too; a SIREN starts its SIRET. Left out,
    such a key costs no row of an index. In sorted order, the keys that start a key come right
    after it.
    """
    ordered = sorted(set(keys))
    last = len(ordered) - 1
    return frozenset(
        key
        for position, key in enumerate(ordered)
        if position == last or not ordered[position + 1].startswith(key)
    )


def matches_prefix(client: Client, typed: str, *, include_archived: bool = False) -> bool:
    """Return whether *client* is offered when a user types *typed* in an autocomplete box.

    Every typed word must be the start of one of the client's keys (:func:`client_search_keys`),
    in any order, accents and case ignored: "dub cl" finds « Claire Dubois », "ets" finds
    « Établissements Martin ». Or the whole typed text, spaces and punctuation removed, must be
    the start of a key: "123 45" finds SIREN 123456782 and "FR 11" VAT number FR11123456782.

    Source: ``jarvis-legal_associer-activite-client`` (« tapez les premières lettres du
    client ») and ``lab-event_remplir-page-client`` (an inactive company no longer appears
    « dans les recherches »).

    Args:
        client: the record.
        typed: the text typed so far; empty text (or punctuation only) matches nothing.
        include_archived: also offer archived clients (``active=False``), as an invoice
            search does; they are left out by default.

    Returns:
        Whether the client matches.
    """
    if not (client.active or include_archived):
        return False
    words = search_key(typed).split()
    if not words:
        return False
    keys = client_search_keys(client)
    if all(any(key.startswith(word) for key in keys) for word in words):
        return True
    whole = "".join(words)
    return any(key.startswith(whole) for key in keys)
