"""The details panel's corrections: reject the selected node as an extraction error, merge it with another node
of its kind, and see its correction history (its outcome shows in `correction-message`, which outlives the
panel: a rejected node's panel goes with it). The work is loader.corrections (the only write path besides the
loader); the signed-in user's name goes into the record."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard.auth import current_user
from dashboard.queries import ID_PREFIX_LABELS, search_entities
from dashboard.view import View, validated
from loader.corrections import Correction, CorrectionError, log, merge, reject, undo

KIND_TITLES = {"merge": "دمج", "reject": "رفض", "edit": "تعديل"}


def _label(node_id: str) -> str | None:
    return ID_PREFIX_LABELS.get(node_id.split(":", 1)[0])


def history(corrections: list[Correction], node_id: str) -> html.Div:
    mine = [c for c in corrections if node_id in c.targets]
    if not mine:
        return html.Div("لا تصحيحات على هذه العقدة.", className="ng-muted", id="correction-history")
    return html.Div(id="correction-history", children=[html.Ul([html.Li([
        f"{KIND_TITLES.get(c.kind, c.kind)} · {c.user} · {c.at[:16].replace('T', ' ')}",
        f" · {c.note}" if c.note else "",
        " · أُلغي" if c.undone else html.Button("تراجع", id={"type": "correction-undo", "id": c.id}, n_clicks=0,
                                                 className="ng-undo"),
    ], **{"data-correction": c.id}) for c in mine])])


def panel(node_id: str, corrections: list[Correction]) -> list[Any]:
    label = _label(node_id)
    children: list[Any] = [html.H3("تصحيح", style={"fontSize": "1rem"}), history(corrections, node_id),
                           dcc.Input(id="correct-note", placeholder="سبب التصحيح (يحفظ معه)", debounce=False,
                                     style={"width": "100%"}),
                           html.Div(className="ng-actions", children=[
                               html.Button("ارفض كخطأ استخراج", id="correct-reject", n_clicks=0)])]
    if label in ("Person", "Country", "Organization", "Place"):
        children += [
            dcc.Dropdown(id="correct-merge-target", options=[], placeholder="ادمج مع… (ابحث عن الاسم)",
                         searchable=True, clearable=True),
            html.Div(className="ng-actions", children=[html.Button("ادمج فيها", id="correct-merge", n_clicks=0)]),
        ]
    return [html.Div(children, **{"data-node": node_id})]  # the node it belongs to (the page may lag a click)


def _without(view: View, gone: str, instead: str | None) -> View:
    """The view once `gone` is no longer a node: its place taken by `instead` (a merge) or left empty."""
    new = {**view, "expand": dict(view["expand"])}
    for key in ("focus", "ids", "hide", "pin", "path"):
        items = [instead if item == gone else item for item in view[key]]
        new[key] = list(dict.fromkeys(item for item in items if item))
    pages = new["expand"].pop(gone, None)
    if instead and pages is not None:
        new["expand"][instead] = max(pages, new["expand"].get(instead, 0))
    new["layout_run"] = view["layout_run"] + 1  # redraw what is left
    return new


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("corrections-panel", "children"), Input("selected", "data"), prevent_initial_call=True)
    def show(node_id: str | None) -> Any:
        if not node_id or _label(node_id) is None:
            return []
        return panel(node_id, log(driver, database))

    @app.callback(Output("correct-merge-target", "options"), Input("correct-merge-target", "search_value"),
                  State("selected", "data"), prevent_initial_call=True)
    def merge_options(text: str | None, node_id: str | None) -> Any:
        if not text or len(text.strip()) < 2 or not node_id:
            return no_update
        label = _label(node_id)
        return [{"label": hit["name"] + (f" — {hit['name_en']}" if hit.get("name_en") else "") + f" ({hit['id']})",
                 "value": hit["id"], "search": f"{text} {hit['name']} {hit.get('name_en') or ''}"}
                for hit in search_entities(driver, database, text, limit=20)
                if hit["label"] == label and hit["id"] != node_id]

    @app.callback(Output("correction-message", "children"), Output("view", "data", allow_duplicate=True),
                  Output("selected", "data", allow_duplicate=True),
                  Input("correct-reject", "n_clicks"), Input("correct-merge", "n_clicks"),
                  Input({"type": "correction-undo", "id": ALL}, "n_clicks"),
                  State("selected", "data"), State("correct-note", "value"), State("correct-merge-target", "value"),
                  State("view", "data"), prevent_initial_call=True)
    def correct(_reject: int, _merge: int, _undo: list[int], node_id: str | None, note: str | None,
                target: str | None, raw_view: Any) -> Any:
        trigger = ctx.triggered_id
        clicked = ctx.triggered[0]["value"] if ctx.triggered else None
        if not node_id or not clicked:
            return no_update, no_update, no_update
        view = validated(raw_view)
        user = current_user() or "dashboard"
        try:
            if trigger == "correct-reject":
                correction = reject(driver, database, node_id, note=note or "", user=user)
                return f"رُفضت العقدة ({correction.id}).", _without(view, node_id, None), None
            if trigger == "correct-merge":
                if not target:
                    return "اختر العقدة التي تدمج فيها هذه العقدة.", no_update, no_update
                correction = merge(driver, database, [target, node_id], keep=target, note=note or "", user=user)
                return (f"دُمجت في {target} ({correction.id}).", _without(view, node_id, target), target)
            if isinstance(trigger, dict) and trigger.get("type") == "correction-undo":
                correction = undo(driver, database, trigger["id"], user=user)
                return (f"أُلغي التصحيح {correction.id}.",
                        {**view, "layout_run": view["layout_run"] + 1}, correction.keep or node_id)
        except CorrectionError as exc:
            return str(exc), no_update, no_update
        return no_update, no_update, no_update
