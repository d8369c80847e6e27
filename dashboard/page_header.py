"""The header every page but the explorer shares: its title, links to the other pages and the language switch.

Links keep the interface language (`?ui=`), so moving between pages never drops it; the switch reloads the same
page, with the same query, in the other language.
"""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.i18n import N_, Language, language, with_language

# The pages in the header, in order: path and English name.
PAGES: tuple[tuple[str, str], ...] = (("/", N_("Explorer")), ("/queries", N_("Saved queries")),
                                      ("/investigations", N_("Investigations")), ("/corrections", N_("Corrections")))
LINK_STYLE = {"color": "#cfe3ff"}
# Each language by its own name (endonyms are never translated: a reader finds their language by its name).
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}


def href(path: str, lang: Language, query: str | None = None) -> str:
    """A link to `path` (with `query`, a query string) in the interface language `lang`."""
    return path + with_language(query, lang.code)


def language_switch(path: str, search: str | None, lang: Language) -> html.A:
    """A link to this very page and query in the other language, named in that language ("English" / "العربية")."""
    target = language(lang.other)
    return html.A(LANGUAGE_NAMES[target.code], id="lang-switch", href=path + with_language(search, target.code),
                  lang=target.code, dir=target.dir, hrefLang=target.code,
                  style={**LINK_STYLE, "marginInlineStart": "auto"})


def header(title: str, path: str, search: str | None, lang: Language) -> html.Div:
    """The page's title, the other pages, and the language switch at the far end."""
    links: list[Any] = [html.A(lang.t(name), href=href(page, lang), style=LINK_STYLE, className="ng-nav")
                        for page, name in PAGES if page != path]
    return html.Div(className="ng-header", children=[html.H1(title), *links,
                                                     language_switch(path, search, lang)])
