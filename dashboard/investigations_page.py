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
from dashboard.bundle import bundle
from dashboard.view import encode, validated
from newsgraph import investigations
from newsgraph.investigations import Investigation, InvestigationError


def user() -> str:
    return current_user() or "dashboard"


def save_control() -> html.Details:
    """The explorer's save block: folded away in the details column until the analyst wants it."""
    return html.Details(id="investigation-save-block", className="ng-investigation-save", children=[
        html.Summary("احفظ كتحقيق"),
        dcc.Input(id="investigation-title", placeholder="عنوان التحقيق", maxLength=investigations.MAX_TITLE_CHARS,
                  style={"width": "100%"}),
        dcc.Textarea(id="investigation-notes", placeholder="ملاحظات التحقيق (نص عادي)",
                     maxLength=investigations.MAX_NOTES_CHARS, style={"width": "100%", "minHeight": "4rem"}),
        html.Div(className="ng-actions", children=[html.Button("احفظ", id="investigation-save", n_clicks=0),
                                                   html.A("كل التحقيقات", href="/investigations")]),
        html.Div(id="investigation-message", role="status"),
    ])


def rows(found: list[Investigation], me: str) -> html.Div:
    if not found:
        return html.Div(html.P("لا تحقيقات محفوظة بعد. احفظ عرضا من المستكشف بزر «احفظ كتحقيق».",
                               className="ng-muted"), id="investigations-list")
    header = html.Tr([html.Th(name) for name in ("العنوان", "المحلل", "الحفظ", "آخر تعديل", "الملاحظات", "")])
    return html.Div(id="investigations-list", children=html.Table(className="ng-props", children=[
        html.Thead(header),
        html.Tbody([html.Tr(**{"data-investigation": item.id}, children=[
            html.Td(html.A(item.title, href=item.url, className="ng-investigation-link")),
            html.Td(item.user),
            html.Td(item.at[:16].replace("T", " ")),
            html.Td(item.updated[:16].replace("T", " ")),
            html.Td(item.notes, style={"whiteSpace": "pre-wrap", "maxWidth": "28rem"}),
            html.Td([html.A("الحزمة (zip)", href=f"{item.url}/bundle.zip", className="ng-bundle-link"),
                     *([" · ", html.Button("احذف", id={"type": "investigation-delete", "id": item.id}, n_clicks=0)]
                       if item.user == me else [])]),
        ]) for item in found]),
    ]))


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    return html.Div(lang="ar", dir="rtl", children=[
        html.Div(className="ng-header", children=[
            html.H1("التحقيقات المحفوظة"),
            html.A("المستكشف", href="/", style={"color": "#cfe3ff"}),
            html.A("الاستعلامات المحفوظة", href="/queries", style={"color": "#cfe3ff"}),
        ]),
        html.Div(className="ng-article", children=[
            html.P("كل تحقيق عرضٌ محفوظ من المستكشف مع عنوانه وملاحظاته. رابطه القصير يفتح العرض نفسه، "
                   "وحزمته ملف zip فيه البيانات وصورة الشبكة.", className="ng-muted"),
            html.Div(id="investigation-page-message", role="status"),
            rows(investigations.list_all(driver, database), user()),
        ]),
    ])


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("investigation-message", "children"), Input("investigation-save", "n_clicks"),
                  State("investigation-title", "value"), State("investigation-notes", "value"),
                  State("view", "data"), prevent_initial_call=True)
    def save(clicks: int, title: str | None, notes: str | None, raw_view: Any) -> Any:
        if not clicks:
            return no_update
        try:
            saved = investigations.save(driver, database, title or "", encode(validated(raw_view)), notes or "",
                                        user())
        except InvestigationError as exc:
            return html.Span(str(exc), className="ng-warning")
        return html.Span(["حُفظ التحقيق: ", html.A(flask.request.host_url.rstrip("/") + saved.url, href=saved.url,
                                                   id="investigation-link", **{"data-token": saved.id})])

    @app.callback(Output("investigations-list", "children"), Output("investigation-page-message", "children"),
                  Input({"type": "investigation-delete", "id": ALL}, "n_clicks"), prevent_initial_call=True)
    def remove(_clicks: list[int]) -> Any:
        if not ctx.triggered or not ctx.triggered[0]["value"] or not isinstance(ctx.triggered_id, dict):
            return no_update, no_update
        try:
            investigations.delete(driver, database, ctx.triggered_id["id"], user())
        except InvestigationError as exc:
            return no_update, html.Span(str(exc), className="ng-warning")
        return rows(investigations.list_all(driver, database), user()).children, "حُذف التحقيق."

    def found_or_404(token: str) -> Investigation:
        item = investigations.get(driver, database, token) if investigations.is_token(token) else None
        if item is None:
            flask.abort(404)
        return item

    def open_view(token: str) -> flask.Response:
        return flask.redirect(found_or_404(token).explorer_url, code=302)

    def download(token: str) -> flask.Response:
        item = found_or_404(token)
        data = bundle(driver, database, item, flask.request.host_url)
        return flask.Response(data, mimetype="application/zip", headers={
            "Content-Disposition": f'attachment; filename="investigation-{item.id}.zip"'})

    app.server.add_url_rule("/i/<token>", "investigation_short_url", open_view)
    app.server.add_url_rule("/i/<token>/bundle.zip", "investigation_bundle", download)
