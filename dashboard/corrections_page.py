"""The corrections page (/corrections): every analyst correction, newest first, with who, when, why and an undo
button; and the nodes analysts rejected — hidden everywhere else, shown here on request with the articles that
named them, so a rejection can be checked and taken back."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from neo4j import Driver

from dashboard.auth import current_user
from dashboard.bidi import isolated
from dashboard.corrections_panel import kind_title
from dashboard.i18n import Language, language, language_of
from dashboard.page_header import header, href
from dashboard.queries import _read
from loader.corrections import REJECTED, Correction, CorrectionError, log, undo

PATH = "/corrections"

# Names for the ids a correction names (rejected nodes included: their label changed, not their name).
NAMES = """
UNWIND $ids AS id
MATCH (n {id: id}) WHERE NOT n:Correction AND NOT n:Note AND NOT n:Article
RETURN n.id AS id, coalesce(n.name, n.title, n.id) AS name
"""
REJECTED_NODES = "\nUNION\n".join(
    f"""MATCH (n:{rejected})
RETURN n.id AS id, '{label}' AS label, coalesce(n.name, n.title, n.id) AS name,
       COLLECT {{ MATCH (n)-[:MENTIONED_IN|REPORTED_IN]->(a:Article) RETURN a.id ORDER BY a.id LIMIT 5 }} AS articles,
       COUNT {{ (n)-[:MENTIONED_IN|REPORTED_IN]->(:Article) }} AS article_count"""
    for label, rejected in REJECTED.items())


def _when(correction: Correction) -> str:
    return correction.at[:16].replace("T", " ")


def _names(driver: Driver, database: str, corrections: list[Correction]) -> dict[str, str]:
    ids = sorted({t for c in corrections for t in [*c.targets, *c.result]})
    return {row["id"]: row["name"] for row in _read(driver, database, NAMES, ids=ids)} if ids else {}


def _node(node_id: str, names: dict[str, str], lang: Language) -> Any:
    """A node's name linked to the explorer, its id after it (both isolated: Latin ids and Arabic names meet)."""
    name = names.get(node_id)
    return html.Span([html.A(html.Bdi(name or node_id), href=href("/", lang, urlencode({"focus": node_id}))),
                      " ", html.Bdi(node_id, className="ng-muted", dir="ltr") if name else ""])


def _listed(items: list[Any], separator: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += [separator, item] if out else [item]
    return out


def table(corrections: list[Correction], names: dict[str, str], lang: Language) -> html.Table:
    comma = lang.t(", ")
    headings = (lang.t("Time"), lang.t("Analyst"), lang.t("Correction"), lang.t("Nodes"), lang.t("Reason"),
                lang.t("State"))
    rows = [html.Tr([html.Th(title) for title in headings])]
    # Arrows point from the node as it was to what it became (merged into, split into, retyped as), whichever way
    # the text runs.
    towards = f" {'←' if lang.dir == 'rtl' else '→'} "
    for c in reversed(corrections):
        state: Any = (isolated(lang.t("Undone ({user}, {when})"), user=c.undone_by,
                               when=c.undone_at[:16].replace("T", " ")) if c.undone and c.undone_at
                      else html.Button(lang.t("Undo"), id={"type": "corrections-page-undo", "id": c.id}, n_clicks=0))
        if c.kind == "merge" and c.keep:
            targets = [*_listed([_node(t, names, lang) for t in c.targets if t != c.keep], comma),
                       towards, _node(c.keep, names, lang)]
        else:
            targets = _listed([_node(t, names, lang) for t in c.targets],
                              " · " if c.kind.endswith("participant") else comma)
        if c.kind == "split" and c.changes.get("id"):
            targets += [towards, _node(c.changes["id"], names, lang)]
        if c.kind == "edit" and c.changes.get("id"):  # a node given another kind has another id now
            targets += [towards, _node(c.changes["id"], names, lang)]
        if c.kind == "edit" and c.changes:
            targets += [" · ", *_listed([html.Bdi(f"{k} = {v}") for k, v in c.changes.items() if k != "id"], comma)]
        rows.append(html.Tr([html.Td(_when(c), style={"whiteSpace": "nowrap"}), html.Td(html.Bdi(c.user)),
                             html.Td(kind_title(c.kind, lang.code)),
                             html.Td(targets), html.Td(c.note, dir="auto"), html.Td(state)],
                            **{"data-correction": c.id, "data-kind": c.kind}))
    return html.Table(html.Tbody(rows), className="ng-props", id="corrections-table")


def rejected(driver: Driver, database: str, corrections: list[Correction], lang: Language) -> html.Div:
    by_node = {c.targets[0]: c for c in corrections if c.kind == "reject" and not c.undone}
    rows = _read(driver, database, REJECTED_NODES)
    if not rows:
        return html.Div(lang.t("No rejected nodes."), className="ng-muted", id="rejected-nodes")
    items = []
    for row in sorted(rows, key=lambda r: r["name"]):
        correction = by_node.get(row["id"])
        who: list[Any] = []
        if correction:
            who = [" · ", *isolated(lang.t("rejected by {user} on {when}"), user=correction.user,
                                    when=_when(correction))]
            if correction.note:
                who += [lang.t(": "), html.Bdi(correction.note)]
        items.append(html.Li([
            html.B(html.Bdi(row["name"])), " (", html.Bdi(f"{row['label']} · {row['id']}", dir="ltr"), ")", *who,
            " · ", lang.n("named in {n} article:", "named in {n} articles:", row["article_count"]), " ", *[
                html.A(article, href=href("/article", lang, urlencode({"id": article})), dir="ltr",
                       style={"marginInlineEnd": ".4rem"})
                for article in row["articles"]],
            html.Button(lang.t("Restore"), id={"type": "corrections-page-undo", "id": correction.id}, n_clicks=0)
            if correction else "",
        ], **{"data-node": row["id"]}))
    return html.Div(html.Ul(items), id="rejected-nodes")


def content(driver: Driver, database: str, show_rejected: bool, lang: Language) -> list[Any]:
    corrections = log(driver, database)
    children: list[Any] = [html.H2(lang.t("Corrections ({count})", count=len(corrections))),
                           table(corrections, _names(driver, database, corrections), lang)
                           if corrections else html.P(lang.t("No corrections yet."), className="ng-muted")]
    if show_rejected:
        children += [html.H2(lang.t("Rejected nodes")), rejected(driver, database, corrections, lang)]
    return children


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    lang = language_of(search)
    show = parse_qs((search or "").lstrip("?")).get("rejected", [""])[0] in ("1", "on", "yes")
    return html.Div(lang=lang.code, dir=lang.dir, children=[
        header(lang.t("Corrections"), PATH, search, lang),
        html.Div(className="ng-article", children=[
            html.P(html.A(lang.t("Hide the rejected nodes") if show else lang.t("Show the rejected nodes"),
                          href=href(PATH, lang, None if show else "rejected=1"), id="toggle-rejected")),
            html.Div(id="corrections-page-message", role="status", className="ng-note"),
            dcc.Store(id="corrections-page-rejected", data=show),
            html.Div(content(driver, database, show, lang), id="corrections-page-content"),
        ]),
    ])


def register(app: Any, driver: Driver, database: str) -> None:
    @app.callback(Output("corrections-page-message", "children"), Output("corrections-page-content", "children"),
                  Input({"type": "corrections-page-undo", "id": ALL}, "n_clicks"),
                  State("corrections-page-rejected", "data"), State("ui-lang", "data"), prevent_initial_call=True)
    def undo_from_page(clicks: list[int], show_rejected: bool, code: str | None) -> Any:
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not any(clicks or []) or not ctx.triggered[0]["value"]:
            return no_update, no_update
        lang = language(code)
        try:
            correction = undo(driver, database, trigger["id"], user=current_user() or "dashboard")
        except CorrectionError as exc:
            return html.Bdi(lang.error(exc)), no_update
        return (isolated(lang.t("Correction {id} undone."), id=correction.id),
                content(driver, database, bool(show_rejected), lang))
