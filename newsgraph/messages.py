"""Messages the library shows to people, kept translatable.

The library speaks English (the command line prints it as is). An error the dashboard shows carries its English
template and the values that fill it, so the dashboard can show it in the interface language
(`dashboard.i18n.Language.error`). Templates are marked with `N_` so Babel extracts them into the catalogue
(`N_` is one of Babel's default keywords; see babel.cfg).
"""

from __future__ import annotations


def N_(message: str) -> str:  # gettext's conventional name for "mark, do not translate here"
    """Marks an English message for extraction without translating it (gettext_noop)."""
    return message


class TranslatableError(Exception):
    """An error whose message is an English template (`{field}` placeholders) plus the values that fill it.

    `str(error)` is the English text; `error.template` and `error.values` let an interface translate it first.
    Subclasses add ValueError (or another base) where callers expect it.
    """

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)
