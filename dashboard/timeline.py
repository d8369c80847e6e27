"""The timeline under the canvas: the meetings on screen by date and type, sized by the reports they have;
meetings without a date stand apart in their own column (about half of those extracted from news).

Points carry the meeting's node id (customdata), so a click on the timeline selects the node on the canvas
and a click on the canvas highlights the point.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import language
from dashboard.style import LABEL_STYLES, meeting_type_title
from dashboard.view import MEETING_TYPES


def figure(meetings: list[dict[str, Any]], selected: str | None = None, lang: str = "ar",
           ui: str = "ar") -> go.Figure:
    """`lang` is the script of the meetings' captions (names: "ar" or "latin"), `ui` the interface language."""
    arabic = lang == "ar"
    speak = language(ui)
    titles = {kind: meeting_type_title(kind, speak.code) for kind in MEETING_TYPES}
    dated = sorted((m for m in meetings if m.get("date")), key=lambda m: (str(m["date"]), m["id"]))
    undated = sorted((m for m in meetings if not m.get("date")), key=lambda m: m["id"])
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.9, 0.1], horizontal_spacing=0.01)
    for column, group in ((1, dated), (2, undated)):
        ids = [m["id"] for m in group]
        x: list[Any] = [str(m["date"])[:10] for m in group] if column == 1 else \
            [(i % 5) for i in range(len(group))]  # undated: spread across their column, order carries nothing
        fig.add_scatter(
            x=x, y=[titles.get(m.get("type", ""), m.get("type", "")) for m in group], mode="markers",
            customdata=ids, name="dated" if column == 1 else "undated",
            text=[m.get("caption", "") if arabic else m.get("latin", "") for m in group],
            hovertemplate="%{text}<br>%{x}<extra></extra>" if column == 1 else "%{text}<extra></extra>",
            marker={"size": [8 + 2 * min(int(m.get("article_count") or 1), 10) for m in group],
                    "color": LABEL_STYLES["Meeting"]["color"] if column == 1 else "#9b9b9b",
                    "line": {"width": 1, "color": "#fff"}},
            selectedpoints=[ids.index(selected)] if selected in ids else None,
            selected={"marker": {"color": "#f1c40f", "opacity": 1}},
            unselected={"marker": {"opacity": 0.35 if selected in ids else 0.9}},
            row=1, col=column,
        )
    fig.update_layout(
        height=190, margin={"l": 80, "r": 20, "t": 8, "b": 28}, showlegend=False, clickmode="event",
        font={"family": "Noto Sans Arabic, Noto Sans, sans-serif", "size": 11}, plot_bgcolor="#fbfbfc",
        yaxis={"categoryorder": "array", "categoryarray": [titles[kind] for kind in MEETING_TYPES]},
    )
    fig.update_xaxes(type="date", row=1, col=1)
    fig.update_xaxes(showticklabels=False, range=[-1, 5], row=1, col=2,
                     title={"text": speak.t("undated ({count})", count=len(undated)), "font": {"size": 10},
                            "standoff": 2})
    if not dated:
        fig.add_annotation(text=speak.t("No dated meetings on the canvas"),
                           showarrow=False, xref="x domain", yref="paper", x=0.5, y=0.5)
    return fig
