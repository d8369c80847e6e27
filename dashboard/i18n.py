"""The interface language: Arabic or English, one at a time, through gettext catalogues managed with Babel.

Messages in the code are English (`t("Search")`); `dashboard/locale/ar/LC_MESSAGES/messages.po` holds their
Arabic. The catalogue is read with Babel and compiled in memory when first needed, so the .po file is the one
source of truth (no compiled .mo in the repository). Arabic plural forms (six of them) come from the catalogue's
CLDR plural rule through `n(...)`.

The language lives in the URL (`?ui=en`; Arabic is the default), so a link always opens in the language it was
shared in; switching language reloads the page with the other value.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

# N_ marks English messages kept in tables, translated where they are shown: `language(code).t(TABLE[key])`.
from newsgraph.messages import N_ as N_

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
LOCALE_DIR = Path(__file__).with_name("locale")
URL_PARAMETER = "ui"


@dataclass(frozen=True)
class Language:
    """What a page needs to speak one language: its code, direction and message functions."""

    code: str
    translations: NullTranslations

    @property
    def dir(self) -> str:
        return "rtl" if self.code == "ar" else "ltr"

    @property
    def other(self) -> str:
        return "en" if self.code == "ar" else "ar"

    def t(self, message: str, **values: object) -> str:
        """The message in this language, with `{name}` fields filled from `values`."""
        text = self.translations.gettext(message)
        return text.format(**values) if values else text

    def n(self, singular: str, plural: str, count: int, **values: object) -> str:
        """A message that depends on a count (Arabic has six plural forms); `{n}` is the count."""
        return self.translations.ngettext(singular, plural, count).format(n=count, **values)

    def error(self, exc: BaseException) -> str:
        """An exception's message in this language: errors that carry an English `template` and its `values`
        (newsgraph.messages.TranslatableError) are translated; any other error shows as it was raised."""
        template = getattr(exc, "template", None)
        if not isinstance(template, str) or not template:  # gettext("") is the catalogue's header
            return str(exc)
        return self.t(template, **getattr(exc, "values", {}))


def normalized(code: object) -> str:
    return code if isinstance(code, str) and code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _translations(code: str) -> NullTranslations:
    po = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return NullTranslations()  # English: the messages are the English text
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def language(code: object) -> Language:
    code = normalized(code)
    return Language(code, _translations(code))


def language_of(search: str | None) -> Language:
    """The interface language a URL query string asks for."""
    values = dict(parse_qsl((search or "").lstrip("?")))
    return language(values.get(URL_PARAMETER))


def with_language(search: str | None, code: str) -> str:
    """The query string with the interface language set to `code` (the default is left out)."""
    params = [(k, v) for k, v in parse_qsl((search or "").lstrip("?"), keep_blank_values=True) if k != URL_PARAMETER]
    if normalized(code) != DEFAULT_LANGUAGE:
        params.append((URL_PARAMETER, normalized(code)))
    return "?" + urlencode(params, safe=":,~@") if params else ""


Translate = Callable[..., str]
