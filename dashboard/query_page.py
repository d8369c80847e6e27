"""The saved-queries page (/queries): the library, a parameter form per query, results as graph and table,
and an ad-hoc Cypher console. Every query runs read-only, with a timeout and a row cap
(newsgraph.saved_queries). A run is addressable: /queries?name=NAME&PARAM=VALUE… runs on load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash_cytoscape as cyto
from dash import ALL, MATCH, Input, Output, State, ctx, dash_table, dcc, html, no_update
from neo4j import Driver

from dashboard.bidi import isolate, isolated, isolated_error
from dashboard.export import spreadsheet_cell
from dashboard.i18n import URL_PARAMETER, Language, language, language_of, with_language
from dashboard.page_header import header
from dashboard.queries import MAX_SENT_NODES, search_entities
from dashboard.style import meeting_type_title, stylesheet
from newsgraph.saved_queries import (
    Param,
    QueryError,
    QueryFileError,
    QueryResult,
    SavedQuery,
    cached_library,
    cell_text,
    run_cypher,
    run_saved,
)

PATH = "/queries"

MEETING_SEARCH = """
MATCH (m:Meeting)
WHERE m.id CONTAINS $text OR coalesce(m.title, '') CONTAINS $text OR coalesce(m.name, '') CONTAINS $text
RETURN m.id AS id, coalesce(m.title, m.name, m.type) AS name, toString(m.date) AS name_en
ORDER BY m.date DESC LIMIT 20
"""

NAME_BY_ID = "MATCH (n {id: $id}) RETURN coalesce(n.name, n.title, n.id) AS name, n.name_en AS name_en LIMIT 1"


def _library() -> tuple[Mapping[str, SavedQuery], str | None]:
    """The saved queries, parsed once and re-read only when a file changes (newsgraph.saved_queries)."""
    try:
        return cached_library(), None
    except QueryFileError as exc:
        return {}, str(exc)


def _options(library: Mapping[str, SavedQuery], search: str | None, lang: Language) -> list[dict[str, Any]]:
    """The library as radio options: title and description in the interface language, the file name isolated."""
    needle = (search or "").strip().lower()
    options = []
    for saved in library.values():
        haystack = " ".join([saved.name, saved.title, saved.description, saved.title_in(lang.code),
                             saved.description_in(lang.code)]).lower()
        if needle and needle not in haystack:
            continue
        options.append({"value": saved.name, "label": html.Span(className="qp-option", children=[
            html.B(saved.title_in(lang.code), className="qp-option-title"), " ",
            html.Bdi(html.Code(saved.name, className="ng-muted"), dir="ltr"),
            html.Div(saved.description_in(lang.code), className="ng-muted qp-option-description", dir="auto"),
        ])})
    return options


def _query_string(search: str | None) -> dict[str, str]:
    """The page's URL query: the query's name and its parameters (the interface language is not one of them)."""
    values = dict(parse_qsl((search or "").lstrip("?"), keep_blank_values=True))
    values.pop(URL_PARAMETER, None)
    return values


def layout(driver: Driver, database: str, search: str | None = None) -> html.Div:
    lang = language_of(search)
    library, error = _library()
    return html.Div(lang=lang.code, dir=lang.dir, children=[
        header(lang.t("Saved queries"), PATH, search, lang),
        html.Div(style={"display": "flex", "gap": "1rem", "padding": "1rem", "alignItems": "flex-start"}, children=[
            html.Div(style={"width": "24rem", "flex": "0 0 auto"}, children=[
                dcc.Input(id="qp-search", type="search", placeholder=lang.t("Search the queries…"), debounce=False,
                          style={"width": "100%", "marginBottom": ".5rem"}),
                html.Div(error or "", id="qp-library-error", className="ng-error", role="alert", dir="ltr"),
                dcc.RadioItems(id="qp-select", options=_options(library, None, lang), value=None,
                               labelStyle={"display": "block", "margin": ".4rem 0"}, inputStyle={"margin": "0 .4rem"}),
            ]),
            html.Div(style={"flex": "1 1 auto", "minWidth": 0}, children=[
                html.H2(id="qp-title", style={"fontSize": "1.15rem"}),
                html.Div(id="qp-description", className="ng-muted", dir="auto"),
                html.Div(id="qp-form", style={"margin": ".6rem 0"}),
                html.Button(lang.t("Run"), id="qp-run", n_clicks=0),
                html.Details([html.Summary("Cypher"),
                              html.Pre(id="qp-cypher", dir="ltr", style={"whiteSpace": "pre-wrap"})]),
                html.Details([
                    html.Summary(lang.t("Ad-hoc Cypher query (read-only)")),
                    dcc.Textarea(id="qp-adhoc", dir="ltr", placeholder="MATCH (p:Person) RETURN p LIMIT 25",
                                 style={"width": "100%", "height": "7rem", "fontFamily": "monospace"}),
                    html.Button(lang.t("Run the ad-hoc query"), id="qp-adhoc-run", n_clicks=0),
                ], id="qp-adhoc-box"),
                html.Div(id="qp-link", style={"margin": ".5rem 0"}),
                dcc.Loading(html.Div(id="qp-result")),
            ]),
        ]),
    ])


def _param_hint(param: Param, lang: Language) -> Any:
    """The parameter's type and default, as the file writes them (Cypher's words, left to right)."""
    kind = param.spec().removesuffix(" (required)") if param.required else param.spec()
    return html.Span([" ", html.Bdi(html.Code(kind), dir="ltr"),
                      " · " + lang.t("required") if param.required else ""], className="ng-muted")


def _choice_label(choice: str, lang: Language) -> str:
    """A choice as the analyst reads it: meeting types by their names, "any" as a word, the rest as written."""
    if choice == "any":
        return lang.t("any")
    return meeting_type_title(choice, lang.code)  # not a meeting type: the value itself


def _param_input(saved: SavedQuery, name: str, value: str | None, label_text: str | None, lang: Language) -> Any:
    param = saved.param(name)
    shown = value if value not in (None, "") else param.default
    if param.type == "date":
        control: Any = dcc.DatePickerSingle(id={"type": "qp-date", "name": name}, date=shown,
                                            display_format="YYYY-MM-DD", clearable=True)
    elif param.type == "choice":
        control = dcc.Dropdown(id={"type": "qp-param", "name": name}, value=shown, clearable=False,
                               options=[{"label": _choice_label(c, lang), "value": c} for c in param.choices],
                               style={"minWidth": "14rem"})
    elif param.type == "entity":
        options = [{"label": label_text or shown, "value": shown}] if shown else []
        control = dcc.Dropdown(id={"type": "qp-entity", "name": name}, value=shown, options=options,
                               searchable=True, clearable=True, placeholder=lang.t("Type a name to search…"),
                               style={"minWidth": "20rem"})
    else:
        control = dcc.Input(id={"type": "qp-param", "name": name}, value=shown,
                            type="number" if param.type == "integer" else "text", debounce=True)
    # The label is what the parameter means, in the interface language; its name (used in URLs) follows, isolated.
    meaning = param.description_in(lang.code)
    return html.Div(className="qp-field", style={"margin": ".35rem 0"}, children=[
        html.Label([meaning or html.Bdi(name, dir="ltr"), *([" ", html.Bdi(html.Code(name, className="ng-muted"),
                                                                           dir="ltr")] if meaning else [])],
                   style={"display": "inline-block", "minWidth": "10rem", "fontWeight": "bold"}),
        html.Div(control, style={"display": "inline-block", "verticalAlign": "middle"}),
        _param_hint(param, lang),
    ])


def _caption(node: dict[str, Any], label: str, lang: Language) -> str:
    """A node's caption: a meeting by its type (in the interface language) and date, anything else by its name."""
    props = node["properties"]
    if label == "Meeting":
        title = meeting_type_title(str(props.get("type", "")), lang.code)
        return f"{title} {props['date']}" if props.get("date") else title
    return str(props.get("name") or props.get("name_en") or props.get("title") or node["id"])


def _graph_elements(result: QueryResult, lang: Language) -> list[dict[str, Any]]:
    elements: list[dict[str, Any]] = []
    for key, node in result.nodes.items():
        label = node["labels"][0] if node["labels"] else "Node"
        elements.append({"data": {"id": key, "label": label, "caption": _caption(node, label, lang)}})
    for rel_id, rel in result.relationships.items():
        if rel["start"] in result.nodes and rel["end"] in result.nodes:
            elements.append({"data": {"id": rel_id, "source": rel["start"], "target": rel["end"],
                                      "type": rel["type"]}})
    return elements


def summary(result: QueryResult, lang: Language) -> str:
    """How many rows, whether they were cut, and how long it took."""
    parts = [lang.n("{n} row", "{n} rows", len(result.rows))]
    if result.too_large:
        parts.append(lang.t("(the result was cut at its largest size)"))
    elif result.truncated:
        parts.append(lang.t("(the result was cut at the most rows)"))
    return " ".join(parts) + " · " + lang.t("{seconds:.2f} s", seconds=result.seconds)


def render_result(result: QueryResult, lang: Language | None = None) -> list[Any]:
    lang = lang or language(None)
    children: list[Any] = [html.Div(summary(result, lang), id="qp-summary", className="ng-muted")]
    if result.is_graph:
        children.append(cyto.Cytoscape(
            id="qp-graph", elements=_graph_elements(result, lang), stylesheet=stylesheet(),
            layout={"name": "fcose", "animate": False, "randomize": True},
            style={"width": "100%", "height": "26rem", "background": "#fff", "border": "1px solid #ddd"},
            minZoom=0.2, maxZoom=3,
        ))
    columns = [{"name": column, "id": f"c{i}"} for i, column in enumerate(result.columns)]
    # The table exports to CSV in the browser: cells that a spreadsheet would run as formulas are defused here.
    data = [{f"c{i}": spreadsheet_cell(cell_text(value)) for i, value in enumerate(row)} for row in result.rows]
    children.append(dash_table.DataTable(
        id="qp-table", columns=columns, data=data, sort_action="native", export_format="csv",
        export_headers="display", page_size=50,
        # Each cell takes its direction from its own text (an Arabic name, a Latin id, a date), so punctuation
        # stays at the right end of each; the column aligns with the interface.
        style_cell={"textAlign": "right" if lang.dir == "rtl" else "left", "whiteSpace": "normal", "height": "auto",
                    "maxWidth": "30rem", "unicodeBidi": "plaintext"},
        style_table={"overflowX": "auto", "direction": lang.dir},
    ))
    return children


def _error(message: Any) -> html.Div:
    return html.Div(message, id="qp-error", className="ng-error", role="alert",
                    style={"color": "#a4161a", "background": "#fdecea", "padding": ".5rem", "margin": ".5rem 0",
                           "whiteSpace": "pre-wrap"})


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("qp-select", "value"), Input("url", "search"), State("url", "pathname"))
    def select_from_url(search: str | None, pathname: str | None) -> Any:
        name = _query_string(search).get("name")
        return name if name else no_update

    @app.callback(Output("qp-select", "options"), Input("qp-search", "value"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def filter_library(search: str | None, code: str | None) -> list[dict[str, Any]]:
        return _options(_library()[0], search, language(code))

    @app.callback(Output("qp-title", "children"), Output("qp-description", "children"),
                  Output("qp-form", "children"), Output("qp-cypher", "children"),
                  Input("qp-select", "value"), State("url", "search"), State("ui-lang", "data"))
    def show_query(name: str | None, search: str | None, code: str | None) -> tuple[Any, Any, Any, Any]:
        lang = language(code)
        if not name:
            return lang.t("Choose a query from the list"), "", [], ""
        saved = _library()[0].get(name)
        if saved is None:
            return isolated(lang.t("There is no query named {name}"), name=name), "", [], ""
        from_url = _query_string(search)
        if from_url.get("name") != name:
            from_url = {}
        fields = []
        for param in saved.params:
            value = from_url.get(param.name)
            label_text = None
            if param.type == "entity":
                entity = value or param.default
                if entity:
                    try:
                        rows = run_cypher(driver, database, NAME_BY_ID, {"id": entity}, max_rows=1).rows
                    except QueryError:
                        rows = []
                    if rows:
                        label_text = f"{rows[0][0]} ({isolate(entity)})"
            fields.append(_param_input(saved, param.name, value, label_text, lang))
        return saved.title_in(lang.code), saved.description_in(lang.code), fields, saved.source

    @app.callback(Output({"type": "qp-entity", "name": MATCH}, "options"),
                  Input({"type": "qp-entity", "name": MATCH}, "search_value"),
                  State({"type": "qp-entity", "name": MATCH}, "value"),
                  State({"type": "qp-entity", "name": MATCH}, "options"),
                  State("qp-select", "value"), State({"type": "qp-entity", "name": MATCH}, "id"),
                  prevent_initial_call=True)
    def entity_options(text: str | None, value: str | None, options: list[dict[str, Any]] | None,
                       name: str | None, component_id: dict[str, str]) -> Any:
        if not text or len(text.strip()) < 2:
            return no_update
        saved = _library()[0].get(name or "")
        label = None
        if saved is not None:
            try:
                label = saved.param(component_id["name"]).label
            except KeyError:
                label = None
        try:
            if label == "Meeting":
                rows = run_cypher(driver, database, MEETING_SEARCH, {"text": text.strip()}, max_rows=20).rows
            else:  # the explorer's search (dashboard.queries.search_entities), kept to this parameter's label
                rows = [[hit["id"], hit["name"], hit.get("name_en")]
                        for hit in search_entities(driver, database, text, limit=20, label=label)]
        except QueryError:
            return no_update
        # Option labels are plain text: the other script's parts are isolated with Unicode's isolates instead.
        found = [{"label": f"{row[1] or row[0]}" + (f" — {isolate(row[2])}" if row[2] else "")
                  + f" ({isolate(row[0])})", "value": row[0]} for row in rows]
        kept = [option for option in (options or []) if option["value"] == value]
        return kept + [option for option in found if option["value"] != value]

    @app.callback(Output("qp-result", "children"), Output("qp-link", "children"),
                  Input("qp-run", "n_clicks"), Input("qp-adhoc-run", "n_clicks"), Input("url", "search"),
                  State("qp-select", "value"),
                  State({"type": "qp-param", "name": ALL}, "value"), State({"type": "qp-param", "name": ALL}, "id"),
                  State({"type": "qp-date", "name": ALL}, "date"), State({"type": "qp-date", "name": ALL}, "id"),
                  State({"type": "qp-entity", "name": ALL}, "value"),
                  State({"type": "qp-entity", "name": ALL}, "id"),
                  State("qp-adhoc", "value"), State("ui-lang", "data"))
    def run(_runs: int, _adhoc_runs: int, search: str | None, name: str | None,
            values: list[Any], value_ids: list[dict[str, str]], dates: list[Any], date_ids: list[dict[str, str]],
            entities: list[Any], entity_ids: list[dict[str, str]], adhoc: str | None,
            code: str | None) -> tuple[Any, Any]:
        # On a page load this runs with the URL, and the ui-lang store may not be filled yet: the URL says too.
        lang = language(code) if code else language_of(search)
        trigger = ctx.triggered_id
        if trigger == "qp-adhoc-run":
            if not adhoc or not adhoc.strip():
                return _error(lang.t("Write a Cypher query first.")), ""
            try:
                result = run_cypher(driver, database, adhoc)
            except (QueryError, ValueError) as exc:
                return _error(isolated_error(lang, exc)), ""
            return render_result(result, lang), ""
        if trigger == "qp-run":
            raw: dict[str, Any] = {}
            for ids, vals in ((value_ids, values), (entity_ids, entities)):
                for component_id, value in zip(ids, vals, strict=False):
                    raw[component_id["name"]] = None if value is None else str(value)
            for component_id, value in zip(date_ids, dates, strict=False):
                raw[component_id["name"]] = None if value is None else str(value)[:10]
        else:  # the URL: /queries?name=…&param=…
            raw = _query_string(search)
            name = raw.pop("name", None)
            if not name:
                return html.Div(), ""
        saved = _library()[0].get(name or "")
        if saved is None:
            return _error(isolated(lang.t("There is no saved query named “{name}”."), name=name) if name
                          else lang.t("Choose a query first.")), ""
        try:
            result = run_saved(driver, database, saved, saved.bind(raw))
        except (QueryError, ValueError) as exc:
            return _error(isolated_error(lang, exc)), ""
        shown = {key: value for key, value in raw.items() if value not in (None, "")}
        href = PATH + with_language(urlencode({"name": saved.name, **shown}), lang.code)
        links = [html.A(lang.t("Link to this result"), href=href, id="qp-share")]
        if result.nodes:  # the result's nodes, opened on the explorer canvas
            explorer = "/" + with_language(urlencode({"ids": ",".join(list(result.nodes)[:MAX_SENT_NODES])}),
                                           lang.code)
            links += [" · ", html.A(lang.t("Open the result in the explorer"), href=explorer, id="qp-to-explorer")]
        return render_result(result, lang), html.Span(links)
