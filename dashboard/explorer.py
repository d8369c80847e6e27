"""The explorer page (/): search, expand, filter, path, timeline, map, export — all driven by one view.

Data flow, one direction only:
  analyst action ─▶ `view` store (dashboard.view.apply) ─▶ browser adds current node positions (`snapshot`)
  ─▶ server rebuilds the canvas (dashboard.canvas), places new nodes beside what is already on screen, and
  sends the browser only what changed (dashboard.drawing) ─▶ elements, layout, message and the URL (so the
  address bar always shares the current view).
Going back in the browser history changes the URL, which becomes the view again; undo and redo step through
this page's own history of views (dashboard.view_history).

Callbacks name their inputs (Dash's dict signatures), so adding a control never shifts another's argument.
A click on a node selects it (details, actions); a double click expands it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_cytoscape as cyto
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard import canvas as canvas_builder
from dashboard import details as details_panel
from dashboard import drawing, export, investigations_page, map_view, time_range, timeline, view_history
from dashboard.elements import caption, latin_caption, to_elements
from dashboard.i18n import N_, Language, language, with_language
from dashboard.page_header import language_switch
from dashboard.placement import place_new
from dashboard.queries import meeting_date_span, node_details, search_entities
from dashboard.style import ANALYST_COLOR, LABEL_STYLES, label_title, meeting_type_title, stylesheet
from dashboard.view import (
    LAYOUTS,
    MEETING_TYPES,
    NODE_LABELS,
    View,
    apply,
    decode,
    encode,
    node_positions,
    validated,
)

LAYOUT_TITLES = {"fcose": N_("fCoSE (forces)"), "cose-bilkent": "CoSE Bilkent",
                 "concentric": N_("Concentric circles"), "breadthfirst": N_("Tree (breadth first)"),
                 "dagre": N_("Layers (dagre)"), "circle": N_("Circle"), "grid": N_("Grid")}

# Layout options per algorithm: deterministic where the algorithm allows it, no animation (tests and
# exports see the final picture).
LAYOUT_OPTIONS: dict[str, dict[str, Any]] = {
    "fcose": {"quality": "default", "nodeRepulsion": 6500, "idealEdgeLength": 70, "nodeSeparation": 60},
    "cose-bilkent": {"nodeRepulsion": 6000, "idealEdgeLength": 70},
    "concentric": {"minNodeSpacing": 20},
    "breadthfirst": {"directed": False, "spacingFactor": 1.1},
    "dagre": {"rankDir": "LR", "nodeSep": 20, "rankSep": 80},
    "circle": {},
    "grid": {"avoidOverlap": True},
}

# Runs in the browser: the view plus where every node is now, so the server can keep them there.
SNAPSHOT_JS = """
function(view) {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    const positions = {};
    if (cy) { cy.nodes().forEach(n => { const p = n.position(); positions[n.id()] = [p.x, p.y]; }); }
    return {view: view, positions: positions, at: Date.now()};
}
"""

# A click selects: on the canvas (a node, or a meetings link: its first meeting), the timeline or the map.
# A click on the canvas may be the first half of a double click, so its selection waits the double-click
# interval; when a double tap follows, it waits until the expansion is drawn. The details and correction panels
# a selection loads then never delay the expansion's drawing.
SELECT_TAP_JS = """
function(node, edge, onTimeline, onMap) {
    const trigger = (dash_clientside.callback_context.triggered[0] || {}).prop_id || '';
    if (trigger.startsWith('timeline.') || trigger.startsWith('map.')) {
        const points = ((trigger.startsWith('timeline.') ? onTimeline : onMap) || {}).points || [];
        return points.length ? points[0].customdata : dash_clientside.no_update;
    }
    let id = null;
    if (trigger.endsWith('tapEdgeData')) {
        if (!edge || edge.type !== 'MET' || !(edge.meetings || []).length) { return dash_clientside.no_update; }
        id = edge.meetings[0];
    } else if (node) {
        id = node.id;
    } else {
        return dash_clientside.no_update;
    }
    const at = Date.now();
    window.ngTapAt = at;
    setTimeout(() => {
        if (window.ngTapAt !== at) { return; }  // a later click took over
        window.ngPendingSelection = id;
        if (!window.ngExpanding) { window.releaseSelection(); }
    }, 300);
    return dash_clientside.no_update;
}
"""

# A double click (double tap) on a node expands it: dash-cytoscape has no prop for it, so cytoscape.js's own
# event is bound once per canvas and reported through the `double-tap` store.
DOUBLE_TAP_JS = """
function(info) {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (cy && !cy.ngDoubleTap) {
        cy.ngDoubleTap = true;
        cy.on('dbltap', 'node', (event) => {
            // The expansion goes first; the selection its first click made waits for the drawing (see SELECT_TAP_JS
            // and APPLY_JS). An expanded node has nothing to bring: its selection need not wait.
            window.ngExpanding = !event.target.hasClass('expanded');
            setTimeout(() => { if (window.ngExpanding) { window.ngExpanding = false; window.releaseSelection(); } },
                       3000);
            dash_clientside.set_props('double-tap', {data: {id: event.target.id(), at: Date.now()}});
        });
    }
    return dash_clientside.no_update;
}
"""

# Applies the server's delta (dashboard.drawing) to the element list the browser holds, by element id, and
# sets the layout in the same update (a preset fit must see the new nodes).
APPLY_JS = """
function(change, current) {
    if (!change || !change.delta) { return [dash_clientside.no_update, dash_clientside.no_update]; }
    const delta = change.delta;
    // The timeline and the map are redrawn once the canvas is laid out (`canvas-drawn`), so Plotly's drawing
    // never competes with cytoscape.js's for the browser's one thread.
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    let told = false;
    const tell = () => {
        if (!told) { told = true; setTimeout(() => dash_clientside.set_props('canvas-drawn', {data: Date.now()}), 0); }
    };
    if (cy) { cy.one('layoutstop', tell); }
    setTimeout(tell, 3000);
    if (window.ngExpanding) {  // the expansion is drawn with this update: the waiting selection may follow
        window.ngExpanding = false;
        setTimeout(() => window.releaseSelection && window.releaseSelection(), 0);
    }
    if (delta.full) { return [delta.upsert, change.layout]; }
    const dropped = new Set(delta.remove);
    const fresh = new Map(delta.upsert.map(e => [e.data.id, e]));
    const next = [];
    for (const element of (current || [])) {
        const id = element.data.id;
        if (dropped.has(id)) { continue; }
        if (fresh.has(id)) { next.push(fresh.get(id)); fresh.delete(id); } else { next.push(element); }
    }
    const added = Array.from(fresh.values());
    return [next.concat(added.filter(e => !('source' in e.data)), added.filter(e => 'source' in e.data)),
            change.layout];
}
"""

# A selection highlighted on the timeline and the map in the browser, without rebuilding either figure: the
# point (or map marker, whose meetings are in the trace's `meta`) holding the selected meeting is selected, the
# rest fade; a click on a map marker then keeps that meeting.
HIGHLIGHT_JS = """
function(selected, timeline, map) {
    function mark(figure, idsOf, keepClick) {
        if (!figure || !figure.data) { return dash_clientside.no_update; }
        const found = figure.data.map(trace => (idsOf(trace) || []).findIndex(ids => ids.includes(selected)));
        const any = selected && found.some(i => i >= 0);
        const data = figure.data.map((trace, t) => {
            const copy = Object.assign({}, trace, {selectedpoints: any ? (found[t] >= 0 ? [found[t]] : []) : null,
                                                   unselected: {marker: {opacity: any ? 0.35 : 0.9}}});
            if (keepClick && found[t] >= 0) {
                copy.customdata = trace.customdata.slice();
                copy.customdata[found[t]] = selected;
            }
            return copy;
        });
        return Object.assign({}, figure, {data: data});
    }
    return [mark(timeline, t => (t.customdata || []).map(id => [id]), false),
            mark(map, t => t.meta, true)];
}
"""

# Image export in the browser, straight into a dcc.Download: PNG and JPG from cytoscape.js's renderer, SVG
# from the cytoscape-svg extension dash-cytoscape bundles (its generateImage "store" route fails for SVG).
IMAGE_EXPORT_JS = """
function(png, jpg, svg) {
    const kind = (dash_clientside.callback_context.triggered_id || '').replace('export-', '');
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (!cy || !kind) { return dash_clientside.no_update; }
    const stamp = new Date().toISOString().slice(0, 10);
    if (kind === 'svg') {
        return {content: cy.svg({full: true, scale: 1, bg: '#ffffff'}), filename: 'newsgraph-' + stamp + '.svg',
                type: 'image/svg+xml', base64: false};
    }
    const options = {full: true, scale: 2, bg: '#ffffff', output: 'base64uri', maxWidth: 8000, maxHeight: 8000};
    const uri = kind === 'png' ? cy.png(options) : cy.jpg(Object.assign({quality: 0.92}, options));
    return {content: uri.split(',')[1], filename: 'newsgraph-' + stamp + '.' + kind,
            type: kind === 'png' ? 'image/png' : 'image/jpeg', base64: true};
}
"""

# Selecting a node from outside the canvas (the timeline, the map): select it on the canvas and bring it into
# view. A meeting drawn as an edge (edge mode) selects that edge.
SELECT_JS = """
function(selected) {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (!cy || !selected) { return dash_clientside.no_update; }
    let target = cy.getElementById(selected);
    if (target.empty()) {
        target = cy.edges('[type = "MET"]').filter(e => (e.data('meetings') || []).includes(selected));
    }
    if (target.nonempty() && !target.selected()) {
        cy.elements(':selected').unselect();
        target.select();
        cy.animate({center: {eles: target}}, {duration: 200});
    }
    return selected;
}
"""

EXPORTS = {"json": ("JSON", "application/json"), "graphml": ("GraphML", "application/xml"),
           "nodes-csv": (N_("Nodes CSV"), "text/csv"), "edges-csv": (N_("Links CSV"), "text/csv")}


# Past this many nodes fCoSE runs in "draft" quality: its spectral stage only, seconds faster on a big canvas
# and still untangled; "lay out again" then refines from those positions in default quality.
DRAFT_LAYOUT_NODES = 250


def layout_for(view: View, positions: dict[str, Any], nodes: int = 0) -> dict[str, Any]:
    """The layout prop: the chosen algorithm (re-run whenever `run` changes) or preset positions."""
    name = view["layout"]
    pinned = [{"nodeId": node, "position": {"x": positions[node][0], "y": positions[node][1]}}
              for node in view["pin"] if node in positions]
    options: dict[str, Any] = {"name": name, "animate": False, "fit": True, "padding": 30,
                               "run": view["layout_run"], **LAYOUT_OPTIONS.get(name, {})}
    if name in ("fcose", "cose-bilkent"):
        options["randomize"] = not positions
    if name == "fcose" and nodes > DRAFT_LAYOUT_NODES and not positions:
        options["quality"] = "draft"
    if name == "fcose" and pinned:
        options["fixedNodeConstraint"] = pinned
    return options


def rebuild(driver: Driver, database: str, view: View, positions: dict[str, tuple[float, float]],
            current_layout: dict[str, Any] | None, step: int = 0) -> dict[str, Any]:
    """Everything the canvas shows for a view, given where nodes are on screen now."""
    canvas = canvas_builder.build(driver, database, view)
    known = {node: (float(p[0]), float(p[1])) for node, p in (positions or {}).items() if node in canvas.nodes}
    run_layout = not known or (current_layout or {}).get("run") != view["layout_run"]
    if run_layout:
        placed = {node: known[node] for node in view["pin"] if node in known}
        layout = layout_for(view, known, len(canvas.nodes))
    else:
        placed = {**known, **place_new(canvas.order, canvas.anchors, known)}
        # Re-run preset (a new `step`) only to fit the viewport around the canvas; nothing moves.
        layout = {"name": "preset", "fit": True, "padding": 30, "animate": False, "run": view["layout_run"],
                  "step": step}
    elements = to_elements(canvas, placed, pinned=set(view["pin"]))
    return {"canvas": canvas, "elements": elements, "layout": layout,
            "message": message(canvas, view, language(view["ui"]))}


def message(canvas: canvas_builder.Canvas, view: View, lang: Language) -> list[Any]:
    notes: list[Any] = []
    if canvas.dropped:
        notes.append(html.Div(
            lang.t("The canvas reached its limit: {budget} nodes; {dropped} more were not shown. Hide or collapse "
                   "some nodes, or raise the limit.", budget=view["budget"], dropped=canvas.dropped),
            id="budget-message", className="ng-warning", role="status"))
    if len(view["path"]) == 1:
        notes.append(html.Div(lang.t("Path start chosen: select another node, then press “Path to here”."),
                              className="ng-note"))
    elif canvas.path_requested:
        if canvas.path_nodes:
            notes.append(html.Div(lang.t("Shortest paths shown ({count} nodes on the path).",
                                         count=min(len(canvas.path_nodes), 99)), id="path-message",
                                  className="ng-note"))
        else:
            notes.append(html.Div(lang.t("No path between the two nodes within eight links (with the current "
                                         "filters)."), id="path-message", className="ng-warning"))
    return notes


def snippet(text: str, length: int = 60) -> str:
    """A note's first words, on one line, for a search result."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length].rsplit(" ", 1)[0] + "…"


def _checklist(component_id: str, options: list[dict[str, Any]], value: list[str]) -> dcc.Checklist:
    return dcc.Checklist(id=component_id, options=options, value=value, inline=False,
                         inputStyle={"marginInlineEnd": ".3rem"}, labelStyle={"display": "block"})


def _menu(menu_id: str, title: str, children: list[Any]) -> html.Details:
    """A toolbar menu: a title that opens a panel below it (over the canvas only while open)."""
    return html.Details(id=menu_id, className="ng-menu", children=[
        html.Summary(title), html.Div(children, className="ng-menu-panel")])


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    view = decode(search)
    lang = language(view["ui"])
    t = lang.t
    span = meeting_date_span(driver, database)
    months = time_range.slider_months(span)
    return html.Div(lang=lang.code, dir=lang.dir, className="ng-explorer", children=[
        # The explorer's own view of the address bar, so its callback's inputs all live on this page.
        dcc.Location(id="explorer-url", refresh=False),
        dcc.Store(id="view", data=view),
        dcc.Store(id="snapshot"),
        dcc.Store(id="selected"),
        dcc.Store(id="selected-echo"),
        dcc.Store(id="double-tap"),
        dcc.Store(id="drawn"),  # fingerprints of the elements the browser holds (dashboard.drawing)
        dcc.Store(id="canvas-change"),  # the latest delta and layout, applied in the browser (APPLY_JS)
        dcc.Store(id="canvas-drawn"),  # set once that canvas is laid out: the timeline and the map follow
        dcc.Store(id="history", data=view_history.empty()),
        dcc.Store(id="canvas-info"),  # per-node state the element list cannot keep (see draw)
        dcc.Store(id="months", data=months),
        dcc.Store(id="date-span", data=span),
        dcc.Download(id="download-image"),
        dcc.Download(id="download-data"),
        html.Div(className="ng-header", children=[
            html.H1(t("Meetings in Arabic news")),
            dcc.Dropdown(id="search", placeholder=t("Search a person, country or organisation… (Arabic or Latin)"),
                         searchable=True, clearable=True, options=[],
                         style={"width": "24rem", "color": "#1d1d1d"}),
            html.Span("", id="node-count", className="ng-muted ng-on-dark"),
            html.A(t("Saved queries"), href="/queries" + with_language("", lang.code), id="nav-queries"),
            html.A(t("Investigations"), href="/investigations" + with_language("", lang.code),
                   id="nav-investigations"),
            html.A(t("Corrections"), href="/corrections" + with_language("", lang.code), id="nav-corrections"),
            language_switch("/", search, lang),
        ]),
        html.Div(className="ng-toolbar", children=[
            html.Div([html.Label(t("Meetings:")), dcc.RadioItems(
                id="mode", value=view["mode"], inline=True, className="ng-segmented", options=[
                    {"label": html.Span(t("nodes"), title=t("Meetings as nodes")), "value": "nodes"},
                    {"label": html.Span(t("links"), title=t("Meetings as links between their parties")),
                     "value": "edges"}])], className="ng-group"),
            html.Div([
                html.Div(dcc.RangeSlider(
                    id="filter-dates", min=0, max=max(0, len(months) - 1), step=1, marks=time_range.marks(months),
                    value=time_range.slider_value(view, months), allowCross=False, updatemode="mouseup",
                    allow_direct_input=False), style={"width": "14rem"}, dir="ltr"),
                html.Span(time_range.range_text(view, span), id="filter-dates-text", className="ng-muted",
                          dir="ltr"),
                dcc.Checklist(id="undated", value=["on"] if view["undated"] else [], inline=True, options=[
                    {"label": t("undated ({count})", count=span["undated"]), "value": "on"}],
                              inputStyle={"marginInlineEnd": ".2rem"}),
            ], className="ng-group", id="date-group", title=t("Meetings outside the slider's range are reached at "
                                                               "its ends; undated meetings by the tick box.")),
            _menu("menu-filters", t("Filters"), [
                html.Label(t("Nodes")),
                _checklist("filter-labels", [{"label": label_title(label, lang.code), "value": label}
                                             for label in NODE_LABELS],
                           view["labels"]),
                html.Label(t("Meetings")),
                _checklist("filter-types", [{"label": meeting_type_title(kind, lang.code), "value": kind}
                                            for kind in MEETING_TYPES], view["types"]),
            ]),
            _menu("menu-view", t("View"), [
                html.Label(t("Layout")),
                dcc.Dropdown(id="layout-select", value=view["layout"], clearable=False, searchable=False,
                             options=[{"label": t(LAYOUT_TITLES[name]), "value": name} for name in LAYOUTS],
                             style={"width": "12rem"}),
                html.Button(t("Lay out again"), id="relayout", n_clicks=0),
                html.Label(t("Names")),
                dcc.RadioItems(id="lang", value=view["lang"], inline=True,
                               options=[{"label": "عربية", "value": "ar"}, {"label": "Latin", "value": "latin"}]),
                _checklist("reveal", [{"label": t("Show every link among the nodes on screen"), "value": "on"}],
                           ["on"] if view["reveal"] else []),
                html.Label(t("Node limit")),
                dcc.Input(id="budget", type="number", min=10, max=2000, step=10, value=view["budget"],
                          debounce=True, style={"width": "5rem"}),
                html.Button(t("Show hidden"), id="unhide", n_clicks=0),
            ]),
            _menu("menu-path", t("Path"), [
                html.Button(t("Path between the two selected"), id="path-selected", n_clicks=0,
                            title=t("Select two nodes (Shift + click), then press")),
                html.Button(t("Clear the path"), id="path-clear", n_clicks=0),
            ]),
            _menu("menu-export", t("Export"), [
                html.Div([html.Button(kind.upper(), id=f"export-{kind}", n_clicks=0, className="ng-export")
                          for kind in ("png", "jpg", "svg")]),
                html.Div([html.Button(t(title), id=f"export-{kind}", n_clicks=0, className="ng-export")
                          for kind, (title, _) in EXPORTS.items()]),
            ]),
            _menu("menu-legend", t("Legend"), [legend(lang)]),
            html.Div([
                html.Button("↶", id="undo", n_clicks=0, title=t("Undo"), disabled=True),
                html.Button("↷", id="redo", n_clicks=0, title=t("Redo"), disabled=True),
                html.Button(t("Start over"), id="reset", n_clicks=0),
            ], className="ng-group ng-push-end"),
        ]),
        html.Div(id="canvas-message", className="ng-messages"),
        html.Div(className="ng-main", children=[
            html.Div(className="ng-canvas", children=[
                cyto.Cytoscape(
                    id="graph", elements=[], layout={"name": "preset"}, stylesheet=stylesheet(view["lang"]),
                    style={"width": "100%", "flex": "1 1 auto", "minHeight": 0}, responsive=True,
                    minZoom=0.1, maxZoom=3, wheelSensitivity=1,
                    boxSelectionEnabled=True,
                    # Layouts run only when the layout prop changes (see rebuild); dash-cytoscape's refresh on
                    # every element change would run the algorithm twice and move what the analyst just saw.
                    autoRefreshLayout=False,
                ),
            ]),
            html.Div(className="ng-panel", children=[
                html.Div(id="node-actions-bar"),
                html.Div(id="details", children=html.P(
                    t("Click a node to see its details and sources; double-click to expand it."),
                    className="ng-muted")),
                html.Div(id="correction-message", role="status", className="ng-note"),
                html.Div(id="corrections-panel", className="ng-corrections"),
                html.Div(id="notes-panel", className="ng-notes"),
                investigations_page.save_control(lang.code),
            ]),
        ]),
        html.Div(className="ng-bottom", children=[
            dcc.Graph(id="timeline", figure=timeline.figure([], lang=view["lang"], ui=view["ui"]),
                      config={"displayModeBar": False},
                      className="ng-timeline"),
            html.Div(className="ng-map", children=dcc.Graph(
                id="map", figure=map_view.figure([], {}, lang=view["lang"]), config=map_view.graph_config(),
                style={"height": "100%"})),
        ]),
    ])


def legend(lang: Language) -> html.Div:
    t = lang.t
    return html.Div(className="ng-legend", id="legend", children=[
        *[html.Div([html.Span(className="swatch", style={"background": style["color"]}),
                    label_title(label, lang.code)])
          for label, style in LABEL_STYLES.items()],
        html.Div(t("Size: links on screen (a meeting's: its reports). Double border: neighbours not shown yet."),
                 className="ng-muted"),
        html.Div(t("Links between two parties (links mode): their meetings, thicker with more reports."),
                 className="ng-muted"),
        html.Div([html.Span(className="swatch", style={"border": f"2px dashed {ANALYST_COLOR}"}),
                  t("Dashed green border or link: from an analyst's correction, not from extraction")],
                 className="ng-muted"),
    ])


# Controls that show the view: set from it when the view comes from elsewhere (URL, "start over", undo).
CONTROLS = {"layout-select": "value", "lang": "value", "filter-labels": "value", "filter-types": "value",
            "filter-dates": "value", "reveal": "value", "budget": "value", "mode": "value", "undated": "value"}
# Everything an analyst does that changes the view: component → property.
TRIGGERS = {**CONTROLS, "search": "value", "double-tap": "data", "relayout": "n_clicks", "path-selected": "n_clicks",
            "path-clear": "n_clicks", "unhide": "n_clicks", "reset": "n_clicks", "undo": "n_clicks",
            "redo": "n_clicks"}


def control_values(view: View, months: list[str]) -> dict[str, Any]:
    """What each control in CONTROLS shows for a view."""
    return {"layout-select": view["layout"], "lang": view["lang"], "filter-labels": view["labels"],
            "filter-types": view["types"], "filter-dates": time_range.slider_value(view, months),
            "reveal": ["on"] if view["reveal"] else [], "budget": view["budget"], "mode": view["mode"],
            "undated": ["on"] if view["undated"] else []}


def action_for(trigger: Any, value: Any, selected: str | None, selected_nodes: list[dict[str, Any]] | None,
               months: list[str]) -> tuple[str, Any] | None:
    """The view action a control's change stands for (None: nothing to do)."""
    if isinstance(trigger, dict) and trigger.get("type") == "node-action":
        return (trigger["action"], selected) if value and selected else None
    match trigger:
        case "search":
            return ("search", value) if value else None
        case "double-tap":
            return ("expand", value["id"]) if isinstance(value, dict) and isinstance(value.get("id"), str) else None
        case "layout-select":
            return "layout", value
        case "relayout":
            return "relayout", None
        case "lang":
            return "lang", value
        case "filter-labels":
            return "labels", value
        case "filter-types":
            return "types", value
        case "filter-dates":
            return "dates", time_range.slider_range(value, months)
        case "reveal":
            return "reveal", bool(value)
        case "budget":
            return ("budget", value) if value else None
        case "mode":
            return "mode", value
        case "undated":
            return "undated", bool(value)
        case "path-selected":
            return "path", [node["id"] for node in (selected_nodes or [])][:2]
        case "path-clear":
            return "clear_path", None
        case "unhide":
            return "unhide_all", None
        case "reset":
            return "reset", None
    return None


def meeting_rows(elements: list[dict[str, Any]], canvas: canvas_builder.Canvas) -> list[dict[str, Any]]:
    """The meetings on screen, as nodes or folded into links, for the timeline and the map."""
    rows = [e["data"] for e in elements if e["data"].get("label") == "Meeting"]
    for meeting_id, node in canvas.folded.items():
        rows.append({"id": meeting_id, "label": "Meeting", "type": node.get("type"),
                     "date": str(node["date"])[:10] if node.get("date") else None,
                     "article_count": node.get("article_count"), "caption": caption(node),
                     "latin": latin_caption(node)})
    return rows


def _key(role: str, component: str) -> str:
    """A callback argument's name for a component (Dash wants Python identifiers)."""
    return f"{role}_{component.replace('-', '_')}"


def register(app: Any, driver: Driver, database: str) -> None:
    # The URL is both an input (back/forward, pasted links) and an output (it always shows the current view),
    # and so are the controls (a view from the URL, "start over" or undo must show in them): one callback owns
    # both directions, which is the only way Dash accepts the loop.
    @app.callback(
        output={"view": Output("view", "data"), "url": Output("explorer-url", "search"),
                "history": Output("history", "data"), "undo": Output("undo", "disabled"),
                "redo": Output("redo", "disabled"),
                **{_key("control", component): Output(component, prop) for component, prop in CONTROLS.items()}},
        inputs={**{_key("trigger", component): Input(component, prop) for component, prop in TRIGGERS.items()},
                "node_actions": Input({"type": "node-action", "action": ALL}, "n_clicks"),
                "search": Input("explorer-url", "search")},
        state={"raw_view": State("view", "data"), "selected": State("selected", "data"),
               "selected_nodes": State("graph", "selectedNodeData"), "months": State("months", "data"),
               "pathname": State("explorer-url", "pathname"), "raw_history": State("history", "data")},
        prevent_initial_call=True)
    def change_view(*, raw_view: Any, selected: str | None, selected_nodes: list[dict[str, Any]] | None,
                    months: list[str] | None, pathname: str | None, raw_history: Any, search: str | None,
                    node_actions: Any, **triggers: Any) -> dict[str, Any]:
        months = months or []
        unchanged: dict[str, Any] = {"view": no_update, "url": no_update, "history": no_update, "undo": no_update,
                                     "redo": no_update, **{_key("control", c): no_update for c in CONTROLS}}
        if raw_view is None or (pathname or "/") != "/":
            return unchanged
        view = validated(raw_view)  # the store comes back from the browser: same caps as a URL
        history = view_history.checked(raw_history)
        trigger = ctx.triggered_id
        show_controls = False
        if trigger == "explorer-url":  # compare meanings, not spellings (%3A vs ":", parameter order)
            wanted = {**decode(search), "layout_run": view["layout_run"]}
            if wanted == view:
                return unchanged
            new, url, show_controls = {**wanted, "layout_run": view["layout_run"] + 1}, no_update, True
            history = view_history.record(history, view)
        elif trigger in ("undo", "redo"):
            stepped, history = view_history.step(history, view, trigger)
            if stepped is None:
                return unchanged
            new, url, show_controls = stepped, encode(stepped), True
        else:
            value = ctx.triggered[0]["value"] if ctx.triggered else None
            action = action_for(trigger, value, selected, selected_nodes, months)
            new = apply(view, *action) if action is not None else view
            if new == view:
                return unchanged
            url, show_controls = encode(new), trigger == "reset"
            history = view_history.record(history, view)
        controls = control_values(new, months) if show_controls else {c: no_update for c in CONTROLS}
        return {"view": new, "url": url, "history": history, "undo": not history["past"],
                "redo": not history["future"], **{_key("control", c): v for c, v in controls.items()}}

    @app.callback(Output("filter-dates-text", "children"), Input("view", "data"), State("date-span", "data"),
                  prevent_initial_call=True)
    def show_date_range(view: View | None, span: dict[str, Any] | None) -> Any:
        return time_range.range_text(view, span or {}) if view else no_update

    app.clientside_callback(SNAPSHOT_JS, Output("snapshot", "data"), Input("view", "data"))
    app.clientside_callback(APPLY_JS, Output("graph", "elements"), Output("graph", "layout"),
                            Input("canvas-change", "data"), State("graph", "elements"), prevent_initial_call=True)
    app.clientside_callback(DOUBLE_TAP_JS, Output("double-tap", "data", allow_duplicate=True),
                            Input("canvas-info", "data"), prevent_initial_call=True)

    @app.callback(
        output={"change": Output("canvas-change", "data"), "stylesheet": Output("graph", "stylesheet"),
                "message": Output("canvas-message", "children"),
                "count": Output("node-count", "children"), "info": Output("canvas-info", "data"),
                "drawn": Output("drawn", "data")},
        inputs={"snapshot": Input("snapshot", "data")},
        state={"current_layout": State("graph", "layout"), "drawn": State("drawn", "data"),
               "previous": State("canvas-info", "data")},
        prevent_initial_call=True)
    def draw(snapshot: dict[str, Any] | None, current_layout: dict[str, Any] | None, drawn: Any,
             previous: dict[str, Any] | None) -> dict[str, Any]:
        if not snapshot or not snapshot.get("view"):
            return {key: no_update for key in ("change", "stylesheet", "message", "count", "info", "drawn")}
        view = validated(snapshot["view"])  # client state: re-checked with the caps a URL has
        lang = language(view["ui"])
        at = snapshot.get("at")
        result = rebuild(driver, database, view, node_positions(snapshot.get("positions")), current_layout,
                         step=at if isinstance(at, int) and not isinstance(at, bool) else 0)
        canvas = result["canvas"]
        delta, new_drawn, _ = drawing.update(drawn, result["elements"])
        links = len(canvas.links) + len(canvas.pairs)
        count = lang.n("{n} node", "{n} nodes", len(canvas.nodes)) + " · " + lang.n("{n} link", "{n} links", links)
        # dash-cytoscape writes the element list back from the browser (with positions, without classes),
        # so what the other callbacks need to know about nodes travels separately.
        info = {"expanded": sorted(canvas.expanded), "more": canvas.more, "pinned": view["pin"],
                "meetings": meeting_rows(result["elements"], canvas), "folded": sorted(canvas.folded),
                "lang": view["lang"], "ui": view["ui"]}
        same_style = (previous or {}).get("lang") == view["lang"]
        return {"change": {"delta": delta, "layout": result["layout"]},
                "stylesheet": no_update if same_style else stylesheet(view["lang"]),
                "message": result["message"], "count": count, "info": info, "drawn": new_drawn}

    @app.callback(Output("search", "options"), Input("search", "search_value"), State("search", "value"),
                  State("search", "options"), State("view", "data"), prevent_initial_call=True)
    def suggest(text: str | None, value: str | None, current: list[dict[str, str]] | None,
                view: View | None) -> Any:
        if not text or len(text.strip()) < 2:
            return no_update
        lang = language((view or {}).get("ui"))
        # The server already matched hamza-less or Latin spellings; "search" carries the typed text so the
        # dropdown's own filter keeps these options visible.
        options = [{"label": f"{hit['name']}" + (f" — {hit['name_en']}" if hit.get("name_en") else "")
                             + f" ({label_title(hit['label'], lang.code)})"
                             + (" — " + lang.t("from a note: «{text}»", text=snippet(hit["note"]))
                                if hit.get("note") else ""),
                    "value": hit["id"], "search": f"{text} {hit['name']} {hit.get('name_en') or ''}"}
                   for hit in search_entities(driver, database, text)]
        kept = [o for o in (current or []) if o["value"] == value]
        return kept + [o for o in options if o["value"] != value]

    app.clientside_callback(SELECT_TAP_JS, Output("selected", "data"), Input("graph", "tapNodeData"),
                            Input("graph", "tapEdgeData"), Input("timeline", "clickData"), Input("map", "clickData"),
                            prevent_initial_call=True)

    app.clientside_callback(SELECT_JS, Output("selected-echo", "data"), Input("selected", "data"),
                            prevent_initial_call=True)
    app.clientside_callback(HIGHLIGHT_JS, Output("timeline", "figure", allow_duplicate=True),
                            Output("map", "figure", allow_duplicate=True), Input("selected", "data"),
                            State("timeline", "figure"), State("map", "figure"), prevent_initial_call=True)

    @app.callback(Output("details", "children"), Input("selected", "data"), State("view", "data"),
                  prevent_initial_call=True)
    def show_details(node_id: str | None, view: View | None) -> Any:
        lang = language((view or {}).get("ui"))
        if not node_id:
            return html.P(lang.t("Click a node to see its details."), className="ng-muted")
        found = node_details(driver, database, node_id)
        if found is None:
            return html.P(lang.t("{id} is no longer in the database.", id=node_id))
        return details_panel.render(found, lang.code)

    @app.callback(Output("node-actions-bar", "children"), Input("selected", "data"), Input("canvas-info", "data"),
                  prevent_initial_call=True)
    def node_actions(node_id: str | None, info: dict[str, Any] | None) -> Any:
        if not node_id or not info:
            return []
        lang = language(info.get("ui"))
        bar = details_panel.actions(node_id, int(info["more"].get(node_id, 0)), node_id in info["expanded"],
                                    node_id in info["pinned"], lang.code)
        if node_id in info.get("folded", []):
            bar.children = [html.Button(lang.t("Show as a node"), id={"type": "node-action", "action": "unfold"},
                                        n_clicks=0), *bar.children]
        return bar

    @app.callback(Output("timeline", "figure"), Input("canvas-drawn", "data"), State("canvas-info", "data"),
                  State("selected", "data"), prevent_initial_call=True)
    def draw_timeline(_drawn: Any, info: dict[str, Any] | None, selected: str | None) -> Any:
        info = info or {}
        return timeline.figure(info.get("meetings", []), selected, info.get("lang", "ar"), info.get("ui", "ar"))

    @app.callback(Output("map", "figure"), Input("canvas-drawn", "data"), State("canvas-info", "data"),
                  State("selected", "data"), prevent_initial_call=True)
    def draw_map(_drawn: Any, info: dict[str, Any] | None, selected: str | None) -> Any:
        meetings = (info or {}).get("meetings", [])
        locations = map_view.meeting_locations(driver, database, [m["id"] for m in meetings])
        return map_view.figure(meetings, locations, selected, (info or {}).get("lang", "ar"))

    app.clientside_callback(IMAGE_EXPORT_JS, Output("download-image", "data"),
                            Input("export-png", "n_clicks"), Input("export-jpg", "n_clicks"),
                            Input("export-svg", "n_clicks"), prevent_initial_call=True)

    @app.callback(Output("download-data", "data"),
                  inputs={"clicks": [Input(f"export-{kind}", "n_clicks") for kind in EXPORTS]},
                  state={"elements": State("graph", "elements")}, prevent_initial_call=True)
    def export_data(clicks: list[int | None], elements: list[dict[str, Any]] | None) -> Any:
        kind = str(ctx.triggered_id or "").removeprefix("export-")
        if kind not in EXPORTS or not ctx.triggered[0]["value"]:
            return no_update
        stamp = date.today().isoformat()
        writers = {"json": (export.to_json, "json"), "graphml": (export.to_graphml, "graphml"),
                   "nodes-csv": (export.nodes_csv, "nodes.csv"), "edges-csv": (export.edges_csv, "edges.csv")}
        write, suffix = writers[kind]
        return {"content": write(elements or []), "filename": f"newsgraph-{stamp}.{suffix}",
                "type": EXPORTS[kind][1], "base64": False}
