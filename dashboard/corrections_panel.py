"""The details panel's corrections for the selected node, and its correction history.

Entities: reject, merge with another node of the kind, edit (name, English name, kind, country), split names off
into a new node. Meetings: reject, merge with another report of the same encounter, add or remove a participant.
Every control is always on the panel (the ones that do not apply are hidden), so the one callback that acts on
them always has all its inputs. The outcome shows in `correction-message`, which outlives the panel (a rejected
node's panel goes with it). The work is loader.corrections, the only write path besides the loader; the
signed-in user's name goes into the record.
"""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard.auth import current_user
from dashboard.bidi import isolate, isolated
from dashboard.i18n import DEFAULT_LANGUAGE, N_, language
from dashboard.queries import ID_PREFIX_LABELS, search_entities
from dashboard.style import label_title, meeting_type_title
from dashboard.view import View, validated
from loader.corrections import (
    RETYPABLE,
    Correction,
    CorrectionError,
    edit,
    log,
    merge,
    participant,
    reject,
    split,
    undo,
)

KIND_NAMES = {"merge": N_("Merge"), "reject": N_("Rejection"), "edit": N_("Edit"), "split": N_("Split"),
              "add_participant": N_("Participant added"), "remove_participant": N_("Participant removed")}


def kind_title(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A correction's kind in the interface language ("merge" → "Merge" / «دمج»)."""
    return language(lang).t(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


KIND_TITLES = {kind: kind_title(kind) for kind in KIND_NAMES}  # Arabic, for callers that predate the language
ENTITY_KINDS = ("Person", "Country", "Organization", "Place")
PARTY_KINDS = ("Person", "Country", "Organization")

NODE = """
MATCH (n) WHERE n.id = $id AND (n:Person OR n:Country OR n:Organization OR n:Place OR n:Meeting)
RETURN properties(n) AS props,
       COLLECT { MATCH (e)-[r:PARTICIPATED_IN]->(n) RETURN {id: e.id, name: e.name, by: r.added_by} } AS parties
"""
# Other reports that may be the same encounter: meetings sharing a party, nearest in time first.
NEIGHBOUR_MEETINGS = """
MATCH (m:Meeting {id: $id})<-[:PARTICIPATED_IN]-(e)-[:PARTICIPATED_IN]->(o:Meeting) WHERE o <> m
WITH DISTINCT m, o
RETURN o.id AS id, o.title AS title, o.type AS type, toString(o.date) AS date
ORDER BY CASE WHEN m.date IS NULL OR o.date IS NULL THEN 100000
              ELSE abs(duration.inDays(m.date, o.date).days) END, o.id
LIMIT 30
"""


def _label(node_id: str) -> str | None:
    return ID_PREFIX_LABELS.get(node_id.split(":", 1)[0])


def history(corrections: list[Correction], node_id: str, lang: str = DEFAULT_LANGUAGE) -> html.Div:
    ui = language(lang)
    mine = [c for c in corrections if node_id in c.targets or node_id in c.result]
    if not mine:
        return html.Div(ui.t("No corrections on this node."), className="ng-muted", id="correction-history")
    return html.Div(id="correction-history", children=[html.Ul([html.Li([
        kind_title(c.kind, lang), " · ", html.Bdi(c.user), " · ", c.at[:16].replace("T", " "),
        *([" · ", html.Bdi(c.note)] if c.note else []),
        " · " + ui.t("undone") if c.undone else html.Button(ui.t("Undo"), id={"type": "correction-undo", "id": c.id},
                                                              n_clicks=0, className="ng-undo"),
    ], **{"data-correction": c.id}) for c in mine])])


def _section(title: str, children: list[Any], shown: bool, section_id: str) -> html.Details:
    return html.Details([html.Summary(title), *children], id=section_id, className="ng-correct-section",
                        style={} if shown else {"display": "none"})


def panel(node_id: str, corrections: list[Correction], node: dict[str, Any] | None = None,
          meetings: list[dict[str, Any]] | None = None, lang: str = DEFAULT_LANGUAGE) -> list[Any]:
    """The corrections block of the details panel for `node_id`, in the interface language `lang` ("ar", "en")."""
    ui = language(lang)
    label = _label(node_id)
    props = (node or {}).get("props") or {}
    parties = (node or {}).get("parties") or []
    is_entity, is_meeting = label in ENTITY_KINDS, label == "Meeting"
    names = list(dict.fromkeys(n for n in [props.get("name"), *(props.get("aliases") or [])] if n))
    undated = ui.t("undated")
    children: list[Any] = [
        html.H3(ui.t("Correct"), style={"fontSize": "1rem"}), history(corrections, node_id, lang),
        dcc.Input(id="correct-note", placeholder=ui.t("Reason for the correction (saved with it)"), debounce=False,
                  style={"width": "100%"}),
        html.Div(className="ng-actions", children=[html.Button(ui.t("Reject as an extraction error"),
                                                               id="correct-reject", n_clicks=0)]),
        _section(ui.t("Merge with another node of the same kind"), [
            dcc.Dropdown(id="correct-merge-target", options=[], placeholder=ui.t("Merge with… (search the name)"),
                         searchable=True, clearable=True),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Merge into it"), id="correct-merge",
                                                                   n_clicks=0)]),
        ], is_entity, "correct-merge-section"),
        _section(ui.t("Edit the name, kind or country"), [
            # The names keep their own direction whatever the interface's.
            dcc.Input(id="correct-name", value=props.get("name") or "", placeholder=ui.t("Arabic name"),
                      style={"width": "100%", "direction": "rtl"}),
            dcc.Input(id="correct-name-en", value=props.get("name_en") or "", placeholder=ui.t("English name"),
                      style={"width": "100%", "direction": "ltr"}),
            dcc.Dropdown(id="correct-kind", value=label, clearable=False, searchable=False,
                         disabled=label not in RETYPABLE,
                         options=[{"label": label_title(k, lang), "value": k} for k in RETYPABLE]
                         + ([] if label in RETYPABLE or not label else [{"label": label_title(label, lang),
                                                                          "value": label}])),
            dcc.Input(id="correct-country", value=props.get("country") or "",
                      placeholder=ui.t("Country code (e.g. RU)"), style={"width": "8rem", "direction": "ltr"},
                      disabled=label == "Country"),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Save the edit"), id="correct-edit",
                                                                   n_clicks=0)]),
        ], is_entity, "correct-edit-section"),
        _section(ui.t("Split names off into a new node"), [
            dcc.Checklist(id="correct-split-names", options=[{"label": n, "value": n} for n in names], value=[],
                          inputStyle={"marginInlineEnd": ".3rem"}),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Split the chosen names off"),
                                                                   id="correct-split", n_clicks=0)]),
        ], label in RETYPABLE, "correct-split-section"),
        _section(ui.t("Merge with another meeting (the same report)"), [
            dcc.Dropdown(id="correct-merge-meeting", placeholder=ui.t("Choose the meeting…"), clearable=True, options=[
                {"label": f"{meeting_type_title(m['type'], lang)}: {isolate(m['title'])} · " + (m["date"] or undated),
                 "value": m["id"]} for m in meetings or []]),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Merge into it"),
                                                                   id="correct-merge-meeting-go", n_clicks=0)]),
        ], is_meeting, "correct-merge-meeting-section"),
        _section(ui.t("Participants"), [
            html.Ul([html.Li([html.Bdi(p["name"]), *([" — ", *isolated(ui.t("added by {user}"), user=p["by"])]
                                                     if p.get("by") else [])]) for p in parties]),
            dcc.Dropdown(id="correct-add-party", options=[], placeholder=ui.t("Add a participant… (search the name)"),
                         searchable=True, clearable=True),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Add"), id="correct-add-party-go",
                                                                   n_clicks=0)]),
            dcc.Dropdown(id="correct-remove-party", placeholder=ui.t("Remove a participant…"), clearable=True,
                         options=[{"label": p["name"], "value": p["id"]} for p in parties]),
            html.Div(className="ng-actions", children=[html.Button(ui.t("Remove"), id="correct-remove-party-go",
                                                                   n_clicks=0)]),
        ], is_meeting, "correct-parties-section"),
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


def _redrawn(view: View) -> View:
    return {**view, "layout_run": view["layout_run"] + 1}


def _search_options(driver: Driver, database: str, text: str | None, labels: tuple[str, ...],
                    exclude: str | None) -> Any:
    if not text or len(text.strip()) < 2:
        return no_update
    # Option labels are plain text: the Latin parts are set apart with Unicode's isolates instead of <bdi>.
    return [{"label": hit["name"] + (f" — {isolate(hit['name_en'])}" if hit.get("name_en") else "")
             + f" ({isolate(hit['id'])})",
             "value": hit["id"], "search": f"{text} {hit['name']} {hit.get('name_en') or ''}"}
            for hit in search_entities(driver, database, text, limit=20)
            if hit["label"] in labels and hit["id"] != exclude]


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("corrections-panel", "children"), Input("selected", "data"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def show(node_id: str | None, code: str | None) -> Any:
        if not node_id or _label(node_id) is None:
            return []
        records, _, _ = driver.execute_query(NODE, id=node_id, database_=database, routing_="r")
        node = records[0].data() if records else None
        meetings = None
        if _label(node_id) == "Meeting":
            meetings = [r.data() for r in driver.execute_query(NEIGHBOUR_MEETINGS, id=node_id, database_=database,
                                                               routing_="r").records]
        return panel(node_id, log(driver, database), node, meetings, language(code).code)

    @app.callback(Output("correct-merge-target", "options"), Input("correct-merge-target", "search_value"),
                  State("selected", "data"), prevent_initial_call=True)
    def merge_options(text: str | None, node_id: str | None) -> Any:
        if not node_id:
            return no_update
        return _search_options(driver, database, text, (_label(node_id) or "",), node_id)

    @app.callback(Output("correct-add-party", "options"), Input("correct-add-party", "search_value"),
                  State("selected", "data"), prevent_initial_call=True)
    def party_options(text: str | None, node_id: str | None) -> Any:
        return _search_options(driver, database, text, PARTY_KINDS, node_id)

    @app.callback(Output("correction-message", "children"), Output("view", "data", allow_duplicate=True),
                  Output("selected", "data", allow_duplicate=True),
                  Input("correct-reject", "n_clicks"), Input("correct-merge", "n_clicks"),
                  Input("correct-edit", "n_clicks"), Input("correct-split", "n_clicks"),
                  Input("correct-merge-meeting-go", "n_clicks"), Input("correct-add-party-go", "n_clicks"),
                  Input("correct-remove-party-go", "n_clicks"),
                  Input({"type": "correction-undo", "id": ALL}, "n_clicks"),
                  State("selected", "data"), State("correct-note", "value"), State("correct-merge-target", "value"),
                  State("correct-name", "value"), State("correct-name-en", "value"), State("correct-kind", "value"),
                  State("correct-country", "value"), State("correct-split-names", "value"),
                  State("correct-merge-meeting", "value"), State("correct-add-party", "value"),
                  State("correct-remove-party", "value"), State("view", "data"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def correct(*args: Any) -> Any:
        (node_id, note, target, name, name_en, kind, country, split_names, other_meeting, new_party, old_party,
         raw_view, code) = args[-13:]
        ui = language(code)
        trigger = ctx.triggered_id
        clicked = ctx.triggered[0]["value"] if ctx.triggered else None
        if not node_id or not clicked:
            return no_update, no_update, no_update
        view = validated(raw_view)
        user = current_user() or "dashboard"
        note = note or ""
        try:
            if trigger == "correct-reject":
                correction = reject(driver, database, node_id, note=note, user=user)
                return (isolated(ui.t("The node was rejected ({id})."), id=correction.id),
                        _without(view, node_id, None), None)
            if trigger in ("correct-merge", "correct-merge-meeting-go"):
                into = target if trigger == "correct-merge" else other_meeting
                if not into:
                    return ui.t("Choose the node to merge this one into."), no_update, no_update
                correction = merge(driver, database, [into, node_id], keep=into, note=note, user=user)
                return (isolated(ui.t("Merged into {node} ({id})."), node=into, id=correction.id),
                        _without(view, node_id, into), into)
            if trigger == "correct-edit":
                correction = edit(driver, database, node_id, _changes(driver, database, node_id, name, name_en,
                                                                       kind, country), note=note, user=user)
                new_id = correction.result[0]
                return (isolated(ui.t("The node was edited ({id})."), id=correction.id),
                        _without(view, node_id, new_id) if new_id != node_id else _redrawn(view), new_id)
            if trigger == "correct-split":
                if not split_names:
                    return ui.t("Choose the names that go to the new node."), no_update, no_update
                correction = split(driver, database, node_id, aliases=split_names, note=note, user=user)
                new_id = correction.changes["id"]
                grown = {**view, "ids": list(dict.fromkeys([*view["ids"], new_id]))}
                return (isolated(ui.t("A new node {node} was split off ({id})."), node=new_id, id=correction.id),
                        _redrawn(grown), node_id)
            if trigger in ("correct-add-party-go", "correct-remove-party-go"):
                adding = trigger == "correct-add-party-go"
                entity = new_party if adding else old_party
                if not entity:
                    return ui.t("Choose the participant."), no_update, no_update
                correction = participant(driver, database, "add" if adding else "remove", node_id, entity,
                                         note=note, user=user)
                done = (ui.t("The participant was added ({id}).") if adding
                        else ui.t("The participant was removed ({id})."))
                return isolated(done, id=correction.id), _redrawn(view), node_id
            if isinstance(trigger, dict) and trigger.get("type") == "correction-undo":
                correction = undo(driver, database, trigger["id"], user=user)
                back = correction.keep or (correction.targets[0] if correction.kind in ("edit", "split")
                                           else node_id)
                return isolated(ui.t("Correction {id} undone."), id=correction.id), _redrawn(view), back
        except CorrectionError as exc:
            return html.Bdi(ui.error(exc)), no_update, no_update
        return no_update, no_update, no_update


def _changes(driver: Driver, database: str, node_id: str, name: str | None, name_en: str | None, kind: str | None,
             country: str | None) -> dict[str, str]:
    """The fields the analyst changed (the form shows the current values; unchanged ones are not an edit)."""
    records, _, _ = driver.execute_query(NODE, id=node_id, database_=database, routing_="r")
    props = records[0]["props"] if records else {}
    wanted = {"name": name, "name_en": name_en, "country": (country or "").upper() or None,
              "type": kind if kind != _label(node_id) else None}
    return {key: value.strip() for key, value in wanted.items()
            if value and value.strip() and value.strip() != (props.get(key) or "")}
