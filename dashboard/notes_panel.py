"""The details panel's notes («ملاحظات»): the selected node's analyst notes, newest first, a box to add one and a
delete button on the signed-in analyst's own notes. The work is newsgraph.notes; the user's name goes into every
note (dashboard.auth.current_user(), "dashboard" when sign-in is off)."""

from __future__ import annotations

from typing import Any

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard.auth import current_user
from dashboard.bidi import isolated_error
from dashboard.i18n import DEFAULT_LANGUAGE, language
from dashboard.queries import ID_PREFIX_LABELS
from newsgraph.notes import MAX_NOTE_CHARS, Note, NoteError, add_note, delete_note, notes_about


def user() -> str:
    return current_user() or "dashboard"


def note_list(notes: list[Note], me: str, lang: str = DEFAULT_LANGUAGE) -> list[Any]:
    ui = language(lang)
    if not notes:
        return [html.P(ui.t("No notes on this node."), className="ng-muted")]
    return [html.Ul(className="ng-note-list", children=[html.Li([
        # A note keeps its own direction (an Arabic note in the English interface, and the other way round).
        html.Div(note.text, className="ng-note-text", dir="auto", style={"whiteSpace": "pre-wrap"}),
        html.Div([html.Bdi(note.user), f" · {note.at[:16].replace('T', ' ')} UTC",
                  *([" · ", html.Button(ui.t("Delete"), id={"type": "note-delete", "id": note.id}, n_clicks=0,
                                        className="ng-note-delete")] if note.user == me else [])],
                 className="ng-muted"),
    ], **{"data-note": note.id}) for note in notes])]


def notes_title(count: int, lang: str = DEFAULT_LANGUAGE) -> str:
    return language(lang).t("Notes ({count})", count=count)


def panel(node_id: str, notes: list[Note], me: str, lang: str = DEFAULT_LANGUAGE) -> list[Any]:
    """The notes block of the details panel for `node_id`, in the interface language `lang` ("ar", "en")."""
    ui = language(lang)
    return [html.Div(**{"data-node": node_id}, children=[  # the node it belongs to (the page may lag a click)
        html.H3(notes_title(len(notes), lang), style={"fontSize": "1rem"}, id="notes-title"),
        html.Div(note_list(notes, me, lang), id="notes-list"),
        dcc.Textarea(id="note-text", placeholder=ui.t("An analyst's note (plain text, shown here and found by "
                                                      "the search)"),
                     maxLength=MAX_NOTE_CHARS, dir="auto", style={"width": "100%", "minHeight": "4rem"}),
        html.Div(className="ng-actions", children=[html.Button(ui.t("Add a note"), id="note-add", n_clicks=0)]),
        html.Div(id="note-message", role="status"),
    ])]


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("notes-panel", "children"), Input("selected", "data"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def show(node_id: str | None, code: str | None) -> Any:
        if not node_id or ID_PREFIX_LABELS.get(node_id.partition(":")[0]) is None:
            return []
        return panel(node_id, notes_about(driver, database, node_id), user(), language(code).code)

    @app.callback(Output("notes-list", "children"), Output("notes-title", "children"),
                  Output("note-message", "children"), Output("note-text", "value"),
                  Input("note-add", "n_clicks"), Input({"type": "note-delete", "id": ALL}, "n_clicks"),
                  State("selected", "data"), State("note-text", "value"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def change(_add: int, _delete: list[int], node_id: str | None, text: str | None, code: str | None) -> Any:
        clicked = ctx.triggered[0]["value"] if ctx.triggered else None
        if not node_id or not clicked:  # a button (re)drawn with n_clicks 0 is no click
            return (no_update,) * 4
        lang = language(code)
        me, keep_text = user(), no_update
        try:
            if ctx.triggered_id == "note-add":
                add_note(driver, database, node_id, text or "", me)
                message, keep_text = lang.t("The note was added."), ""
            elif isinstance(ctx.triggered_id, dict) and ctx.triggered_id.get("type") == "note-delete":
                delete_note(driver, database, ctx.triggered_id["id"], me)
                message = lang.t("The note was deleted.")
            else:
                return (no_update,) * 4
        except NoteError as exc:
            return no_update, no_update, html.Span(isolated_error(lang, exc), className="ng-warning"), no_update
        notes = notes_about(driver, database, node_id)
        return note_list(notes, me, lang.code), notes_title(len(notes), lang.code), message, keep_text
