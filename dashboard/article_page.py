"""The article page (/article?id=…&meeting=…): a stored article's full text, with the sentences that
report the chosen meeting and every recognised entity marked — the last step from a fact to its source."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

from dash import html
from neo4j import Driver

from dashboard.bidi import isolated
from dashboard.details import highlight
from dashboard.i18n import language_of
from dashboard.page_header import header, href
from dashboard.queries import _plain, _read

PATH = "/article"

ARTICLE = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (x)-[mention:MENTIONED_IN]->(a) WHERE NOT any(label IN labels(x) WHERE label STARTS WITH 'Rejected')
WITH a, collect(CASE WHEN x IS NULL THEN NULL ELSE {id: x.id, name: coalesce(x.name, x.id), name_en: x.name_en,
     label: labels(x)[0], starts: mention.starts, ends: mention.ends} END) AS mentions
OPTIONAL MATCH (m:Meeting {id: $meeting})-[r:REPORTED_IN]->(a)
RETURN a.id AS id, a.title AS title, a.text AS text, a.source AS source, a.published AS published, a.url AS url,
       mentions, r.starts AS starts, r.ends AS ends
"""


def layout(driver: Driver, database: str, search: str | None) -> html.Div:
    lang = language_of(search)
    query = parse_qs((search or "").lstrip("?"))
    article_id = query.get("id", [""])[0]
    meeting = query.get("meeting", [""])[0]
    rows = _read(driver, database, ARTICLE, id=article_id, meeting=meeting) if article_id else []
    if not rows:
        return html.Div(lang=lang.code, dir=lang.dir, children=[
            header(lang.t("Article"), PATH, search, lang),
            html.P(isolated(lang.t("There is no article with the id “{id}”."), id=article_id), id="article-missing",
                   style={"padding": "1rem"})])
    row = rows[0]
    text = row["text"] or ""
    evidence = sorted(zip(row["starts"] or [], row["ends"] or [], strict=False))
    pieces: list[Any] = []
    cursor = 0
    for start, end in evidence:  # the reporting sentences, each with its entities marked
        if start < cursor:
            continue
        pieces += _marked(text[cursor:start], cursor, row["mentions"], evidence=False)
        pieces.append(html.Span(_marked(text[start:end], start, row["mentions"], evidence=True),
                                className="ng-evidence-inline", id=f"evidence-{start}"))
        cursor = end
    pieces += _marked(text[cursor:], cursor, row["mentions"], evidence=False)
    back = href("/", lang, urlencode({"focus": meeting}) if meeting else None)
    # "Back" points the way the text runs: to the left in English, to the right in Arabic.
    arrow = "→" if lang.dir == "rtl" else "←"
    return html.Div(lang=lang.code, dir=lang.dir, children=[
        header(lang.t("Article"), PATH, search, lang),
        html.Div(className="ng-article", children=[
            html.A(arrow + " " + lang.t("Back to the explorer"), href=back, id="article-back"),
            # The article is Arabic whatever the interface: its title and text keep their own language and direction.
            html.H1(row["title"] or row["id"], id="article-title", lang="ar", dir="auto"),
            html.Div([html.Bdi(row.get("source") or lang.t("unknown outlet")), " · ",
                      html.Bdi(_plain(row["published"]) or lang.t("undated")), " · ",
                      html.Bdi(row["id"], dir="ltr")], className="ng-muted"),
            *([html.A(lang.t("Original source"), href=row["url"], target="_blank")] if row.get("url") else []),
            html.Div(pieces, id="article-text", lang="ar", dir="auto",
                     style={"whiteSpace": "pre-wrap", "lineHeight": "1.9"}),
        ]),
    ])


def _marked(text: str, offset: int, mentions: list[dict[str, Any]], evidence: bool) -> list[Any]:
    out: list[Any] = []
    for segment in highlight(text, offset, mentions):
        if segment.entity is None:
            out.append(segment.text)
        else:
            out.append(html.Mark(segment.text, title=segment.entity["name"],
                                 className=f"ng-entity ng-{segment.entity['label'].lower()}"
                                 + (" ng-party" if evidence else "")))
    return out


def register(app: Any, driver: Driver, database: str) -> None:
    """No callbacks: the page is static."""
