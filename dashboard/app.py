"""The Dash app: routes pages. The explorer (/) is dashboard.explorer; other pages are in EXTRA_PAGES."""

from __future__ import annotations

import importlib
from html import escape
from typing import Any

import dash_cytoscape as cyto
import flask
from dash import Dash, Input, Output, State, dcc, html, no_update
from neo4j import Driver

from dashboard import corrections_panel, explorer, notes_panel
from dashboard.i18n import LANGUAGES, Language, language, language_of
from dashboard.style import ARABIC_FONTS, LABEL_STYLES

# Extra layouts (fcose, cose-bilkent, dagre, …) and the SVG exporter must be registered before
# the Dash app is created.
cyto.load_extra_layouts()

ENTITY_MARKS = "\n".join(
    f".ng-{label.lower()} {{ background: {style['color']}22; border-bottom: 2px solid {style['color']}; }}"
    for label, style in LABEL_STYLES.items())

def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Dash's data table writes "Export" on its export button and has no setting for it: in another language the word is
# drawn over it from the catalogue (the button keeps its text for screen readers through its aria-label).
EXPORT_BUTTON_CSS = "\n".join(
    f':lang({code}) button.export {{ font-size: 0; }} '
    f':lang({code}) button.export::after {{ content: {_css_string(language(code).t("Export"))}; font-size: .8rem; }}'
    for code in LANGUAGES if code != "en")

PAGE_CSS = f"""
body {{ margin: 0; font-family: {ARABIC_FONTS}; background: #f6f7f9; color: #1d1d1d; }}
.ng-header {{ display: flex; align-items: baseline; gap: 1rem; padding: .6rem 1rem; background: #22303c;
              color: #fff; }}
.ng-header h1 {{ font-size: 1.2rem; margin: 0; }}
.ng-header a {{ color: #cfe3ff; }}
.ng-on-dark {{ color: #cfd8e3; }}
.ng-toolbar {{ display: flex; flex-wrap: nowrap; gap: .4rem 1rem; align-items: center; padding: .2rem 1rem;
               background: #eef1f4; border-bottom: 1px solid #dde; font-size: .8rem; white-space: nowrap; }}
.ng-push-end {{ margin-inline-start: auto; }}
.ng-segmented label {{ margin-inline-end: .6rem; }}
.ng-menu {{ position: relative; }}
.ng-menu > summary {{ cursor: pointer; padding: .15rem .5rem; border: 1px solid #c9d1da; border-radius: 3px;
                      background: #fff; list-style: none; }}
.ng-menu > summary::after {{ content: " ▾"; }}
.ng-menu[open] > summary {{ background: #dde6f0; }}
.ng-menu-panel {{ position: absolute; z-index: 20; inset-inline-start: 0; top: 1.9rem; min-width: 14rem;
                  display: flex; flex-direction: column; gap: .35rem; padding: .6rem .8rem; background: #fff;
                  border: 1px solid #c9d1da; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.15);
                  white-space: normal; }}
.ng-menu-panel > label {{ color: #555; font-weight: 600; }}
.ng-bottom {{ display: flex; flex: 0 0 200px; border-top: 1px solid #ddd; }}
.ng-bottom .ng-timeline {{ flex: 1 1 65%; min-width: 0; }}
.ng-map:empty {{ display: none; }}
.ng-map {{ flex: 0 0 35%; min-width: 0; border-inline-start: 1px solid #ddd; }}
.ng-group {{ display: flex; align-items: center; gap: .35rem; }}
.ng-group > label {{ color: #555; font-weight: 600; }}
.ng-toolbar button, .ng-actions button {{ font: inherit; padding: .15rem .5rem; cursor: pointer; }}
.ng-messages:empty {{ display: none; }}
.ng-warning {{ background: #fff4e5; color: #8a4b08; padding: .3rem 1rem; border-bottom: 1px solid #f0c36d; }}
.ng-note {{ background: #eaf4ff; color: #1d4f7a; padding: .3rem 1rem; }}
.ng-explorer {{ display: flex; flex-direction: column; height: 100vh; }}
.ng-main {{ display: flex; flex: 1 1 auto; min-height: 20rem; }}
.ng-canvas {{ flex: 1 1 auto; display: flex; flex-direction: column; min-width: 0; background: #fff; }}
.ng-panel {{ width: 28rem; overflow-y: auto; padding: 1rem; border-inline-start: 1px solid #ddd;
             background: #fbfbfc; }}
.ng-actions {{ display: flex; flex-wrap: wrap; gap: .3rem; margin-bottom: .5rem; font-size: .8rem; }}
.ng-legend {{ display: flex; flex-wrap: wrap; gap: .2rem .9rem; padding: .2rem .6rem; font-size: .72rem;
              border-bottom: 1px solid #eee; background: #fcfcfd; }}
.ng-menu-panel .ng-legend {{ flex-direction: column; border: 0; background: none; padding: 0; }}
.ng-legend span.swatch {{ display: inline-block; width: .8rem; height: .8rem; margin-inline-end: .3rem;
                          vertical-align: middle; }}
.ng-evidence {{ border-inline-start: 3px solid #c0392b; margin: .4rem 0; padding: .3rem .6rem;
                background: #fff; line-height: 1.8; }}
.ng-evidence-inline {{ background: #fff3c4; }}
mark.ng-entity {{ padding: 0 .1rem; border-radius: 2px; color: inherit; }}
mark.ng-party {{ font-weight: 700; }}
{ENTITY_MARKS}
.ng-props td {{ padding: .1rem .4rem; vertical-align: top; }}
.ng-muted {{ color: #666; font-size: .85rem; }}
.ng-article {{ max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem; background: #fff; }}
{EXPORT_BUTTON_CSS}
"""

# Pages besides the explorer: path → module with `layout(driver, database, search)` and
# `register(app, driver, database)`.
EXTRA_PAGES: dict[str, str] = {"/queries": "dashboard.query_page", "/article": "dashboard.article_page",
                               "/investigations": "dashboard.investigations_page",
                               "/corrections": "dashboard.corrections_page"}


def page_title(lang: Language) -> str:
    return lang.t("newsgraph — the meetings network")


class LocalizedDash(Dash):
    """Dash whose first HTML is already in the page's language: <html lang dir>, the title, and the text shown
    while the scripts load, all from the request's `?ui=` (switching language is a page load, so this is always
    the language of the page)."""

    def interpolate_index(self, **kwargs: Any) -> str:
        lang = language_of(flask.request.query_string.decode("utf-8", "replace")) if flask.has_request_context() \
            else language(None)
        kwargs["title"] = escape(page_title(lang))
        kwargs["app_entry"] = kwargs.get("app_entry", "").replace("Loading...", escape(lang.t("Loading…")))
        index = super().interpolate_index(**kwargs)
        return index.replace("<html>", f'<html lang="{lang.code}" dir="{lang.dir}">', 1)


def create_app(driver: Driver, database: str) -> Dash:
    # update_title=None: Dash would otherwise show its English "Updating..." as the tab's title during callbacks.
    app = LocalizedDash(__name__, title=page_title(language(None)), update_title=None,
                        suppress_callback_exceptions=True)
    app.index_string = app.index_string.replace("</head>", f"<style>{PAGE_CSS}</style></head>")
    pages = {path: importlib.import_module(module) for path, module in EXTRA_PAGES.items()}
    # refresh=False: the explorer records its view in the URL without reloading the page.
    # "ui-lang": the interface language of the page shown (dashboard.i18n), for callbacks that write text.
    app.layout = html.Div([dcc.Location(id="url", refresh=False), dcc.Store(id="ui-lang"), html.Div(id="page")])

    @app.callback(Output("page", "children"), Output("ui-lang", "data"), Input("url", "pathname"),
                  State("url", "search"))
    def route(pathname: str | None, search: str | None) -> Any:
        if pathname is None:  # the Location has not read the address bar yet
            return no_update, no_update
        module = pages.get(pathname.rstrip("/") or "/")
        code = language_of(search).code
        if module is not None:
            return module.layout(driver, database, search), code
        return explorer.layout(driver, database, search), code

    explorer.register(app, driver, database)
    corrections_panel.register(app, driver, database)
    notes_panel.register(app, driver, database)
    for module in pages.values():
        module.register(app, driver, database)
    return app
