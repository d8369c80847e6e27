"""The Dash app: routes pages. The explorer (/) is dashboard.explorer; other pages are in EXTRA_PAGES."""

from __future__ import annotations

import importlib
from typing import Any

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, dcc, html, no_update
from neo4j import Driver

from dashboard import corrections_panel, explorer, notes_panel
from dashboard.i18n import language_of
from dashboard.style import ARABIC_FONTS, LABEL_STYLES

# Extra layouts (fcose, cose-bilkent, dagre, …) and the SVG exporter must be registered before
# the Dash app is created.
cyto.load_extra_layouts()

ENTITY_MARKS = "\n".join(
    f".ng-{label.lower()} {{ background: {style['color']}22; border-bottom: 2px solid {style['color']}; }}"
    for label, style in LABEL_STYLES.items())

PAGE_CSS = f"""
body {{ margin: 0; font-family: {ARABIC_FONTS}; background: #f6f7f9; color: #1d1d1d; }}
.ng-header {{ display: flex; align-items: baseline; gap: 1rem; padding: .6rem 1rem; background: #22303c;
              color: #fff; }}
.ng-header h1 {{ font-size: 1.2rem; margin: 0; }}
.ng-toolbar {{ display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; padding: .3rem 1rem;
               background: #eef1f4; border-bottom: 1px solid #dde; font-size: .8rem; }}
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
.ng-timeline {{ border-top: 1px solid #ddd; flex: 0 0 150px; }}
.ng-article {{ max-width: 52rem; margin: 0 auto; padding: 1rem 1.5rem; background: #fff; }}
"""

# Pages besides the explorer: path → module with `layout(driver, database, search)` and
# `register(app, driver, database)`.
EXTRA_PAGES: dict[str, str] = {"/queries": "dashboard.query_page", "/article": "dashboard.article_page",
                               "/investigations": "dashboard.investigations_page",
                               "/corrections": "dashboard.corrections_page"}


def create_app(driver: Driver, database: str) -> Dash:
    app = Dash(__name__, title="newsgraph — شبكة اللقاءات", suppress_callback_exceptions=True)
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
