"""Localised messages, from the gettext catalogs shipped in ``clientbook/locale``.

Message ids are the English texts, marked with :func:`N_` where they are defined so that
``pybabel extract -k N_`` finds them. The French catalog is compiled to a ``.mo`` file that
ships with the package (see ``docs/contributing.md`` for the commands). The locale is always
passed by the caller: nothing here reads the environment.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

__all__ = ["LOCALES", "N_", "normalize_locale", "translate"]

#: The languages clientbook's messages are written in.
LOCALES = ("fr", "en")

DOMAIN = "clientbook"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark *message* for extraction into the catalogs; translate it later."""
    return message


def normalize_locale(locale: str) -> str:
    """Return the language clientbook speaks for a locale name such as ``fr_FR`` or ``en-GB``.

    Raises:
        ValueError: the locale names a language clientbook has no messages in.
    """
    if not isinstance(locale, str):
        raise TypeError(f"locale must be a str such as 'fr' or 'en', not {type(locale).__name__}")
    language = locale.replace("-", "_").split("_", 1)[0].lower()
    if language not in LOCALES:
        raise ValueError(f"no messages in locale {locale!r}; choose one of: {', '.join(LOCALES)}")
    return language


@functools.cache
def _catalog(language: str) -> gettext.NullTranslations:
    # Imported on the first message: their imports cost a tenth of importing clientbook.
    import gettext
    from importlib import resources

    if language == "en":  # the message ids are the English texts
        return gettext.NullTranslations()
    path = resources.files("clientbook") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as mo:
        return gettext.GNUTranslations(mo)


def translate(message: str, locale: str, /, **params: object) -> str:
    """Return *message* in *locale*, with ``{name}`` placeholders filled from *params*."""
    text = _catalog(normalize_locale(locale)).gettext(message)
    return text.format(**params) if params else text
