"""Saved investigations in the dashboard: the explorer's «احفظ كتحقيق» block, the /investigations page that lists
them, the short URL /i/<token> (a redirect to the saved view) and /i/<token>/bundle.zip (dashboard.bundle).

The short URLs are Flask routes on the Dash server, so dash-auth's sign-in (a before_request hook on that same
server) guards them as it guards every page and callback.
"""

from __future__ import annotations

from typing import Any

import flask
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard.auth import current_user
from dashboard.bidi import isolated_error
from dashboard.bundle import bundle
from dashboard.i18n import DEFAULT_LANGUAGE, Language, language, language_of, with_language
from dashboard.page_header import header, href
from dashboard.view import encode, validated
from newsgraph import investigations
from newsgraph.investigations import Investigation, InvestigationError


def in_language(url: str, code: str) -> str:
    """A short or explorer URL that opens in language `code`: the saved view's query is kept byte for byte, and
    Arabic, the default, adds nothing."""
    if code == DEFAULT_LANGUAGE:
        return url
    return url + ("&" if "?" in url else "?") + with_language(None, code).lstrip("?")


def user() -> str:
    return current_user() or "dashboard"


def save_control(lang: str = DEFAULT_LANGUAGE) -> html.Details:
    """The explorer's save block: folded away in the details column until the analyst wants it."""
    ui = language(lang)
    return html.Details(id="investigation-save-block", className="ng-investigation-save", children=[
        html.Summary(ui.t("Save as an investigation")),
        dcc.Input(id="investigation-title", placeholder=ui.t("Investigation title"),
                  maxLength=investigations.MAX_TITLE_CHARS, style={"width": "100%"}),
        dcc.Textarea(id="investigation-notes", placeholder=ui.t("Investigation notes (plain text)"),
                     maxLength=investigations.MAX_NOTES_CHARS, style={"width": "100%", "minHeight": "4rem"}),
        html.Div(className="ng-actions", children=[html.Button(ui.t("Save"), id="investigation-save", n_clicks=0),
                                                   html.A(ui.t("All investigations"),
                                                          href=href("/investigations", ui))]),
        html.Div(id="investigation-message", role="status"),
    ])


def rows(found: list[Investigation], me: str, lang: Language | None = None) -> html.Div:
    lang = lang or language(None)
    if not found:
        return html.Div(html.P(lang.t("No saved investigations yet. Save a view from the explorer with “Save as an "
                                      "investigation”."), className="ng-muted"), id="investigations-list")
    headings = html.Tr([html.Th(name) for name in (lang.t("Title"), lang.t("Analyst"), lang.t("Saved"),
                                                    lang.t("Last changed"), lang.t("Notes"), "")])
    return html.Div(id="investigations-list", children=html.Table(className="ng-props", children=[
        html.Thead(headings),
        html.Tbody([html.Tr(**{"data-investigation": item.id}, children=[
            # Titles and notes are the analysts' own words, in either language: each keeps its direction.
            html.Td(html.A(html.Bdi(item.title), href=in_language(item.url, lang.code),
                           className="ng-investigation-link")),
            html.Td(html.Bdi(item.user)),
            html.Td(item.at[:16].replace("T", " ")),
            html.Td(item.updated[:16].replace("T", " ")),
            html.Td(item.notes, dir="auto", style={"whiteSpace": "pre-wrap", "maxWidth": "28rem"}),
            html.Td([html.A(lang.t("Bundle (zip)"), href=f"{item.url}/bundle.zip", className="ng-bundle-link"),
                     *([" · ", html.Button(lang.t("Delete"), id={"type": "investigation-delete", "id": item.id},
                                           n_clicks=0)] if item.user == me else [])]),
        ]) for item in found]),
    ]))


PATH = "/investigations"


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    lang = language_of(search)
    return html.Div(lang=lang.code, dir=lang.dir, children=[
        header(lang.t("Saved investigations"), PATH, search, lang),
        html.Div(className="ng-article", children=[
            html.P(lang.t("Each investigation is a view saved from the explorer with its title and notes. Its short "
                          "link opens the same view, and its bundle is a zip file with the data and a picture of the "
                          "network."), className="ng-muted"),
            html.Div(id="investigation-page-message", role="status"),
            rows(investigations.list_all(driver, database), user(), lang),
        ]),
    ])


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("investigation-message", "children"), Input("investigation-save", "n_clicks"),
                  State("investigation-title", "value"), State("investigation-notes", "value"),
                  State("view", "data"), State("ui-lang", "data"), prevent_initial_call=True)
    def save(clicks: int, title: str | None, notes: str | None, raw_view: Any, code: str | None) -> Any:
        if not clicks:
            return no_update
        lang = language(code)
        try:
            saved = investigations.save(driver, database, title or "", encode(validated(raw_view)), notes or "",
                                        user())
        except InvestigationError as exc:
            return html.Span(isolated_error(lang, exc), className="ng-warning")
        return html.Span([lang.t("Investigation saved:"), " ",
                          html.A(flask.request.host_url.rstrip("/") + in_language(saved.url, lang.code),
                                 href=in_language(saved.url, lang.code), dir="ltr",
                                 id="investigation-link", **{"data-token": saved.id})])

    @app.callback(Output("investigations-list", "children"), Output("investigation-page-message", "children"),
                  Input({"type": "investigation-delete", "id": ALL}, "n_clicks"), State("ui-lang", "data"),
                  prevent_initial_call=True)
    def remove(_clicks: list[int], code: str | None) -> Any:
        if not ctx.triggered or not ctx.triggered[0]["value"] or not isinstance(ctx.triggered_id, dict):
            return no_update, no_update
        lang = language(code)
        try:
            investigations.delete(driver, database, ctx.triggered_id["id"], user())
        except InvestigationError as exc:
            return no_update, html.Span(isolated_error(lang, exc), className="ng-warning")
        return (rows(investigations.list_all(driver, database), user(), lang).children,
                lang.t("The investigation was deleted."))

    def found_or_404(token: str) -> Investigation:
        item = investigations.get(driver, database, token) if investigations.is_token(token) else None
        if item is None:
            flask.abort(404)
        return item

    def open_view(token: str) -> flask.Response:
        lang = language_of(flask.request.query_string.decode("utf-8", "replace"))
        return flask.redirect(in_language(found_or_404(token).explorer_url, lang.code), code=302)

    def download(token: str) -> flask.Response:
        item = found_or_404(token)
        data = bundle(driver, database, item, flask.request.host_url)
        return flask.Response(data, mimetype="application/zip", headers={
            "Content-Disposition": f'attachment; filename="investigation-{item.id}.zip"'})

    app.server.add_url_rule("/i/<token>", "investigation_short_url", open_view)
    app.server.add_url_rule("/i/<token>/bundle.zip", "investigation_bundle", download)
