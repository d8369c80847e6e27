"""The Dash app: the meeting network on a dash-cytoscape canvas and a details panel."""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import parse_qs, urlencode

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, dcc, html, no_update
from neo4j import Driver

from dashboard.elements import caption, to_elements
from dashboard.queries import neighbourhood, node_details, overview, search_entities, subgraph
from dashboard.style import ARABIC_FONTS, LABEL_STYLES, MEETING_TYPE_TITLES, stylesheet

# Extra layouts (fcose, cose-bilkent, dagre, …) and the SVG exporter must be registered before
# the Dash app is created.
cyto.load_extra_layouts()

HIDDEN_PROPERTIES = {"text", "content_hash", "path"}

PAGE_CSS = f"""
body {{ margin: 0; font-family: {ARABIC_FONTS}; background: #f6f7f9; color: #1d1d1d; }}
.ng-header {{ display: flex; align-items: baseline; gap: 1rem; padding: .6rem 1rem; background: #22303c;
              color: #fff; }}
.ng-header h1 {{ font-size: 1.2rem; margin: 0; }}
.ng-main {{ display: flex; height: calc(100vh - 3rem); }}
.ng-canvas {{ flex: 1 1 auto; position: relative; background: #fff; }}
.ng-panel {{ width: 28rem; overflow-y: auto; padding: 1rem; border-inline-start: 1px solid #ddd;
             background: #fbfbfc; }}
.ng-legend {{ position: absolute; top: .5rem; right: .5rem; background: rgba(255,255,255,.9);
              padding: .4rem .6rem; border: 1px solid #ddd; border-radius: 4px; font-size: .85rem; z-index: 5; }}
.ng-legend span.swatch {{ display: inline-block; width: .8rem; height: .8rem; margin-inline-end: .3rem;
                          vertical-align: middle; }}
.ng-evidence {{ border-inline-start: 3px solid #c0392b; margin: .4rem 0; padding: .3rem .6rem;
                background: #fff; line-height: 1.7; }}
.ng-props td {{ padding: .1rem .4rem; vertical-align: top; }}
.ng-muted {{ color: #666; font-size: .85rem; }}
"""


def legend() -> html.Div:
    return html.Div(
        className="ng-legend",
        children=[html.Div([html.Span(className="swatch", style={"background": style["color"]}),
                            f"{style['title']} ({label})"]) for label, style in LABEL_STYLES.items()],
    )


# Pages besides the explorer: path → module with `layout(driver, database)` and `register(app, driver, database)`.
EXTRA_PAGES: dict[str, str] = {"/queries": "dashboard.query_page"}


def create_app(driver: Driver, database: str, overview_limit: int = 150) -> Dash:
    app = Dash(__name__, title="newsgraph — شبكة اللقاءات", suppress_callback_exceptions=True)
    app.index_string = app.index_string.replace("</head>", f"<style>{PAGE_CSS}</style></head>")
    pages = {path: importlib.import_module(module) for path, module in EXTRA_PAGES.items()}
    # refresh=False: a callback that records the view in the URL must not reload the page.
    app.layout = html.Div([dcc.Location(id="url", refresh=False), html.Div(id="page")])

    @app.callback(Output("page", "children"), Input("url", "pathname"), State("url", "search"))
    def route(pathname: str | None, search: str | None) -> Any:
        module = pages.get((pathname or "/").rstrip("/") or "/")
        if module is not None:
            return module.layout(driver, database)
        query = parse_qs((search or "").lstrip("?"))
        sent = [i for i in ",".join(query.get("ids", [])).split(",") if i]
        if sent:  # «/?ids=…»: a saved query's result sent to the explorer
            return page(to_elements(subgraph(driver, database, sent)))
        focus = query.get("focus", [None])[0]
        if focus:  # a shared view: «/?focus=person:vladimir-putin»
            graph = neighbourhood(driver, database, focus)
            if graph["nodes"]:
                return page(to_elements(graph), focus=focus, focus_label=caption(graph["nodes"].get(
                    focus, {"label": "", "id": focus, "name": focus})))
        return page(to_elements(overview(driver, database, overview_limit)))  # fresh on every visit

    @app.callback(Output("search", "options"), Input("search", "search_value"), State("search", "value"),
                  State("search", "options"), prevent_initial_call=True)
    def suggest(text: str | None, value: str | None, current: list[dict[str, str]] | None) -> Any:
        if not text or len(text.strip()) < 2:
            return no_update
        # The server already matched hamza-less or Latin spellings; "search" carries the typed text so the
        # dropdown's own filter keeps these options visible.
        options = [{"label": f"{hit['name']}" + (f" — {hit['name_en']}" if hit.get("name_en") else "")
                             + f" ({LABEL_STYLES.get(hit['label'], {}).get('title', hit['label'])})",
                    "value": hit["id"], "search": f"{text} {hit['name']} {hit.get('name_en') or ''}"}
                   for hit in search_entities(driver, database, text)]
        kept = [o for o in (current or []) if o["value"] == value]
        return kept + [o for o in options if o["value"] != value]

    @app.callback(Output("graph", "elements"), Output("url", "search"), Input("search", "value"),
                  prevent_initial_call=True)
    def focus_on(value: str | None) -> Any:
        if not value:
            return to_elements(overview(driver, database, overview_limit)), ""
        return to_elements(neighbourhood(driver, database, value)), "?" + urlencode({"focus": value})

    for module in pages.values():
        module.register(app, driver, database)

    @app.callback(Output("details", "children"), Input("graph", "tapNodeData"), prevent_initial_call=True)
    def show_details(node: dict[str, Any] | None) -> Any:
        if not node:
            return html.P("اختر عقدة لعرض تفاصيلها.", className="ng-muted")
        details = node_details(driver, database, node["id"])
        if details is None:
            return html.P(f"لم يعد العنصر {node['id']} موجودا في قاعدة البيانات.")
        return render_details(details)

    return app


def page(elements: list[dict[str, Any]], focus: str | None = None, focus_label: str | None = None) -> html.Div:
    return html.Div(lang="ar", dir="rtl", children=[
        html.Div(className="ng-header", children=[
            html.H1("مستكشف شبكة اللقاءات في الأخبار العربية"),
            dcc.Dropdown(id="search", placeholder="ابحث عن شخص أو دولة… (أو بالحروف اللاتينية)",
                         searchable=True, clearable=True, value=focus,
                         options=[{"label": focus_label or focus, "value": focus}] if focus else [],
                         style={"width": "24rem", "color": "#1d1d1d"}),
            html.Span(f"{sum(1 for e in elements if 'source' not in e['data'])} عقدة", id="node-count",
                      className="ng-muted"),
            html.A("الاستعلامات المحفوظة", href="/queries", id="nav-queries", style={"color": "#cfe3ff"}),
        ]),
        html.Div(className="ng-main", children=[
            html.Div(className="ng-canvas", children=[
                legend(),
                cyto.Cytoscape(
                    id="graph",
                    elements=elements,
                    layout={"name": "fcose", "animate": False, "randomize": True, "nodeRepulsion": 6000},
                    stylesheet=stylesheet(),
                    style={"width": "100%", "height": "100%"},
                    minZoom=0.2, maxZoom=3, wheelSensitivity=1,
                ),
            ]),
            html.Div(id="details", className="ng-panel", dir="rtl",
                     children=html.P("اختر عقدة لعرض تفاصيلها ومصادرها.", className="ng-muted")),
        ]),
    ])


def render_details(details: dict[str, Any]) -> list[Any]:
    props = details["properties"]
    label = details["label"]
    if label == "Meeting":
        title = MEETING_TYPE_TITLES.get(props.get("type", ""), props.get("type", ""))
        heading = f"{title}: {props.get('title') or props.get('name') or ''}"
    else:
        heading = props.get("name") or props["id"]
    children: list[Any] = [
        html.H2(heading, id="details-title", style={"fontSize": "1.15rem"}),
        html.Div(f"{LABEL_STYLES[label]['title']} · {label}", className="ng-muted"),
        html.Table(className="ng-props", children=[
            html.Tr([html.Td(key, className="ng-muted"), html.Td(", ".join(map(str, value))
                                                             if isinstance(value, list) else str(value))])
            for key, value in sorted(props.items()) if key not in HIDDEN_PROPERTIES and value not in (None, [], "")
        ]),
    ]
    if label == "Meeting":
        children.append(html.H3("المشاركون", style={"fontSize": "1rem"}))
        children.append(html.Ul([html.Li(f"{p['name']}" + (f" ({p['name_en']})" if p.get("name_en") else "")
                                         + (" — المبادر" if p.get("initiator") else ""))
                                 for p in details["participants"]]))
        children.append(html.H3("المصادر", style={"fontSize": "1rem"}))
        for report in details["reports"]:
            children.append(html.Div(className="ng-report", children=[
                html.Div([html.A(report["title"], href=report["url"], target="_blank") if report.get("url")
                          else html.Span(report["title"])]),
                html.Div(f"{report.get('source') or 'مصدر غير معروف'} · {report.get('published') or 'بلا تاريخ'}",
                         className="ng-muted"),
                *[html.Blockquote(sentence, className="ng-evidence") for sentence in report["sentences"]],
            ]))
    elif details.get("meetings"):
        children.append(html.H3("اللقاءات", style={"fontSize": "1rem"}))
        children.append(html.Ul([
            html.Li(f"{m.get('date') or 'بلا تاريخ'} · {MEETING_TYPE_TITLES.get(m['type'], m['type'])} · {m['name']}")
            for m in details["meetings"]
        ]))
    return children
