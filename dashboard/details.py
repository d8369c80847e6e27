"""The details panel: a node's properties and, above all, the Arabic sentences that support it."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple
from urllib.parse import urlencode

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.style import LABEL_STYLES, MEETING_TYPE_TITLES

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
    return html.Blockquote(pieces, className="ng-evidence")


def _property_rows(props: dict[str, Any]) -> html.Table:
    return html.Table(className="ng-props", children=html.Tbody([
        html.Tr([html.Td(key, className="ng-muted"),
                 html.Td(", ".join(map(str, value)) if isinstance(value, list) else str(value))])
        for key, value in sorted(props.items()) if key not in HIDDEN_PROPERTIES and value not in (None, [], "")
    ]))


def actions(node_id: str, more: int, expanded: bool, pinned: bool) -> html.Div:
    """Buttons acting on the selected node (ids carry the node, so the callback knows which)."""
    def button(text: str, action: str, **extra: Any) -> html.Button:
        return html.Button(text, id={"type": "node-action", "action": action}, n_clicks=0, **extra)

    buttons = [
        button(f"اعرض المزيد ({more})", "more", disabled=more <= 0),
        button("طيّ", "collapse") if expanded else button("توسيع", "expand"),
        button("إخفاء", "hide"),
        button("إلغاء التثبيت" if pinned else "تثبيت", "pin"),
        button("بداية مسار", "path_start", title="ثم اختر عقدة أخرى واضغط «مسار إلى هنا»"),
        button("مسار إلى هنا", "path_end"),
    ]
    return html.Div(buttons, className="ng-actions", id="node-actions", **{"data-node": node_id})


def meetings_over_time(meetings: list[dict[str, Any]]) -> dcc.Graph | None:
    dated = [m for m in meetings if m.get("date")]
    if not dated:
        return None
    counts: Counter[tuple[str, str]] = Counter((str(m["date"])[:7], m["type"]) for m in dated)
    figure = go.Figure()
    for kind in sorted({kind for _, kind in counts}):
        months = sorted(month for month, k in counts if k == kind)
        figure.add_bar(x=months, y=[counts[(month, kind)] for month in months],
                       name=MEETING_TYPE_TITLES.get(kind, kind))
    figure.update_layout(barmode="stack", height=180, margin={"l": 20, "r": 10, "t": 10, "b": 20},
                         legend={"orientation": "h", "y": -0.3}, xaxis={"type": "category"},
                         font={"family": "Noto Sans Arabic, sans-serif", "size": 10})
    return dcc.Graph(id="details-over-time", figure=figure, config={"displayModeBar": False})


def render(details: dict[str, Any]) -> list[Any]:
    props = details["properties"]
    label = details["label"]
    node_id = props["id"]
    if label == "Meeting":
        title = MEETING_TYPE_TITLES.get(props.get("type", ""), props.get("type", ""))
        heading = f"{title}: {props.get('title') or props.get('name') or ''}"
    else:
        heading = props.get("name") or node_id
    children: list[Any] = [
        html.H2(heading, id="details-title", style={"fontSize": "1.15rem"}),
        html.Div([f"{LABEL_STYLES[label]['title']} · {label} · ",
                  html.A("رابط هذه العقدة", href="/?" + urlencode({"focus": node_id}), id="details-link")],
                 className="ng-muted"),
    ]
    # A meeting's evidence comes first; its properties fold away below.
    properties = html.Details([html.Summary("الخصائص"), _property_rows(props)], open=label != "Meeting",
                              className="ng-properties")
    for role in details.get("roles", []):
        children.append(html.Div(f"{role.get('title') or 'يمثل'} — {role['name']}"
                                 + (f" ({role['name_en']})" if role.get("name_en") else ""), className="ng-role"))
    if label != "Meeting":
        children.append(properties)
    if label == "Meeting":
        status = {"happened": "جرى", "planned": "مقرر"}.get(props.get("status", ""), props.get("status", ""))
        facts = [("التاريخ", props.get("date") or props.get("date_text") or "غير معروف"), ("الحالة", status),
                 ("المكان", "، ".join(details.get("places") or []) or "غير مذكور"),
                 ("الموضوع", "، ".join(details.get("topics") or []) or "غير مذكور"),
                 ("التقارير", f"{props.get('article_count', 0)} مقالة من {props.get('outlet_count', 0)} مصدر"),
                 ("أول نشر", props.get("first_reported") or "")]
        children.append(html.Div(className="ng-meeting-facts", id="meeting-facts", children=[
            html.Div([html.Span(f"{name}: ", className="ng-muted"), str(value)]) for name, value in facts if value]))
        parties = {p["id"] for p in details["participants"]}
        children.append(html.H3("المشاركون", style={"fontSize": "1rem"}))
        children.append(html.Ul([html.Li(f"{p['name']}" + (f" ({p['name_en']})" if p.get("name_en") else "")
                                         + (" — المبادر" if p.get("initiator") else ""))
                                 for p in details["participants"]]))
        children.append(html.H3(f"المصادر ({len(details['reports'])})", style={"fontSize": "1rem"}))
        for number, report in enumerate(details["reports"]):
            starts = report.get("starts") or [None] * len(report["sentences"])
            article_link = "/article?" + urlencode({"id": report["article"], "meeting": node_id})
            children.append(html.Div(className="ng-report", children=[
                html.Div([html.A(report["title"] or report["article"], href=article_link, target="_blank",
                                 className="ng-article-link"),
                          *([" · ", html.A("المصدر الأصلي", href=report["url"], target="_blank")]
                            if report.get("url") else []),
                          " · أول من نشر" if number == 0 and len(details["reports"]) > 1 else ""]),
                html.Div(f"{report.get('source') or 'مصدر غير معروف'} · {report.get('published') or 'بلا تاريخ'}",
                         className="ng-muted"),
                *[_evidence(sentence, start, report.get("mentions", []), parties)
                  for sentence, start in zip(report["sentences"], starts, strict=False)],
            ]))
        children.append(properties)
    elif details.get("meetings"):
        meetings = details["meetings"]
        children.append(html.H3(f"اللقاءات عبر الزمن ({len(meetings)})", style={"fontSize": "1rem"}))
        chart = meetings_over_time(meetings)
        if chart is not None:
            children.append(chart)
        children.append(html.Ul(id="details-meetings", children=[
            html.Li([f"{m.get('date') or 'بلا تاريخ'} · {MEETING_TYPE_TITLES.get(m['type'], m['type'])} · ",
                     "، ".join(m.get("others") or []) or (m.get("name") or "")])
            for m in sorted(meetings, key=lambda m: str(m.get("date") or ""), reverse=True)[:MAX_LISTED_MEETINGS]
        ]))
    return children
