"""The details panel: a node's properties and, above all, the Arabic sentences that support it."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple
from urllib.parse import urlencode

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.i18n import DEFAULT_LANGUAGE, language, with_language
from dashboard.style import label_title, meeting_type_title

HIDDEN_PROPERTIES = {"text", "content_hash", "path", "parties_key", "kind_class", "anchor", "window", "lo", "hi",
                     "rkey1", "rkey2", "keys", "curated"}
MAX_LISTED_MEETINGS = 200


class Segment(NamedTuple):
    text: str
    entity: dict[str, Any] | None  # the entity mentioned by this piece of the sentence, if any


def highlight(sentence: str, sentence_start: int, mentions: list[dict[str, Any]]) -> list[Segment]:
    """The sentence cut into plain text and entity mentions.

    `mentions` carry article-wide character offsets (`starts`, `ends`); those inside the sentence are
    marked. Overlaps keep the earlier, longer mention.
    """
    end_of_sentence = sentence_start + len(sentence)
    spans: list[tuple[int, int, dict[str, Any]]] = []
    for mention in mentions:
        for start, end in zip(mention.get("starts") or [], mention.get("ends") or [], strict=False):
            if sentence_start <= start < end <= end_of_sentence:
                spans.append((start - sentence_start, end - sentence_start, mention))
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    segments: list[Segment] = []
    cursor = 0
    for start, end, mention in spans:
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(sentence[cursor:start], None))
        segments.append(Segment(sentence[start:end], mention))
        cursor = end
    if cursor < len(sentence) or not segments:
        segments.append(Segment(sentence[cursor:], None))
    return segments


def _evidence(sentence: str, start: int | None, mentions: list[dict[str, Any]], parties: set[str]) -> html.Blockquote:
    pieces: list[Any] = []
    for segment in highlight(sentence, start, mentions) if start is not None else [Segment(sentence, None)]:
        if segment.entity is None:
            pieces.append(segment.text)
        else:
            entity = segment.entity
            kind = "ng-party" if entity["id"] in parties else "ng-mention"
            pieces.append(html.Mark(segment.text, className=f"ng-entity {kind} ng-{entity['label'].lower()}",
                                    title=f"{entity['name']}" + (f" — {entity['name_en']}" if entity.get("name_en")
                                                                 else "")))
    return html.Blockquote(pieces, className="ng-evidence", lang="ar", dir="rtl")


def _property_rows(props: dict[str, Any]) -> html.Table:
    return html.Table(className="ng-props", children=html.Tbody([
        html.Tr([html.Td(key, className="ng-muted"),
                 html.Td(", ".join(map(str, value)) if isinstance(value, list) else str(value))])
        for key, value in sorted(props.items()) if key not in HIDDEN_PROPERTIES and value not in (None, [], "")
    ]))


def actions(node_id: str, more: int, expanded: bool, pinned: bool, lang: str = DEFAULT_LANGUAGE) -> html.Div:
    """Buttons acting on the selected node (ids carry the node, so the callback knows which)."""
    ui = language(lang)

    def button(text: str, action: str, **extra: Any) -> html.Button:
        return html.Button(text, id={"type": "node-action", "action": action}, n_clicks=0, **extra)

    buttons = [
        button(ui.t("Show more ({count})", count=more), "more", disabled=more <= 0),
        button(ui.t("Collapse"), "collapse") if expanded else button(ui.t("Expand"), "expand"),
        button(ui.t("Hide"), "hide"),
        button(ui.t("Unpin") if pinned else ui.t("Pin"), "pin"),
        button(ui.t("Path start"), "path_start", title=ui.t("Then choose another node and press “Path to here”")),
        button(ui.t("Path to here"), "path_end"),
    ]
    return html.Div(buttons, className="ng-actions", id="node-actions", **{"data-node": node_id})


def meetings_over_time(meetings: list[dict[str, Any]], lang: str = DEFAULT_LANGUAGE) -> dcc.Graph | None:
    dated = [m for m in meetings if m.get("date")]
    if not dated:
        return None
    counts: Counter[tuple[str, str]] = Counter((str(m["date"])[:7], m["type"]) for m in dated)
    figure = go.Figure()
    for kind in sorted({kind for _, kind in counts}):
        months = sorted(month for month, k in counts if k == kind)
        figure.add_bar(x=months, y=[counts[(month, kind)] for month in months],
                       name=meeting_type_title(kind, lang))
    figure.update_layout(barmode="stack", height=180, margin={"l": 20, "r": 10, "t": 10, "b": 20},
                         legend={"orientation": "h", "y": -0.3}, xaxis={"type": "category"},
                         font={"family": "Noto Sans Arabic, sans-serif", "size": 10})
    return dcc.Graph(id="details-over-time", figure=figure, config={"displayModeBar": False})


def render(details: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> list[Any]:
    """The details panel of a node (from dashboard.queries.node_details) in the interface language `lang`."""
    ui = language(lang)
    props = details["properties"]
    label = details["label"]
    node_id = props["id"]
    if label == "Meeting":
        title = meeting_type_title(props.get("type", ""), lang)
        heading = f"{title}: {props.get('title') or props.get('name') or ''}"
    else:
        heading = props.get("name") or node_id
    none_given = ui.t("not mentioned")
    undated = ui.t("undated")
    children: list[Any] = [
        # Names and meeting titles are Arabic (or Latin) whatever the interface: isolated, in their own direction.
        html.H2(html.Bdi(heading), id="details-title", style={"fontSize": "1.15rem"}),
        # The kind, then the label as the graph spells it (left out where the two read the same, in English).
        html.Div([label_title(label, lang), *([" · ", html.Bdi(label, dir="ltr")] if label_title(label, lang) != label
                                              else []), " · ",
                  html.A(ui.t("Link to this node"), href="/" + with_language(urlencode({"focus": node_id}), lang),
                         id="details-link")],
                 className="ng-muted"),
    ]
    # A meeting's evidence comes first; its properties fold away below.
    properties = html.Details([html.Summary(ui.t("Properties")), _property_rows(props)], open=label != "Meeting",
                              className="ng-properties")
    for role in details.get("roles", []):
        children.append(html.Div([html.Bdi(role.get("title") or ui.t("represents")), " — ", html.Bdi(role["name"]),
                                  *([" (", html.Bdi(role["name_en"]), ")"] if role.get("name_en") else [])],
                                 className="ng-role"))
    if label != "Meeting":
        children.append(properties)
    if label == "Meeting":
        status = {"happened": ui.t("happened"), "planned": ui.t("planned")}.get(props.get("status", ""),
                                                                                props.get("status", ""))
        facts = [(ui.t("Date"), props.get("date") or props.get("date_text") or ui.t("unknown")),
                 (ui.t("Status"), status),
                 (ui.t("Venue"), ui.t(", ").join(details.get("places") or []) or none_given),
                 (ui.t("Subject"), ui.t(", ").join(details.get("topics") or []) or none_given),
                 (ui.t("Reports"), ui.t("{articles} from {outlets}",
                                        articles=ui.n("{n} article", "{n} articles", props.get("article_count", 0)),
                                        outlets=ui.n("{n} outlet", "{n} outlets", props.get("outlet_count", 0)))),
                 (ui.t("First published"), props.get("first_reported") or "")]
        children.append(html.Div(className="ng-meeting-facts", id="meeting-facts", children=[
            html.Div([html.Span(f"{name}: ", className="ng-muted"), html.Bdi(str(value))])
            for name, value in facts if value]))
        parties = {p["id"] for p in details["participants"]}
        children.append(html.H3(ui.t("Participants"), style={"fontSize": "1rem"}))
        children.append(html.Ul([html.Li([html.Bdi(p["name"]),
                                          *([" (", html.Bdi(p["name_en"]), ")"] if p.get("name_en") else []),
                                          " — " + ui.t("the initiator") if p.get("initiator") else ""])
                                 for p in details["participants"]]))
        children.append(html.H3(ui.t("Sources ({count})", count=len(details["reports"])), style={"fontSize": "1rem"}))
        for number, report in enumerate(details["reports"]):
            starts = report.get("starts") or [None] * len(report["sentences"])
            article_link = "/article" + with_language(urlencode({"id": report["article"], "meeting": node_id}), lang)
            children.append(html.Div(className="ng-report", children=[
                html.Div([html.A(html.Bdi(report["title"] or report["article"]), href=article_link, target="_blank",
                                 className="ng-article-link"),
                          *([" · ", html.A(ui.t("Original source"), href=report["url"], target="_blank")]
                            if report.get("url") else []),
                          " · " + ui.t("first to publish") if number == 0 and len(details["reports"]) > 1 else ""]),
                html.Div([html.Bdi(report.get("source") or ui.t("unknown outlet")), " · ",
                          html.Bdi(str(report.get("published") or ui.t("undated")))], className="ng-muted"),
                # The evidence is the article's Arabic, right to left whatever the interface.
                *[_evidence(sentence, start, report.get("mentions", []), parties)
                  for sentence, start in zip(report["sentences"], starts, strict=False)],
            ]))
        children.append(properties)
    elif details.get("meetings"):
        meetings = details["meetings"]
        children.append(html.H3(ui.t("Meetings over time ({count})", count=len(meetings)), style={"fontSize": "1rem"}))
        chart = meetings_over_time(meetings, lang)
        if chart is not None:
            children.append(chart)
        children.append(html.Ul(id="details-meetings", children=[
            html.Li([f"{m.get('date') or undated} · {meeting_type_title(m['type'], lang)} · ",
                     html.Bdi(ui.t(", ").join(m.get("others") or []) or (m.get("name") or ""))])
            for m in sorted(meetings, key=lambda m: str(m.get("date") or ""), reverse=True)[:MAX_LISTED_MEETINGS]
        ]))
    return children
