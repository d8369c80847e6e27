"""The explorer page (/): search, expand, filter, path, timeline, export — all driven by one view.

Data flow, one direction only:
  analyst action ─▶ `view` store (dashboard.view.apply) ─▶ browser adds current node positions (`snapshot`)
  ─▶ server rebuilds the canvas (dashboard.canvas) and places new nodes beside what is already on screen
  ─▶ elements, layout, style, message and the URL (so the address bar always shares the current view).
Going back in the browser history changes the URL, which becomes the view again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_cytoscape as cyto
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard import canvas as canvas_builder
from dashboard import details as details_panel
from dashboard import export, investigations_page, timeline
from dashboard.elements import to_elements
from dashboard.placement import place_new
from dashboard.queries import meeting_date_bounds, node_details, search_entities
from dashboard.style import ANALYST_COLOR, LABEL_STYLES, MEETING_TYPE_TITLES, stylesheet
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

LAYOUT_TITLES = {"fcose": "fCoSE (قوى)", "cose-bilkent": "CoSE Bilkent", "concentric": "دوائر متحدة المركز",
                 "breadthfirst": "شجرة (عرضي)", "dagre": "طبقات (dagre)", "circle": "دائرة", "grid": "شبكة"}

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

# Selecting a node from outside the canvas (the timeline): select it on the canvas and bring it into view.
SELECT_JS = """
function(selected) {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (!cy || !selected) { return dash_clientside.no_update; }
    const node = cy.getElementById(selected);
    if (node.nonempty() && !node.selected()) {
        cy.nodes(':selected').unselect();
        node.select();
        cy.animate({center: {eles: node}}, {duration: 200});
    }
    return selected;
}
"""

EXPORTS = {"json": ("JSON", "application/json"), "graphml": ("GraphML", "application/xml"),
           "nodes-csv": ("CSV العقد", "text/csv"), "edges-csv": ("CSV الروابط", "text/csv")}


def months_between(first: str | None, last: str | None) -> list[str]:
    """Every month (YYYY-MM) from the first meeting's to the last's: the date slider's steps."""
    if not first or not last:
        return []
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def slider_value(view: View, months: list[str]) -> list[int]:
    if not months:
        return [0, 0]
    start = months.index(view["from"][:7]) if view.get("from") and view["from"][:7] in months else 0
    end = months.index(view["to"][:7]) if view.get("to") and view["to"][:7] in months else len(months) - 1
    return [start, end]


def slider_range(value: list[int] | None, months: list[str]) -> tuple[str | None, str | None]:
    """The view's from/to for a slider position: None at either end means "no limit"."""
    if not months or not value:
        return None, None
    start, end = int(value[0]), int(value[1])
    return (months[start] if start > 0 else None, months[end] if end < len(months) - 1 else None)


def date_range_text(view: View, months: list[str]) -> str:
    if not months:
        return "لا لقاءات مؤرخة"
    return f"{view.get('from') or months[0]} – {view.get('to') or months[-1]}"


def layout_for(view: View, positions: dict[str, Any]) -> dict[str, Any]:
    """The layout prop: the chosen algorithm (re-run whenever `run` changes) or preset positions."""
    name = view["layout"]
    pinned = [{"nodeId": node, "position": {"x": positions[node][0], "y": positions[node][1]}}
              for node in view["pin"] if node in positions]
    options: dict[str, Any] = {"name": name, "animate": False, "fit": True, "padding": 30,
                               "run": view["layout_run"], **LAYOUT_OPTIONS.get(name, {})}
    if name in ("fcose", "cose-bilkent"):
        options["randomize"] = not positions
    if name == "fcose" and pinned:
        options["fixedNodeConstraint"] = pinned
    return options


def rebuild(driver: Driver, database: str, view: View, positions: dict[str, list[float]],
            current_layout: dict[str, Any] | None, step: int = 0) -> dict[str, Any]:
    """Everything the canvas shows for a view, given where nodes are on screen now."""
    canvas = canvas_builder.build(driver, database, view)
    known = {node: (float(p[0]), float(p[1])) for node, p in (positions or {}).items() if node in canvas.nodes}
    run_layout = not known or (current_layout or {}).get("run") != view["layout_run"]
    if run_layout:
        placed = {node: known[node] for node in view["pin"] if node in known}
        layout = layout_for(view, known)
    else:
        placed = {**known, **place_new(canvas.order, canvas.anchors, known)}
        # Re-run preset (a new `step`) only to fit the viewport around the canvas; nothing moves.
        layout = {"name": "preset", "fit": True, "padding": 30, "animate": False, "run": view["layout_run"],
                  "step": step}
    elements = to_elements(canvas, placed, pinned=set(view["pin"]))
    return {"canvas": canvas, "elements": elements, "layout": layout, "message": message(canvas, view)}


def message(canvas: canvas_builder.Canvas, view: View) -> list[Any]:
    notes: list[Any] = []
    if canvas.dropped:
        notes.append(html.Div(
            f"بلغت اللوحة حدّها: {view['budget']} عقدة، ولم تُعرض {canvas.dropped} أخرى. "
            "أخفِ بعض العقد أو اطوِها، أو ارفع الحد.", id="budget-message", className="ng-warning", role="status"))
    if len(view["path"]) == 1:
        notes.append(html.Div("بداية المسار محددة: اختر عقدة أخرى ثم اضغط «مسار إلى هنا».", className="ng-note"))
    elif canvas.path_requested:
        if canvas.path_nodes:
            hops = min((len(canvas.path_nodes)), 99)
            notes.append(html.Div(f"أقصر المسارات معروضة ({hops} عقدة على المسار).", id="path-message",
                                  className="ng-note"))
        else:
            notes.append(html.Div("لا مسار بين العقدتين ضمن ثمانية روابط (مع المرشحات الحالية).",
                                  id="path-message", className="ng-warning"))
    return notes


def snippet(text: str, length: int = 60) -> str:
    """A note's first words, on one line, for a search result."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length].rsplit(" ", 1)[0] + "…"


def _checklist(component_id: str, options: list[dict[str, Any]], value: list[str]) -> dcc.Checklist:
    return dcc.Checklist(id=component_id, options=options, value=value, inline=True,
                         inputStyle={"marginInlineEnd": ".2rem"}, labelStyle={"marginInlineEnd": ".6rem"})


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    view = decode(search)
    months = months_between(*meeting_date_bounds(driver, database))
    step = max(1, len(months) // 8)
    marks = {i: {"label": months[i], "style": {"fontSize": ".7rem"}} for i in range(0, len(months), step)}
    return html.Div(lang="ar", dir="rtl", className="ng-explorer", children=[
        # The explorer's own view of the address bar, so its callback's inputs all live on this page.
        dcc.Location(id="explorer-url", refresh=False),
        dcc.Store(id="view", data=view),
        dcc.Store(id="snapshot"),
        dcc.Store(id="selected"),
        dcc.Store(id="selected-echo"),
        dcc.Store(id="canvas-info"),  # per-node state the element list cannot keep (see draw)
        dcc.Store(id="months", data=months),
        dcc.Download(id="download-image"),
        dcc.Download(id="download-data"),
        html.Div(className="ng-header", children=[
            html.H1("مستكشف شبكة اللقاءات في الأخبار العربية"),
            dcc.Dropdown(id="search", placeholder="ابحث عن شخص أو دولة… (أو بالحروف اللاتينية)",
                         searchable=True, clearable=True, options=[],
                         style={"width": "24rem", "color": "#1d1d1d"}),
            html.Span("", id="node-count", className="ng-muted"),
            html.A("الاستعلامات المحفوظة", href="/queries", id="nav-queries", style={"color": "#cfe3ff"}),
            html.A("التحقيقات", href="/investigations", id="nav-investigations", style={"color": "#cfe3ff"}),
            html.A("التصحيحات", href="/corrections", id="nav-corrections", style={"color": "#cfe3ff"}),
        ]),
        html.Div(className="ng-toolbar", children=[
            html.Div([html.Label("التخطيط"), dcc.Dropdown(
                id="layout-select", value=view["layout"], clearable=False, searchable=False,
                options=[{"label": LAYOUT_TITLES[name], "value": name} for name in LAYOUTS],
                style={"width": "11rem"}), html.Button("أعد الترتيب", id="relayout", n_clicks=0)],
                className="ng-group"),
            html.Div([html.Label("الأسماء"), dcc.RadioItems(
                id="lang", value=view["lang"], inline=True,
                options=[{"label": "عربية", "value": "ar"}, {"label": "Latin", "value": "latin"}])],
                className="ng-group"),
            html.Div([html.Label("العقد"), _checklist(
                "filter-labels", [{"label": LABEL_STYLES[label]["title"], "value": label} for label in NODE_LABELS],
                view["labels"])], className="ng-group"),
            html.Div([html.Label("اللقاءات"), _checklist(
                "filter-types", [{"label": MEETING_TYPE_TITLES[kind], "value": kind} for kind in MEETING_TYPES],
                view["types"])], className="ng-group"),
            html.Div([html.Label("الفترة"), html.Div(dcc.RangeSlider(
                id="filter-dates", min=0, max=max(0, len(months) - 1), step=1, marks=marks,
                value=slider_value(view, months), allowCross=False, updatemode="mouseup",
                allow_direct_input=False),
                style={"width": "22rem"}, dir="ltr"),
                html.Span(date_range_text(view, months), id="filter-dates-text", className="ng-muted")],
                className="ng-group"),
            html.Div([
                _checklist("reveal", [{"label": "أظهر كل الروابط بين العقد المعروضة", "value": "on"}],
                           ["on"] if view["reveal"] else []),
                html.Label("حد العقد"),
                dcc.Input(id="budget", type="number", min=10, max=2000, step=10, value=view["budget"],
                          debounce=True, style={"width": "5rem"}),
            ], className="ng-group"),
            html.Div([
                html.Button("مسار بين المحدَّدتين", id="path-selected", n_clicks=0,
                            title="حدد عقدتين (Shift + نقر) ثم اضغط"),
                html.Button("ألغِ المسار", id="path-clear", n_clicks=0),
                html.Button("أظهر المخفي", id="unhide", n_clicks=0),
                html.Button("ابدأ من جديد", id="reset", n_clicks=0),
            ], className="ng-group"),
            html.Div([html.Label("تصدير"),
                      *[html.Button(kind.upper(), id=f"export-{kind}", n_clicks=0, className="ng-export")
                        for kind in ("png", "jpg", "svg")],
                      *[html.Button(title, id=f"export-{kind}", n_clicks=0, className="ng-export")
                        for kind, (title, _) in EXPORTS.items()]], className="ng-group"),
        ]),
        html.Div(id="canvas-message", className="ng-messages"),
        html.Div(className="ng-main", children=[
            html.Div(className="ng-canvas", children=[
                legend(),
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
            html.Div(className="ng-panel", dir="rtl", children=[
                html.Div(id="node-actions-bar"),
                html.Div(id="details", children=html.P("اختر عقدة لعرض تفاصيلها ومصادرها. النقر على عقدة يوسّعها.",
                                                       className="ng-muted")),
                html.Div(id="correction-message", role="status", className="ng-note"),
                html.Div(id="corrections-panel", className="ng-corrections"),
                html.Div(id="notes-panel", className="ng-notes"),
                investigations_page.save_control(),
            ]),
        ]),
        dcc.Graph(id="timeline", figure=timeline.figure([]), config={"displayModeBar": False},
                  className="ng-timeline"),
    ])


def legend() -> html.Div:
    return html.Div(className="ng-legend", id="legend", children=[
        *[html.Div([html.Span(className="swatch", style={"background": style["color"]}),
                    f"{style['title']} ({label})"]) for label, style in LABEL_STYLES.items()],
        html.Div("الحجم: الروابط الظاهرة (للقاء: التقارير) · إطار مزدوج: جيران لم يُعرضوا", className="ng-muted"),
        html.Div([html.Span(className="swatch", style={"border": f"2px dashed {ANALYST_COLOR}"}),
                  "إطار أو رابط متقطع أخضر: من تصحيح محلل، لا من الاستخراج"], className="ng-muted"),
    ])


VIEW_INPUTS = {
    "search": "value", "graph": "tapNodeData", "layout-select": "value", "relayout": "n_clicks", "lang": "value",
    "filter-labels": "value", "filter-types": "value", "filter-dates": "value", "reveal": "value",
    "budget": "value", "path-selected": "n_clicks", "path-clear": "n_clicks", "unhide": "n_clicks",
    "reset": "n_clicks",
}


CONTROLS = (("layout-select", "value"), ("lang", "value"), ("filter-labels", "value"), ("filter-types", "value"),
            ("filter-dates", "value"), ("reveal", "value"), ("budget", "value"))


def control_values(view: View, months: list[str]) -> tuple[Any, ...]:
    """What each control in CONTROLS shows for a view."""
    return (view["layout"], view["lang"], view["labels"], view["types"], slider_value(view, months),
            ["on"] if view["reveal"] else [], view["budget"])


def action_for(trigger: Any, value: Any, selected: str | None, selected_nodes: list[dict[str, Any]] | None,
               months: list[str]) -> tuple[str, Any] | None:
    """The view action a control's change stands for (None: nothing to do)."""
    if isinstance(trigger, dict) and trigger.get("type") == "node-action":
        return (trigger["action"], selected) if value and selected else None
    match trigger:
        case "search":
            return ("search", value) if value else None
        case "graph":
            return ("expand", value["id"]) if value else None
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
            return "dates", slider_range(value, months)
        case "reveal":
            return "reveal", bool(value)
        case "budget":
            return ("budget", value) if value else None
        case "path-selected":
            return "path", [node["id"] for node in (selected_nodes or [])][:2]
        case "path-clear":
            return "clear_path", None
        case "unhide":
            return "unhide_all", None
        case "reset":
            return "reset", None
    return None


def register(app: Any, driver: Driver, database: str) -> None:
    # The URL is both an input (back/forward, pasted links) and an output (it always shows the current view),
    # and so are the controls (a view from the URL or "start over" must show in them): one callback owns both
    # directions, which is the only way Dash accepts the loop.
    @app.callback(Output("view", "data"), Output("explorer-url", "search"),
                  *[Output(component, prop) for component, prop in CONTROLS],
                  *[Input(component, prop) for component, prop in VIEW_INPUTS.items()],
                  Input({"type": "node-action", "action": ALL}, "n_clicks"),
                  Input("explorer-url", "search"),
                  State("view", "data"), State("selected", "data"), State("graph", "selectedNodeData"),
                  State("months", "data"), State("explorer-url", "pathname"),
                  prevent_initial_call=True)
    def change_view(*args: Any) -> Any:
        raw_view, selected, selected_nodes, months, pathname = args[-5:]
        search = args[len(VIEW_INPUTS) + 1]
        trigger = ctx.triggered_id
        unchanged = (no_update,) * (2 + len(CONTROLS))
        if raw_view is None or (pathname or "/") != "/":
            return unchanged
        view = validated(raw_view)  # the store comes back from the browser: same caps as a URL
        if trigger == "explorer-url":  # compare meanings, not spellings (%3A vs ":", parameter order)
            wanted = {**decode(search), "layout_run": view["layout_run"]}
            if wanted == view:
                return unchanged
            new = {**wanted, "layout_run": view["layout_run"] + 1}
            return new, no_update, *control_values(new, months or [])
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        action = action_for(trigger, value, selected, selected_nodes, months or [])
        new = apply(view, *action) if action is not None else view
        if new == view:
            return unchanged
        controls = control_values(new, months or []) if trigger == "reset" else (no_update,) * len(CONTROLS)
        return new, encode(new), *controls

    @app.callback(Output("filter-dates-text", "children"), Input("view", "data"), State("months", "data"),
                  prevent_initial_call=True)
    def show_date_range(view: View | None, months: list[str] | None) -> Any:
        return date_range_text(view, months or []) if view else no_update

    app.clientside_callback(SNAPSHOT_JS, Output("snapshot", "data"), Input("view", "data"))

    @app.callback(Output("graph", "elements"), Output("graph", "layout"), Output("graph", "stylesheet"),
                  Output("canvas-message", "children"), Output("node-count", "children"),
                  Output("canvas-info", "data"),
                  Input("snapshot", "data"), State("graph", "layout"), prevent_initial_call=True)
    def draw(snapshot: dict[str, Any] | None, current_layout: dict[str, Any] | None) -> Any:
        if not snapshot or not snapshot.get("view"):
            return (no_update,) * 6
        view = validated(snapshot["view"])  # client state: re-checked with the caps a URL has
        at = snapshot.get("at")
        result = rebuild(driver, database, view, node_positions(snapshot.get("positions")), current_layout,
                         step=at if isinstance(at, int) and not isinstance(at, bool) else 0)
        canvas = result["canvas"]
        count = f"{len(canvas.nodes)} عقدة · {len(canvas.links)} رابط"
        # dash-cytoscape writes the element list back from the browser (with positions, without classes),
        # so what the other callbacks need to know about nodes travels separately.
        info = {"expanded": sorted(canvas.expanded), "more": canvas.more, "pinned": view["pin"],
                "meetings": [e["data"] for e in result["elements"] if e["data"].get("label") == "Meeting"],
                "lang": view["lang"]}
        return result["elements"], result["layout"], stylesheet(view["lang"]), result["message"], count, info

    @app.callback(Output("search", "options"), Input("search", "search_value"), State("search", "value"),
                  State("search", "options"), prevent_initial_call=True)
    def suggest(text: str | None, value: str | None, current: list[dict[str, str]] | None) -> Any:
        if not text or len(text.strip()) < 2:
            return no_update
        # The server already matched hamza-less or Latin spellings; "search" carries the typed text so the
        # dropdown's own filter keeps these options visible.
        options = [{"label": f"{hit['name']}" + (f" — {hit['name_en']}" if hit.get("name_en") else "")
                             + f" ({LABEL_STYLES.get(hit['label'], {}).get('title', hit['label'])})"
                             + (f" — من ملاحظة: «{snippet(hit['note'])}»" if hit.get("note") else ""),
                    "value": hit["id"], "search": f"{text} {hit['name']} {hit.get('name_en') or ''}"}
                   for hit in search_entities(driver, database, text)]
        kept = [o for o in (current or []) if o["value"] == value]
        return kept + [o for o in options if o["value"] != value]

    @app.callback(Output("selected", "data"), Input("graph", "tapNodeData"), Input("timeline", "clickData"),
                  prevent_initial_call=True)
    def select(node: dict[str, Any] | None, click: dict[str, Any] | None) -> Any:
        if ctx.triggered_id == "timeline":
            points = (click or {}).get("points") or []
            return points[0].get("customdata") if points else no_update
        return node["id"] if node else no_update

    app.clientside_callback(SELECT_JS, Output("selected-echo", "data"), Input("selected", "data"),
                            prevent_initial_call=True)

    @app.callback(Output("details", "children"), Input("selected", "data"), prevent_initial_call=True)
    def show_details(node_id: str | None) -> Any:
        if not node_id:
            return html.P("اختر عقدة لعرض تفاصيلها.", className="ng-muted")
        found = node_details(driver, database, node_id)
        if found is None:
            return html.P(f"لم يعد العنصر {node_id} موجودا في قاعدة البيانات.")
        return details_panel.render(found)

    @app.callback(Output("node-actions-bar", "children"), Input("selected", "data"), Input("canvas-info", "data"),
                  prevent_initial_call=True)
    def node_actions(node_id: str | None, info: dict[str, Any] | None) -> Any:
        if not node_id or not info:
            return []
        return details_panel.actions(node_id, int(info["more"].get(node_id, 0)), node_id in info["expanded"],
                                     node_id in info["pinned"])

    @app.callback(Output("timeline", "figure"), Input("canvas-info", "data"), Input("selected", "data"),
                  prevent_initial_call=True)
    def draw_timeline(info: dict[str, Any] | None, selected: str | None) -> Any:
        info = info or {}
        return timeline.figure(info.get("meetings", []), selected, info.get("lang", "ar"))

    app.clientside_callback(IMAGE_EXPORT_JS, Output("download-image", "data"),
                            Input("export-png", "n_clicks"), Input("export-jpg", "n_clicks"),
                            Input("export-svg", "n_clicks"), prevent_initial_call=True)

    @app.callback(Output("download-data", "data"), *[Input(f"export-{kind}", "n_clicks") for kind in EXPORTS],
                  State("graph", "elements"), prevent_initial_call=True)
    def export_data(*args: Any) -> Any:
        elements = args[-1] or []
        kind = str(ctx.triggered_id or "").removeprefix("export-")
        if kind not in EXPORTS or not ctx.triggered[0]["value"]:
            return no_update
        stamp = date.today().isoformat()
        writers = {"json": (export.to_json, "json"), "graphml": (export.to_graphml, "graphml"),
                   "nodes-csv": (export.nodes_csv, "nodes.csv"), "edges-csv": (export.edges_csv, "edges.csv")}
        write, suffix = writers[kind]
        return {"content": write(elements), "filename": f"newsgraph-{stamp}.{suffix}", "type": EXPORTS[kind][1],
                "base64": False}
